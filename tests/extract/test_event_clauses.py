"""Events read clause by clause: the opening event dated by the publication, markers of
the future bearing on their own clause only, a date and a place of the trigger's own
phrase (invented texts in the style of official releases)."""

from __future__ import annotations

import pytest

from communique.extract import Extractor
from communique.ingest.clean import OffsetMap
from communique.ingest.prepare import PreparedDocument
from communique.model import Document, Event, Record
from communique.settings import Options

pytestmark = pytest.mark.model


def _extract(text: str, language: str = "en", published: str = "2023-03-31", title: str = "Readout") -> Record:
    document = Document(
        id=Document.id_for(text), source="release.txt", language=language, title=title, published=published, text=text
    )
    return Extractor(Options(quiet=True)).extract(PreparedDocument(document=document, offsets=OffsetMap(), raw_text=text))


def _of_type(record: Record, kind: str) -> list[Event]:
    return [e for e in record.events if e.type == kind]


def test_an_undated_opening_event_happened_on_the_day_of_publication() -> None:
    text = (
        "Le président de la République s'est entretenu par téléphone avec le président de la République de Turquie, "
        "Recep Tayyip Erdogan, au sujet de la situation en Méditerranée orientale."
    )
    record = _extract(text, "fr", "2020-09-22", "Communiqué de la Présidence de la République")
    calls = [e for e in record.events if e.date is not None]
    assert calls
    assert calls[0].date is not None
    assert calls[0].date.start == "2020-09-22"


def test_an_undated_event_later_in_the_story_stays_undated() -> None:
    text = (
        "The United States stands with the people of Japan. The alliance is strong. Trade grows every year. "
        "Students study abroad in both countries. President Biden met with Prime Minister Kishida of Japan."
    )
    meetings = _of_type(_extract(text), "meeting")
    assert meetings
    assert meetings[-1].date is None


def test_a_plan_in_another_clause_leaves_the_event_reported() -> None:
    text = (
        "Deputy National Security Advisor Anne Neuberger traveled to Costa Rica March 29-30 to announce the United "
        "States' plan to provide $25 million in cybersecurity support."
    )
    visits = _of_type(_extract(text), "visit")
    assert len(visits) == 1
    assert visits[0].factuality == "asserted"
    assert visits[0].date is not None
    assert visits[0].date.start == "2023-03-29"


def test_a_plan_bearing_on_the_trigger_makes_it_planned() -> None:
    text = "Secretary Blinken will travel to Costa Rica next week to meet President Chaves."
    assert all(e.factuality != "asserted" for e in _extract(text).events)


def test_the_date_of_the_trigger_s_own_phrase_wins_over_a_nearer_one() -> None:
    text = (
        "Les membres du groupe ont salué la mobilisation immédiate suite aux explosions du 4 août et se sont "
        "félicités des engagements pris lors de la conférence de haut niveau co-présidée par les Nations unies et "
        "la France le 9 août dernier."
    )
    conferences = _of_type(_extract(text, "fr", "2020-09-23"), "conference")
    assert conferences
    assert conferences[0].date is not None
    assert conferences[0].date.start == "2020-08-09"


def test_welcoming_an_assessment_is_no_hosting() -> None:
    text = "Ils ont accueilli avec satisfaction l'évaluation conjointe de l'Union européenne et des Nations unies."
    assert not _of_type(_extract(text, "fr", "2020-09-23"), "host")


def test_an_opening_event_put_at_another_time_is_not_dated_by_the_publication() -> None:
    text = "In the hours following the earthquakes, President Biden called President Erdogan to offer assistance."
    calls = [e for e in _extract(text, published="2023-02-10").events if e.plover_mode == "phone"]
    assert calls
    assert calls[0].date is None


def test_an_opening_event_that_dates_another_is_dated_by_the_publication() -> None:
    text = "Following a bilateral meeting with Guatemalan President Giammattei, Vice President Harris announces the following."
    meetings = _of_type(_extract(text, published="2021-06-07"), "meeting")
    assert meetings
    assert meetings[0].date is not None
    assert meetings[0].date.start == "2021-06-07"


def test_where_support_goes_is_not_where_an_event_happens() -> None:
    text = "La conférence de haut niveau en soutien à Beyrouth a réuni les Nations unies et la France le 9 août."
    conferences = _of_type(_extract(text, "fr", "2020-09-23"), "conference")
    assert conferences
    assert conferences[0].location is None


def test_conclusions_of_a_body_are_its_declaration_on_the_day() -> None:
    text = "1. Le Conseil européen a fait le point sur la situation épidémiologique actuelle.\n\n2. Il appelle à la vigilance."
    title = "Conclusions du Conseil européen sur l'épidémie de Covid-19, le 16 octobre 2020."
    record = _extract(text, "fr", "2020-10-16", title)
    declarations = _of_type(record, "declaration")
    assert declarations
    assert {record.entity(p).name for p in declarations[0].participants} == {"Conseil européen"}
    assert declarations[0].date is not None
    assert declarations[0].date.start == "2020-10-16"


