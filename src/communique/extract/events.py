"""Events: meetings, calls, visits, signings, dialogues, conferences, declarations,
adoptions, launches and announcements, each once, dated, placed and coded.

A trigger of the lexicon in a sentence that names an actor is an event. Its participants
are the actors the sentence names outside the titles of others; when the sentence names
only the counterpart ("un déjeuner de travail avec …"), the document's protagonist is the
other side. Its date is the sentence's, else the frame's (the last event's date: the
events of a one-day visit share its date); its place is a place named after "à", "in",
"at"…, else the place of the visit it belongs to. Triggers of one occurrence (a meeting
and the dialogue it was part of, five sentences about one call) become one event."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as Sentence

from communique.dates import DateMention
from communique.extract.registry import step
from communique.extract.roles import speaking_state, speaking_state_code
from communique.extract.work import Work
from communique.kb.event_lexicon import EventKind, event_lexicon
from communique.kb.gazetteer import find, is_venue
from communique.model import Event, Factuality, When
from communique.text import trim_span

_ACTOR_KINDS = frozenset({"person", "organization", "country"})
_PLACE_KINDS = frozenset({"place", "country"})
_PLACE_LEAD = re.compile(r"(?:\b(?:à|au|aux|en|dans|in|at|to)\s+(?:la\s+|le\s+|l['’]|the\s+)?)$", re.IGNORECASE)
_REMOTE = frozenset({"phone"})
# kinds of one occurrence seen from different angles ("leur rencontre a eu lieu à l'occasion
# du premier Dialogue de haut niveau")
_SAME_OCCASION = frozenset({"meeting", "dialogue", "conference"})
_NEEDS_SUBSTANCE = {
    # announcements and launches are events only when something is announced or launched
    "announcement": re.compile(r"\d|million|milliard|billion|nouve(?:au|lle)|new\b|initiative|programme|program", re.I),
    "launch": re.compile(
        r"initiative|programme|program|partenariat|partnership|plateforme|platform|fonds|fund|projet|project|phase", re.I
    ),
}
# "a nuclear test would be met with a strong response"
_PASSIVE = re.compile(r"\b(?:be|been|being|is|are|was|were)\s+$", re.I)
_NOT_A_MEETING = re.compile(
    r"meeting (?:the|their|its|our|his|her|these|those)? ?(?:needs|goals|targets|demands|obligations|commitments)", re.I
)


@dataclass
class _Candidate:
    kind: EventKind
    start: int  # trigger
    end: int
    sentence: tuple[int, int]
    participants: list[str] = field(default_factory=list)
    date: When | None = None
    location: str | None = None
    factuality: Factuality = "asserted"
    refers_back: bool = False  # "the meeting included …", "cette rencontre": an occasion named before
    pointed: bool = False  # "ce dialogue", "this meeting", undated: points to one told before
    group: int = 0  # which of the meetings a sentence tells in turn ("avec A, puis avec B")


_Match = tuple[int, int, str, bool]  # start, end, kind name, anchored


def _trigger_matches(text: str, language: str) -> list[_Match]:
    """Every match of every trigger pattern in the document, found in one pass per
    pattern over the whole text (not one per sentence), by start."""
    lexicon = event_lexicon()
    found = [
        (match.start(), match.end(), kind_name, anchored)
        for kind_name, pattern, anchored in lexicon.triggers.get(language, lexicon.triggers["en"])
        for match in pattern.finditer(text)
    ]
    return sorted(found)


def _triggers(sentence: Sentence, matches: list[_Match]) -> list[tuple[int, int, EventKind]]:
    """Non-overlapping triggers of a sentence, longest first."""
    lexicon = event_lexicon()
    text, offset = sentence.text, sentence.start_char
    found: list[tuple[int, int, EventKind]] = []
    for start, end, kind_name, anchored in matches[bisect_left(matches, (offset,)) :]:
        if start >= sentence.end_char:
            break
        local = start - offset
        if end > sentence.end_char or (anchored and text[:local].strip()):
            continue
        kind = lexicon.kinds[kind_name]
        if kind_name in _NEEDS_SUBSTANCE and not _NEEDS_SUBSTANCE[kind_name].search(text):
            continue
        if kind.type == "meeting" and (_NOT_A_MEETING.match(text, local) or _PASSIVE.search(text, 0, local)):
            continue
        found.append((start, end, kind))
    chosen: list[tuple[int, int, EventKind]] = []
    # reported events claim their words before the weak kinds coded for event data
    for start, end, kind in sorted(found, key=lambda t: (t[2].weak, t[0] - t[1], t[0])):
        if all(end <= s or start >= e for s, e, _ in chosen):
            chosen.append((start, end, kind))
    names = {kind.name for _, _, kind in chosen}
    if "host" in names and names & {"meeting", "call"}:
        # "X hosted Y for a breakfast meeting": the hosting is the meeting
        chosen = [c for c in chosen if c[2].name != "host"]
    return sorted(chosen, key=lambda t: t[0])


def _inside_titles(work: Work) -> list[tuple[int, int]]:
    """Spans of the titles of roles: the organization in "directeur général de l'OMS" is
    the director's employer, not a participant of its own."""
    spans = []
    for role in work.record.roles:
        person = work.record.entity(role.person)
        start, end = role.evidence
        names = [(s, e) for s, e in person.mentions if start <= s and e <= end]
        spans.extend([(start, names[0][0]), (names[0][1], end)] if names else [(start, end)])
    return spans


