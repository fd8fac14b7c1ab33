"""Validating a data directory: syntax, schema, then the rules, all findings collected.

`scan` streams: films, events and sources are read first and kept (they are few); award
files are then read, checked and handed to an optional sink one at a time, so memory
stays bounded whatever the number of records. The bytes read also give the fingerprint.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from lasttrain_awards.dataset import SMALL_KINDS, Dataset, Entry, entries_of
from lasttrain_awards.documents import (
    KINDS,
    DocumentError,
    iter_data_files,
    parse_fast,
    read_data_file,
    strict_findings,
)
from lasttrain_awards.errors import DataDirectoryError
from lasttrain_awards.findings import Finding, Report
from lasttrain_awards.freshness import combine_fingerprint, file_digest
from lasttrain_awards.positions import with_lines
from lasttrain_awards.rules import Context, run_rules, select_rules
from lasttrain_awards.schemas import schema_findings


@dataclass
class Sink:
    """Where a scan hands what it has checked, while everything so far is valid (a loader)."""

    small: Callable[[Dataset], None]
    awards: Callable[[list[Entry]], None]


@dataclass
class Scan:
    dataset: Dataset  # films, events, sources; award records only when kept
    report: Report
    fingerprint: str


def scan(
    data_dir: Path,
    context: Context | None = None,
    rules: Iterable[str] | None = None,
    sink: Sink | None = None,
    keep_awards: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> Scan:
    """Check every file of the dataset, streaming the award files; place every finding by line."""
    if not data_dir.is_dir():
        raise DataDirectoryError(f"data directory not found: {data_dir}")
    context = context or Context()
    chosen = frozenset(rules) if rules is not None else select_rules()
    dataset = Dataset()
    dataset.know_file_names(data_dir)
    findings: list[Finding] = []
    digests: dict[str, bytes] = {}
    paths: dict[str, Path] = {}
    kept: list[Entry] = []

    def read(path: Path, name: str, kind: str) -> list[Entry]:
        paths[name] = path
        try:
            data = read_data_file(path, data_dir)
        except OSError as exc:
            digests[name] = file_digest(f"unreadable: {exc}".encode())
            findings.append(Finding(file=name, rule="syntax", message=f"cannot read: {exc.strerror or exc}"))
            return []
        digests[name] = file_digest(data)
        try:
            content, text = parse_fast(data, name)
        except DocumentError as exc:
            findings.extend(exc.findings)
            return []
        errors = list(schema_findings(kind, content, name))
        if errors:
            # The fast parser leaves some strict checks (nesting depth) to files that fail anyway.
            problems = strict_findings(content, text, name)
            if problems:
                findings.extend(problems)
                return []
        findings.extend(errors)
        valid, ids = entries_of(kind, name, content, (f.path or "$" for f in errors))
        if kind in SMALL_KINDS:
            dataset.known_ids[kind].update(ids)
        return valid

    def clean() -> bool:
        return not any(f.severity == "error" and f.rule in chosen for f in findings)

    def check(pass_findings: Iterable[Finding]) -> None:
        findings.extend(f for f in pass_findings if f.rule in chosen)

    files = list(iter_data_files(data_dir))
    for path, name, kind in files:
        if kind is None:
            expected = ", ".join(f"{folder}/*.json" for folder in KINDS)
            what = "folder" if path.is_dir() else "file"
            findings.append(Finding(file=name, rule="layout", message=f"unexpected {what}: data files are {expected}"))
        elif kind in SMALL_KINDS:
            for entry in read(path, name, kind):
                dataset.entries[entry.kind].append(entry)
    check(run_rules(dataset, context, chosen))  # phase "small"
    if sink and clean():
        sink.small(dataset)
    dataset.phase = "awards"
    award_files = [(path, name, kind) for path, name, kind in files if kind == "awards-file"]
    for done, (path, name, kind) in enumerate(award_files, 1):
        if kind == "awards-file":
            dataset.entries["award"] = read(path, name, kind)
            check(run_rules(dataset, context, chosen))
            if sink and clean():
                sink.awards(dataset.awards)
            if keep_awards:
                kept.extend(dataset.awards)
            if progress:
                progress(done, len(award_files))
    dataset.entries["award"] = []
    dataset.phase = "end"
    check(run_rules(dataset, context, chosen))
    dataset.entries["award"] = kept

    strays = sum(1 for _, _, kind in files if kind is None)
    report = Report(files_checked=len(digests) + strays, root=data_dir)
    report.add(with_lines((f for f in findings if f.rule in chosen), _texts(findings, paths)))
    return Scan(dataset, report, combine_fingerprint(digests))


def _texts(findings: list[Finding], paths: dict[str, Path]) -> dict[str, str]:
    """The text of each file that has a finding still to place on a line (read again: few files)."""
    wanted = {f.file for f in findings if f.line is None and f.path and f.file in paths}
    texts = {}
    for name in wanted:
        try:
            texts[name] = paths[name].read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
    return texts


def validate(
    data_dir: Path, context: Context | None = None, rules: Iterable[str] | None = None
) -> tuple[Dataset, Report]:
    """Check a (small) dataset and keep all its entries, award records included."""
    result = scan(data_dir, context, rules, keep_awards=True)
    return result.dataset, result.report
