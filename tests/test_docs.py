"""Documentation stays in step with the code: every command is in the README."""

from __future__ import annotations

from pathlib import Path

from communique.cli import app

README = Path(__file__).resolve().parents[1] / "README.md"


def test_every_command_is_documented() -> None:
    text = README.read_text(encoding="utf-8")
    names = [command.name or (command.callback.__name__ if command.callback else "") for command in app.registered_commands]
    assert names
    missing = [name for name in names if f"communique {name}" not in text]
    assert missing == []


def test_readme_shows_the_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    assert "make demo" in text
    assert "make test" in text
