"""Roles: the office a person holds, as the document states it.

A title next to a person's name ("Le ministre de …, Xavier Bettel", "Mirjana Spoljaric
Egger, présidente du CICR", "Prime Minister Narendra Modi of India") is that person's
office. The office belongs to the organization or country named inside the title (or by
an adjective: "le ministre allemand", "la diplomatie européenne"), or after the name ("…
of India"); a national office that names neither belongs to the document's home country.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

from communique.extract.registry import step
from communique.extract.titles import Title, find_titles
from communique.extract.work import Work
from communique.kb.gazetteer import demonym_countries, entries, fold_text
from communique.kb.lexicon import honorific_pattern, lexicon
from communique.model import Entity, Role
from communique.text import fold

_AFTER_NAME = re.compile(r"^\s*,\s*((?:le|la|l['’]|the|son|sa|his|her|notre|our)\s*)?$", re.IGNORECASE)
_OF_AFTER_NAME = re.compile(r"\s+(?:of|from|de|du|de la|de l['’])\s+(?:the\s+)?", re.IGNORECASE)


def _mentions_in(work: Work, start: int, end: int) -> list[tuple[int, Entity]]:
    entities = {e.id: e for e in work.record.entities}
    found = [(s, entities[eid]) for (s, e), eid in work.mentions.items() if start <= s and e <= end]
    return sorted(found, key=lambda item: item[0])


def _adjective_owner(work: Work, title: str) -> Entity | None:
    """ "la diplomatie européenne" is the EU's office, "entités onusiennes" the UN's."""
    adjectives = lexicon().organization_adjectives.get(work.record.document.language, {})
    words = re.findall(r"[\w-]+", title)
    wanted = {adjectives[w] for w in words if w in adjectives}
    for entity_id, entry in work.kb_entries.items():
        if entry.id in wanted:
            return work.record.entity(entity_id)
    return None


def _url_country(url: str | None) -> str | None:
    """The state a publisher's address belongs to: "whitehouse.gov" → US, "gouv.fr" → FR."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    suffix = host.rsplit(".", 1)[-1].lower()
    if suffix in ("gov", "mil"):
        return "US"
    if suffix == "uk":
        return "GB"
    return suffix.upper() if len(suffix) == 2 else None


_SOURCE_URL = re.compile(r"(?im)^\s*(?:source|sources|publié par|published by)\s*:?\s*(https?://\S+)")


def _source_line_url(text: str) -> str | None:
    """Official statements often end with "Source https://www.diplomatie.gouv.fr, le …"."""
    match = _SOURCE_URL.search(text[-600:])
    return match.group(1) if match else None


def publisher_code(work: Work) -> str | None:
    """ISO code of the state at the publisher's address ("whitehouse.gov" → US)."""
    return _url_country(work.record.document.url) or _url_country(_source_line_url(work.record.document.text))


def publisher_state(work: Work) -> str | None:
    """The entity of the state at the publisher's address: "the Vice President" of a
    White House readout is the United States' even where no sentence names them."""
    return state_entity(work, publisher_code(work))


def state_entity(work: Work, code: str | None) -> str | None:
    """The entity of the state with ISO code ``code``, added to the record without
    mentions when the text never names it (the state a document speaks for)."""
    entry = entries().get(f"country:{code}") if code else None
    return work.add_known(entry) if entry is not None else None


def home_country(work: Work) -> str | None:
    """The country whose government speaks, as an entity of the record: the publisher's
    address, else the place of the dateline, else the most mentioned country with
    national bodies (ministries, the White House) counting double."""
    by_alpha2 = {entry.country: eid for eid, entry in work.kb_entries.items() if entry.kind == "country" and entry.country}
    stated = _url_country(work.record.document.url) or _url_country(_source_line_url(work.record.document.text))
    if stated is not None:
        # the publisher's state, or nobody: another state's name would be a guess
        return by_alpha2.get(stated)
    opening = work.record.document.text[:200]
    for (start, _end), entity_id in sorted(work.mentions.items()):
        entry = work.kb_entries.get(entity_id)
        if start < len(opening) and entry is not None and entry.kind == "place" and entry.country in by_alpha2:
            return by_alpha2[entry.country]
    votes: Counter[str] = Counter()
    for entity_id, entry in work.kb_entries.items():
        mentions = len(work.record.entity(entity_id).mentions)
        if entry.kind == "country":
            votes[entity_id] += mentions
        elif entry.country in by_alpha2:
            votes[by_alpha2[entry.country]] += 2 * mentions
    return votes.most_common(1)[0][0] if votes else None