def test_what_is_called_for_has_not_happened() -> None:
    text = "Au Haut-Karabakh, nous appelons les parties à engager des discussions sans délai."
    assert all(e.factuality != "asserted" for e in _extract(text, "fr", "2020-10-15").events)


def test_a_call_made_at_a_meeting_leaves_the_meeting_reported() -> None:
    text = "President Biden met with Prime Minister Kishida of Japan on Monday and urged continued cooperation."
    meetings = _of_type(_extract(text), "meeting")
    assert meetings
    assert meetings[0].factuality == "asserted"


def test_the_run_up_to_a_summit_is_not_the_summit() -> None:
    text = "The Vice President conveyed her intention to work with President Banga in the leadup to the G20 Leaders' Summit."
    assert all(e.factuality != "asserted" for e in _of_type(_extract(text), "conference"))


def test_a_release_of_co_chairs_is_the_declaration_of_their_body() -> None:
    text = (
        "Les co-présidents ont rencontré le 24 octobre à Washington le ministre des affaires étrangères d'Arménie "
        "Zohrab Mnatsakanyan. Les co-présidents du groupe de Minsk de l'OSCE ont rappelé le communiqué conjoint du 1er "
        "octobre du président Emmanuel Macron."
    )
    title = (
        "Communiqué de presse des co-présidents français, américain et russe du Groupe de Minsk de l'OSCE sur le Haut-Karabakh"
    )
    record = _extract(text, "fr", "2020-10-25", title)
    own = [e for e in _of_type(record, "declaration") if e.date is not None and e.date.start == "2020-10-25"]
    assert len(own) == 1
    assert [record.entity(p).name for p in own[0].participants] == ["Groupe de Minsk de l'OSCE"]


def test_a_past_stop_in_a_speech_is_a_visit_that_leaves_the_speech_where_it_is() -> None:
    text = (
        "Je suis très heureux d'être parmi vous à Riga. "
        "J'étais il y a quelques instants, juste avant de vous rejoindre, en Lituanie auprès de nos forces. "
        "Nos discussions de ce soir avec le président Egils Levits permettront d'aller plus loin."
    )
    title = "Déclaration de M. Emmanuel Macron, président de la République, sur la Lettonie, à Riga le 29 septembre 2020."
    record = _extract(text, "fr", "2020-09-29", title)
    visits = _of_type(record, "visit")
    assert "Lituanie" in [record.entity(v.location).name for v in visits if v.location]
    meetings = _of_type(record, "meeting")
    assert meetings
    assert meetings[0].location is not None
    assert record.entity(meetings[0].location).name == "Riga"


def test_welcoming_a_delegation_is_hosting_a_visit() -> None:
    text = (
        "President López Obrador welcomed a high-level U.S. delegation led by Homeland Security Advisor "
        "Elizabeth Sherwood-Randall."
    )
    assert _of_type(_extract(text, published="2023-03-10"), "visit")


def test_counterparts_met_in_turn_are_separate_meetings() -> None:
    text = "Avec le Président Sissi ce matin, puis à l'instant avec Sameh Choukry, nous avons eu de longs échanges."
    title = "Déclaration de M. Jean-Yves Le Drian, ministre, sur l'Egypte, au Caire le 8 novembre 2020."
    record = _extract(text, "fr", "2020-11-08", title)
    meetings = [{record.entity(p).name for p in e.participants} for e in _of_type(record, "meeting")]
    assert len(meetings) == 2
    assert all("Jean-Yves Le Drian" in people for people in meetings)
    assert not any({"Abdel Fattah el-Sisi", "Sameh Choukry"} <= people for people in meetings)


def test_counterparts_met_together_are_one_meeting() -> None:
    text = "Avec le Président Sissi et Sameh Choukry, nous avons eu de longs échanges ce matin."
    title = "Déclaration de M. Jean-Yves Le Drian, ministre, sur l'Egypte, au Caire le 8 novembre 2020."
    assert len(_of_type(_extract(text, "fr", "2020-11-08", title), "meeting")) == 1


def test_the_authors_of_a_joint_statement_speak_as_we() -> None:
    text = (
        "La France et l'Allemagne condamnent l'empoisonnement. Comme nous avons eu l'occasion de le souligner dans un "
        "communiqué conjoint du 4 septembre, cette tentative est inacceptable."
    )
    title = "Communiqué conjoint des ministres des affaires étrangères de la France et de l'Allemagne sur M. Navalny"
    record = _extract(text, "fr", "2020-10-07", title)
    earlier = [e for e in _of_type(record, "declaration") if e.date is not None and e.date.start == "2020-09-04"]
    assert len(earlier) == 1
    assert {record.entity(p).name for p in earlier[0].participants} == {"France", "Allemagne"}
