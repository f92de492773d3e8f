"""Entities: every actor and place a document names, once, under its canonical name.

Mentions from the knowledge base, acronym definitions, forms of address and the
statistical recogniser are grouped: by knowledge-base entry, by acronym and the name it
defines, by surname for people ("Bettel" is "Xavier Bettel"), by name otherwise. Every
further occurrence of a form already recognised is a mention too."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from communique.extract.mentions import Mention, all_mentions, other_first_name, select
from communique.extract.offices import named_holders, resolve_offices
from communique.extract.registry import step
from communique.extract.roles import publisher_code
from communique.extract.speaker import find_speech
from communique.extract.titles import Title, find_titles
from communique.extract.work import Work
from communique.kb.gazetteer import KbEntry, is_venue
from communique.kb.lexicon import lexicon
from communique.model import Entity, EntityKind
from communique.text import fold, longest_first


@dataclass
class Cluster:
    kind: EntityKind
    mentions: list[Mention] = field(default_factory=list)
    entry: KbEntry | None = None

    def forms(self, text: str) -> list[str]:
        return list(dict.fromkeys(text[m.start : m.end] for m in sorted(self.mentions, key=lambda m: m.start)))


class _Groups:
    """Union-find over mentions, keyed by span."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.by_span = {(m.start, m.end): m for m in mentions}
        self.parent = {span: span for span in self.by_span}

    def find(self, span: tuple[int, int]) -> tuple[int, int]:
        while self.parent[span] != span:
            self.parent[span] = self.parent[self.parent[span]]
            span = self.parent[span]
        return span

    def union(self, a: tuple[int, int], b: tuple[int, int]) -> None:
        if a in self.parent and b in self.parent:
            self.parent[self.find(b)] = self.find(a)


def _key(mention: Mention, text: str) -> str:
    if mention.entry is not None:
        return f"kb:{mention.entry.id}"
    kind = "organization" if mention.kind == "programme" else mention.kind
    return f"{kind}:{fold(text[mention.start : mention.end])}"


def _group(mentions: list[Mention], text: str) -> list[Cluster]:
    groups = _Groups(mentions)
    first_by_key: dict[str, tuple[int, int]] = {}
    for mention in mentions:
        span = (mention.start, mention.end)
        key = _key(mention, text)
        if key in first_by_key:
            groups.union(first_by_key[key], span)
        else:
            first_by_key[key] = span
        if mention.partner is not None:
            partner = _covering(groups.by_span, mention.partner)
            if partner is not None:
                groups.union(partner, span)
    clusters: dict[tuple[int, int], Cluster] = {}
    for mention in mentions:
        root = groups.find((mention.start, mention.end))
        cluster = clusters.setdefault(root, Cluster(kind=mention.kind))
        cluster.mentions.append(mention)
    for cluster in clusters.values():
        _settle_kind(cluster)
    return list(clusters.values())


def _covering(by_span: dict[tuple[int, int], Mention], span: tuple[int, int]) -> tuple[int, int] | None:
    if span in by_span:
        return span
    for start, end in by_span:
        if start <= span[0] and span[1] <= end:
            return (start, end)
    return None


def _settle_kind(cluster: Cluster) -> None:
    """The knowledge base decides; otherwise the most trusted mention's kind."""
    entries = [m.entry for m in cluster.mentions if m.entry is not None]
    if entries:
        cluster.entry = entries[0]
        cluster.kind = entries[0].kind
        return
    kinds = [m.kind for m in cluster.mentions]
    cluster.kind = "programme" if "programme" in kinds else min(cluster.mentions, key=lambda m: m.origin != "definition").kind


def _declared_programme(cluster: Cluster, text: str) -> bool:
    """ "SATMED est une plateforme …", "le CIR, un programme multi-bailleurs": the text
    says what the name is."""
    nouns = "|".join(re.escape(n) for n in lexicon().programme_nouns)
    declaration = re.compile(
        rf"\s*(?:\([^)]*\)\s*)?(?:,\s*|\s+(?:est|était|is|was)\s+)(?:un|une|le|la|l['’]|a|an|the)\s+(?:\w+\s+){{0,2}}?(?:{nouns})\b",
        re.IGNORECASE,
    )
    return any(declaration.match(text, m.end) for m in cluster.mentions)