def speaking_state_code(work: Work) -> str | None:
    """ISO code of the state whose voice the document is: a speaker's own (knowledge
    base), else the home country's."""
    speaker = work.kb_entries.get(work.speaker or "")
    if speaker is not None and speaker.country:
        return speaker.country
    home = work.kb_entries.get(home_country(work) or "")
    return home.country if home is not None else None


def speaking_state(work: Work) -> str | None:
    """The entity of that state (added when the text never names it)."""
    return state_entity(work, speaking_state_code(work))


def _is_national(title: Title, language: str) -> bool:
    """ "Deputy Prime Minister" as "Prime Minister"; "First Lady" as itself."""
    national = lexicon().national_titles.get(language, frozenset())
    head = fold_text(re.sub(r"^(?:vice|deputy|acting|principal|senior|first)[\s-]+", "", title.head, flags=re.I))
    return head in national or fold_text(title.head) in national


_DESTINATION = re.compile(r"(?:\bto|auprès de|\bin|\ben|\bau|\baux|\bà)\s+(?:the\s+|la\s+|le\s+|l['’])?$", re.IGNORECASE)


def _sentence_country(work: Work, title: Title) -> str | None:
    """ "The Mexican high-level delegation included Foreign Secretary …": the country the
    sentence names before a title that names none."""
    text = work.record.document.text
    sentence_start = max(text.rfind(". ", 0, title.start), text.rfind("\n", 0, title.start)) + 1
    countries = [e for s, e in _mentions_in(work, sentence_start, title.start) if e.kind == "country"]
    return countries[-1].id if countries else None


Owners = tuple[str | None, str | None]  # organization, country


def _owned_by(entities: list[Entity]) -> Owners:
    """The first organization and the first country among ``entities``."""
    organization = next((e.id for e in entities if e.kind in ("organization", "programme")), None)
    country = next((e.id for e in entities if e.kind == "country"), None)
    return organization, country


def _named_by_complement(work: Work, title: Title) -> str | None:
    """ "haut-commissaire des Nations unies aux droits de l'Homme" heads the body whose name
    ends the same way: the Haut-Commissariat des Nations unies aux droits de l'homme."""
    complement = fold(title.text(work.record.document.text)[len(title.head) :])
    if len(complement) < 6:
        return None
    for entity in work.record.entities:
        if entity.kind in ("organization", "programme") and any(fold(n).endswith(complement) for n in entity.names()):
            return entity.id
    return None


def _inside_title(work: Work, title: Title) -> Owners:
    body = _named_by_complement(work, title)
    if body is not None:
        return body, None
    text = work.record.document.text
    # "Ambassador to Mexico" serves another state than Mexico
    named = [e for s, e in _mentions_in(work, title.start, title.end) if not _DESTINATION.search(text[title.start : s])]
    return _owned_by(named)


_WORD_BEFORE = re.compile(r"([\w-]+)\s+$")


def _right_before(work: Work, title: Title) -> Owners:
    """ "UN High Commissioner for Refugees", "Ukrainian President", "USAID Administrator",
    "Bahraini NSA" (a people's adjective: that state's office)."""
    spans = [(s, e) for (s, e) in work.mentions if 0 <= title.start - e <= 1]
    owners = _owned_by([work.record.entity(work.mentions[span]) for span in spans])
    if owners != (None, None):
        return owners
    before = _WORD_BEFORE.search(work.record.document.text, max(0, title.start - 40), title.start)
    code = demonym_countries().get(fold_text(before.group(1))) if before and before.group(1)[:1].isupper() else None
    return None, state_entity(work, code)


def _after_name(work: Work, after: int) -> Owners:
    """ "Prime Minister Narendra Modi of India"."""
    of = _OF_AFTER_NAME.match(work.record.document.text, after)
    if of is None:
        return None, None
    return _owned_by([e for s, e in _mentions_in(work, of.end(), of.end() + 80) if s == of.end()][:1])


def _known_holder(work: Work, person: str, national: bool) -> Owners | None:
    """The state (for a ``national`` office) or the international body an office holder of
    the knowledge base serves, as an entity of the record: the state is added when the
    text never names it ("au ministre Jean-Yves Le Drian" in a speech in Amman), the body
    only when named. None for a person the knowledge base does not know."""
    entry = work.kb_entries.get(person)
    if entry is None or entry.kind != "person":
        return None
    if national:
        return None, state_entity(work, entry.country)
    return (work.entity_of(entry.parent) if entry.parent else None), None