def _actors(work: Work, sentence: tuple[int, int], titles: list[tuple[int, int]]) -> list[str]:
    kinds = {e.id: e.kind for e in work.record.entities}
    found: list[str] = []
    for (start, end), entity_id in sorted(work.mentions.items()):
        if not (sentence[0] <= start and end <= sentence[1]) or kinds[entity_id] not in _ACTOR_KINDS:
            continue
        if any(s <= start and end <= e for s, e in titles) or _is_place_mention(work, start):
            continue
        if entity_id not in found:
            found.append(entity_id)
    return found


def _is_place_mention(work: Work, start: int) -> bool:
    """ "à Genève", "in Jeddah": a country or city where something happens is a place here."""
    return bool(_PLACE_LEAD.search(work.record.document.text[max(0, start - 12) : start]))


def _location(work: Work, sentence: tuple[int, int], trigger: int) -> str | None:
    """The first place, country or venue ("at the White House") named where it happens,
    outside a relative clause that tells of something else ("les engagements pris par le
    président Macron à Paris")."""
    for (start, end), entity_id in sorted(work.mentions.items()):
        if sentence[0] <= start and end <= sentence[1] and _is_place_mention(work, start):
            entity = work.record.entity(entity_id)
            if _AIMED_AT.search(work.record.document.text, max(0, start - 30), start):
                continue  # "en soutien à Beyrouth": where help goes, not where things happen
            if (entity.kind in _PLACE_KINDS or is_venue(entity.names())) and not _other_clause(work, start, trigger):
                return entity_id
    return None


_AIMED_AT = re.compile(
    r"\b(?:soutien|aide|assistance|solidarité|support|aid|solidarity|hommage|tribute)\s+(?:à|au|aux|to|for)\s+(?:la\s+|le\s+|l['’]|the\s+)?$",
    re.IGNORECASE,
)
_RELATIVE_CLAUSES = frozenset({"acl:relcl", "relcl", "acl"})


def _other_clause(work: Work, start: int, trigger: int) -> bool:
    """Whether the words at ``start`` belong to a relative or participial clause that the
    word at ``trigger`` is not part of."""
    word, trigger_word = _word_at(work.doc, start), _word_at(work.doc, trigger)
    if word is None or trigger_word is None:
        return False
    for ancestor in [word, *word.ancestors]:
        if ancestor.dep_ in _RELATIVE_CLAUSES and trigger_word not in ancestor.subtree:
            return True
    return False


def _word_at(doc: Doc, position: int) -> Token | None:
    """The word of the parse at character ``position``."""
    span = doc.char_span(position, position + 1, alignment_mode="expand")
    return span[0] if span else None


def _phrase_of(doc: Doc, position: int) -> tuple[int, int]:
    """The characters of the phrase the word at ``position`` heads (its parse subtree)."""
    word = _word_at(doc, position)
    if word is None:
        return (position, position)
    subtree = list(word.subtree)
    return subtree[0].idx, subtree[-1].idx + len(subtree[-1].text)


