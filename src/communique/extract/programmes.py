"""Programmes: what the document says about each named programme or facility — who
implements it ("mis en œuvre par LuxDev", "implemented by UNDP"), who funds it
("financé par la Belgique", "funded by USAID"), its period and its figures ("34 projets
retenus depuis 2016")."""

from __future__ import annotations

import re

from communique.extract.periods import find_periods, period_for
from communique.extract.registry import step
from communique.extract.work import Work
from communique.kb.gazetteer import entries
from communique.model import Figure, Programme
from communique.text import trim_span

_IMPLEMENTED = re.compile(
    r"(?:mise?s? en œuvre|mise?s? en oeuvre|exécutée?s?|gérée?s?|opérée?s?|pilotée?s?"
    r"|implemented|managed|run|operated|administered|led)"
    r"\s+(?:par|by)\s+$",
    re.IGNORECASE,
)
_FUNDED = re.compile(
    r"(?:financée?s?|soutenue?s?|funded|financed|supported|backed)\s+(?:par|by)\s+$|(?:with (?:funding|support) from)\s+$",
    re.IGNORECASE,
)
_FIGURE = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:[  \u202f.,]\d{3})*|\d+)\s+(?:le nombre de\s+)?"
    r"([a-zà-ÿ][a-zà-ÿ'’-]+(?:\s+(?!de\b|du\b|des\b|par\b|by\b|of\b|in\b|en\b)[a-zà-ÿ][a-zà-ÿ'’-]+){0,2})",
    re.IGNORECASE,
)
_LOOKBEHIND = 40
_PARTY_KINDS = frozenset({"organization", "country", "programme"})


def _sentences_naming(work: Work, entity_id: str) -> list[tuple[int, int]]:
    mentions = work.record.entity(entity_id).mentions
    spans = []
    for sentence in work.sentences:
        if any(sentence.start_char <= s < sentence.end_char for s, _ in mentions):
            spans.append((sentence.start_char, sentence.end_char))
    return spans


def _introduced(work: Work, spans: list[tuple[int, int]], pattern: re.Pattern[str], exclude: str) -> list[str]:
    """Actors named right after "mis en œuvre par" / "financé par"."""
    text = work.record.document.text
    kinds = {e.id: e.kind for e in work.record.entities}
    found: list[str] = []
    for (start, _end), entity_id in sorted(work.mentions.items()):
        if entity_id == exclude or kinds[entity_id] not in _PARTY_KINDS or entity_id in found:
            continue
        if any(s <= start < e for s, e in spans) and pattern.search(text[max(0, start - _LOOKBEHIND) : start]):
            found.append(entity_id)
    return found


def _figures(text: str, spans: list[tuple[int, int]]) -> list[Figure]:
    figures: list[Figure] = []
    for start, end in spans:
        for match in _FIGURE.finditer(text, start, end):
            value = float(re.sub(r"[  \u202f.,]", "", match.group(1)))
            if 1900 <= value <= 2100 or not match.group(2).endswith(("s", "x")):
                continue  # years, and singular words that are no count of things
            figures.append(Figure(value=value, text=match.group(2)))
    return figures


def _running_body(work: Work, entity_id: str) -> list[str]:
    """The body the knowledge base says runs the programme (or the nearest body above it),
    when the document names it: the Commission for the European Democracy Action Plan."""
    entry = work.kb_entries.get(entity_id)
    by_kb_id = {e.id: eid for eid, e in work.kb_entries.items()}
    table = entries()
    seen: set[str] = set()
    while entry is not None and entry.parent and entry.parent not in seen:
        seen.add(entry.parent)
        if entry.parent in by_kb_id:
            return [by_kb_id[entry.parent]]
        entry = table.get(entry.parent)
    return []


@step("programmes", requires=("doc", "record.entities", "mentions", "kb_entries"), assigns=("record.programmes",))
def describe_programmes(work: Work) -> None:
    """One fact per programme entity the document describes."""
    text = work.record.document.text
    language = work.record.document.language
    programmes = []
    for entity in work.record.entities:
        if entity.kind != "programme":
            continue
        spans = _sentences_naming(work, entity.id)
        if not spans:
            continue
        periods = [p for p in find_periods(text, language) if any(s <= p.start < e for s, e in spans)]
        programmes.append(
            Programme(
                entity=entity.id,
                implementers=_introduced(work, spans, _IMPLEMENTED, entity.id) or _running_body(work, entity.id),
                funders=_introduced(work, spans, _FUNDED, entity.id),
                period=period_for(periods),
                sectors=[],
                figures=_figures(text, spans),
                evidence=[trim_span(text, span) for span in spans],
            )
        )
    work.record.programmes = programmes
