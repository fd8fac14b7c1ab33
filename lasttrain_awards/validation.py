"""Validating a data directory: syntax, schema, then the cross-file rules, all errors collected."""

from __future__ import annotations

from pathlib import Path

from lasttrain_awards.dataset import Dataset
from lasttrain_awards.documents import read_documents
from lasttrain_awards.findings import Finding, Report
from lasttrain_awards.rules import run_rules
from lasttrain_awards.schemas import schema_findings


class DataDirectoryError(Exception):
    """The data directory itself is missing or not a directory."""


def validate(data_dir: Path) -> tuple[Dataset, Report]:
    """Check every file of the dataset; return the usable entries and every finding."""
    if not data_dir.is_dir():
        raise DataDirectoryError(f"data directory not found: {data_dir}")
    documents, unreadable = read_documents(data_dir)
    report = Report(files_checked=len(documents) + len(unreadable))
    report.add(unreadable)
    dataset = Dataset()
    for document in documents:
        findings: list[Finding] = list(schema_findings(document.kind, document.content, document.name))
        report.add(findings)
        dataset.add_document(document, (f.path or "$" for f in findings))
    report.add(run_rules(dataset))
    return dataset, report
