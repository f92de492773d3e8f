"""Offices named without a name: "The Vice President met …" in a White House readout that
named Kamala Harris before, "le Président de la République" in an Élysée communiqué that
names Emmanuel Macron. The office belongs to the state the document speaks for; the
knowledge base says who held it on the day of publication. Each such reference becomes a
mention of that person, when the text names them somewhere."""

from __future__ import annotations

import re

from communique.extract.mentions import Mention
from communique.extract.roles import publisher_code
from communique.extract.work import Work
from communique.kb.gazetteer import KbEntry, demonyms, find, fold_text, holder, holders_called

# the offices a government's own releases name bare, by language; a complement ("le
# président de la République de Turquie", "the President of Ghana") or a name after the
# title ("le Président de la République, M. Emmanuel Macron") means another reading
_BARE_OFFICE = {
    "fr": re.compile(
        r"\b(?:[Ll]e|[Ll]a|[Dd]u|[Aa]u)\s+(?P<title>[Pp]résident(?:e)? de la République|[Pp]remier [Mm]inistre|"
        r"[Pp]remière [Mm]inistre|[Mm]inistre de l['’]Europe et des [Aa]ffaires étrangères)"
        r"(?!\s+(?:de|du|des|d['’])\s)(?!,?\s+(?:M\.|Mme|[A-ZÀ-Þ][a-zà-ÿ]+\s+[A-ZÀ-Þ]))(?![\w-])"
    ),
    "en": re.compile(
        r"\b[Tt]he\s+(?P<title>President|Vice President|Secretary of State|National Security Advisor|First Lady|"
        r"Prime Minister)(?!\s+(?:of|from)\s)(?!,?\s+[A-Z][a-z]+\s+[A-Z])(?![\w-])"
    ),
}


def _state_code(work: Work) -> str | None:
    """The state whose offices the document names bare: the speaker's, the publisher's,
    else the one whose government body the title names ("Communiqué de la Présidence de
    la République")."""
    speaker = work.kb_entries.get(work.speaker or "")
    if speaker is not None and speaker.country:
        return speaker.country
    publisher = publisher_code(work)
    if publisher:
        return publisher
    return next((code for m in find(work.record.document.title or "") if (code := m.entry.state_body_of())), None)


_VOCATIVE = re.compile(r"(?:Monsieur|Madame|Mister|Madam|Mr\.)\s+(?:le|la|the)?\s*$", re.IGNORECASE)
_NEXT_WORD = re.compile(r"\s+([\w-]+)")


def _someone_else_s(text: str, start: int, end: int) -> bool:
    """ "Monsieur le Premier ministre" addresses a guest; "le Premier ministre arménien" is
    another state's."""
    if _VOCATIVE.search(text, max(0, start - 20), start):
        return True
    following = _NEXT_WORD.match(text, end)
    return following is not None and fold_text(following.group(1)) in demonyms()


def resolve_offices(work: Work) -> None:
    """Add a mention of the office holder for every bare office the text names."""
    document = work.record.document
    pattern = _BARE_OFFICE.get(document.language)
    published = document.published or ""
    if pattern is None or len(published) != 10:
        return
    state = _state_code(work)
    if state is None:
        return
    occupied = list(work.mentions)
    for match in pattern.finditer(document.text):
        span = match.span("title")
        if any(s < span[1] and span[0] < e for s, e in occupied) or _someone_else_s(document.text, match.start(), span[1]):
            continue
        entry = holder(state, match.group("title"), published)
        # an office alone names nobody a reader would list: only a holder named elsewhere
        entity_id = work.entity_of(entry.id) if entry is not None else None
        if entity_id is None:
            continue
        entity = work.record.entity(entity_id)
        entity.mentions = sorted([*entity.mentions, span])
        work.mentions[span] = entity_id


# a speaker greets a peer by first name: "Merci, Monsieur le Président, cher Egils."
_GREETED = re.compile(r"\b(?:[Cc]her|[Cc]hère|[Dd]ear)\s+(?P<name>[A-ZÀ-Þ][a-zà-ÿ]+(?:-[A-ZÀ-Þ][a-zà-ÿ]+)?)\b(?!\s+[A-ZÀ-Þ])")
# the capitalised words right before a surname, where its title would be ("Vice President ")
_WORDS_BEFORE = re.compile(r"((?:[A-ZÀ-Þ][\w'’-]*\s){1,4})$")


def _titled(mention: Mention, text: str, countries: set[str], day: str) -> KbEntry | None:
    """The one office holder whose surname a lone name is and whose office the words
    before it name ("Vice President Harris")."""
    before = _WORDS_BEFORE.search(text[max(0, mention.start - 60) : mention.start])
    if before is None or " " in text[mention.start : mention.end].strip():
        return None
    words = before.group(1).split()
    for first in range(len(words)):
        people = holders_called(text[mention.start : mention.end], countries, day, " ".join(words[first:]))
        if people:
            return people[0] if len(people) == 1 else None
    return None


def named_holders(mentions: list[Mention], text: str, published: str | None, publisher: str | None) -> list[Mention]:
    """``mentions`` with office holders found by a part of their name: a first name a
    speaker greets, a surname after the title of an office its bearer held on the day, for
    a state the text names or the publisher's. Whatever the recogniser made of that name
    gives way."""
    if not published or len(published) != 10:
        return mentions
    countries = {m.entry.country for m in mentions if m.entry is not None and m.entry.kind == "country" and m.entry.country}
    countries |= {publisher} if publisher else set()
    found: list[Mention] = []
    for match in _GREETED.finditer(text):
        people = holders_called(match.group("name"), countries, published)
        if len(people) == 1:
            found.append(Mention(*match.span("name"), "person", "kb", people[0]))
    for mention in mentions:
        entry = _titled(mention, text, countries, published) if mention.kind == "person" and mention.entry is None else None
        if entry is not None:
            found.append(Mention(mention.start, mention.end, "person", "kb", entry))
    kept = [m for m in mentions if not any(g.start < m.end and m.start < g.end for g in found)]
    return sorted([*kept, *found], key=lambda m: m.start)