def _surname_owner(name: str, people: list[tuple[str, Cluster]]) -> Cluster | None:
    """The one full name in the document that ends with ``name`` ("Bettel"), or, for a
    one-word name, that starts with it (names given family name first: "Kishida Fumio")."""
    words = fold(name).split()
    owners = [c for full, c in people if len(full.split()) > len(words) and full.split()[-len(words) :] == words]
    if not owners and len(words) == 1:
        owners = [c for full, c in people if len(full.split()) > 1 and full.split()[0] == words[0]]
    return owners[0] if len(owners) == 1 else None


def _merge_people(clusters: list[Cluster], text: str) -> list[Cluster]:
    """ "Bettel", "M. Voronkov", "Spoljaric Egger" join the person whose full name ends so,
    whatever kind the recogniser gave the short form."""
    # an office holder of the knowledge base owns short forms too: "King Abdullah" after
    # "King Abdullah II"
    people = [
        (fold(max([*c.forms(text), *(c.entry.all_names() if c.entry else [])], key=len)), c)
        for c in clusters
        if c.kind == "person"
    ]
    kept: list[Cluster] = []
    for cluster in clusters:
        forms = cluster.forms(text)
        if cluster.entry is None and len(forms) == 1 and len(forms[0].split()) <= 2:
            owner = _surname_owner(forms[0], people)
            if owner is not None and owner is not cluster:
                owner.mentions.extend(cluster.mentions)
                continue
        kept.append(cluster)
    return kept


_BOUNDED = r"(?<![\w@.-]){}(?![\w@-])"


