"""Entities: the actors and places a document names, each once, with its mentions."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Span as SpacySpan

from communique.extract.registry import step
from communique.extract.work import Work
from communique.kb.countries import country_by_name
from communique.model import Entity, EntityKind
from communique.text import fold

# spaCy labels (French WikiNER scheme and English OntoNotes scheme) → contract kinds;
# GPE and LOC become countries when the name is a country's
_LABELS: dict[str, EntityKind] = {
    "PER": "person",
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
}
# words a mention may start with that are not part of the name
_LEADING = re.compile(
    r"^(?:(?:M\.|Mme|Mlle|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Pr\.?|Sir|le|la|les|l['’]|the|du|de|des|d['’])\s+|l['’]|d['’])+",
    re.IGNORECASE,
)


@dataclass
class _Cluster:
    kind: EntityKind
    name: str
    mentions: list[tuple[int, int]] = field(default_factory=list)
    forms: set[str] = field(default_factory=set)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    match = _LEADING.match(text[start:end])
    if match and match.end() < end - start:
        start += match.end()
    while end > start and not text[end - 1].isalnum() and text[end - 1] not in ")":
        end -= 1
    return start, end


def _kind(span: SpacySpan, name: str) -> EntityKind | None:
    kind = _LABELS.get(span.label_)
    if kind == "place" and country_by_name(name) is not None:
        return "country"
    return kind


def _clusters(spans: Iterable[SpacySpan], text: str) -> list[_Cluster]:
    clusters: dict[tuple[str, str], _Cluster] = {}
    for span in spans:
        start, end = _trim(text, span.start_char, span.end_char)
        name = text[start:end]
        if len(name) < 2 or not any(ch.isupper() for ch in name):
            continue
        kind = _kind(span, name)
        if kind is None:
            continue
        key = (kind if kind != "place" else "place", fold(name))
        cluster = clusters.setdefault(key, _Cluster(kind, name))
        cluster.mentions.append((start, end))
        cluster.forms.add(name)
    return _merge_surnames(list(clusters.values()))


def _merge_surnames(clusters: list[_Cluster]) -> list[_Cluster]:
    """ "Bettel" is "Xavier Bettel" when one full name in the document ends with it."""
    people = [c for c in clusters if c.kind == "person" and " " in c.name]
    kept: list[_Cluster] = []
    for cluster in clusters:
        if cluster.kind == "person" and " " not in cluster.name:
            owners = [p for p in people if fold(p.name).split()[-1] == fold(cluster.name)]
            if len(owners) == 1:
                owners[0].mentions.extend(cluster.mentions)
                owners[0].forms.update(cluster.forms)
                continue
        kept.append(cluster)
    return kept


@step("entities", requires=("doc",), assigns=("record.entities",))
def recognise_entities(work: Work) -> None:
    """Named entities from the statistical recogniser, grouped by name."""
    text = work.record.document.text
    clusters = _clusters(work.doc.ents, text)
    entities = []
    for number, cluster in enumerate(sorted(clusters, key=lambda c: min(c.mentions)), start=1):
        country = country_by_name(cluster.name) if cluster.kind == "country" else None
        name = country.name(work.record.document.language) if country else cluster.name
        aliases = sorted((cluster.forms | ({country.name("en"), country.name("fr")} if country else set())) - {name})
        entities.append(
            Entity(id=f"e{number}", kind=cluster.kind, name=name, aliases=aliases, mentions=sorted(set(cluster.mentions)))
        )
    work.record.entities = entities