def _owned_by_noun(doc: Doc, date: DateMention, trigger: tuple[int, int]) -> bool:
    """Whether a date qualifies a noun other than the trigger ("les explosions du 4 août")."""
    span = doc.char_span(date.start, date.end, alignment_mode="expand")
    if span is None:
        return False
    head = span.root.head
    return span.root.dep_ == "nmod" and head.pos_ in ("NOUN", "PROPN") and not trigger[0] <= head.idx < trigger[1]


def _date(doc: Doc, dates: list[DateMention], sentence: tuple[int, int], trigger: tuple[int, int]) -> When | None:
    inside = [d for d in dates if sentence[0] <= d.start and d.end <= sentence[1] and d.when is not None]
    if not inside:
        return None
    # a date of the trigger's own phrase ("la conférence … co-présidée … le 9 août"), else
    # the nearest that no other noun owns ("suite aux explosions du 4 août" dates the
    # explosions)
    own = _phrase_of(doc, trigger[0])

    def rank(date: DateMention) -> tuple[bool, bool, int]:
        inside_own = own[0] <= date.start and date.end <= own[1]
        return (not inside_own, not inside_own and _owned_by_noun(doc, date, trigger), abs(date.start - trigger[0]))

    nearest = min(inside, key=rank)
    assert nearest.when is not None
    start, end, precision = nearest.when
    return When(start=start, end=end, precision=precision)


_CLAUSES = frozenset({"advcl", "xcomp", "ccomp", "acl", "acl:relcl", "relcl", "conj", "parataxis"})


def _factuality(work: Work, sentence: Sentence, trigger: int) -> Factuality:
    """Whether the sentence reports the event at ``trigger`` as having happened: a marker
    ("will", "prévue", "could") counts when it bears on the trigger's own clause, not when
    it belongs to another one ("traveled to Costa Rica to announce the plan to provide")."""
    trigger_word = _word_at(work.doc, trigger)
    for value, pattern in event_lexicon().factuality.get(work.record.document.language, ()):
        for match in pattern.finditer(sentence.text):
            marker = _word_at(work.doc, sentence.start_char + match.start())
            if marker is None or trigger_word is None or _bears_on(marker, trigger_word):
                return value
            # "in the leadup to the G20 Summit": right before the trigger's phrase, whatever the parse
            if _RIGHT_BEFORE.fullmatch(sentence.text, match.end(), trigger - sentence.start_char):
                return value
    return "asserted"


_RIGHT_BEFORE = re.compile(r"[\s\w'’-]{0,30}")


def _bears_on(marker: Token, trigger: Token) -> bool:
    """A marker governs the trigger ("plans to travel"), or hangs from it without crossing
    into a clause of its own ("will meet", "la réunion prévue")."""
    return marker == trigger or marker in trigger.ancestors or _hangs_from(marker, trigger)


def _hangs_from(marker: Token, trigger: Token) -> bool:
    """Whether a word is part of the trigger's phrase without a clause of its own between;
    the word may itself qualify the trigger ("la réunion prévue"), but a clause joined to
    it is another event ("met with … and urged")."""
    node = marker
    while node not in (trigger, node.head):
        if node.dep_ in _CLAUSES and not (node == marker and node.dep_ == "acl"):
            return False
        node = node.head
    return node == trigger and (marker == trigger or marker.dep_ not in _CLAUSES or marker.dep_ == "acl")


def _protagonist(work: Work) -> str | None:
    """The person the document is about: the speaker of a speech, else the most mentioned."""
    if work.speaker is not None:
        return work.speaker
    people = Counter({e.id: len(e.mentions) for e in work.record.entities if e.kind == "person"})
    return people.most_common(1)[0][0] if people else None


_FIRST_PERSON = {
    "fr": re.compile(r"(?<![\w-])(?:je|j['’]|nous|moi|mon|ma|mes|notre|nos)(?![\w-])", re.IGNORECASE),
    "en": re.compile(r"(?<![\w-])(?:I|[Ww]e|[Mm]y|[Oo]ur|me|us)(?![\w-])"),
}


# "nous", "we": those who speak, as a group (a government, the authors of a statement)
FIRST_PERSON_PLURAL = re.compile(r"(?<![\w-])(?:[Nn]ous|[Nn]os|[Nn]otre|[Ww]e|[Oo]ur)(?![\w-])")
_WE_BEFORE = re.compile(r"(?<![\w-])(?:[Nn]ous|[Ww]e)\s+(?:\w+\s+){0,2}$")