def _national_body(work: Work, owners: Owners) -> Owners:
    """ "White House Homeland Security Advisor", "ministre au ministère de …": an office in
    a government's own body is an office of the state."""
    organization, country = owners
    entry = work.kb_entries.get(organization or "")
    code = entry.state_body_of() if entry is not None else None
    if country is None and code is not None:
        state = state_entity(work, code)
        if state is not None:
            return None, state
    return owners


def _owners(work: Work, title: Title, person: str, after: int) -> Owners:
    # "Secretary Armen Grigoryan of Armenia": what follows the name says whose office it is
    for organization, country in (_after_name(work, after), _inside_title(work, title), _right_before(work, title)):
        if organization or country:
            return _national_body(work, (organization, country))
    owner = _adjective_owner(work, title.text(work.record.document.text))
    if owner is not None:
        return owner.id, None
    # "le Premier ministre Mark Rutte" in a French statement: the Netherlands', known from
    # the knowledge base, not France's
    national = _is_national(title, work.record.document.language)
    known = _known_holder(work, person, national)
    if known is not None:
        return known
    if national:
        return None, _sentence_country(work, title) or home_country(work) or publisher_state(work)
    return None, None


_MAX_GAP = 20


_ACRONYM_GAP = re.compile(r"\([A-Z]{2,8}\)")


def _only_punctuation_between(gap: str) -> bool:
    """Nothing but commas, spaces, an acronym in brackets ("National Security Advisor
    (NSA) Tzachi Hanegbi") and a form of address between a title and a name."""
    rest = _ACRONYM_GAP.sub("", gap).strip(" ,")
    return not honorific_pattern().sub("", rest + " ").strip() if rest else True


def _introduces_name(title: Title, people: list[tuple[int, int]], text: str, comma: bool = True) -> bool:
    """Whether a name follows the title with only punctuation between (no comma either,
    unless ``comma``)."""
    return any(
        0 <= start - title.end <= _MAX_GAP
        and _only_punctuation_between(text[title.end : start])
        and (comma or "," not in text[title.end : start])
        for start, _ in people
    )


def _holders(people: list[tuple[int, int]], titles: list[Title], text: str) -> list[tuple[tuple[int, int], Title]]:
    """Pairs of a person's name and the title beside it. An apposition after a name
    ("Audrey Azoulay, directrice générale de l'UNESCO") belongs to that name before it can
    introduce the next one ("…, Audrey Azoulay")."""
    pairs: list[tuple[tuple[int, int], Title]] = []
    taken: set[Title] = set()
    for person in people:
        for title in titles:
            after = _AFTER_NAME.match(text[person[1] : title.start]) if title.start >= person[1] else None
            # "Emmanuel Macron, la chancelière …, Mme Angela Merkel", "Prime Minister Benjamin
            # Netanyahu, President Isaac Herzog": a title with an article, or glued to the
            # name after it, is that name's, not an apposition to the one before
            introduces = _introduces_name(title, people, text, comma=False) or (
                after is not None and after.group(1) and _introduces_name(title, people, text)
            )
            if after and not introduces:
                pairs.append((person, title))
                taken.add(title)
                break
    for person in people:
        for title in titles:
            gap = text[title.end : person[0]]
            if title not in taken and title.end <= person[0] and len(gap) <= _MAX_GAP and _only_punctuation_between(gap):
                pairs.append((person, title))
                break
    return pairs


@step("roles", requires=("doc", "record.entities", "mentions", "kb_entries"), assigns=("record.roles", "record.entities"))
def find_roles(work: Work) -> None:
    """Each person's office from the title beside their name, once per person and owner."""
    text = work.record.document.text
    kinds = {e.id: e.kind for e in work.record.entities}
    people = sorted(span for span, eid in work.mentions.items() if kinds[eid] == "person")
    titles = list(find_titles(work.doc, text, work.record.document.language, people))
    best: dict[tuple[str, str | None, str | None], Role] = {}
    for span, title in _holders(people, titles, text):
        person = work.mentions[span]
        organization, country = _owners(work, title, person, span[1])
        role = Role(
            person=person,
            title=title.text(text),
            organization=organization,
            country=country,
            evidence=(min(title.start, span[0]), max(title.end, span[1])),
        )
        if organization is None and country is None:
            continue  # an office of nobody in particular says nothing checkable
        key = (person, organization, country)
        if key not in best or len(role.title) > len(best[key].title):
            best[key] = role
    work.record.roles = sorted(best.values(), key=lambda r: r.evidence[0])
