"""What the steps of one document's extraction share: the record being built and the parse."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc, Span

from communique.kb.gazetteer import KbEntry
from communique.model import Record
from communique.settings import Options


@dataclass
class Work:
    """One document in extraction. Steps read ``doc`` and fill the parts of ``record``
    that they declare they assign."""

    record: Record
    doc: Doc
    options: Options = field(default_factory=Options)
    # the entity id of every mention span, assigned by the entities step
    mentions: dict[tuple[int, int], str] = field(default_factory=dict)
    # the knowledge-base entry of each entity that has one, by entity id
    kb_entries: dict[str, KbEntry] = field(default_factory=dict)

    @cached_property
    def sentences(self) -> list[Span]:
        """The parse's sentences, computed once (spaCy rebuilds them on every access)."""
        return list(self.doc.sents)
