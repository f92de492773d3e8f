from __future__ import annotations

import pytest

from communique.errors import PipelineConfigError
from communique.extract import DEFAULT_STEPS, Extractor, registered
from communique.extract.registry import Step, check_order


def test_registry_snapshot() -> None:
    """Changing a step's name or contract is a visible decision: update this snapshot."""
    snapshot = {name: (step.requires, step.assigns) for name, step in registered().items()}
    assert snapshot == {
        "entities": (("doc",), ("record.entities", "mentions", "kb_entries", "speaker")),
        "roles": (("doc", "record.entities", "mentions", "kb_entries"), ("record.roles", "record.entities")),
        "events": (("doc", "record.entities", "mentions", "kb_entries", "speaker", "record.roles"), ("record.events",)),
        "agreements": (
            ("doc", "record.entities", "mentions", "kb_entries", "record.roles", "record.events"),
            ("record.agreements", "record.entities"),
        ),
        "programmes": (("doc", "record.entities", "mentions", "kb_entries"), ("record.programmes",)),
    }


def test_default_pipeline_is_well_ordered() -> None:
    check_order([registered()[name] for name in DEFAULT_STEPS])


def test_missing_requirement_is_reported() -> None:
    def noop(_work: object) -> None:
        return None

    steps = [Step("roles", noop, requires=("record.entities",), assigns=("record.roles",))]
    with pytest.raises(PipelineConfigError, match=r"requires record\.entities"):
        check_order(steps)


def test_unknown_step_is_reported() -> None:
    with pytest.raises(PipelineConfigError, match="unknown step"):
        Extractor(steps=("entities", "telepathy"))