def _speaker_in(work: Work, sentence: str) -> bool:
    """ "les échanges que nous avons eus ce matin avec …" in a speech: the speaker's."""
    pattern = _FIRST_PERSON.get(work.record.document.language)
    return pattern is not None and bool(pattern.search(sentence))


def _at_home(work: Work, place: str | None) -> bool:
    """A place in the speaker's own country (known to the knowledge base, else the
    country whose government speaks): a speaker there is on no visit."""
    if place is None:
        return True
    home, entry = speaking_state_code(work), work.kb_entries.get(place)
    return home is not None and entry is not None and entry.country == home


_IN_TURN = re.compile(r"\b(?:puis|ensuite|then|separately|séparément|successivement|tour à tour)\b", re.IGNORECASE)
_WITH = re.compile(r"\b(?:avec|with)\b", re.IGNORECASE)


def _in_turn(work: Work, sentence: Sentence, participants: list[str]) -> list[list[str]]:
    """ "Avec le Président Sissi ce matin, puis à l'instant avec Sameh Choukry, nous avons
    eu de longs échanges": one meeting per counterpart the sentence meets in turn, each
    with the actors common to all; otherwise one meeting of all participants."""
    if not _IN_TURN.search(sentence.text):
        return [participants]
    withs = [sentence.start_char + m.start() for m in _WITH.finditer(sentence.text)]
    counterparts: dict[int, list[str]] = {}
    people = [
        (start, entity_id)
        for (start, _), entity_id in sorted(work.mentions.items())
        if sentence.start_char <= start < sentence.end_char
        and entity_id in participants
        and _kind_of(work, entity_id) == "person"
    ]
    for start, entity_id in people:
        before = [w for w in withs if w < start]
        if before and entity_id not in counterparts.get(before[-1], []):
            counterparts.setdefault(before[-1], []).append(entity_id)
    if len(counterparts) < 2:
        return [participants]
    met = {p for group in counterparts.values() for p in group}
    common = [p for p in participants if p not in met]
    return [[*common, *group] for group in counterparts.values()]


def _sentence_actors(work: Work, sentence: Sentence, titles: list[tuple[int, int]], authors: list[str]) -> list[str]:
    """The actors a sentence names; a speaker who says "je" or "nous"; the authors of a
    joint statement who say "nous" ("comme nous l'avons souligné dans un communiqué …")."""
    actors = _actors(work, (sentence.start_char, sentence.end_char), titles)
    if work.speaker is not None and work.speaker not in actors and _speaker_in(work, sentence.text):
        actors.insert(0, work.speaker)
    if not actors and authors and FIRST_PERSON_PLURAL.search(sentence.text):
        return list(authors)
    return actors


