"""Offices as written: "ministre de la Coopération et de l'Action humanitaire", "UN High
Commissioner for Refugees", "Prime Minister". A title starts at a head word of the lexicon
and runs over its complement until punctuation, a verb, a relative pronoun or a name."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from communique.kb.lexicon import lexicon

_MAX_TOKENS = 24
_STOP_POS = frozenset({"VERB", "AUX", "PRON", "SCONJ", "NUM"})
_STOP_WORDS = frozenset(
    {"qui", "que", "dont", "who", "which", "that", "whose", "où", "lors", "during", "since", "depuis", "with", "avec"}
)


_FUNCTION_TAIL = r"(?i:de|du|des|d['’]|la|le|les|l['’]|of|the|for|to|and|et|à|aux|au)"


@cache
def _trailing() -> re.Pattern[str]:
    ranks = "|".join(re.escape(r).replace(r"\ ", r"\s+") for r in sorted(lexicon().ranks, key=len, reverse=True))
    return re.compile(rf"(?:\s+(?:{_FUNCTION_TAIL}|{ranks}))+$")


@dataclass(frozen=True)
class Title:
    start: int
    end: int
    head: str  # the head words as written ("ministre", "Prime Minister")

    def text(self, text: str) -> str:
        return text[self.start : self.end]


@cache
def _head_pattern(language: str) -> re.Pattern[str]:
    heads = sorted(set(lexicon().title_heads.get(language, ())), key=len, reverse=True)
    alternation = "|".join(re.escape(h).replace(r"\ ", r"\s+").replace("'", "['’]") for h in heads)
    qualifiers = r"(?:(?:vice|deputy|acting|interim|former|ancien|ancienne|principal|senior|chief|first)[\s-]+)?"
    return re.compile(rf"(?<![\w-]){qualifiers}(?:{alternation})(?![\w-])", re.IGNORECASE)


def _extent(doc: Doc, text: str, start: int, head_end: int, names: list[tuple[int, int]]) -> int:
    """Where the title that starts at ``start`` ends: after its complement."""
    end = head_end
    span = doc.char_span(head_end, len(text), alignment_mode="expand")
    if span is None:
        return end
    depth = 0
    for count, token in enumerate(span):
        if count >= _MAX_TOKENS or _is_name(token, names):
            break
        word = token.text
        if word == "(":
            depth += 1
            continue
        if word == ")":
            if depth == 0:
                break
            depth -= 1
            end = token.idx + 1
            continue
        if depth:
            continue
        if (token.is_punct and word not in ("-", "'", "’", "&")) or token.is_space or "\n" in token.whitespace_:
            break
        if _ends_title(span, count, names):
            break
        end = token.idx + len(word)
    # a complement never ends on a preposition, an article or a rank before the name
    return start + len(_trailing().sub("", text[start:end]))


def _is_name(token: Token, names: list[tuple[int, int]]) -> bool:
    return any(s <= token.idx < e for s, e in names)


def _ends_title(span: Span, index: int, names: list[tuple[int, int]]) -> bool:
    """Verbs, pronouns and numbers end a title, but not a participle that opens a
    complement ("directrice chargée de…", "Nations unies"); a conjunction or article ends
    it when another actor follows ("le ministre et le haut-commissaire ont signé")."""
    token = span[index]
    following = span[index + 1] if index + 1 < len(span) else None
    if token.text.lower() in _STOP_WORDS:
        return True
    if token.pos_ in _STOP_POS:
        participle = "Part" in token.morph.get("VerbForm", []) and token.pos_ == "VERB"
        previous = span[index - 1] if index > 0 else None
        return not participle or (previous is not None and previous.pos_ == "AUX")
    if token.pos_ == "CCONJ":
        return following is None or following.pos_ in ("DET", "PRON", "PROPN") or _is_name(following, names)
    if token.pos_ in ("DET", "ADP"):
        return following is not None and _is_name(following, names)
    return False


def find_titles(doc: Doc, text: str, language: str, names: list[tuple[int, int]]) -> Iterator[Title]:
    """Titles in ``text`` (the parsed ``doc``'s text, which spaCy would join anew from every
    token on each access); ``names`` are person-name spans, which end a title."""
    for match in _head_pattern(language if language in ("fr", "en") else "en").finditer(text):
        if any(s <= match.start() < e for s, e in names):
            continue
        end = _extent(doc, text, match.start(), match.end(), names)
        yield Title(match.start(), max(end, match.end()), match.group(0))
