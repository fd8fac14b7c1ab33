"""Validating a data directory: syntax, schema, then the cross-file rules, all errors collected."""

from __future__ import annotations

from pathlib import Path

from lasttrain_awards.dataset import Dataset
from lasttrain_awards.documents import read_documents
from lasttrain_awards.findings import Finding, Report
from lasttrain_awards.positions import with_lines
from lasttrain_awards.rules import run_rules
from lasttrain_awards.schemas import schema_findings


class DataDirectoryError(Exception):
    """The data directory itself is missing or not a directory."""


def validate(data_dir: Path) -> tuple[Dataset, Report]:
    """Check every file of the dataset; return the usable entries and every finding, placed by line."""
    if not data_dir.is_dir():
        raise DataDirectoryError(f"data directory not found: {data_dir}")
    documents, unreadable = read_documents(data_dir)
    findings: list[Finding] = list(unreadable)
    dataset = Dataset()
    dataset.know_file_names(data_dir)
    for document in documents:
        schema_errors = list(schema_findings(document.kind, document.content, document.name))
        findings.extend(schema_errors)
        dataset.add_document(document, (f.path or "$" for f in schema_errors))
    findings.extend(run_rules(dataset))
    report = Report(files_checked=len({d.name for d in documents} | {f.file for f in unreadable}))
    report.add(with_lines(findings, {d.name: d.text for d in documents}))
    return dataset, report
