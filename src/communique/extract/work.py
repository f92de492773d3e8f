"""What the steps of one document's extraction share: the record being built and the parse."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from communique.dates import DateMention, find_dates
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
    # the entity id of the person whose speech the document is ("je", "nous"), and of the
    # place the speech was given, when its title says so
    speaker: str | None = None
    speech_place: str | None = None

    @cached_property
    def dates(self) -> list[DateMention]:
        """Every date expression of the text, resolved against the publication date."""
        document = self.record.document
        return find_dates(document.text, document.language, document.published)

    @cached_property
    def sentences(self) -> list[Span]:
        """The parse's sentences, computed once (spaCy rebuilds them on every access). The
        parser sometimes starts a sentence inside a word ("accord" | "-cadre de 350
        millions") or inside a line with no full stop ("(APEC)" | "Leaders Meeting in
        Bangkok."); such a piece goes back to the sentence it was cut from."""
        starts: list[int] = []
        for sentence in self.doc.sents:
            if starts and _cut_short(self.doc[sentence.start - 1], sentence[0]):
                continue
            starts.append(sentence.start)
        ends = [*starts[1:], len(self.doc)]
        return [self.doc[start:end] for start, end in zip(starts, ends, strict=True)]


_TERMINAL = frozenset('.!?;:…»"”')


def _cut_short(last: Token, first: Token) -> bool:
    """Whether a sentence boundary between two tokens is a parser's slip: inside a word, or
    in the middle of a line after something that cannot end a sentence."""
    if last.is_space or first.is_space:
        return False
    if not last.whitespace_:
        return True
    return last.text[-1:] not in _TERMINAL and first.text[:1] not in "-•*–"