def _candidates(work: Work) -> list[_Candidate]:
    document = work.record.document
    dates = work.dates
    titles = _inside_titles(work)
    protagonist = _protagonist(work)
    frame_date: When | None = None
    # a speech given abroad is the frame of what it tells ("j'étais en Lituanie" was before)
    frame_place = None if _at_home(work, work.speech_place) else work.speech_place
    found: list[_Candidate] = []
    title_end = _title_end(document.text, document.title)
    quotes = _quotations(document.text)
    matches = _trigger_matches(document.text, document.language)
    authors = statement_authors(work)  # they speak as "nous"
    body = 0  # sentences of the story read so far
    for sentence in work.sentences:
        if sentence.end_char <= title_end or sentence.text.rstrip().endswith("?"):
            continue  # the headline announces the story the text then tells; a question asserts nothing
        body += 1
        span = (sentence.start_char, sentence.end_char)
        triggers = [t for t in _triggers(sentence, matches) if not any(s <= t[0] < e for s, e in quotes)]
        if not triggers:
            continue
        actors = _sentence_actors(work, sentence, titles, authors)
        if not actors or _is_heading(sentence.text):
            # a heading ("(visioconférence, 26 juin 2020)") dates the story it opens
            frame_date = _date(work.doc, dates, span, triggers[0][:2]) or frame_date
            continue
        if protagonist and protagonist not in actors and len([a for a in actors if _kind_of(work, a) == "person"]) <= 1:
            actors = [protagonist, *actors]
        # "Leur rencontre a eu lieu à l'occasion du premier Dialogue …": one reference
        # back makes the whole sentence about the occasion already told
        sentence_refers = any(_refers_back(document.text, start) for start, _, _ in triggers)
        for start, end, kind in triggers:
            factuality = _factuality(work, sentence, start)
            place = _location(work, span, start)
            stated = _date(work.doc, dates, span, (start, end))
            date = stated or frame_date
            if date is None and not found and body <= _OPENING and not kind.weak and not _elsewhen(work, sentence, start):
                date = _published(document.published, factuality)
            location = None if kind.mode in _REMOTE else (place or frame_place)
            if kind.type == "visit" and work.speaker in actors:
                # "je suis heureux d'être ici", "merci de ton accueil": where and when the
                # title says the speech was given, unless the speaker is at home there
                location = place or work.speech_place or location
                date = stated or _published(document.published, factuality) or date
                if _at_home(work, location):
                    continue
            participants = _participants(work, kind, start, actors)
            # "ce dialogue" that the sentence does not date adds nothing to the one pointed at
            pointed = stated is None and bool(_DEMONSTRATIVE.search(document.text, max(0, start - 8), start))
            groups = _in_turn(work, sentence, participants) if kind.type == "meeting" else [participants]
            for group, people in enumerate(groups):
                found.append(
                    _Candidate(kind, start, end, span, people, date, location, factuality, sentence_refers, pointed, group)
                )
            if factuality == "asserted" and not kind.weak:
                # the day of publication is a guess for the opening event only, except in
                # a speech, which is given that day: what follows keeps a date the text gives
                frame_date = date if work.speaker is not None else stated or frame_date
                if kind.type == "visit" and place and frame_place is None:
                    frame_place = place
    return found


def _participants(work: Work, kind: EventKind, trigger: int, actors: list[str]) -> list[str]:
    """The sentence's actors; a speaker who says "Nous avons signé" signs for a state."""
    text = work.record.document.text
    if kind.type == "signing" and work.speaker in actors and _WE_BEFORE.search(text, max(0, trigger - 30), trigger):
        state = speaking_state(work)
        if state is not None and state not in actors:
            return [*actors, state]
    return list(actors)


# the sentences that open a story: an undated event told there is the release's news,
# unless the sentence puts it at another time it leaves unsaid ("in the hours following
# the earthquakes")
_OPENING = 3


def _elsewhen(work: Work, sentence: Sentence, trigger: int) -> bool:
    """Whether the trigger's phrase puts it at a time it leaves unsaid ("President Biden,
    in the hours following the earthquakes, called …"; not "Following a meeting with …",
    which dates something else by the meeting)."""
    trigger_word = _word_at(work.doc, trigger)
    if trigger_word is None:
        return False
    for match in _ELSEWHEN.finditer(sentence.text):
        cue = _word_at(work.doc, sentence.start_char + match.start())
        if cue is not None and cue != trigger_word and _hangs_from(cue, trigger_word):
            return True
    return False


_ELSEWHEN = re.compile(
    r"\b(?:following|after|before|earlier|previously|recently|last|in the (?:hours|days|weeks)|"
    r"après|avant|suite à|à la suite|récemment|précédemment|dernier|dernière|il y a)\b",
    re.IGNORECASE,
)

_QUOTE = re.compile(r"«[^»]{0,2000}»|“[^”]{0,2000}”|\"[^\"\n]{0,2000}\"")


def _quotations(text: str) -> list[tuple[int, int]]:
    """What people are quoted saying is not the release reporting an event."""
    return [(m.start(), m.end()) for m in _QUOTE.finditer(text)]


def _is_heading(sentence: str) -> bool:
    """A short line without a verb's full stop: a section heading or caption."""
    line = sentence.strip()
    return "\n" not in line and len(line.split()) <= 14 and not line.endswith((".", "!", "?", ":", ";", "»", '"'))


def _title_end(text: str, title: str | None) -> int:
    first_line = text.split("\n", 1)[0]
    return len(first_line) if title and first_line.strip() == title.strip() else 0


