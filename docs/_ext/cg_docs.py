"""The documentation's own Sphinx extension: API pages, parameter tables, notebooks and figures.

Everything here is generated at build time from the package, so the docs cannot go stale:

* :func:`write_api_pages` writes one page per public module and one per public class or function
  (``docs/api/``, grouped like the package by :data:`GROUPS`), each object documented once, under
  its shortest public name, and listed with autosummary tables;
* ``.. parameter-table::`` renders ``coalition_games.parameters.PARAMETERS`` (symbol, name,
  meaning, allowed range, default, unit and the reason for the default);
* the notebooks (``notebooks/*.ipynb``, with their stored outputs) are copied to
  ``docs/notebooks/`` for myst-nb, which renders them without executing them;
* :data:`FIGURES` are drawn by the package into ``docs/_generated/figures/`` and shown with the
  ordinary ``.. figure::`` directive on the pages that discuss them.

Generated folders are listed in .gitignore. The audit's co-holding matrix has a hook,
:func:`audit_figure`: when it returns a figure, the tag ``audit_figure`` is set and the audit page
shows it (``.. audit-figure::``, whose content is shown meanwhile).
"""

from __future__ import annotations

import ast
import importlib
import inspect
import math
import pkgutil
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

DOCS = Path(__file__).resolve().parents[1]
ROOT = DOCS.parent
API = DOCS / "api"
FIGURE_DIR = DOCS / "_generated" / "figures"
NOTEBOOK_DIR = DOCS / "notebooks"
LOG = logging.getLogger(__name__)

#: The reference's groups, like the package's layout: (slug, title, blurb, module prefixes).
GROUPS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    (
        "definition",
        "The one definition: parameters, formulas, Dyad, Solution",
        "The parameters and the model's formulas, written once and evaluated by every backend; "
        "the dyad and the result objects.",
        (
            "coalition_games",
            "coalition_games.parameters",
            "coalition_games.formulas",
            "coalition_games.model",
            "coalition_games.solution",
            "coalition_games.results",
        ),
    ),
    (
        "solvers",
        "Solution concepts",
        "``solve(dyad, method=...)`` and its routes: Nash bargaining, subgame perfection, "
        "alternating offers.",
        ("coalition_games.solvers",),
    ),
    (
        "games",
        "The dyad as explicit games",
        "Game trees and backward induction, batches of trees, the strategic form and all its "
        "equilibria, the variable-threat game, Gambit files.",
        ("coalition_games.games",),
    ),
    (
        "analysis",
        "Sweeps, symbolic analysis, phase diagrams and uncertainty",
        "Many dyads at once, the model's boundaries as sympy expressions, the figures of the "
        "regions, and the Monte Carlo over calibrated ranges.",
        (
            "coalition_games.sweeps",
            "coalition_games.symbolic",
            "coalition_games.plotting",
            "coalition_games.uncertainty",
            "coalition_games.outputs",
        ),
    ),
    (
        "coalitions",
        "Beyond the dyad: coalitions",
        "Coalitions of several allies, accession, the cooperative game, dynamics and the "
        "target's counter-strategies.",
        ("coalition_games.coalitions",),
    ),
    (
        "cases",
        "Calibrated cases",
        "The shipped case files and their loaders; scenarios built from sourced data.",
        ("coalition_games.cases",),
    ),
    (
        "reproduction",
        "The article's reproduction",
        "The claims C1–C10, the worlds they are computed in, the report and its figures.",
        ("coalition_games.reproduction",),
    ),
    ("cli", "Command line", "``coalition-games`` and its subcommands.", ("coalition_games.cli",)),
)

#: The unit of each parameter (PARAMETERS states the range; payoffs are in the ally's stake).
UNITS = {
    "security_dependency": "index: 0 none, 1 complete",
    "stranglehold": "share of the ally's industry",
    "ally_power": "Nash weight",
    "security_stake": "stake per unit of s",
    "coercion_cost_slope": "stake per unit of 1 − s",
}
STAKE = "ally's stake"


# --------------------------------------------------------------------------------------------
# API pages


def public_modules() -> list[Any]:
    """The package and every public module under it, in import-path order."""
    import coalition_games

    found = [coalition_games]
    for info in pkgutil.walk_packages(coalition_games.__path__, "coalition_games."):
        if not any(part.startswith("_") for part in info.name.split(".")):
            found.append(importlib.import_module(info.name))
    return sorted(found, key=lambda m: m.__name__)


