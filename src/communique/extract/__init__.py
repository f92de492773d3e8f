"""Extraction: one module per fact kind, each registering its steps on import."""

from communique.extract import entities, roles
from communique.extract.pipeline import DEFAULT_STEPS, Extractor
from communique.extract.registry import Step, registered

__all__ = ["DEFAULT_STEPS", "Extractor", "Step", "entities", "registered", "roles"]