_OF = r"(?:de la|du|de l['’]|des)"
_DECLARATION_TITLE = re.compile(
    r"\b(?:joint (?:statement|declaration|communiqu[ée])|(?:leaders['’]?|ministers['’]?) (?:statement|declaration)|"
    r"déclaration (?:conjointe|commune|des chefs|des ministres)|communiqué (?:conjoint|commun)|"
    # "Déclaration de la France, de la Lituanie et de la Lettonie sur …": several authors
    rf"^déclaration {_OF} [^,]{{2,40}}(?:, {_OF} [^,]{{2,40}})* et {_OF} |"
    # "Conclusions du Conseil européen sur …": the text a body adopted at its meeting
    rf"^conclusions {_OF} |^(?:[\w-]+ )?conclusions of the |"
    # "Communiqué de presse des co-présidents … du Groupe de Minsk", "Statement by the Co-Chairs"
    r"\b(?:communiqué|déclaration)(?: de presse)? des co-?présidents|\bstatement (?:by|of|from) the co-?chairs)",
    re.IGNORECASE,
)
_CONCLUSIONS = re.compile(r"^(?:[\w-]+ )?conclusions ", re.IGNORECASE)
_CO_CHAIRS = re.compile(r"\bco-?(?:présidents|chairs)\b", re.IGNORECASE)
_DECLARATION_REACH = 2  # sentences whose actors sign a statement issued as the document itself


def _document_declaration(work: Work, candidates: list[_Candidate]) -> _Candidate | None:
    """A joint statement published as the document is itself an event: the declaration of
    the actors named as its authors, on the day of publication."""
    document = work.record.document
    heading = document.title or document.text.split("\n", 1)[0]
    published = _published(document.published, "asserted")
    # the text may tell of the declaration itself, or only of earlier ones it recalls
    told = any(c.kind.type == "declaration" and c.date in (None, published) for c in candidates)
    if not _DECLARATION_TITLE.search(heading) or told:
        return None
    sentences = [s for s in work.sentences if s.text.strip()][:_DECLARATION_REACH]
    if not sentences:
        return None
    span = (sentences[0].start_char, sentences[-1].end_char)
    actors = _title_authors(work, heading) or _actors(work, span, _inside_titles(work))
    if not actors:
        return None
    lexicon = event_lexicon()
    start = sentences[0].start_char
    return _Candidate(lexicon.kinds["declaration"], start, start, span, actors, published)


def statement_authors(work: Work) -> list[str]:
    """The states or the body whose joint statement the document is, by its title
    ("Communiqué conjoint … de la République française et … de la République de
    Colombie")."""
    title = work.record.document.title
    return _title_authors(work, title) if title and _DECLARATION_TITLE.search(title) else []


def _title_authors(work: Work, heading: str) -> list[str]:
    """ "Déclaration de la France, de la Lituanie et de la Lettonie sur …": the states a
    title names as authors, when the text names them too; "Conclusions du Conseil
    européen sur …", "Communiqué des co-présidents du Groupe de Minsk": the body."""
    named = [
        (m.entry.kind, entity)
        for m in find(re.split(r" (?:sur|on) ", heading, maxsplit=1)[0])
        if (entity := work.entity_of(m.entry.id))
    ]
    bodies = [entity for kind, entity in named if kind == "organization"]
    if bodies and (_CONCLUSIONS.match(heading) or _CO_CHAIRS.search(heading)):
        return bodies[:1]  # the co-chairs speak for their body, whatever states they come from
    countries = list(dict.fromkeys(entity for kind, entity in named if kind == "country"))
    return countries if len(countries) >= 2 else []


def _published(published: str | None, factuality: Factuality) -> When | None:
    """A release reports what happened on its day unless it says otherwise: an undated
    event that opens the story is dated by the publication."""
    if published is None or factuality != "asserted" or len(published) != 10:
        return None
    return When(start=published, end=published, precision="day")


def _kind_of(work: Work, entity_id: str) -> str:
    return work.record.entity(entity_id).kind


_DEMONSTRATIVE = re.compile(r"\b(?:this|that|these|those|ce|cet|cette|ces)\s+$", re.IGNORECASE)
_BACK_REFERENCE = re.compile(r"(?:the|this|that|their|la|cette|leur|ce|cet|l['’])\s*$", re.IGNORECASE)
_OPENS_WITH_REFERENCE = re.compile(r"(?:the|this|that|their|la|cette|leur|ce|cet|le)\s", re.IGNORECASE)


