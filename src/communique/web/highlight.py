"""A document's text as HTML with its evidence spans highlighted, safe whatever the text.

Every piece of text is escaped (``markupsafe.escape``) and only the ``<mark>`` elements
built here are markup, so a document that contains ``<script>`` shows it as text. Spans
may overlap in any way (a mention inside an event's evidence, two facts sharing words):
the text is cut at every span boundary, and each piece is wrapped in the marks that
cover it, outer (earlier, longer) spans outside. A span that crosses another's end is
closed and reopened around it, so the HTML is always well nested; the first piece of a
span carries its ``id`` so the fact list can link to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup, escape

from communique.store.views import DocumentDetail, EntityRef, FactView

_CLASS = re.compile(r"^[a-z][a-z0-9-]*$")
FACT_KINDS = ("role", "event", "agreement", "programme")
ENTITY_KINDS = ("person", "organization", "country", "place", "programme")


@dataclass(frozen=True)
class Highlight:
    """One span to mark: ``classes`` are CSS class names, ``label`` the tooltip,
    ``anchor`` the id of its first piece, ``data`` extra ``data-*`` attributes."""

    start: int
    end: int
    classes: tuple[str, ...]
    label: str
    anchor: str | None = None
    data: tuple[tuple[str, str], ...] = ()
    rank: int = 0
    """Breaks ties between spans with the same extent: lower is outside."""


def _open_tag(span: Highlight, first: bool) -> Markup:
    classes = " ".join(name for name in span.classes if _CLASS.match(name))
    parts = [Markup('<mark class="{}" title="{}"').format(classes, span.label)]
    if first and span.anchor:
        parts.append(Markup(' id="{}"').format(span.anchor))
    parts.extend(Markup(' data-{}="{}"').format(name, value) for name, value in span.data if _CLASS.match(name))
    return Markup("").join(parts) + Markup(">")


def _usable(text: str, spans: Iterable[Highlight]) -> list[Highlight]:
    """Spans clamped to the text, empty ones dropped, outer ones first."""
    size = len(text)
    kept = []
    for span in spans:
        start, end = max(0, min(span.start, size)), max(0, min(span.end, size))
        if start < end:
            kept.append(span if (start, end) == (span.start, span.end) else _moved(span, start, end))
    return sorted(kept, key=lambda s: (s.start, -s.end, s.rank))


def _moved(span: Highlight, start: int, end: int) -> Highlight:
    return Highlight(start, end, span.classes, span.label, span.anchor, span.data, span.rank)


def highlight(text: str, spans: Iterable[Highlight]) -> Markup:
    """``text`` escaped, with every span in a ``<mark>`` (see the module docstring)."""
    ordered = _usable(text, spans)
    cuts = sorted({0, len(text)} | {s.start for s in ordered} | {s.end for s in ordered})
    starting: dict[int, list[int]] = {}
    for index, span in enumerate(ordered):
        starting.setdefault(span.start, []).append(index)
    out: list[Markup] = []
    active: list[int] = []
    stack: list[int] = []
    opened: set[int] = set()
    for left, right in pairwise(cuts):
        active = sorted([i for i in active if ordered[i].end > left] + starting.get(left, []))
        keep = 0
        while keep < len(stack) and keep < len(active) and stack[keep] == active[keep]:
            keep += 1
        out.extend(Markup("</mark>") for _ in stack[keep:])
        for index in active[keep:]:
            out.append(_open_tag(ordered[index], index not in opened))
            opened.add(index)
        stack = list(active)
        out.append(escape(text[left:right]))
    out.extend(Markup("</mark>") for _ in stack)
    return Markup("").join(out)


def fact_label(fact: FactView) -> str:
    """A short description of a fact for tooltips: kind, type or title, status."""
    payload = fact.payload
    detail = payload.get("type") or payload.get("instrument") or payload.get("title") or ""
    label = f"{fact.kind}: {detail}" if detail else fact.kind
    return f"{label} ({fact.status})" if fact.status != "extracted" else label


def _kind_class(prefix: str, kind: str, known: Sequence[str]) -> str:
    return f"{prefix}-{kind}" if kind in known else f"{prefix}-other"


def document_highlights(document: DocumentDetail) -> list[Highlight]:
    """The marks of a document page: each entity mention by its entity's kind, and each
    span of each fact the document states by the fact's kind (rejected ones struck)."""
    entities: dict[int, EntityRef] = {entity.id: entity for entity in document.entities}
    marks: list[Highlight] = []
    for mention in document.mentions:
        entity = entities.get(mention.entity_id)
        kind = entity.kind if entity else "other"
        label = f"{kind}: {entity.name}" if entity else kind
        mention_classes = ("hl", "hl-mention", _kind_class("m", kind, ENTITY_KINDS))
        marks.append(
            Highlight(mention.start, mention.end, mention_classes, label, data=(("entity", str(mention.entity_id)),), rank=1)
        )
    for fact in document.facts:
        classes = ("hl", "hl-fact", _kind_class("f", fact.kind, FACT_KINDS), f"status-{fact.status}")
        spans = [span for evidence in fact.evidence if evidence.document_id == document.id for span in evidence.spans]
        for number, (start, end) in enumerate(spans):
            anchor = f"text-fact-{fact.id}" if number == 0 else None
            marks.append(Highlight(start, end, classes, fact_label(fact), anchor, (("fact", str(fact.id)),)))
    return marks
