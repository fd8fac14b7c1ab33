"""The licences: MIT for the code (LICENSE), CC BY 4.0 for the data (data/LICENSE, which the data walk
skips as it skips a README), both declared in pyproject.toml and stated in the README."""

from __future__ import annotations

import tomllib

from tests.builders import DATA, REPO


def test_a_licence_beside_the_data_is_not_a_finding(awards, data_dir) -> None:
    assert (data_dir / "LICENSE").is_file()  # the fixture's copy of data/ carries it
    result = awards("validate")
    assert result.exit_code == 0, result.output
    assert "valid: 0 error(s)" in result.output and "LICENSE" not in result.output


def test_any_other_stray_file_beside_the_data_still_is(awards, data_dir) -> None:
    (data_dir / "LICENSE.txt").write_text("not the name the walk skips\n", encoding="utf-8")
    result = awards("validate")
    assert result.exit_code == 1 and "LICENSE.txt" in result.output


def test_the_licences_are_declared_and_stated() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    # The wheel bundles the code, the data and the press kit's font: each one's licence is named.
    assert project["license"] == "MIT AND CC-BY-4.0 AND Bitstream-Vera AND OFL-1.1"
    for name in project["license-files"]:
        assert (REPO / name).is_file(), name
    assert "MIT License" in (REPO / "LICENSE").read_text(encoding="utf-8")
    data_licence = (DATA / "LICENSE").read_text(encoding="utf-8")
    assert "CC BY 4.0" in data_licence and "https://creativecommons.org/licenses/by/4.0/" in data_licence
    assert "remain their authors'" in data_licence  # the quotations are not ours to license
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "(LICENSE)" in readme and "(data/LICENSE)" in readme and "CC BY 4.0" in readme
