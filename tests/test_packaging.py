"""Packaging metadata is complete and consistent: one version, stated the same everywhere."""

import importlib.metadata
import re
import tomllib
from pathlib import Path

import coalition_games

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _name(requirement: str) -> str:
    return re.split(r"[\[<>=!~ ;]", requirement, maxsplit=1)[0].lower()


def test_the_version_is_written_once_and_installed_as_written():
    project = PYPROJECT["project"]
    assert "version" not in project and "version" in project["dynamic"]
    assert PYPROJECT["tool"]["hatch"]["version"]["path"] == "coalition_games/__init__.py"
    assert re.fullmatch(r"\d+\.\d+\.\d+", coalition_games.__version__)
    assert importlib.metadata.version("coalition_games") == coalition_games.__version__


def test_citation_and_changelog_state_the_same_version():
    citation = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert re.search(r"^version: (\S+)$", citation, re.M).group(1) == coalition_games.__version__
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## \[([^\]]+)\](.*)$", changelog, re.M)
    assert headings[0][0] == "Unreleased"
    released = headings[1:]
    assert released and released[0][0] == coalition_games.__version__
    for version, rest in released:  # every release has a date, as CITATION.cff's for the latest
        assert re.fullmatch(r"\d+\.\d+\.\d+", version) and re.fullmatch(r" - \d{4}-\d\d-\d\d", rest)
    date = re.search(r'^date-released: "?([\d-]+)"?$', citation, re.M).group(1)
    assert released[0][1] == f" - {date}"


def test_classifiers_name_the_python_versions_and_the_licence():
    project = PYPROJECT["project"]
    classifiers = set(project["classifiers"])
    for version in ("3.11", "3.12", "3.13"):
        assert f"Programming Language :: Python :: {version}" in classifiers
    assert "License :: OSI Approved :: MIT License" in classifiers and project["license"] == "MIT"
    assert project["requires-python"] == ">=3.11"


def test_the_test_extra_installs_every_other_extra():
    extras = PYPROJECT["project"]["optional-dependencies"]
    assert {"tables", "figures", "dask", "notebook", "docs", "test"} <= set(extras)
    test = {_name(r) for r in extras["test"]}
    for extra, requirements in extras.items():
        missing = {_name(r) for r in requirements} - test
        assert not missing, f"the test extra lacks {extra}'s {sorted(missing)}"
