"""Sphinx configuration: the docs are built in CI with warnings as errors (tests/test_docs.py)."""

project = "coalition_games"
author = "coalition_games developers"
copyright = "2026, the coalition_games developers"
extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.mathjax",
    "sphinx.ext.viewcode",
]
napoleon_google_docstring = False
napoleon_numpy_docstring = True
autodoc_member_order = "bysource"
autodoc_typehints = "description"
nitpicky = False
exclude_patterns = ["_build"]
html_theme = "alabaster"
html_title = "coalition_games"
