"""Every error communique raises, in one tree, each message with a stable code.

Codes (``C0xx`` input, ``C1xx`` extraction, ``C2xx`` store, ``C3xx`` evaluation, ``C4xx`` export) never
change meaning once released, so users and scripts can rely on them.
"""

from __future__ import annotations


class CommuniqueError(Exception):
    """Base of every error communique raises on purpose."""

    code = "C000"

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        return f"{where}{self.message} [{self.code}]"


class InputError(CommuniqueError):
    """A document cannot be read: the batch goes on without it."""

    code = "C001"


class EmptyDocument(InputError):
    code = "C002"


class BinaryDocument(InputError):
    code = "C003"


class UndecodableDocument(InputError):
    code = "C004"


class UnsupportedFormat(InputError):
    code = "C005"


class DocumentTooLarge(InputError):
    code = "C006"


class MalformedRecord(InputError):
    """A JSON Lines line that is not a usable document record."""

    code = "C007"


class ExtractionError(CommuniqueError):
    """A step failed on one document."""

    code = "C100"


class PipelineConfigError(CommuniqueError):
    """Steps whose requirements no earlier step assigns."""

    code = "C101"


class ModelMissing(CommuniqueError):
    """The spaCy pipeline for a language is not installed."""

    code = "C102"


class StoreError(CommuniqueError):
    code = "C200"


class NotFound(StoreError):
    """No document, entity or fact with the id asked for."""

    code = "C201"


class InvalidFact(StoreError):
    """A fact given by a curator (or a record part) that the contract or the store refuses."""

    code = "C202"


class DuplicateFact(StoreError):
    """A fact added by hand that the store already holds under the same dedupe key."""

    code = "C203"


class InvalidRecord(StoreError):
    """A record whose facts name entity ids that the record does not define."""

    code = "C204"


class GoldError(CommuniqueError):
    """A gold file that does not follow GOLD.md."""

    code = "C300"


class ExportError(CommuniqueError):
    """An export that cannot be written: an unknown format or an unusable output path."""

    code = "C400"


class EngineError(CommuniqueError):
    """A batch engine cannot run: its output is in the way, or Spark (or Java) is missing."""

    code = "C500"
