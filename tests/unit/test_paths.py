"""Where data and database live: a checkout's own folders, else the bundled data and a per-user file."""

from __future__ import annotations

from pathlib import Path

import platformdirs

from lasttrain_awards import paths
from tests.builders import REPO


def test_a_checkout_uses_its_own_data_and_db_folder() -> None:
    assert paths.checkout_root(REPO) == REPO
    assert paths.default_data_dir(REPO) == REPO / "data"
    assert paths.default_db_path(REPO) == REPO / "db" / "awards.sqlite"


def test_outside_a_checkout_the_bundled_data_and_a_user_directory(tmp_path: Path, monkeypatch) -> None:
    installed = tmp_path / "site-packages" / "lasttrain_awards"
    bundled = installed / paths.BUNDLED  # the wheel's private folder for its copies
    (bundled / "data").mkdir(parents=True)
    (bundled / "schema").mkdir()
    monkeypatch.setattr(paths, "PACKAGE_DIR", installed)
    elsewhere = tmp_path / "somewhere"
    elsewhere.mkdir()
    assert paths.checkout_root(elsewhere) is None
    assert paths.default_data_dir(elsewhere) == bundled / "data"
    assert paths.schema_dir() == bundled / "schema"
    assert paths.default_db_path(elsewhere) == platformdirs.user_data_path("lasttrain-awards") / "awards.sqlite"


def test_another_project_is_not_a_checkout(tmp_path: Path) -> None:
    for folder in ("data", "schema", "something_else"):
        (tmp_path / folder).mkdir()
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "something-else"\n')
    (tmp_path / "something_else" / "__init__.py").write_text("")
    assert not paths._is_checkout(tmp_path)
    (tmp_path / "lasttrain_awards").mkdir()
    (tmp_path / "lasttrain_awards" / "__init__.py").write_text("")
    assert paths._is_checkout(tmp_path)


def test_db_option_takes_a_url_or_a_path(tmp_path: Path) -> None:
    assert paths.as_db_url("postgresql://u@127.0.0.1/awards") == "postgresql://u@127.0.0.1/awards"
    assert paths.as_db_url(str(tmp_path / "a.sqlite")) == f"sqlite:///{tmp_path / 'a.sqlite'}"
