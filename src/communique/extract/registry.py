"""Extraction steps: each declares what it requires and what it assigns, like spaCy's
pipeline components, so that a pipeline can be checked before it runs."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from communique.errors import PipelineConfigError

if TYPE_CHECKING:
    from communique.extract.work import Work

StepFunc = Callable[["Work"], None]

# what exists before any step runs: the prepared document and its spaCy parse
PROVIDED = frozenset({"document", "doc"})


@dataclass(frozen=True)
class Step:
    name: str
    func: StepFunc
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    doc: str = field(default="", compare=False)


_REGISTRY: dict[str, Step] = {}


def step(name: str, *, requires: Iterable[str] = (), assigns: Iterable[str] = ()) -> Callable[[StepFunc], StepFunc]:
    """Register a function as an extraction step."""

    def register(func: StepFunc) -> StepFunc:
        if name in _REGISTRY and _REGISTRY[name].func is not func:
            raise PipelineConfigError(f"step {name!r} is registered twice")
        _REGISTRY[name] = Step(name, func, tuple(requires), tuple(assigns), (func.__doc__ or "").strip().split("\n")[0])
        return func

    return register


def registered() -> dict[str, Step]:
    """Every registered step by name (importing ``communique.extract`` registers them)."""
    return dict(_REGISTRY)


def check_order(steps: list[Step]) -> None:
    """Fail when a step requires something no earlier step assigns."""
    available = set(PROVIDED)
    for item in steps:
        missing = [r for r in item.requires if r not in available]
        if missing:
            raise PipelineConfigError(f"step {item.name!r} requires {', '.join(missing)}, which no earlier step assigns")
        available.update(item.assigns)