def _assigned(module: Any) -> set[str]:
    """Names assigned at the top level of ``module``'s source (its own data)."""
    try:
        tree = ast.parse(inspect.getsource(module))
    except (OSError, TypeError):
        return set()
    names = set()
    for node in tree.body:
        targets = (
            node.targets
            if isinstance(node, ast.Assign)
            else [node.target]
            if isinstance(node, ast.AnnAssign)
            else []
        )
        names |= {t.id for t in targets if isinstance(t, ast.Name)}
    return names


def _kind(obj: Any) -> str | None:
    if inspect.ismodule(obj):
        return None
    if inspect.isclass(obj):
        return "exception" if issubclass(obj, BaseException) else "class"
    if callable(obj) and (inspect.isfunction(obj) or hasattr(obj, "__wrapped__")):
        return "function"
    return "data"


def api() -> dict[str, Any]:
    """What the reference documents.

    Returns ``{"modules": [...], "objects": {documented name: (kind, home module, obj)},
    "exports": {module: [(name in module, documented name, kind)]}, "aliases": {alias:
    documented name}}``. A class or function is documented once, under its shortest public name,
    and listed under its home module (where it is defined); data under the module that assigns
    it.
    """
    modules = public_modules()
    names = {m.__name__ for m in modules}
    candidates: dict[Any, list[tuple[str, str]]] = {}  # identity → [(module, name)]
    values: dict[Any, Any] = {}
    owners: dict[Any, str] = {}
    for module in modules:
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name)
            kind = _kind(obj)
            if kind is None:
                continue
            key: Any = id(obj)
            if kind == "data":  # identified by where it is assigned, not by its (shared) value
                owner = next(
                    (
                        m.__name__
                        for m in modules
                        if name in _assigned(m) and getattr(m, name, None) is obj
                    ),
                    module.__name__,
                )
                key = ("data", owner, name)
                owners[key] = owner
            candidates.setdefault(key, []).append((module.__name__, name))
            values[key] = obj
    objects: dict[str, tuple[str, str, Any]] = {}
    exports: dict[str, list[tuple[str, str, str]]] = {m.__name__: [] for m in modules}
    aliases: dict[str, str] = {}
    for key, where in candidates.items():
        obj = values[key]
        kind = _kind(obj)
        if kind == "data":
            home = owners[key]
            documented = f"{home}.{where[0][1]}"
        else:
            module, name = min(where, key=lambda mn: (mn[0].count("."), len(mn[0])))
            documented = f"{module}.{name}"
            home = obj.__module__ if obj.__module__ in names else module
            aliases[f"{obj.__module__}.{obj.__qualname__}"] = documented
        objects[documented] = (kind, home, obj)
        for module, name in where:
            exports[module].append((name, documented, kind))
            aliases[f"{module}.{name}"] = documented
    return {"modules": modules, "objects": objects, "exports": exports, "aliases": aliases}


def group_of(module: str) -> str:
    """The slug of the group a module belongs to (the longest matching prefix)."""
    best, length = "definition", -1
    for slug, _, _, prefixes in GROUPS:
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > length:
                if prefix == "coalition_games" and module != prefix:
                    continue
                best, length = slug, len(prefix)
    return best


def _relative(documented: str, module: str) -> str:
    """``documented`` as autosummary wants it on ``module``'s page (relative to the module)."""
    prefix = module + "."
    return documented[len(prefix) :] if documented.startswith(prefix) else documented


def _underline(text: str, char: str = "=") -> str:
    return f"{text}\n{char * len(text)}\n"


