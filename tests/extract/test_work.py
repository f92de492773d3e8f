"""Sentences as the steps see them (no model: a hand-built parse)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from communique.extract.work import Work
from communique.model import Document, Record


def _work(words: list[str], spaces: list[bool], starts: list[bool]) -> Work:
    doc = Doc(spacy.blank("fr").vocab, words=words, spaces=spaces, sent_starts=starts)
    document = Document(id=Document.id_for(doc.text), source="t", language="fr", text=doc.text)
    return Work(record=Record(document=document), doc=doc)


def test_a_sentence_cut_inside_a_word_is_joined_back() -> None:
    # the parser's cut in "un accord" | "-cadre de 350 millions" (seen on a real statement)
    words = ["Un", "accord", "-", "cadre", "de", "350", "millions", ".", "Merci", "."]
    spaces = [True, False, False, True, True, True, False, True, False, False]
    starts = [True, False, True, False, False, False, False, False, True, False]
    sentences = [s.text for s in _work(words, spaces, starts).sentences]
    assert sentences == ["Un accord-cadre de 350 millions.", "Merci."]


def test_sentences_after_a_line_break_stay_apart() -> None:
    words = ["Fin", ".", "\n\n", "Suite", "."]
    spaces = [False, False, False, False, False]
    starts = [True, False, False, True, False]
    assert [s.text for s in _work(words, spaces, starts).sentences] == ["Fin.\n\n", "Suite."]
