"""Reporters for validation results: plain text lines and JSON."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

from lasttrain_awards.findings import Finding, Report

REPORT_FORMATS = ("text", "json", "github")


def _place(f: Finding) -> str:
    place = f.file
    if f.line is not None:
        place += f":{f.line}" + (f":{f.column}" if f.column is not None else "")
    return place


def finding_line(f: Finding) -> str:
    """`file:line:col: severity [rule] path: message` (line, column and path where known)."""
    where = f" {f.path}:" if f.path else ""
    return f"{_place(f)}: {f.severity} [{f.rule}]{where} {f.message}"


def text_report(report: Report) -> str:
    lines = [finding_line(f) for f in report.errors + report.warnings]
    n_err, n_warn = len(report.errors), len(report.warnings)
    verdict = "valid" if report.ok else "invalid"
    lines.append(f"{verdict}: {n_err} error(s), {n_warn} warning(s) in {report.files_checked} file(s)")
    return "\n".join(lines) + "\n"


def json_report(report: Report) -> str:
    return (
        json.dumps(
            {
                "ok": report.ok,
                "files_checked": report.files_checked,
                "errors": [f.as_dict() for f in report.errors],
                "warnings": [f.as_dict() for f in report.warnings],
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )


def _escape(text: str, *, property_value: bool = False) -> str:
    """GitHub workflow-command escaping (as in @actions/core)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_value else text


def github_report(report: Report) -> str:
    """Workflow commands, so findings appear as annotations on the pull request's diff."""
    lines = []
    for f in report.errors + report.warnings:
        path = Path(f.file) if report.root is None else report.root / f.file
        # GitHub wants paths from the repository root, which is GITHUB_WORKSPACE in a workflow.
        relative = os.path.relpath(path, os.environ.get("GITHUB_WORKSPACE") or os.curdir)
        properties = [f"file={_escape(relative.replace(os.sep, '/'), property_value=True)}"]
        if f.line is not None:
            properties.append(f"line={f.line}")
            if f.column is not None:
                properties.append(f"col={f.column}")
        properties.append(f"title={_escape(f'awards [{f.rule}]', property_value=True)}")
        where = f"{f.path}: " if f.path else ""
        lines.append(f"::{f.severity} {','.join(properties)}::{_escape(where + f.message)}")
    return "\n".join([*lines, text_report(report).splitlines()[-1]]) + "\n"


REPORTERS: dict[str, Callable[[Report], str]] = {"text": text_report, "json": json_report, "github": github_report}