def _write(path: Path, text: str) -> None:
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def write_api_pages() -> dict[str, str]:
    """Write ``docs/api/``: a page per group, per module and per class or function. Returns the
    alias map (every public name of an object → its documented name)."""
    found = api()
    API.mkdir(exist_ok=True)
    wanted = set()
    by_group: dict[str, list[str]] = {slug: [] for slug, *_ in GROUPS}
    for module in found["modules"]:
        by_group[group_of(module.__name__)].append(module.__name__)
    for slug, title, blurb, _ in GROUPS:
        lines = [_underline(title), blurb, "", ".. autosummary::", ""]
        lines += [f"   {m}" for m in by_group[slug]]
        lines += ["", ".. toctree::", "   :hidden:", ""] + [f"   {m}" for m in by_group[slug]]
        _write(API / f"{slug}.rst", "\n".join(lines) + "\n")
        wanted.add(f"{slug}.rst")

    for module in found["modules"]:
        name = module.__name__
        own = [
            (documented, kind)
            for documented, (kind, home, _) in found["objects"].items()
            if home == name
        ]
        own.sort(key=lambda dk: dk[0].rsplit(".", 1)[1].lower())
        lines = [_underline(name), f".. automodule:: {name}", "   :no-members:", ""]
        sections = (
            ("Classes", ("class",)),
            ("Exceptions", ("exception",)),
            ("Functions", ("function",)),
        )
        for heading, kinds in sections:
            chosen = [d for d, k in own if k in kinds]
            if chosen:
                lines += [_underline(heading, "-"), ".. autosummary::", "   :toctree: .", ""]
                lines += [f"   {_relative(d, name)}" for d in chosen] + [""]
        data = [d for d, k in own if k == "data"]
        if data:
            lines += [_underline("Constants", "-")]
            for d in data:
                value = found["objects"][d][2]
                simple = isinstance(value, int | float | str) and len(repr(value)) < 60
                lines += [f".. autodata:: {d}"] + ([] if simple else ["   :no-value:"]) + [""]
        elsewhere = sorted(
            (n, d) for n, d, k in found["exports"][name] if found["objects"][d][1] != name
        )
        if elsewhere:
            lines += [
                _underline("Also available here", "-"),
                "Defined in other modules and exported by this one:",
                "",
                ".. autosummary::",
                "",
            ]
            lines += [f"   {_relative(d, name)}" for _, d in elsewhere] + [""]
        _write(API / f"{name}.rst", "\n".join(lines))
        wanted.add(f"{name}.rst")
        for documented, kind in own:
            if kind == "data":
                continue
            module_part, short = documented.rsplit(".", 1)
            directive = {"class": "autoclass", "exception": "autoexception"}.get(
                kind, "autofunction"
            )
            page = [_underline(documented), f".. currentmodule:: {module_part}", ""]
            page += [f".. {directive}:: {short}"]
            if kind in ("class", "exception"):
                page += ["   :members:"]
            _write(API / f"{documented}.rst", "\n".join(page) + "\n")
            wanted.add(f"{documented}.rst")
    for stale in API.glob("*.rst"):
        if stale.name not in wanted:
            stale.unlink()
    return found["aliases"]


# --------------------------------------------------------------------------------------------
# The parameter table


def _number(value: float) -> str:
    if value == math.inf:
        return "+∞"
    return f"{value:g}"


class ParameterTable(SphinxDirective):
    """``.. parameter-table::`` — the dyad's parameters from ``PARAMETERS``; option ``:reasons:``
    adds the reason for each default."""

    option_spec = {"reasons": lambda arg: True}

    def run(self) -> list[nodes.Node]:
        from coalition_games.parameters import PARAMETERS

        reasons = "reasons" in self.options
        header = ["symbol", "name", "meaning", "allowed", "default", "unit"]
        widths = [6, 16, 40, 12, 8, 12]
        if reasons:
            header.append("why this default")
            widths = [5, 14, 30, 10, 6, 10, 25]
        lines = [
            ".. list-table::",
            "   :header-rows: 1",
            f"   :widths: {' '.join(map(str, widths))}",
            "   :class: parameter-table",
            "",
        ]
        rows = [header]
        for p in PARAMETERS:
            unit = UNITS.get(p.name, STAKE)
            allowed = (
                p.allowed.replace("+inf", "+∞").replace(">= ", "≥ ").replace(" and finite", "")
            )
            row = [p.symbol, f"``{p.name}``", p.meaning, allowed, _number(p.default), unit]
            if reasons:
                row.append(p.reason)
            rows.append(row)
        for row in rows:
            lines.append(f"   * - {row[0]}")
            lines += [f"     - {cell}" for cell in row[1:]]
        container = nodes.container()
        self.state.nested_parse(
            StringList(lines, source="parameter-table"), self.content_offset, container
        )
        return container.children


