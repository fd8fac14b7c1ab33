"""Validating a data directory: syntax, schema, then the cross-file rules, all errors collected."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from lasttrain_awards.dataset import Dataset
from lasttrain_awards.documents import read_documents
from lasttrain_awards.findings import Finding, Report
from lasttrain_awards.positions import with_lines
from lasttrain_awards.rules import Context, run_rules, select_rules
from lasttrain_awards.schemas import schema_findings


class DataDirectoryError(Exception):
    """The data directory itself is missing or not a directory."""


def validate(
    data_dir: Path, context: Context | None = None, rules: Iterable[str] | None = None
) -> tuple[Dataset, Report]:
    """Check every file of the dataset; return the usable entries and every finding, placed by line.

    `rules` are the ids to apply (default: every rule that is not opt-in).
    """
    if not data_dir.is_dir():
        raise DataDirectoryError(f"data directory not found: {data_dir}")
    chosen = frozenset(rules) if rules is not None else select_rules()
    documents, unreadable = read_documents(data_dir)
    findings: list[Finding] = list(unreadable)
    dataset = Dataset()
    dataset.know_file_names(data_dir)
    for document in documents:
        schema_errors = list(schema_findings(document.kind, document.content, document.name))
        findings.extend(schema_errors)
        dataset.add_document(document, (f.path or "$" for f in schema_errors))
    findings.extend(run_rules(dataset, context or Context(), chosen))
    report = Report(
        files_checked=len({d.name for d in documents} | {f.file for f in unreadable}),
        root=data_dir,
    )
    report.add(with_lines((f for f in findings if f.rule in chosen), {d.name: d.text for d in documents}))
    return dataset, report
