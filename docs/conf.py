"""Sphinx configuration: the docs are built in CI with warnings as errors (tests/test_docs.py).

The API pages, the parameter tables, the notebook pages and the figures are generated at build
time from the package (``docs/_ext/cg_docs.py``), so they cannot go stale.
"""

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

sys.path.insert(0, str(Path(__file__).resolve().parent / "_ext"))

import cg_docs  # noqa: E402

project = "coalition_games"
author = "coalition_games developers"
copyright = "2026, the coalition_games developers"
extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.napoleon",
    "sphinx.ext.mathjax",
    "sphinx.ext.viewcode",
    "myst_nb",
    "cg_docs",
]
napoleon_google_docstring = False
napoleon_numpy_docstring = True
autodoc_member_order = "bysource"
autodoc_typehints = "description"
# types only for documented parameters: no bare "name (float)" lists (Dyad gets its table)
autodoc_typehints_description_target = "documented"
autodoc_default_options = {"exclude-members": "__init__"}
# The stub pages are written by cg_docs (one per public object, each documented once); the
# autosummary directive makes the summary tables.
autosummary_generate = False
cg_docs.write_api_pages()  # before Sphinx reads the sources

nitpicky = False
exclude_patterns = ["_build", "_generated", "**.ipynb_checkpoints"]
templates_path = ["_templates"]
source_suffix = {".rst": "restructuredtext", ".ipynb": "myst-nb"}

# Notebooks are rendered with their stored outputs (tools/make_notebook.py --execute refreshes
# them); nothing is executed at build time.
nb_execution_mode = "off"
nb_output_stderr = "remove"
myst_enable_extensions = ["dollarmath"]

html_theme = "pydata_sphinx_theme"
html_title = "coalition_games"
html_static_path = ["_static"]
html_css_files = ["custom.css"]
html_show_sourcelink = False
html_theme_options = {
    "navigation_with_keys": False,
    "show_toc_level": 2,
    "navbar_align": "left",
    "secondary_sidebar_items": ["page-toc"],
    "footer_start": ["copyright"],
    "footer_end": ["sphinx-version"],
}
html_sidebars = {"index": []}
