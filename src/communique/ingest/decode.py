"""Bytes to text: declared or sniffed encodings, binary refused, legacy encodings decoded."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from communique.errors import BinaryDocument, EmptyDocument, UndecodableDocument

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# control characters other than tab, newline, form feed and carriage return: text has
# almost none; binary formats are full of them
_CONTROL = frozenset(range(32)) - {9, 10, 12, 13}
_BINARY_SHARE = 0.05
_LATIN_SCRIPT = frozenset(
    {
        "ascii",
        "cp1250",
        "cp1252",
        "cp1257",
        "latin_1",
        "iso8859_2",
        "iso8859_3",
        "iso8859_4",
        "iso8859_9",
        "iso8859_10",
        "iso8859_13",
        "iso8859_14",
        "iso8859_15",
        "iso8859_16",
        "mac_roman",
        "mac_latin2",
        "cp850",
        "cp858",
    }
)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM shows NULs on every other byte of ASCII characters."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    for zeros, codec in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros.count(0) > 0.4 * len(zeros):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    return None


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ord(ch) in _CONTROL)
    return controls / len(sample) > _BINARY_SHARE


def decode(data: bytes, source: str) -> str:
    """Decode a document's bytes, or raise a one-line InputError naming ``source``."""
    if not data.strip():
        raise EmptyDocument("empty document", source=source)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise UndecodableDocument(f"invalid {codec} after its byte-order mark: {exc.reason}", source=source) from None
            return _checked(text, source)
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return _checked(utf16, source)
    try:
        return _checked(data.decode("utf-8"), source)
    except UnicodeDecodeError:
        pass
    if data.count(0) > _BINARY_SHARE * min(len(data), 65536):
        raise BinaryDocument("binary content, not text", source=source)
    best = from_bytes(data[: 1 << 20]).best()
    # the detector cannot tell Western from Central European code pages on French or
    # English text; the releases we read are Western unless the script says otherwise
    encoding = best.encoding if best is not None and best.encoding not in _LATIN_SCRIPT else "cp1252"
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        # cp1252 leaves five bytes undefined; latin-1 decodes everything
        text = data.decode("latin-1")
    return _checked(text, source)


def _checked(text: str, source: str) -> str:
    text = text.replace("\x00", "")
    if _looks_binary(text):
        raise BinaryDocument("binary content, not text", source=source)
    if not text.strip():
        raise EmptyDocument("empty document", source=source)
    return text
