"""What the steps of one document's extraction share: the record being built and the parse."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from communique.dates import DateMention, find_dates
from communique.kb.gazetteer import KbEntry
from communique.model import Entity, Record
from communique.settings import Options


def known_entity(entry: KbEntry, entity_id: str, language: str) -> Entity:
    """The entity of a knowledge-base entry the text never names: canonical name in the
    document's language, every other name an alias, no mentions."""
    name = entry.name(language)
    return Entity(
        id=entity_id,
        kind=entry.kind,
        name=name,
        aliases=[n for n in entry.all_names() if n != name],
        ref=entry.qid,
        mentions=[],
    )


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

    def entity_of(self, entry_id: str) -> str | None:
        """The entity of the knowledge-base entry ``entry_id``, when the record has one."""
        return next((entity_id for entity_id, entry in self.kb_entries.items() if entry.id == entry_id), None)

    def new_entity_id(self) -> str:
        """An entity id no entity of the record has (ids are "e" and a number)."""
        numbers = [int(e.id[1:]) for e in self.record.entities if e.id[1:].isdigit()]
        return f"e{max(numbers, default=0) + 1}"

    def add_known(self, entry: KbEntry) -> str:
        """The entity of ``entry``, added to the record without mentions when it has none
        (the state a document speaks for, named nowhere in its text)."""
        found = self.entity_of(entry.id)
        if found is not None:
            return found
        entity = known_entity(entry, self.new_entity_id(), self.record.document.language)
        self.record.entities.append(entity)
        self.kb_entries[entity.id] = entry
        return entity.id

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