def _propagate(clusters: list[Cluster], text: str) -> None:
    """Occurrences of forms already recognised ("PARU", "Bettel") that no source caught."""
    occupied = bytearray(len(text))
    for cluster in clusters:
        for mention in cluster.mentions:
            occupied[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
    owner: dict[str, Cluster] = {}
    for cluster in clusters:
        forms = set(cluster.forms(text))
        if cluster.kind == "person":
            forms |= {_surname(form) for form in forms if _surname(form)}
            # two family names ("Lacalle Pou", "Spoljaric Egger") come before the last one
            forms |= {" ".join(form.split()[-2:]) for form in forms if len(form.split()) >= 3}
        for form in forms:
            if len(form) >= 3 and form not in lexicon().ner_stopwords:
                owner.setdefault(form, cluster)
    if not owner:
        return
    # one pass for every form, longest first where several start at one place
    for match in re.finditer(_BOUNDED.format(f"(?:{longest_first(owner)})"), text):
        if not any(occupied[match.start() : match.end()]):
            cluster = owner[match.group(0)]
            if cluster.kind == "person" and " " not in match.group(0) and other_first_name(text, match.start()):
                continue  # "First Lady Emine Erdogan" is not Recep Tayyip Erdoğan
            cluster.mentions.append(Mention(match.start(), match.end(), cluster.kind, "ner", cluster.entry))
            occupied[match.start() : match.end()] = b"\x01" * (match.end() - match.start())


def _surname(form: str) -> str:
    words = form.split()
    if len(words) < 2:
        return ""
    particles = lexicon().name_particles
    tail = [words[-1]]
    for word in reversed(words[:-1]):
        if word in particles or word.lower() in particles:
            tail.insert(0, word)
        else:
            break
    surname = " ".join(tail)
    return "" if surname.lower() in particles else surname


def _canonical(cluster: Cluster, text: str, language: str) -> tuple[str, list[str]]:
    forms = cluster.forms(text)
    if cluster.entry is not None:
        name = cluster.entry.name(language)
        known = cluster.entry.all_names()
    else:
        long_forms = [f for f in forms if not f.isupper()] or forms
        name = max(long_forms, key=len) if cluster.kind == "person" else long_forms[0]
        known = []
    aliases = [a for a in dict.fromkeys([*forms, *known]) if a != name]
    return name, aliases


_VENUE_LEAD = re.compile(r"\b(?:at|in|à|au|dans)\s+(?:the\s+|la\s+|le\s+|l['’])?$", re.IGNORECASE)


def _only_a_venue(cluster: Cluster, text: str) -> bool:
    """ "met at the White House", "la réunion organisée à l'Élysée": a body that is also a
    building, named only as the place where things happen, is that place."""
    assert cluster.entry is not None
    return is_venue(cluster.entry.all_names()) and all(
        _VENUE_LEAD.search(text, max(0, m.start - 12), m.start) for m in cluster.mentions
    )


@dataclass(frozen=True)
class Built:
    entities: list[Entity]
    mentions: dict[tuple[int, int], str]  # span → entity id
    kb_entries: dict[str, KbEntry]  # entity id → knowledge-base entry


def build_entities(mentions: list[Mention], text: str, language: str) -> Built:
    """Entities in order of first mention, with the entity id of every mention span."""
    clusters = _merge_people(_group(mentions, text), text)
    for cluster in clusters:
        if cluster.kind == "organization" and cluster.entry is None and _declared_programme(cluster, text):
            cluster.kind = "programme"
    _propagate(clusters, text)
    for cluster in clusters:
        if cluster.kind == "organization" and cluster.entry is not None and _only_a_venue(cluster, text):
            cluster.kind = "place"
    entities: list[Entity] = []
    spans: dict[tuple[int, int], str] = {}
    kb_entries: dict[str, KbEntry] = {}
    for number, cluster in enumerate(sorted(clusters, key=lambda c: min(m.start for m in c.mentions)), start=1):
        entity_id = f"e{number}"
        name, aliases = _canonical(cluster, text, language)
        mention_spans = sorted({(m.start, m.end) for m in cluster.mentions})
        entities.append(
            Entity(
                id=entity_id,
                kind=cluster.kind,
                name=name,
                aliases=aliases,
                ref=cluster.entry.qid if cluster.entry else None,
                mentions=mention_spans,
            )
        )
        spans.update(dict.fromkeys(mention_spans, entity_id))
        if cluster.entry is not None:
            kb_entries[entity_id] = cluster.entry
    return Built(entities, spans, kb_entries)


_MINISTER = frozenset({"ministre", "minister", "ministry", "ministere"})


def _office_complement(mention: Mention, titles: list[Title], text: str, language: str) -> bool:
    """ "Secretary of Homeland Security", "ministre de la Coopération et de l'Action
    humanitaire": what the recogniser takes for a body inside a title is the office's
    field; bodies the knowledge base knows ("directeur général de l'OMS") stay, but not a
    minister's portfolio named after a place ("ministre de l'Europe et des affaires
    étrangères")."""
    around = [
        t
        for t in titles
        if t.start <= mention.start and mention.end <= t.end and (t.start, t.end) != (mention.start, mention.end)
    ]
    if not around or mention.kind == "person":
        return False
    portfolio = mention.kind == "place" and any(fold(t.head).split()[-1] in _MINISTER for t in around)
    return portfolio or mention.origin == "ner" or _defines_a_title(mention, text, language)


def _defines_a_title(mention: Mention, text: str, language: str) -> bool:
    """ "National Security Advisor (NSA)": an acronym defined for an office, not a body."""
    if mention.origin != "definition":
        return False
    long_form = mention.partner if mention.partner and text[slice(*mention.partner)].count(" ") else (mention.start, mention.end)
    words = text[slice(*long_form)].split()
    return bool(words) and lexicon().is_title_head(words[-1], language)


@step("entities", requires=("doc",), assigns=("record.entities", "mentions", "kb_entries", "speaker"))
def recognise_entities(work: Work) -> None:
    """Actors and places from the knowledge base, acronym definitions, forms of address
    and the statistical recogniser, grouped into one entity per real actor."""
    document = work.record.document
    titles = list(find_titles(work.doc, document.text, document.language, []))
    mentions = [
        m
        for m in select(all_mentions(work.doc, document.text, document.language))
        if not _office_complement(m, titles, document.text, document.language)
    ]
    mentions = named_holders(mentions, document.text, document.published, publisher_code(work))
    built = build_entities(mentions, document.text, document.language)
    work.record.entities, work.mentions, work.kb_entries = built.entities, built.mentions, built.kb_entries
    found = find_speech(document.title, built.entities, document.language)
    if found is not None:
        speech, entry = found
        work.speaker, work.speech_place = speech.speaker, speech.place
        if speech.added is not None:
            work.record.entities.append(speech.added)
            if entry is not None:
                work.kb_entries[speech.added.id] = entry
    resolve_offices(work)
