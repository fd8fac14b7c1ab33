"""The CI files: the validation workflow is valid, scheduled, and watches what it should;
the pre-commit hook is declared; the README's press-kit sentence is the data's."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from ruamel.yaml import YAML

from tests.conftest import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
VALIDATE = REPO / ".github" / "workflows" / "validate.yml"


def _yaml(path):
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=[w.name for w in WORKFLOWS])
def test_workflow_is_valid_against_the_github_schema(workflow) -> None:
    # check-jsonschema bundles GitHub's workflow schema: this runs offline.
    run = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(workflow)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_validation_runs_on_data_changes_on_a_schedule_and_by_hand() -> None:
    on = _yaml(VALIDATE)["on"]
    for event in ("push", "pull_request"):
        assert {"data/**", "schema/**", "lasttrain_awards/**", ".github/workflows/validate.yml"} <= set(
            on[event]["paths"]
        )
    (schedule,) = on["schedule"]
    minute = schedule["cron"].split()[0]
    assert minute.isdigit() and int(minute) % 2 == 1, "an odd minute, off the top of the hour"
    assert "workflow_dispatch" in on


def test_validation_steps() -> None:
    steps = _yaml(VALIDATE)["jobs"]["validate"]["steps"]
    commands = " | ".join(step.get("run", "") for step in steps)
    assert "validate --format github" in commands
    assert "--strict" in commands and "--check-links" in str(steps)
    # the warnings the data carries by design would make a strict run fail every week
    for designed in ("undated", "result-unstated", "unchecked-source"):
        assert f"--ignore {designed}" in commands
    assert "pytest" not in commands, "the suite runs in tests.yml: no push runs it twice"


def test_each_event_runs_the_right_validation() -> None:
    """Push and pull request: the plain check; the schedule: the strict one only; by hand: either,
    with links when asked. A push to main never cancels the weekly run (the group names the event)."""
    document = _yaml(VALIDATE)
    plain, strict = (s for s in document["jobs"]["validate"]["steps"] if "validate --format github" in s.get("run", ""))
    assert "schedule" not in plain["if"] and "workflow_dispatch' && !inputs.strict" in plain["if"]
    assert "inputs.check-links" in plain["env"]["LINKS"] and "$LINKS" in plain["run"]
    assert "github.event_name == 'schedule'" in strict["if"]
    assert "github.event_name" in document["concurrency"]["group"]
    assert document["on"]["push"]["branches"] == ["main"]


def test_the_strict_check_runs_by_hand_too() -> None:
    inputs = _yaml(VALIDATE)["on"]["workflow_dispatch"]["inputs"]
    assert inputs["strict"]["type"] == "boolean" and inputs["check-links"]["type"] == "boolean"
    (strict,) = [s for s in _yaml(VALIDATE)["jobs"]["validate"]["steps"] if "--strict" in s.get("run", "")]
    assert "schedule" in strict["if"] and "workflow_dispatch" in strict["if"] and "inputs.strict" in strict["if"]


def test_the_schedule_keeps_itself_enabled() -> None:
    """GitHub disables a schedule after 60 quiet days: each scheduled run re-enables its workflow."""
    job = _yaml(VALIDATE)["jobs"]["keepalive"]
    assert job["if"] == "github.event_name == 'schedule'"
    assert job["permissions"] == {"actions": write} if (write := "write") else False
    (step,) = job["steps"]
    assert "actions/workflows/validate.yml/enable" in step["run"] and "--method PUT" in step["run"]


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=[w.name for w in WORKFLOWS])
def test_every_job_has_a_timeout_and_superseded_runs_are_cancelled(workflow) -> None:
    document = _yaml(workflow)
    # Pages lets a deployment under way finish (GitHub's own template): a newer one queues instead
    assert document["concurrency"]["cancel-in-progress"] is (workflow.name != "docs.yml")
    assert "github.ref" in document["concurrency"]["group"]
    for name, job in document["jobs"].items():
        assert 0 < job["timeout-minutes"] <= 30, name
        for step in job.get("steps", []):
            if step.get("uses", "").startswith("actions/setup-python"):
                assert step["with"]["cache"] == "pip", name


def test_the_tests_workflow_runs_the_postgresql_tests_like_ci_run() -> None:
    document = _yaml(REPO / ".github" / "workflows" / "tests.yml")
    job = document["jobs"]["tests"]
    assert job["services"]["postgres"]["image"].startswith("postgres:")
    assert "5432:5432" in job["services"]["postgres"]["ports"]
    assert job["env"]["AWARDS_TEST_POSTGRES_URL"].startswith("postgresql+psycopg://")
    assert len(job["strategy"]["matrix"]["python-version"]) >= 2
    commands = " | ".join(step.get("run", "") for step in job["steps"])
    install = next(step["run"] for step in job["steps"] if step.get("name") == "Install")
    assert "postgresql" in install and "test" in install
    for check in ("ruff check", "mypy", "check-jsonschema", "mkdocs build --strict", "pytest"):
        assert check in commands, check
    # .ci/run runs the same checks
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    for check in ('ruff" check', "mypy", "check-jsonschema", 'mkdocs" build --strict', "AWARDS_TEST_POSTGRES_URL"):
        assert check in ci, check


def test_pre_commit_hook_is_declared() -> None:
    (hook,) = _yaml(REPO / ".pre-commit-hooks.yaml")
    assert hook["id"] == "awards-validate" and hook["entry"] == "awards --data data validate"
    assert hook["pass_filenames"] is False and re.match(hook["files"], "data/awards/idfa.json")
    own = _yaml(REPO / ".pre-commit-config.yaml")
    assert "awards-validate" in {h["id"] for repo in own["repos"] for h in repo["hooks"]}


def test_readme_carries_the_current_summary_sentence(awards) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- summary:start -->\n(.*?)\n<!-- summary:end -->", readme, re.S)
    assert match, "README.md lacks the summary markers"
    current = awards("summary").stdout.strip()
    assert match.group(1).strip() == current, "README's press-kit sentence is stale: paste `awards summary` there"
