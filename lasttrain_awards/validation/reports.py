"""Reporters for validation results: plain text lines and JSON."""

from __future__ import annotations

import json
import os
from collections.abc import Callable

from lasttrain_awards.findings import Finding, Report
from lasttrain_awards.safety import json_visible, visible

REPORT_FORMATS = ("text", "json", "github")
MAX_SHOWN = 1000  # findings a text or GitHub report prints by default: a wrong folder is not 100,000 lines


def shown_path(report: Report, f: Finding, base: str | None = None) -> str:
    """A finding's file as a path from `base` (the working directory), as ruff and check-jsonschema
    print them, so editors, pre-commit and CI open the real file."""
    if report.root is None:
        return f.file
    return os.path.relpath(report.root / f.file, base or os.curdir).replace(os.sep, "/")


def _place(report: Report, f: Finding) -> str:
    place = shown_path(report, f)
    if f.line is not None:
        place += f":{f.line}" + (f":{f.column}" if f.column is not None else "")
    return place


def finding_line(report: Report, f: Finding) -> str:
    """`file:line:col: severity [rule] path: message` (line, column and path where known), on one line
    whatever the file's name holds: control characters are shown as escapes."""
    where = f" {f.path}:" if f.path else ""
    return visible(f"{_place(report, f)}: {f.severity} [{f.rule}]{where} {f.message}")


def _shown(report: Report, limit: int | None) -> tuple[list[Finding], str | None]:
    """The findings to print (errors first), and a line counting those left out, if any."""
    found = report.errors + report.warnings
    if not limit or len(found) <= limit:
        return found, None
    rest = len(found) - limit
    return found[:limit], f"… {rest:,} more finding(s) not shown (--max-findings 0 shows them all)"


def _verdict(report: Report) -> str:
    n_err, n_warn = len(report.errors), len(report.warnings) + report.hidden_warnings
    verdict = "valid" if report.ok else "invalid"
    of = f" of {report.root}" if report.root is not None else ""
    hidden = f" ({report.hidden_warnings} not shown)" if report.hidden_warnings else ""
    return f"{verdict}: {n_err} error(s), {n_warn} warning(s){hidden} in {report.files_checked} file(s){of}"


def text_report(report: Report, limit: int | None = MAX_SHOWN) -> str:
    found, more = _shown(report, limit)
    lines = [finding_line(report, f) for f in found] + ([more] if more else [])
    return "\n".join([*lines, visible(_verdict(report))]) + "\n"


def quiet_text_report(report: Report, limit: int | None = MAX_SHOWN) -> str:
    """The error lines only, no verdict line (`-q`): nothing at all when the data is valid."""
    found, more = _shown(report.errors_only(), limit)
    return "".join(finding_line(report, f) + "\n" for f in found) + (more + "\n" if more else "")


def json_report(report: Report, limit: int | None = None) -> str:
    """Every finding, whatever the limit: a program reading it decides what to show."""
    return (
        json_visible(
            json.dumps(
                {
                    "ok": report.ok,
                    "data": None if report.root is None else str(report.root),
                    "files_checked": report.files_checked,
                    "errors": [f.as_dict() | {"file": shown_path(report, f)} for f in report.errors],
                    "warnings": [f.as_dict() | {"file": shown_path(report, f)} for f in report.warnings],
                    "hidden_warnings": report.hidden_warnings,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        + "\n"
    )


def _escape(text: str, *, property_value: bool = False) -> str:
    """GitHub workflow-command escaping (as in @actions/core)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_value else text


def github_report(report: Report, limit: int | None = MAX_SHOWN) -> str:
    """Workflow commands, so findings appear as annotations on the pull request's diff."""
    found, more = _shown(report, limit)
    lines = []
    for f in found:
        # GitHub wants paths from the repository root, which is GITHUB_WORKSPACE in a workflow.
        relative = shown_path(report, f, os.environ.get("GITHUB_WORKSPACE"))
        properties = [f"file={_escape(relative, property_value=True)}"]
        if f.line is not None:
            properties.append(f"line={f.line}")
            if f.column is not None:
                properties.append(f"col={f.column}")
        properties.append(f"title={_escape(f'awards [{f.rule}]', property_value=True)}")
        where = f"{f.path}: " if f.path else ""
        lines.append(visible(f"::{f.severity} {','.join(properties)}::{_escape(where + f.message)}"))
    return "\n".join([*lines, *([more] if more else []), visible(_verdict(report))]) + "\n"


REPORTERS: dict[str, Callable[[Report, int | None], str]] = {
    "text": text_report,
    "json": json_report,
    "github": github_report,
}


def report_text(report: Report, fmt: str, quiet: bool = False, limit: int | None = MAX_SHOWN) -> str:
    """The report as `awards validate` prints it. Quiet: errors only and no summary line (nothing
    when the data is valid); for GitHub, the annotations only (a summary would be one more)."""
    if quiet and fmt == "github":
        return "".join(line + "\n" for line in github_report(report, limit).splitlines() if line.startswith("::"))
    if quiet and fmt == "text":
        return quiet_text_report(report, limit)
    return REPORTERS[fmt](report, limit)
