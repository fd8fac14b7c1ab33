"""`awards init`: a new film's record that validates and explains itself, or a film added to one; never
written over anything.

Every film here is made up for the tests (The Paper Lanterns, by Ada Example): no fact about a real film.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

import lasttrain_awards.authoring.changes
import lasttrain_awards.authoring.scaffold  # loaded before a test drops to `nobody`
from lasttrain_awards.cli import cli
from lasttrain_awards.paths import find_data_dir
from tests.builders import as_user, check_schema, give_to_user
from tests.conftest import assert_clean_exit

FILM = ["--title", "The Paper Lanterns", "--year", "2021", "--director", "Ada Example"]  # a made-up film
# The first major of each action that runs on Node 24 (tests/test_workflows.py says how it was checked).
NODE_24 = {"actions/checkout": 5, "actions/setup-python": 6}
assert lasttrain_awards.authoring.changes


def _yaml(path: Path):
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def _files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


def _init(*args: str, **kwargs):
    return CliRunner().invoke(cli, ["init", *args], **kwargs)


@pytest.fixture
def record(tmp_path: Path) -> Path:
    root = tmp_path / "paper-lanterns-awards"
    result = _init(str(root), *FILM, "--repository", "example-owner/paper-lanterns-awards")
    assert_clean_exit(result, 0)
    return root


def test_a_new_record_validates_with_no_error_and_lists(record: Path, tmp_path: Path, monkeypatch) -> None:
    data = record / "data"
    assert sorted(p.name for p in data.iterdir()) == ["awards", "events", "films", "refuted", "sources"]
    assert (data / "films" / "the-paper-lanterns.json").is_file()
    db = ["--db", str(tmp_path / "a.sqlite")]
    result = CliRunner().invoke(cli, ["--data", str(data), "validate"])
    assert_clean_exit(result, 0)
    assert "valid: 0 error(s), 1 warning(s)" in result.output and "no award records yet" in result.output
    films = CliRunner().invoke(cli, ["--data", str(data), *db, "films", "--format", "csv"])
    assert_clean_exit(films, 0)
    assert "The Paper Lanterns,the-paper-lanterns,2021,0,0,0,0,0" in films.output
    listed = CliRunner().invoke(cli, ["--data", str(data), *db, "list", "--format", "csv"])
    assert_clean_exit(listed, 0)
    assert listed.stdout.splitlines() == ["Year,Date,Event,Category,Result,Sources"]
    # Found from any folder inside the repository, through its pyproject.toml.
    (record / "notes" / "deeper").mkdir(parents=True)
    assert find_data_dir(record / "notes" / "deeper") == (data.resolve(), f"named in {record.resolve()}/pyproject.toml")
    monkeypatch.chdir(record / "notes" / "deeper")
    assert_clean_exit(CliRunner().invoke(cli, ["validate", "-q"]), 0)


def test_the_readme_explains_the_record_and_shows_the_badge(record: Path) -> None:
    readme = (record / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# The accolades of *The Paper Lanterns* (2021)")
    badge = "https://github.com/example-owner/paper-lanterns-awards/actions/workflows/validate.yml/badge.svg"
    assert badge in readme
    for folder in ("data/films/", "data/events/", "data/sources/", "data/awards/", "data/refuted/", "documents/"):
        assert f"`{folder}`" in readme
    for words in ("awards validate", "AWARDS_PACKAGE", "own words", "inferred", "awards import", "pre-commit"):
        assert words in readme, words
    assert not re.search(r"@[A-Z_]+@", readme)
    assert "made up" in readme  # its examples say they are examples
    unnamed = _init(str(record.parent / "unnamed"), *FILM)
    assert_clean_exit(unnamed, 0)
    text = (record.parent / "unnamed" / "README.md").read_text(encoding="utf-8")
    assert "<!-- The validation badge" in text and "OWNER/NAME" in text


def test_the_workflow_passes_the_workflow_schema_and_follows_the_projects_rules(record: Path) -> None:
    workflow = record / ".github" / "workflows" / "validate.yml"
    check_schema("vendor.github-workflows", workflow)
    check_schema("vendor.dependabot", record / ".github" / "dependabot.yml")
    document = _yaml(workflow)
    assert {"push", "pull_request", "schedule", "workflow_dispatch"} <= set(document["on"])
    assert document["permissions"] == {}
    assert "github.ref" in document["concurrency"]["group"] and document["concurrency"]["cancel-in-progress"]
    job = document["jobs"]["validate"]
    assert job["permissions"] == {"contents": "read"} and 0 < job["timeout-minutes"] <= 30
    assert document["jobs"]["keepalive"]["permissions"] == {"actions": "write"}
    runs = " | ".join(step.get("run", "") for step in job["steps"])
    assert "awards validate --format github" in runs
    install = next(step for step in job["steps"] if "pip install" in step.get("run", ""))
    # the variable reaches the shell through the environment, never pasted into the script
    assert install["env"]["AWARDS_PACKAGE"] == "${{ vars.AWARDS_PACKAGE || 'lasttrain-awards' }}"
    assert "${{" not in install["run"] and '"$AWARDS_PACKAGE"' in install["run"]
    for step in job["steps"]:
        if "uses" in step:
            action, _, version = step["uses"].partition("@")
            assert int(version.removeprefix("v")) >= NODE_24[action], step["uses"]
        if step.get("uses", "").startswith("actions/checkout"):
            assert step["with"]["persist-credentials"] is False


def test_the_pre_commit_hook_validates_the_data(record: Path) -> None:
    (repo,) = _yaml(record / ".pre-commit-config.yaml")["repos"]
    (hook,) = repo["hooks"]
    assert repo["repo"] == "local" and hook["entry"] == "awards validate -q" and hook["language"] == "system"
    assert re.search(hook["files"], "data/awards/example-festival.json")
    assert (record / "pyproject.toml").read_text(encoding="utf-8").count('data = "data"') == 1


def test_an_empty_folder_or_one_with_only_git_is_fine(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert_clean_exit(_init(str(tmp_path / "empty"), *FILM), 0)
    (tmp_path / "cloned" / ".git").mkdir(parents=True)
    assert_clean_exit(_init(str(tmp_path / "cloned"), *FILM), 0)
    assert (tmp_path / "cloned" / "data" / "films" / "the-paper-lanterns.json").is_file()


def test_a_folder_with_anything_in_it_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    root = tmp_path / "taken"
    root.mkdir()
    (root / "README.md").write_text("mine\n", encoding="utf-8")
    result = _init(str(root), *FILM)
    assert_clean_exit(result, 1)
    assert "is not empty (it holds README.md)" in result.output and "--add-film" in result.output
    assert _files(root) == ["README.md"] and (root / "README.md").read_text(encoding="utf-8") == "mine\n"


def test_a_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "a-file"
    target.write_text("x", encoding="utf-8")
    result = _init(str(target), *FILM)
    assert_clean_exit(result, 1)
    assert "is a file" in result.output and target.read_text(encoding="utf-8") == "x"


def test_a_folder_the_user_cannot_write_is_refused(user_dir: Path) -> None:
    locked = user_dir / "locked"
    locked.mkdir()
    give_to_user(user_dir)
    locked.chmod(0o555)
    code, output = as_user(["init", str(locked), *FILM])
    assert code == 1, output
    assert "cannot write in" in output and "permission denied" in output and "Traceback" not in output
    assert _files(locked) == []
    code, output = as_user(["init", str(locked / "deeper" / "record"), *FILM])  # a new folder below it
    assert code == 1 and "cannot write in" in output and _files(locked) == []


def test_a_failure_midway_removes_what_the_run_wrote(tmp_path: Path, monkeypatch) -> None:
    real = lasttrain_awards.authoring.changes.create_atomically
    written: list[Path] = []

    def failing(path: Path, data: bytes) -> None:
        if path.name == "validate.yml":
            raise OSError(28, "No space left on device", str(path))
        real(path, data)
        written.append(path)

    monkeypatch.setattr(lasttrain_awards.authoring.changes, "create_atomically", failing)
    root = tmp_path / "new"
    result = _init(str(root), *FILM)
    assert_clean_exit(result, 1)
    assert "No space left on device" in result.output and "nothing was written" in result.output
    assert written and not root.exists()


def test_without_a_terminal_a_missing_title_or_year_is_a_usage_error(tmp_path: Path) -> None:
    for missing in (["--title", "X", "--director", "Y"], ["--year", "2021", "--director", "Y"]):
        result = _init(str(tmp_path / "r"), *missing)
        assert_clean_exit(result, 2)
        assert "no terminal to ask on" in result.output
    assert not (tmp_path / "r").exists()
    assert_clean_exit(_init(*FILM), 2)  # no DIR


def test_in_a_terminal_it_asks(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("lasttrain_awards.cli.commands.authoring.interactive", lambda: True)
    result = _init(str(tmp_path / "asked"), input="The Paper Lanterns\n2021\nAda Example; Bo Example\n")
    assert_clean_exit(result, 0)
    film = (tmp_path / "asked" / "data" / "films" / "the-paper-lanterns.json").read_text(encoding="utf-8")
    assert '"Ada Example",\n    "Bo Example"' in film


def test_an_id_is_made_from_the_title_or_given(tmp_path: Path) -> None:
    result = _init(str(tmp_path / "a"), "--title", "Ça & Là: l'été", "--year", "2020", "--director", "A")
    assert_clean_exit(result, 0)
    assert (tmp_path / "a" / "data" / "films" / "ca-la-lete.json").is_file()
    result = _init(str(tmp_path / "b"), "--title", "纸灯笼", "--year", "2020", "--director", "A")
    assert_clean_exit(result, 2)
    assert "--id" in result.output and not (tmp_path / "b").exists()
    assert_clean_exit(
        _init(str(tmp_path / "b"), "--title", "纸灯笼", "--year", "2020", "--director", "A", "--id", "x"), 0
    )
    assert_clean_exit(_init(str(tmp_path / "c"), *FILM, "--id", "Not An Id"), 2)
    assert_clean_exit(_init(str(tmp_path / "c"), *FILM, "--repository", "not a repository"), 2)
    assert not (tmp_path / "c").exists()


def test_a_second_film_is_added_to_the_record(record: Path, monkeypatch) -> None:
    second = ["--title", "A Second Example", "--year", "2023", "--director", "Ada Example"]  # made up too
    result = _init("--add-film", str(record), *second)
    assert_clean_exit(result, 0)
    assert (record / "data" / "films" / "a-second-example.json").is_file()
    again = _init("--add-film", str(record), *second)
    assert_clean_exit(again, 1)
    assert "is there already" in again.output
    monkeypatch.chdir(record / "data" / "awards")  # from inside, as every command finds its data
    assert_clean_exit(_init("--add-film", *second, "--id", "second-example"), 0)
    assert_clean_exit(CliRunner().invoke(cli, ["init", "--add-film", "--title", "Third", "--year", "2024",
                                               "--director", "A"]), 0)  # fmt: skip
    validated = CliRunner().invoke(cli, ["validate"])
    assert_clean_exit(validated, 0)
    assert sorted(p.name for p in (record / "data" / "films").iterdir()) == [
        "a-second-example.json",
        "second-example.json",
        "the-paper-lanterns.json",
        "third.json",
    ]


def test_a_film_is_added_only_to_a_dataset(tmp_path: Path) -> None:
    (tmp_path / "nothing").mkdir()
    result = _init("--add-film", str(tmp_path / "nothing"), *FILM)
    assert_clean_exit(result, 1)
    assert "no dataset in" in result.output and _files(tmp_path / "nothing") == []
    named = CliRunner().invoke(cli, ["--data", str(tmp_path / "nothing"), "init", str(tmp_path / "x"), *FILM])
    assert_clean_exit(named, 2)  # --data names the dataset --add-film adds to


def test_init_finds_no_data_and_says_nothing_about_it(tmp_path: Path, monkeypatch) -> None:
    """Outside any dataset, no notice of the bundled data; inside a half dataset, no error about it."""
    (tmp_path / "data" / "films").mkdir(parents=True)  # a half dataset: every other command refuses it
    monkeypatch.chdir(tmp_path)
    result = _init("new", *FILM)
    assert_clean_exit(result, 0)
    assert "using the data" not in result.output and "looks like a dataset" not in result.output


@pytest.mark.skipif(os.name != "posix", reason="file modes")
def test_the_files_get_the_usual_modes(record: Path) -> None:
    current = os.umask(0)
    os.umask(current)
    assert (record / "README.md").stat().st_mode & 0o777 == 0o666 & ~current
