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
    assert "awards validate --format github" in commands
    assert "--check-links --strict" in commands
    # the warnings the data carries by design would make a strict run fail every week
    for designed in ("undated", "result-unstated", "unchecked-source"):
        assert f"--ignore {designed}" in commands
    assert "pytest" in commands


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
