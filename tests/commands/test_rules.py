"""The rules through the CLI: listing, selecting, strictness, a pinned today, reporters, links."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from lasttrain_awards.validation.rules import RULES
from tests.builders import DATA, TODAY
from tests.conftest import assert_clean_exit


def _report(result) -> dict:
    return json.loads(result.stdout)


def test_rules_lists_every_rule(awards) -> None:
    rows = json.loads(awards("rules", "--format", "json").stdout)
    assert [r["Rule"] for r in rows] == list(RULES)
    assert {r["Runs"] for r in rows} == {"always", "time-aware", "opt-in"}
    assert all(r["Checks"] and r["Severity"] in ("error", "warning") for r in rows)


def test_select_and_ignore_narrow_a_run(awards) -> None:
    only = _report(awards("validate", "--format", "json", "--today", TODAY, "--select", "undated"))
    assert {w["rule"] for w in only["warnings"]} == {"undated"}
    everything = _report(awards("validate", "--format", "json", "--today", TODAY))
    assert "weak-evidence" in {w["rule"] for w in everything["warnings"]}
    without = _report(awards("validate", "--format", "json", "--today", TODAY, "--ignore", "weak-evidence"))
    assert {w["rule"] for w in without["warnings"]} == {w["rule"] for w in everything["warnings"]} - {"weak-evidence"}


def test_syntax_and_schema_cannot_be_left_out(awards, data_dir: Path) -> None:
    path = data_dir / "awards" / "apsa.json"
    records = json.loads(path.read_text(encoding="utf-8"))
    records[0]["year"] = "2010"
    path.write_text(json.dumps(records, indent=2), encoding="utf-8")
    for args in (["--ignore", "schema"], ["--select", "undated"]):
        result = awards("validate", "--format", "json", "--today", TODAY, *args)
        assert_clean_exit(result, 1)
        assert [e["rule"] for e in _report(result)["errors"]] == ["schema"]


def test_unknown_rule_is_a_usage_error(awards) -> None:
    assert_clean_exit(awards("validate", "--select", "no-such-rule"), 2)


def test_strict_turns_warnings_into_errors(awards) -> None:
    assert_clean_exit(awards("validate", "--today", TODAY), 0)
    result = awards("validate", "--today", TODAY, "--strict", "--format", "json")
    assert_clean_exit(result, 1)
    report = _report(result)
    assert report["warnings"] == [] and {e["rule"] for e in report["errors"]} >= {"undated"}


def test_today_2030_differs_exactly_as_the_readme_says(awards, data_dir: Path, monkeypatch) -> None:
    """In 2030 every source, read in November or December 2026, is past the 365-day limit; nothing else changes."""
    monkeypatch.chdir(data_dir)  # finding paths are printed from the working directory
    now = _report(awards("validate", "--format", "json", "--today", TODAY))
    later = _report(awards("validate", "--format", "json", "--today", "2030-01-01"))
    key = lambda f: (f["file"], f["rule"], f["path"])  # noqa: E731
    added = sorted({key(f) for f in later["warnings"]} - {key(f) for f in now["warnings"]})
    removed = {key(f) for f in now["warnings"]} - {key(f) for f in later["warnings"]}
    retrieved = {p.name: json.loads(p.read_text())["retrieved"] for p in (DATA / "sources").glob("*.json")}
    stale = sorted(name for name, day in retrieved.items() if (date(2030, 1, 1) - date.fromisoformat(day)).days > 365)
    assert added == [(f"sources/{name}", "stale-source", "$.retrieved") for name in stale]
    assert len(added) == len(retrieved) and not removed
    assert later["ok"] and now["errors"] == later["errors"] == []


def test_max_source_age(awards) -> None:
    fresh = _report(awards("validate", "--format", "json", "--today", "2030-01-01", "--max-source-age", "5000"))
    assert not [w for w in fresh["warnings"] if w["path"] == "$.retrieved"]


def test_github_annotations(awards, data_dir: Path, monkeypatch) -> None:
    monkeypatch.chdir(data_dir.parent)
    path = data_dir / "awards" / "apsa.json"
    records = json.loads(path.read_text(encoding="utf-8"))
    records[0]["year"] = "2010, maybe"
    path.write_text(json.dumps(records, indent=2), encoding="utf-8")
    result = awards("validate", "--format", "github", "--today", TODAY)
    assert_clean_exit(result, 1)
    lines = result.stdout.splitlines()
    assert "::error file=data/awards/apsa.json,line=6,col=5,title=awards [schema]::$[0].year: " in lines[0]
    assert "'2010, maybe' is not of type 'integer'" in lines[0]
    assert any(line.startswith("::warning file=data/awards/laapff.json,line=") for line in lines)
    assert lines[-1].startswith("invalid: 1 error(s)")


class _Pages(BaseHTTPRequestHandler):
    def do_HEAD(self) -> None:
        self.send_response(200 if self.path == "/alive" else 404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def pages() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_check_links_reports_each_dead_url(awards, data_dir: Path, pages: str, monkeypatch) -> None:
    monkeypatch.chdir(data_dir)  # finding paths are printed from the working directory
    sources = sorted((data_dir / "sources").glob("*.json"))
    with_url = [p for p in sources if "url" in json.loads(p.read_text(encoding="utf-8"))]
    for i, path in enumerate(with_url):
        source = json.loads(path.read_text(encoding="utf-8"))
        source["url"] = f"{pages}/alive" if i else f"{pages}/gone"
        path.write_text(json.dumps(source, indent=2), encoding="utf-8")
    plain = _report(awards("validate", "--format", "json", "--today", TODAY))
    assert "links" not in {f["rule"] for f in plain["errors"] + plain["warnings"]}  # opt-in
    result = awards("validate", "--format", "json", "--today", TODAY, "--check-links", "--link-timeout", "5")
    assert_clean_exit(result, 1)
    errors = [e for e in _report(result)["errors"] if e["rule"] == "links"]
    assert len(errors) == 1
    assert errors[0]["file"] == f"sources/{with_url[0].name}" and errors[0]["path"] == "$.url"
    assert "HTTP 404" in errors[0]["message"]


def test_github_paths_are_relative_to_the_workspace(awards, data_dir: Path, monkeypatch, tmp_path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.setenv("GITHUB_WORKSPACE", str(data_dir.parent))
    out = awards("validate", "--format", "github", "--today", TODAY).stdout
    assert "::warning file=data/awards/laapff.json," in out
