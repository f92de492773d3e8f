"""One options object, built once (from the CLI, the API or Spark) and passed down."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DB_PATH = Path(".communique") / "communique.db"


def default_db_url() -> str:
    """``COMMUNIQUE_DB`` when set, else SQLite at ``.communique/communique.db``."""
    return os.environ.get("COMMUNIQUE_DB") or f"sqlite:///{DEFAULT_DB_PATH}"


@dataclass(frozen=True)
class Options:
    """What a run may change; every stage reads it, none mutates it."""

    db_url: str = field(default_factory=default_db_url)
    # larger files are refused before reading: press releases are far smaller, and a
    # crawler's stray archive must not exhaust memory
    max_file_bytes: int = 25 * 1024 * 1024
    # the statistical parser needs about 1 GB per 100,000 characters at once; longer
    # cleaned texts are refused rather than risk the machine
    max_text_chars: int = 1_000_000
    # a runaway document becomes an error after this many seconds; the batch goes on
    time_limit: float = 60.0
    # a JSON Lines record or file with no language is detected; these are the pipelines
    languages: tuple[str, ...] = ("fr", "en")
    fallback_language: str = "en"
    # events below this confidence are left out of records (planned, hypothetical and
    # negated events score below 0.5; lower the threshold to see them)
    event_confidence: float = 0.5
    quiet: bool = False
    processes: int = 1