class AuditFigure(SphinxDirective):
    """``.. audit-figure::`` — the audit's co-holding matrix if :func:`audit_figure` drew it,
    else the directive's content (what to read meanwhile)."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        if (FIGURE_DIR / "audit_coholding.png").exists() and self.env.app.tags.has("audit_figure"):
            lines = [
                ".. figure:: /_generated/figures/audit_coholding.png",
                "   :alt: Claims against claims, each cell the share of the box where both hold.",
                "",
                "   The share of the no-evidence box in which each pair of claims holds (on the",
                "   diagonal, each claim alone), drawn by the package when these pages were built.",
            ]
            content = StringList(lines, source="audit-figure")
        else:
            content = self.content
        container = nodes.container()
        self.state.nested_parse(content, self.content_offset, container)
        return container.children


# --------------------------------------------------------------------------------------------
# Figures, drawn by the package at build time


def _stylised_korea() -> Any:
    from coalition_games import Dyad

    return Dyad(
        leader="USA",
        ally="South Korea (stylised)",
        security_dependency=0.9,
        stranglehold=0.5,
        market_loss=0.6,
    )


def _phase_stylised() -> Any:
    from coalition_games import phase_diagram

    korea = _stylised_korea()
    return phase_diagram(korea, dyads=[korea])


def _phase_mechanisms() -> Any:
    from coalition_games import Dyad, phase_diagram

    ally = Dyad(leader="USA", ally="an ally", security_dependency=0.8, stranglehold=0.4)
    return phase_diagram(ally, "security_dependency", "market_loss", dyads=[ally], y_range=(0, 1))


def _phase_linkage() -> Any:
    from coalition_games import phase_diagram

    korea = _stylised_korea().replace(security_stake=1.0)
    return phase_diagram(korea, "linkage_cap", "stranglehold", x_range=(0.0, 1.0), dyads=[korea])


def _depth_korea() -> Any:
    from coalition_games import cases
    from coalition_games.plotting import depth_diagram

    korea = cases.read("us_south_korea").dyad
    return depth_diagram(
        korea,
        "stranglehold",
        "market_loss",
        y_range=(0.0, 1.5),
        dyads=[korea],
        case="us_south_korea",
        resolution=201,
    )


def _sweep_grid() -> Any:
    import numpy as np
    from matplotlib.colors import BoundaryNorm, ListedColormap
    from matplotlib.figure import Figure

    from coalition_games import sweep
    from coalition_games.plotting import REGIONS, parameter_label, region_codes, region_handles

    s = np.linspace(0, 1, 201)
    t = np.linspace(0, 1, 201)
    grid = sweep(security_dependency=s[:, None], stranglehold=t[None, :], market_loss=0.6)
    codes = region_codes(grid)
    colours = ListedColormap([colour for _, colour in REGIONS.values()])
    fig = Figure(figsize=(9.6, 5.0), layout="constrained")
    ax = fig.subplots()
    ax.imshow(
        codes.T,
        origin="lower",
        extent=(0, 1, 0, 1),
        cmap=colours,
        norm=BoundaryNorm(np.arange(-0.5, len(REGIONS)), len(REGIONS)),
        interpolation="nearest",
        aspect="auto",
    )
    ax.set_xlabel(parameter_label("security_dependency"), fontsize=11)
    ax.set_ylabel(parameter_label("stranglehold"), fontsize=11)
    ax.legend(
        handles=region_handles(credibility=False),
        loc="upper left",
        bbox_to_anchor=(1.02, 1.0),
        frameon=False,
        fontsize=10,
    )
    fig.suptitle("A sweep: 201 × 201 dyads (market loss m = 0.6), each classified", fontsize=12)
    return fig


_MONTE_CARLO: dict[str, Any] = {}


def _reproduction_inputs() -> tuple[Any, Any]:
    if not _MONTE_CARLO:
        from coalition_games import cases
        from coalition_games.uncertainty import DEFAULT_SEED, monte_carlo

        chosen = {cid: cases.read(cid) for cid in cases.names()}
        _MONTE_CARLO["cases"] = chosen
        _MONTE_CARLO["mc"] = monte_carlo(list(chosen.values()), draws=10_000, seed=DEFAULT_SEED)
    return _MONTE_CARLO["cases"], _MONTE_CARLO["mc"]


def _phase_panels() -> Any:
    from coalition_games.reproduction.figures import phase_panels

    return phase_panels(*_reproduction_inputs())


def _tornado() -> Any:
    from coalition_games.reproduction.figures import tornado

    chosen, mc = _reproduction_inputs()
    return tornado(mc, chosen)


def audit_figure() -> Any:
    """The audit's co-holding matrix (the shares of the box in which each pair of claims holds,
    drawn by the package from an audit of the baseline model), shown on the audit page as
    ``_generated/figures/audit_coholding.png``."""
    from coalition_games import audit
    from coalition_games.reproduction import figures

    return figures.co_holding(audit(draws=20_000, search=False))


#: name → function returning a matplotlib Figure (or None to skip), written as name.png.
FIGURES: dict[str, Callable[[], Any]] = {
    "phase_stylised": _phase_stylised,
    "phase_mechanisms": _phase_mechanisms,
    "phase_linkage": _phase_linkage,
    "depth_korea": _depth_korea,
    "sweep_grid": _sweep_grid,
    "phase_panels": _phase_panels,
    "tornado": _tornado,
    "audit_coholding": audit_figure,
}


def write_figures(app: Any) -> None:
    """Draw :data:`FIGURES` into ``docs/_generated/figures/`` (tag ``audit_figure`` if drawn)."""
    FIGURE_DIR.mkdir(parents=True, exist_ok=True)
    for name, make in FIGURES.items():
        start = time.perf_counter()
        fig = make()
        if fig is None:
            continue
        fig.savefig(FIGURE_DIR / f"{name}.png", dpi=110, metadata={"Software": None})
        LOG.info("figure %s drawn in %.1f s", name, time.perf_counter() - start)
        if name == "audit_coholding":
            app.tags.add("audit_figure")


# --------------------------------------------------------------------------------------------
# Notebooks


def copy_notebooks() -> None:
    """Copy ``notebooks/*.ipynb`` (with their stored outputs) to ``docs/notebooks/``."""
    NOTEBOOK_DIR.mkdir(exist_ok=True)
    sources = sorted((ROOT / "notebooks").glob("*.ipynb"))
    for source in sources:
        target = NOTEBOOK_DIR / source.name
        if not target.exists() or target.read_bytes() != source.read_bytes():
            shutil.copyfile(source, target)
    for stale in NOTEBOOK_DIR.glob("*.ipynb"):
        if not (ROOT / "notebooks" / stale.name).exists():
            stale.unlink()


# --------------------------------------------------------------------------------------------
# Sphinx glue


def _builder_inited(app: Any) -> None:
    app.env.cg_aliases = write_api_pages()  # also done in conf.py; here for a changed package
    copy_notebooks()
    write_figures(app)


def _missing_reference(app: Any, env: Any, node: Any, contnode: Any) -> Any:
    """Resolve a reference to any public name of an object (``coalition_games.sweep``) to the
    page of its documented name (``coalition_games.sweep`` is documented there already; e.g.
    ``coalition_games.sweeps.sweep`` → ``coalition_games.sweep``)."""
    if node.get("refdomain") != "py":
        return None
    aliases = getattr(env, "cg_aliases", {})
    target = node.get("reftarget", "")
    module = node.get("py:module")
    documented = aliases.get(target) or (module and aliases.get(f"{module}.{target}"))
    if not documented or documented == target:
        return None
    domain = env.get_domain("py")
    return domain.resolve_xref(
        env, node["refdoc"], app.builder, node["reftype"], documented, node, contnode
    )


def _process_docstring(app: Any, what: str, name: str, obj: Any, options: Any, lines: list) -> None:
    """Give ``Dyad`` its parameter table (meanings, ranges, defaults, units), and drop the type's
    docstring a constant without a doc comment would show (``int([x]) -> ...``)."""
    from coalition_games import Dyad

    if what == "class" and obj is Dyad:
        lines += ["", ".. rubric:: Parameters", "", ".. parameter-table::", ""]
    if what in ("data", "attribute") and lines:
        own = " ".join((inspect.getdoc(type(obj)) or "").split())
        if own and " ".join(" ".join(lines).split()) == own:
            lines.clear()


def setup(app: Any) -> dict[str, Any]:
    app.add_directive("parameter-table", ParameterTable)
    app.add_directive("audit-figure", AuditFigure)
    app.connect("builder-inited", _builder_inited, priority=100)
    app.connect("missing-reference", _missing_reference)
    app.connect("autodoc-process-docstring", _process_docstring)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
