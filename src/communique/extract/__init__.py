"""Extraction: one module per fact kind, each registering its steps on import."""

from communique.extract import agreements, entities, events, programmes, roles
from communique.extract.pipeline import DEFAULT_STEPS, Extractor
from communique.extract.registry import Step, registered

__all__ = ["DEFAULT_STEPS", "Extractor", "Step", "agreements", "entities", "events", "programmes", "registered", "roles"]
