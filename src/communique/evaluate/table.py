"""The evaluation report as a rich table for the terminal."""

from __future__ import annotations

from rich.table import Table

from communique.evaluate.match import PartScore
from communique.evaluate.report import Report, Summary
from communique.evaluate.score import PARTS, SLOTS


def _slots(score: PartScore, names: tuple[str, ...]) -> str:
    values = score.slots(names)
    return "  ".join(f"{name} {'–' if value is None else f'{value:.2f}'}" for name, value in values.items())


def _figures(score: PartScore, f1_style: str = "") -> list[str]:
    f1 = f"[{f1_style}]{score.f1:.2f}[/{f1_style}]" if f1_style else f"{score.f1:.2f}"
    return [f"{score.p:.2f}", f"{score.r:.2f}", f1, str(score.tp), str(score.fp), str(score.fn)]


def _rows(table: Table, scope: str, summary: Summary) -> None:
    for part in PARTS:
        score = summary.parts[part]
        table.add_row(scope, part, *_figures(score), _slots(score, SLOTS[part]))
    metadata = f"published {summary.published_acc:.2f}  language {summary.language_acc:.2f}  ({summary.evaluated} documents)"
    table.add_row(scope, "[bold]overall[/bold]", *_figures(summary.overall, "bold"), metadata)


def render_table(report: Report) -> Table:
    """All documents, then each language in its own section (French and English apart)."""
    table = Table(title="Evaluation against gold (GOLD.md)")
    for column in ("scope", "part", "P", "R", "F1", "TP", "FP", "FN"):
        table.add_column(column, justify="left" if column in ("scope", "part") else "right")
    table.add_column("slots / metadata")
    _rows(table, "all", report.summary())
    for language, summary in report.by_language().items():
        table.add_section()
        _rows(table, language, summary)
    notes = []
    if report.missing:
        notes.append(f"{len(report.missing)} gold documents without a record (all false negatives)")
    if report.unmatched_records:
        notes.append(f"{len(report.unmatched_records)} records without a gold file (ignored)")
    table.caption = "; ".join(notes) or None
    return table
