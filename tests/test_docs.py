"""The documentation builds without warnings, and every public object has a docstring.

Code examples in docs/*.rst, README.md and the docstrings are executed by pytest's doctest
collection (see ``addopts`` in pyproject.toml), so the docs cannot drift from the code.
"""

import importlib
import inspect
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import coalition_games

ROOT = Path(__file__).resolve().parents[1]


def test_sphinx_builds_with_warnings_as_errors(tmp_path):
    pytest.importorskip("sphinx", reason="sphinx comes with the test extra")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "--keep-going",
            "-q",
            "-b",
            "html",
            str(ROOT / "docs"),
            str(tmp_path / "html"),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def _public_modules():
    yield coalition_games
    for info in pkgutil.walk_packages(coalition_games.__path__, "coalition_games."):
        if not any(part.startswith("_") for part in info.name.split(".")):
            yield importlib.import_module(info.name)


def _public_objects():
    for module in _public_modules():
        yield module.__name__, module
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name)
            if inspect.isclass(obj) or inspect.isfunction(obj):
                yield f"{module.__name__}.{name}", obj
                if inspect.isclass(obj):
                    for attr, member in vars(obj).items():
                        if attr.startswith("_"):
                            continue
                        if inspect.isfunction(member) or isinstance(member, property):
                            yield f"{module.__name__}.{name}.{attr}", member


def test_every_public_module_function_and_class_has_a_docstring():
    missing = sorted({name for name, obj in _public_objects() if not (obj.__doc__ or "").strip()})
    assert not missing, "public objects without a docstring: " + ", ".join(missing)


def test_every_public_module_declares_all():
    lacking = [m.__name__ for m in _public_modules() if not hasattr(m, "__all__")]
    assert not lacking, f"modules without __all__: {lacking}"


def test_every_public_module_is_in_the_reference():
    reference = (ROOT / "docs" / "reference.rst").read_text(encoding="utf-8")
    documented = {"coalition_games.model", "coalition_games.solution"}  # via their classes
    missing = [
        m.__name__
        for m in _public_modules()
        if m.__name__ not in documented and f"automodule:: {m.__name__}\n" not in reference
    ]
    assert not missing, f"modules missing from docs/reference.rst: {missing}"