def _refers_back(text: str, start: int) -> bool:
    return bool(_BACK_REFERENCE.search(text[max(0, start - 8) : start])) or bool(_OPENS_WITH_REFERENCE.match(text, start))


def _compatible(a: _Candidate, b: _Candidate) -> bool:
    return a.kind.type == b.kind.type or (a.kind.type in _SAME_OCCASION and b.kind.type in _SAME_OCCASION)


def _same_occurrence(a: _Candidate, b: _Candidate) -> bool:
    """Two triggers are one occurrence when the second refers back to the first ("leur
    rencontre", "the meeting included"), or when they are of one kind, on one day, between
    the same actors; a visitor's several meetings of a day stay apart."""
    if a.date != b.date or not _compatible(a, b):
        return False
    if a.location and b.location and a.location != b.location:
        return False  # "à Riga", then "en Lituanie": two stops
    if a.sentence == b.sentence and a.group != b.group:
        return False
    return b.refers_back or a.sentence == b.sentence or set(a.participants) == set(b.participants)


def _summaries(candidates: list[_Candidate], work: Work) -> set[int]:
    """ "L'occasion de rencontrer les dirigeants … et de signer deux cadres": an event
    whose people all take part in two or more later events of its kind and day sums them
    up; the later ones are the events."""
    dropped: set[int] = set()
    for index, summary in enumerate(candidates):
        people = {p for p in summary.participants if _kind_of(work, p) == "person"}
        later = [
            c
            for c in candidates[index + 1 :]
            if c.kind.type == summary.kind.type
            and c.date == summary.date
            and people <= set(c.participants)
            and not c.refers_back  # "the meeting included …" tells the same one
        ]
        if people and len(later) >= 2:
            dropped.add(index)
    return dropped


def _merged(candidates: list[_Candidate]) -> list[_Candidate]:
    """One candidate per occurrence; an undated "ce dialogue" that merges with no
    occurrence told before points to none the text reports."""
    kept: list[_Candidate] = []
    for candidate in candidates:
        twin = next((k for k in kept if k.factuality == candidate.factuality and _same_occurrence(k, candidate)), None)
        if twin is None:
            if not candidate.pointed:
                kept.append(candidate)
            continue
        twin.participants.extend(p for p in candidate.participants if p not in twin.participants)
        twin.location = twin.location or candidate.location
    return kept


def _confidence(candidate: _Candidate) -> float:
    """Calibrated on the dev gold: asserted events with a date and two sides are nearly
    always right; planned, hypothetical or negated ones are not events that happened."""
    if candidate.factuality != "asserted":
        return {"planned": 0.3, "hypothetical": 0.2, "negated": 0.1}[candidate.factuality]
    if candidate.kind.weak:
        return 0.4
    score = 0.6 + (0.2 if candidate.date else 0.0) + (0.1 if len(candidate.participants) >= 2 else 0.0)
    return round(min(score, 0.95), 2)


@step(
    "events",
    requires=("doc", "record.entities", "mentions", "kb_entries", "speaker", "record.roles"),
    assigns=("record.events",),
)
def find_events(work: Work) -> None:
    """Events from triggers in sentences that name actors, merged per occurrence."""
    candidates = _candidates(work)
    declaration = _document_declaration(work, candidates)
    if declaration is not None:
        candidates.insert(0, declaration)
    summaries = _summaries(candidates, work)
    remaining = [c for index, c in enumerate(candidates) if index not in summaries]
    kept = [c for c in _merged(remaining) if _confidence(c) >= work.options.event_confidence]
    events = []
    for number, candidate in enumerate(kept, start=1):
        confidence = _confidence(candidate)
        events.append(
            Event(
                id=f"ev{number}",
                type=candidate.kind.type,
                plover=candidate.kind.plover,
                plover_mode=candidate.kind.mode,
                cameo=candidate.kind.cameo,
                date=candidate.date,
                location=candidate.location,
                participants=candidate.participants,
                evidence=trim_span(work.record.document.text, candidate.sentence),
                confidence=confidence,
                factuality=candidate.factuality,
            )
        )
    work.record.events = events
