"""Agreements and funding commitments: who committed how much, to whom, for which years,
under which instrument.

An agreement starts at a sentence that names an instrument and its signing, or that
commits money; the sentences after it that refer back to it ("ce partenariat", "this
agreement") or only add figures complete it. Its parties are the actors named "entre X et
Y", else the owners of its signatories' offices, else the actors of the sentence; its
signed date is the date of the signing event of the same sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml
from spacy.tokens import Span as Sentence

from communique.extract.events import FIRST_PERSON_PLURAL, statement_authors
from communique.extract.money import MoneyMention, find_amounts
from communique.extract.periods import PeriodMention, find_periods, period_for
from communique.extract.recipients import Beneficiaries, beneficiaries
from communique.extract.registry import step
from communique.extract.roles import home_country, speaking_state, speaking_state_code
from communique.extract.work import Work
from communique.model import Agreement, Amount, Event
from communique.text import trim_span

_JOINTLY = re.compile(r"\b(?:together|jointly|ensemble|conjointement)\b", re.IGNORECASE)
_PARTY_KINDS = frozenset({"organization", "country", "programme"})
_FOLLOWING = 2  # sentences after the first that may still describe the same agreement
_SIGNING = re.compile(r"sign|paraph|conclu|ratifi|en vigueur|into force", re.IGNORECASE)


@dataclass(frozen=True)
class _Lexicon:
    instruments: dict[str, re.Pattern[str]]
    commitments: dict[str, re.Pattern[str]]
    anaphora: dict[str, re.Pattern[str]]
    commitment_heads: dict[str, re.Pattern[str]]
    between: dict[str, str]


def _alternation(patterns: list[str]) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{'|'.join(patterns)})(?!\w)", re.IGNORECASE)


@cache
def _lexicon() -> _Lexicon:
    data = yaml.safe_load(resources.files("communique.kb").joinpath("data", "agreements.yaml").read_text(encoding="utf-8"))
    return _Lexicon(
        instruments={lang: _alternation(p) for lang, p in data["instruments"].items()},
        commitments={lang: _alternation(p) for lang, p in data["commitments"].items()},
        anaphora={lang: _alternation([re.escape(a) for a in p]) for lang, p in data["anaphora"].items()},
        commitment_heads={lang: _alternation([p]) for lang, p in data["commitment_heads"].items()},
        between=data["between"],
    )


@dataclass
class _Draft:
    sentences: list[tuple[int, int]]
    instrument: str | None
    signed_in: tuple[int, int] | None  # the sentence that reports the signing
    amounts: list[MoneyMention] = field(default_factory=list)
    periods: list[PeriodMention] = field(default_factory=list)
    # the whole sentence of a commitment split from others: it dates them all
    sentence: tuple[int, int] | None = None
    # "L'Allemagne et la France sont convenues d'améliorer …": agreed without an instrument named
    agreed: bool = False


def _language(work: Work) -> str:
    return work.record.document.language if work.record.document.language in ("fr", "en") else "en"


def _opens_agreement(text: str, language: str, amounts: list[MoneyMention]) -> tuple[bool, str | None, bool]:
    """Whether a sentence starts an agreement, its instrument as written, and whether it
    reports a signing."""
    lexicon = _lexicon()
    instrument = lexicon.instruments[language].search(text)
    signing = bool(_SIGNING.search(text))
    commits = bool(amounts) and bool(lexicon.commitments[language].search(text))
    opens = (instrument is not None and signing) or commits
    return opens, instrument.group(0) if instrument else None, signing and instrument is not None


_AGREED = {
    "fr": re.compile(r"\b(?:sont|se sont) (?:convenue?s|mise?s d['’]accord)\b|\bont convenu\b"),
    "en": re.compile(r"\b(?:agreed|have agreed|has agreed) (?:to|on|that)\b|\breached (?:an |a new )?agreement\b"),
}


def _agreed_between(work: Work, sentence: Sentence) -> bool:
    """ "The United States and Australia agreed to develop …": two states or bodies, as the
    subject, agree."""
    verb = _AGREED[_language(work)].search(sentence.text)
    if verb is None:
        return False
    kinds = {e.id: e.kind for e in work.record.entities}
    subject = (sentence.start_char, sentence.start_char + verb.start())
    return len({eid for _, eid in _mentions_in(work, subject) if kinds[eid] in _PARTY_KINDS}) >= 2


def _drafts(work: Work) -> list[_Draft]:
    text = work.record.document.text
    language = _language(work)
    all_amounts = find_amounts(text, language)
    all_periods = find_periods(text, language)
    sentences: list[Sentence] = work.sentences
    drafts: list[_Draft] = []
    current: _Draft | None = None
    since = 0
    for sentence in sentences:
        span = (sentence.start_char, sentence.end_char)
        amounts = [m for m in all_amounts if span[0] <= m.start < span[1]]
        periods = [p for p in all_periods if span[0] <= p.start < span[1]]
        opens, instrument, signed = _opens_agreement(sentence.text, language, amounts)
        refers = bool(_lexicon().anaphora[language].search(sentence.text))
        text = work.record.document.text
        same_paragraph = current is not None and "\n" not in text[trim_span(text, current.sentences[-1])[1] : span[0]]
        # "… signed a Critical Minerals Framework. The two governments intend to invest $3 billion
        # together": a joint sum right after an instrument signed without one is its money
        funds = (
            current is not None
            and not current.amounts
            and instrument is None
            and bool(amounts)
            and bool(_JOINTLY.search(sentence.text))
        )
        if (
            current is not None
            and since < _FOLLOWING
            and (refers or funds or (same_paragraph and not opens and (amounts or periods)))
        ):
            current.sentences.append(span)
            current.amounts.extend(amounts)
            current.periods.extend(periods)
            current.instrument = current.instrument or instrument
            since += 1
            continue
        agreed = not opens and _agreed_between(work, sentence)
        if opens or agreed:
            current = _Draft([span], instrument, span if signed else None, list(amounts), list(periods), agreed=agreed)
            drafts.append(current)
            since = 0
        else:
            current = None
    return drafts


def _split(work: Work, draft: _Draft) -> list[_Draft]:
    """A sentence that lists several commitments, each opened by its own noun phrase and
    carrying its own amounts, is one draft per commitment."""
    start, end = draft.sentences[0]
    text = work.record.document.text
    heads = [start + m.start() for m in _lexicon().commitment_heads[_language(work)].finditer(text[start:end])]
    if len(heads) < 2 or len(draft.amounts) < 2:
        return [draft]
    bounds = list(zip(heads, [*heads[1:], end], strict=True))
    bounds[0] = (start, bounds[0][1])
    parts = []
    for part_start, part_end in bounds:
        amounts = [m for m in draft.amounts if part_start <= m.start < part_end]
        if amounts:
            parts.append(
                _Draft([(part_start, part_end)], draft.instrument, draft.signed_in, amounts, list(draft.periods), (start, end))
            )
        elif parts:
            parts[-1].sentences[0] = (parts[-1].sentences[0][0], part_end)
    outside = [m for m in draft.amounts if m.start >= end]
    if len(parts) < 2 or outside:
        return [draft]
    return parts


def _mentions_in(work: Work, span: tuple[int, int]) -> list[tuple[int, str]]:
    return sorted((s, eid) for (s, e), eid in work.mentions.items() if span[0] <= s and e <= span[1])


def _between(work: Work, draft: _Draft) -> list[str]:
    """Actors named after "entre" / "between" in the first sentence."""
    text = work.record.document.text
    start, end = draft.sentences[0]
    word = _lexicon().between[_language(work)]
    match = re.search(rf"\b{word}\b", text[start:end], re.IGNORECASE)
    if match is None:
        return []
    window = (start + match.end(), min(end, start + match.end() + 220))
    kinds = {e.id: e.kind for e in work.record.entities}
    found = [eid for _, eid in _mentions_in(work, window) if kinds[eid] in _PARTY_KINDS]
    if not found and _OUR_TWO.match(text, window[0]):
        # "The Export-Import Bank … for projects between our two countries": whoever the
        # sentence names, the state that speaks and its partner
        home = speaking_state(work)
        named = [eid for _, eid in _mentions_in(work, (start, start + match.start())) if kinds[eid] in _PARTY_KINDS]
        found = [*named, *(p for p in (home, _partner_country(work, [home] if home else [])) if p is not None)]
    return list(dict.fromkeys(found))[:4]


_OUR_TWO = re.compile(r"\s*(?:our two|nos deux) (?:countries|nations|pays|États|Etats)\b", re.IGNORECASE)


def _signing_event(work: Work, draft: _Draft) -> Event | None:
    if draft.signed_in is None:
        return None
    for event in work.record.events:
        if event.type == "signing" and event.evidence[0] <= draft.signed_in[0] < event.evidence[1] + 1:
            return event
    return None


def _owners_of(work: Work, people: list[str]) -> list[str]:
    owners: list[str] = []
    for role in work.record.roles:
        if role.person in people:
            owners.extend(o for o in (role.country, role.organization) if o and o not in owners)
    return owners


def _parties(work: Work, draft: _Draft, signatories: list[str], given: Beneficiaries) -> list[str]:
    parties = [p for p in _parties_named(work, draft, signatories) if p not in given.launched]
    parties.extend(r for r in given.recipients if r not in parties)
    if len(parties) < 2:
        # a one-party sentence of a joint statement: its other author
        parties.extend(a for a in statement_authors(work) if a not in parties)
    if len(parties) < 2 or (draft.amounts and _one_side(work, parties)):
        # "nous sommes engagés à travers l'Agence française de développement": France and
        # its agency give; the partner the document is about receives
        partner = _partner_country(work, parties)
        parties.extend([partner] if partner is not None else [])
    return parties[:6]


def _one_side(work: Work, parties: list[str]) -> bool:
    """Whether every party is one state or a body of that state."""
    states = {entry.country for p in parties if (entry := work.kb_entries.get(p)) is not None}
    return len(parties) >= 2 and len(states) == 1 and None not in states and all(p in work.kb_entries for p in parties)


def _parties_named(work: Work, draft: _Draft, signatories: list[str]) -> list[str]:
    parties = _between(work, draft)
    text = work.record.document.text
    if work.speaker is not None or FIRST_PERSON_PLURAL.search(text[draft.sentences[0][0] : draft.sentences[0][1]]):
        # "nous avons mobilisé", a minister's speech: the government that speaks
        home = speaking_state(work)
        if home is not None and home not in parties:
            parties.append(home)
    if len(parties) < 2:
        parties.extend(o for o in _owners_of(work, signatories) if o not in parties)
    if len(parties) < 2:
        kinds = {e.id: e.kind for e in work.record.entities}
        for span in draft.sentences:
            for _, entity_id in _mentions_in(work, span):
                if kinds[entity_id] in _PARTY_KINDS and entity_id not in parties:
                    parties.append(entity_id)
    if len(parties) < 2:
        topic = _paragraph_topic(work, draft, parties) or _partner_country(work, parties)
        if topic is not None:
            parties.append(topic)
    return parties[:6]


def _partner_country(work: Work, parties: list[str]) -> str | None:
    """ "Fact Sheet: U.S.-Guatemala Cooperation … USAID will provide $40 million": the
    foreign country the document is about receives what a one-party commitment gives,
    when one country clearly dominates it."""
    # the state that speaks gives: a minister abroad speaks for a state the text names less
    # than the host, which is then the partner
    speaking = speaking_state_code(work)
    home = home_country(work) if speaking is None else None
    counts = sorted(
        (
            (len(e.mentions), e.id)
            for e in work.record.entities
            if e.kind == "country" and e.id != home and e.id not in parties and _code(work, e.id) != speaking
        ),
        reverse=True,
    )
    if not counts or counts[0][0] < _DOMINANT or (len(counts) > 1 and counts[1][0] * 2 > counts[0][0]):
        return None
    return counts[0][1]


def _code(work: Work, entity_id: str) -> str | None:
    entry = work.kb_entries.get(entity_id)
    return entry.country if entry is not None else None


_DOMINANT = 3  # mentions a partner country needs to be the document's subject


_LOOKBACK = 300  # characters of the same paragraph before the commitment


def _paragraph_topic(work: Work, draft: _Draft, parties: list[str]) -> str | None:
    """ "… son engagement avec le Cadre intégré renforcé (CIR) … L'engagement financier du
    Luxembourg … s'élève à 4,5 millions": the programme or body the paragraph is about
    receives what a one-party commitment gives."""
    text = work.record.document.text
    start = draft.sentences[0][0]
    paragraph_start = text.rfind("\n", 0, start) + 1
    window = (max(paragraph_start, start - _LOOKBACK), start)
    kinds = {e.id: e.kind for e in work.record.entities}
    candidates = [
        eid for _, eid in _mentions_in(work, window) if kinds[eid] in ("programme", "organization") and eid not in parties
    ]
    programmes = [eid for eid in candidates if kinds[eid] == "programme"]
    known = [eid for eid in candidates if eid in work.kb_entries]
    ranked = programmes or known or candidates
    return ranked[-1] if ranked else None


_CUMULATIVE = re.compile(
    r"(?:portant (?:ainsi )?(?:[\w'’ ]{0,40} )?à|bringing (?:the |its |their )?(?:[\w ]{0,30})?to|"
    r"(?:soit|for) (?:un|a) (?:total|cumul) (?:cumulé )?de|cumul(?:é|ative))\s*$",
    re.IGNORECASE,
)


_ESTIMATE = re.compile(
    r"(?:estimated (?:to be )?(?:worth|at)|valued at|estimée?s? à|d['’]une valeur (?:estimée )?(?:de|à))"
    r"\s*(?:more than |plus de |about |environ )?$",
    re.IGNORECASE,
)


def _amounts(work: Work, draft: _Draft) -> list[Amount]:
    """Amounts once each; a sum committed without "per year" is the total committed."""
    seen: set[tuple[float, str, str]] = set()
    amounts: list[Amount] = []
    text = work.record.document.text
    for mention in draft.amounts:
        if _CUMULATIVE.search(text[max(0, mention.start - 80) : mention.start]):
            continue  # "portant ainsi la contribution totale à 9 millions": a running total
        if _ESTIMATE.search(text[max(0, mention.start - 40) : mention.start]):
            continue  # "resources estimated to be worth $53 billion": a value, not money committed
        per = "total" if mention.per == "unspecified" else mention.per
        key = (mention.value, mention.currency, per)
        if key in seen:
            continue
        seen.add(key)
        amounts.append(Amount(value=mention.value, currency=mention.currency, per=per, text=mention.text))
    return amounts


_ANNOUNCED = re.compile(
    r"\b(?:will|is announcing|are announcing|announces|announced|today|aujourd['’]hui|annonce|a annoncé|ont annoncé|va|vont)\b",
    re.I,
)


def _committed_on(work: Work, draft: _Draft) -> str | None:
    """A commitment without a signing is made on the day its sentence states, or on the
    day of the release that announces it ("will provide", "is announcing")."""
    text = work.record.document.text
    start, end = draft.sentence or draft.sentences[0]
    document = work.record.document
    for mention in work.dates:
        if start <= mention.start and mention.end <= end and mention.when is not None and mention.when[2] == "day":
            return mention.when[0]
    if draft.amounts and document.published and len(document.published) == 10 and _ANNOUNCED.search(text[start:end]):
        return document.published
    return None


def _agreement(work: Work, draft: _Draft, number: int) -> Agreement:
    signing = _signing_event(work, draft)
    kinds = {e.id: e.kind for e in work.record.entities}
    signatories = [p for p in signing.participants if kinds[p] == "person"] if signing else []
    signed = signing.date.start if signing and signing.date and signing.date.precision == "day" else _committed_on(work, draft)
    given = beneficiaries(work, draft.sentences[0]) if draft.amounts else Beneficiaries([], [], [])
    return Agreement(
        id=f"ag{number}",
        instrument=draft.instrument,
        parties=_parties(work, draft, signatories, given),
        signatories=signatories,
        signed=signed,
        period=period_for(draft.periods),
        amounts=_amounts(work, draft),
        purposes=given.purposes,
        evidence=[trim_span(work.record.document.text, span) for span in draft.sentences],
    )


# totals to date ("Depuis 2016, le Luxembourg a versé …", "to date"); not "Since February,
# Australia has contributed $1 billion …, with another $1 billion by the end of the year"
_BACKGROUND = re.compile(
    r"^\W*(?:since|depuis)\s+(?:(?:the |la |le |l['’])?(?:start|début|creation|création|inception|launch|lancement)\b|\d{4})"
    r"|\b(?:to date|so far|à ce jour|jusqu['’]à présent|au total depuis|in total since)\b",
    re.IGNORECASE,
)


def _plural(instrument: str | None) -> bool:
    """ "deux nouveaux cadres", "the agreements": several instruments at once."""
    return instrument is not None and instrument.split()[0].lower().endswith(("s", "x"))


@step(
    "agreements",
    requires=("doc", "record.entities", "mentions", "kb_entries", "record.roles", "record.events"),
    assigns=("record.agreements", "record.entities"),
)
def find_agreements(work: Work) -> None:
    """Agreements signed and money committed, with parties, period and amounts."""
    agreements: list[Agreement] = []
    text = work.record.document.text
    for draft in [part for whole in _drafts(work) for part in _split(work, whole)]:
        first = text[draft.sentences[0][0] : draft.sentences[0][1]]
        if _BACKGROUND.search(first) or (not draft.amounts and not draft.periods and _plural(draft.instrument)):
            continue  # totals to date, and sentences summing up agreements told one by one
        earlier = _told_before(text, draft, agreements)
        if earlier is not None:
            earlier.evidence.extend(trim_span(text, span) for span in draft.sentences)
            continue
        agreement = _agreement(work, draft, len(agreements) + 1)
        if agreement.parties and (agreement.amounts or agreement.instrument or draft.agreed):
            agreements.append(agreement)
    work.record.agreements = agreements


_OF_THE = re.compile(r"\w*\s+(?:de|du|of)\s+(?:l['’]|la|le|the)\s*", re.IGNORECASE)
_DEFINITE = re.compile(r"(?:\b(?:l['’]|le|la|les|cet|cette|ce|the|this|that)\s*)$", re.IGNORECASE)


def _told_before(text: str, draft: _Draft, agreements: list[Agreement]) -> Agreement | None:
    """ "L'Accord est entré en vigueur le 14 octobre", "the Agreement was signed": a
    moneyless sentence about an instrument the document already told is that agreement."""
    if draft.amounts or draft.periods or draft.instrument is None:
        return None
    start, end = draft.sentences[0]
    position = text.find(draft.instrument, start, end)
    if position < 0 or not _DEFINITE.search(text[max(0, start, position - 8) : position]):
        return None
    # "Cette déclaration signée le 5 août … précise l'Accord": what is signed first is new;
    # not "avant l'entrée en vigueur de l'Accord", which is about the Accord
    signing = _SIGNING.search(text, start, end)
    if signing is not None and signing.start() < position and not _OF_THE.fullmatch(text, signing.end(), position):
        return None
    same = [a for a in agreements if a.instrument and a.instrument.lower() == draft.instrument.lower() and not a.amounts]
    return same[-1] if same else None
