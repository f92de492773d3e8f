"""Office holders found from the words that address them (no model)."""

from __future__ import annotations

from communique.extract.mentions import Mention, kb_mentions
from communique.extract.offices import named_holders

_SPEECH = "Merci, Monsieur le Président, cher Egils. Je suis heureux d'être en Lettonie."


def _greeted(text: str, published: str | None, extra: list[Mention] | None = None) -> list[tuple[str, str | None]]:
    mentions = [*kb_mentions(text, "fr"), *(extra or [])]
    return [(text[m.start : m.end], m.entry.id if m.entry else None) for m in named_holders(mentions, text, published, None)]


def test_a_greeted_first_name_is_the_office_holder_of_a_state_named() -> None:
    assert ("Egils", "person:lv_levits") in _greeted(_SPEECH, "2020-09-29")


def test_the_greeted_holder_replaces_what_the_recogniser_made_of_the_name() -> None:
    start = _SPEECH.index("Egils")
    found = _greeted(_SPEECH, "2020-09-29", [Mention(start, start + 5, "organization", "ner")])
    assert [name for name, _ in found].count("Egils") == 1


def test_no_holder_out_of_office_or_of_a_state_not_named() -> None:
    assert ("Egils", "person:lv_levits") not in _greeted(_SPEECH, "2024-09-29")
    assert all(name != "Egils" for name, _ in _greeted("Merci, cher Egils.", "2020-09-29"))


def _titled(text: str, published: str, publisher: str | None) -> list[str | None]:
    start = text.index("Harris")
    mentions = [*kb_mentions(text, "en"), Mention(start, start + 6, "person", "ner")]
    return [m.entry.id if m.entry else None for m in named_holders(mentions, text, published, publisher) if m.start == start]


def test_a_surname_after_an_office_its_bearer_held_is_the_office_holder() -> None:
    text = "With Guatemala, Vice President Harris announces the following."
    assert _titled(text, "2021-06-07", "US") == ["person:us_harris"]


def test_a_surname_after_an_office_its_bearer_did_not_hold_stays_unknown() -> None:
    assert _titled("With Guatemala, Vice President Harris announces.", "2019-06-07", "US") == [None]
    assert _titled("With Guatemala, Senator Harris announces.", "2021-06-07", "US") == [None]
