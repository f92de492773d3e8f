"""The event lexicon (``kb/data/events.yaml``): triggers per language, codes per kind of
event, and the words that mark an event as planned, negated or hypothetical."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from communique.model import EventType, Factuality, PloverType


@dataclass(frozen=True)
class EventKind:
    """A kind of trigger ("call", "host") and the contract codes it gives."""

    name: str
    type: EventType
    plover: PloverType | None
    mode: str | None
    cameo: str
    weak: bool = False  # coded for event data, rarely a reported event: low confidence


@dataclass(frozen=True)
class EventLexicon:
    kinds: dict[str, EventKind]
    # language → (kind, pattern, anchored): an anchored pattern ("^le dialogue") matches
    # only at the start of a sentence
    triggers: dict[str, tuple[tuple[str, re.Pattern[str], bool], ...]]
    factuality: dict[str, tuple[tuple[Factuality, re.Pattern[str]], ...]]  # language → (value, pattern)


def _kind(name: str, data: dict[str, Any]) -> EventKind:
    return EventKind(
        name=name,
        type=data.get("type", name),
        plover=data.get("plover"),
        mode=data.get("mode"),
        cameo=str(data["cameo"]),
        weak=bool(data.get("weak", False)),
    )


def _unanchored(pattern: str) -> str:
    """ "^\\s*le dialogue" → "le dialogue": patterns run over the whole text, and the caller
    checks that an anchored match opens its sentence."""
    return pattern.removeprefix("^").removeprefix("\\s*")


@cache
def event_lexicon() -> EventLexicon:
    data = yaml.safe_load(resources.files("communique.kb").joinpath("data", "events.yaml").read_text(encoding="utf-8"))
    kinds = {name: _kind(name, value) for name, value in data["types"].items()}
    triggers = {
        language: tuple(
            (kind, re.compile(rf"(?<!\w)(?:{_unanchored(pattern)})", re.IGNORECASE), pattern.startswith("^"))
            for kind, patterns in by_kind.items()
            for pattern in patterns
        )
        for language, by_kind in data["triggers"].items()
    }
    factuality: dict[str, list[tuple[Factuality, re.Pattern[str]]]] = {}
    for value, by_language in data["factuality"].items():
        for language, patterns in by_language.items():
            combined = re.compile(rf"(?<!\w)(?:{'|'.join(patterns)})", re.IGNORECASE)
            factuality.setdefault(language, []).append((value, combined))
    return EventLexicon(kinds, triggers, {language: tuple(values) for language, values in factuality.items()})
