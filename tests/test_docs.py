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


@pytest.fixture(scope="module")
def html(tmp_path_factory):
    """The HTML docs, built once for this module's tests with warnings as errors."""
    pytest.importorskip("sphinx", reason="sphinx comes with the test extra")
    out = tmp_path_factory.mktemp("docs") / "html"
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
            ROOT / "docs",
            out,
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def test_sphinx_builds_with_warnings_as_errors(html):
    assert (html / "index.html").exists()


def test_every_public_module_class_and_function_has_its_own_page(html):
    missing = [m.__name__ for m in _public_modules() if not _page(html, m.__name__)]
    for module in _public_modules():
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name)
            if inspect.isclass(obj) or inspect.isfunction(obj):
                if not any(_page(html, alias) for alias in _aliases(obj)):
                    missing.append(f"{module.__name__}.{name}")
    assert not missing, "no API page for: " + ", ".join(missing)


def test_pages_show_figures_drawn_by_the_package_and_the_notebooks(html):
    with_figures = sorted(
        str(page.relative_to(html))
        for page in html.rglob("*.html")
        if "_images/" in page.read_text(encoding="utf-8") and "api" not in page.parts
    )
    assert len(with_figures) >= 4, with_figures
    for notebook in ("chip4_vs_ttc", "coalitions_and_dynamics"):
        assert (html / "notebooks" / f"{notebook}.html").exists()


def test_parameter_table_lists_every_parameter(html):
    from coalition_games.parameters import PARAMETERS

    text = (html / "reference.html").read_text(encoding="utf-8")
    assert all(f'<span class="pre">{p.name}</span>' in text for p in PARAMETERS)


def _page(html, name):
    return (html / "api" / f"{name}.html").exists()


def _aliases(obj):
    for module in _public_modules():
        for exported in getattr(module, "__all__", ()):
            if getattr(module, exported) is obj:
                yield f"{module.__name__}.{exported}"


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


def test_every_public_module_is_in_a_group_of_the_reference():
    sys.path.insert(0, str(ROOT / "docs" / "_ext"))
    try:
        import cg_docs
    except ImportError:
        pytest.skip("sphinx comes with the test extra")
    finally:
        sys.path.pop(0)
    prefixes = [p for *_, group in cg_docs.GROUPS for p in group]
    lost = [
        m.__name__
        for m in _public_modules()
        if not any(m.__name__ == p or m.__name__.startswith(p + ".") for p in prefixes[1:])
        and m.__name__ not in prefixes
    ]
    assert not lost, f"modules in no group of docs/_ext/cg_docs.py GROUPS: {lost}"
