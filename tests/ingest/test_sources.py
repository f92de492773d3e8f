from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from communique.errors import DocumentTooLarge, InputError, MalformedRecord, UnsupportedFormat
from communique.ingest.sources import SourceDocument, expand_paths, read_items
from communique.settings import Options

OPTIONS = Options()


def _items(path: Path, options: Options = OPTIONS) -> list[SourceDocument | InputError]:
    return list(read_items(str(path), options))


def test_directories_are_read_recursively_and_sorted(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.md").write_text("# T\n\ntext", encoding="utf-8")
    (tmp_path / "one.txt").write_text("text", encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"PK")
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    assert expand_paths([str(tmp_path)]) == [str(tmp_path / "b" / "two.md"), str(tmp_path / "one.txt")]


def test_jsonl_records_are_documents_named_file_hash_id(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    rows = [
        {
            "id": "a1",
            "url": "https://x.org/a",
            "published": "2020-09-18",
            "title": "T",
            "language": "fr",
            "text": "<p>Bonjour</p>",
        },
        {"text": "# Titre\n\nUn **texte** et un [lien](http://x.org)."},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    first, second = _items(path)
    assert isinstance(first, SourceDocument)
    assert isinstance(second, SourceDocument)
    assert (first.source, first.format, first.published, first.url) == (f"{path}#a1", "html", "2020-09-18", "https://x.org/a")
    assert (second.source, second.format) == (f"{path}#2", "markdown")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"id": "x", "text": 42}', "'text' is a int, not a string"),
        ('{"id": "x"}', "'text' is missing"),
        ('{"id": null, "text": ""}', "empty 'text'"),
        ('{"id": [1], "text": "t"}', "'id' must be a string"),
        ('{"id": "x", "text": "ok", "published": {"y": 1}}', "'published' must be a string"),
        ('{"id": "x", "text": "trunc', "not valid JSON"),
        ("[1, 2]", "a record must be a JSON object"),
    ],
)
def test_bad_jsonl_lines_are_errors_and_the_rest_goes_on(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(line + "\n" + json.dumps({"id": "good", "text": "Bonjour."}) + "\n", encoding="utf-8")
    bad, good = _items(path)
    assert isinstance(bad, InputError)
    assert message in str(bad)
    assert str(path) in str(bad)
    assert isinstance(good, SourceDocument)


def test_duplicate_ids_in_one_file_are_reported_once_kept_once(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps({"id": "same", "text": t}) for t in ("one", "two")), encoding="utf-8")
    first, second = _items(path)
    assert isinstance(first, SourceDocument)
    assert isinstance(second, MalformedRecord)
    assert "duplicate id 'same'" in str(second)


def test_unsupported_extension(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(b"PK\x03\x04")
    (error,) = _items(path)
    assert isinstance(error, UnsupportedFormat)
    assert str(error).startswith(f"{path}: unsupported file type '.docx'")


def test_too_large_files_are_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    (error,) = _items(path)
    assert isinstance(error, DocumentTooLarge)
    assert "file too large (50.0 MiB; the limit is 25 MiB)" in str(error)


def test_missing_file(tmp_path: Path) -> None:
    (error,) = _items(tmp_path / "nope.txt")
    assert str(error) == f"{tmp_path / 'nope.txt'}: no such file [C001]"


def test_plain_text_that_is_html_or_markdown_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("<p>Bonjour</p><p>Monde</p>", encoding="utf-8")
    (item,) = _items(path)
    assert isinstance(item, SourceDocument)
    assert item.format == "html"


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = io.TextIOWrapper(io.BytesIO("Paris, le 3 décembre 2020 – Texte.".encode()))
    monkeypatch.setattr("sys.stdin", stream)
    (item,) = list(read_items("-", OPTIONS))
    assert isinstance(item, SourceDocument)
    assert item.source == "-"
