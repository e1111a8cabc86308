"""Phase diagrams: the plane of two parameters split into the regions of the model's answer.

Needs matplotlib (the ``figures`` extra). The regions (:data:`REGIONS`) are infeasible, simple,
complex reached voluntarily, complex because the ally is paid, complex because the credible threat
is pivotal (coerced), and conflict. They are not coloured pixel by pixel: their boundaries are the
exact zero sets of the model's margins, of the payment and of e − κ(s), taken from the symbolic
layer (:func:`coalition_games.symbolic.boundary_expressions`, which also handles the linkage cap
X̄) and solved for the y parameter. Between consecutive critical x values (vertical boundaries,
poles and crossings of two boundary curves) the curves keep their order, so the plane splits into
bands between adjacent curves; each band is classified once by :func:`coalition_games.sweep` at an
interior point and filled between its two exact curves. Boundaries are drawn where the regions on
their two sides differ.

Conventions: "conflict" (the model §2's flag) is drawn as its own region over whichever tier holds
there (simple or infeasible); a complex dyad that is both coerced and compensated is drawn as
coerced (the threat is what makes it complex); the credibility boundary e − κ(s) = 0 (s = s* when
x or y is s) is drawn dashed whether or not it separates regions.

The figure is a ``matplotlib.figure.Figure`` that pyplot does not manage: in Jupyter it is shown
once, as the value of the cell; ``fig.savefig(...)`` writes it. To draw into a window or a layout
of your own, pass ``ax`` (e.g. from ``matplotlib.pyplot.subplots()``).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import sympy as sp
from scipy.optimize import brentq

from . import formulas, symbolic
from .model import Dyad
from .parameters import PARAMETER_NAMES, PARAMETERS
from .solution import Tier
from .sweeps import sweep

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.figure import Figure

__all__ = [
    "DEPTH_COLORMAP",
    "REGIONS",
    "depth_diagram",
    "parameter_label",
    "phase_diagram",
    "region_codes",
    "region_handles",
]

#: The sequential colour scale of depth diagrams: perceptually uniform and readable with
#: red–green colour blindness (cividis; Nuñez, Anderton & Renslow 2018).
DEPTH_COLORMAP = "cividis"

#: Region code → (label, colour): the model's answer at a point, as :func:`region_codes` computes
#: it from a :class:`~coalition_games.sweeps.SweepResult`. Codes 0 and 1 are the tier codes of
#: ``Tier.code``; 2–4 split the complex tier by its mechanism; 5 is the conflict flag.
REGIONS: Mapping[int, tuple[str, str]] = {
    0: (f"{Tier.from_code(0).value}: no coalition", "#dedede"),
    1: (f"{Tier.from_code(1).value} coalition", "#9ecae1"),
    2: ("complex, voluntary", "#a1d99b"),
    3: ("complex, compensated (p > 0)", "#fdd87a"),
    4: ("complex, coerced (threat pivotal)", "#b4a0d8"),
    5: ("conflict (stranglehold, threat not credible)", "#f4826a"),
}
#: Words for parameter names that do not read as words once their underscores are spaces.
_WORDS = {
    "leader_value_simple": "leader's value of a simple coalition",
    "leader_value_complex": "leader's value of a complex coalition",
    "side_payment_budget": "side-payment budget",
    "target_offer": "target's offer",
    "ally_power": "ally's bargaining power",
}
_SPECS = {spec.name: spec for spec in PARAMETERS}
_SAMPLES = 96  # points per strip on which the exact curves are drawn
_SCAN = 4001  # grid on which crossings of two curves are bracketed (then refined by brentq)


def parameter_label(name: str) -> str:
    """A parameter's name in words with its symbol, for axes: ``"security dependency s"``.

    Names that are not parameters of the dyad (e.g. a case's hyper-parameter) are returned with
    their underscores as spaces.

    >>> from coalition_games.plotting import parameter_label
    >>> parameter_label("security_dependency"), parameter_label("coercion_cost_slope")
    ('security dependency s', 'coercion cost slope κ₁')
    """
    words = _WORDS.get(name, name.replace("_", " "))
    spec = _SPECS.get(name)
    return f"{words} {spec.symbol}" if spec is not None else words


def region_codes(result: Any) -> Any:
    """The :data:`REGIONS` code of every point of a :class:`~coalition_games.sweeps.SweepResult`.

    0 infeasible, 1 simple, 2 complex and voluntary, 3 complex and compensated (p > 0, the threat
    not pivotal), 4 complex and coerced (the credible threat is pivotal, paid or not), 5 conflict.

    >>> from coalition_games import sweep
    >>> from coalition_games.plotting import region_codes
    >>> korea = sweep(security_dependency=[0.3, 0.9], stranglehold=0.5, market_loss=0.6)
    >>> region_codes(korea).tolist()          # conflict; complex because coerced (and paid)
    [5, 4]
    """
    tier = np.asarray(result.tier)
    mechanism = np.where(np.asarray(result.coerced), 4, np.where(result.compensated, 3, 2))
    return np.where(np.asarray(result.conflict), 5, np.where(tier == 2, mechanism, tier))


def region_handles(*, credibility: bool = True) -> list[Artist]:
    """Legend entries for the six regions of :data:`REGIONS` (and the dashed credibility line):
    for one shared legend over several phase diagrams (``phase_diagram(..., legend=False)``)."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles: list[Artist] = [
        Patch(facecolor=colour, edgecolor="none", label=label) for label, colour in REGIONS.values()
    ]
    if credibility:
        handles.append(
            Line2D([], [], color="black", linestyle="--", label="e − κ(s) = 0: threat credible")
        )
    return handles


def phase_diagram(
    dyad: Dyad,
    x: str = "security_dependency",
    y: str = "stranglehold",
    *,
    x_range: tuple[float, float] | None = None,
    y_range: tuple[float, float] | None = None,
    dyads: Sequence[Dyad] = (),
    clouds: Mapping[str, tuple[Any, Any]] | None = None,
    ax: Any = None,
    legend: bool = True,
    title: str | None = None,
    depth: bool = False,
) -> Figure:
    """Draw the regions of the (``x``, ``y``) plane, the other parameters fixed from ``dyad``.

    With ``depth=True`` the plane is coloured by the attainable depth d* instead (the model §8;
    :func:`depth_diagram`, which takes the same arguments but ``clouds``).

    The regions are those of :data:`REGIONS`: infeasible, simple, complex (voluntary, compensated
    or coerced) and conflict, with exact boundaries (module docstring).

    Parameters
    ----------
    dyad : fixes every parameter except ``x`` and ``y``.
    x, y : two different parameter names (``coalition_games.parameters.PARAMETER_NAMES``); the
        linkage cap ``linkage_cap`` (X̄) may be one of them.
    x_range, y_range : the axes' extents; default: the parameter's range if bounded, else from 0
        to twice the largest finite value shown (at least 1).
    dyads : dyads placed as points labelled with ``dyad.ally`` (a point whose coordinate is +∞,
        a linkage cap that is absent, is drawn on the upper edge of the axis).
    clouds : label → (x samples, y samples), drawn as translucent scatter (e.g. Monte Carlo draws
        of a calibrated dyad).
    ax : a matplotlib Axes to draw on; default: a new figure that pyplot does not manage (shown
        once in Jupyter, as the cell's value).
    legend : draw the legend beside the axes; ``False`` for a figure that shares one legend
        among several diagrams (:func:`region_handles`).
    title : the title (the figure's when a new figure is made, else the axes'); default: which
        dyad and which plane.
    depth : colour by the attainable depth d* (the model §8) instead of the regions.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from coalition_games import Dyad, phase_diagram
    >>> fig = phase_diagram(Dyad(), dyads=[Dyad(security_dependency=0.9, ally="Japan")])
    >>> fig.axes[0].get_xlabel()
    'security dependency s'
    >>> fig = phase_diagram(Dyad(security_stake=0.8), "linkage_cap", "stranglehold",
    ...                     x_range=(0.0, 1.0))
    >>> fig.axes[0].get_xlabel()
    'linkage cap X̄'
    """
    if not isinstance(depth, bool):
        raise TypeError(f"depth must be True or False, got {depth!r}")
    if depth:
        if clouds:
            raise ValueError("clouds are not drawn on a depth diagram; use depth=False")
        return depth_diagram(
            dyad,
            x,
            y,
            x_range=x_range,
            y_range=y_range,
            dyads=dyads,
            ax=ax,
            legend=legend,
            title=title,
        )
    _check_plane(dyad, x, y, dyads)
    clouds = dict(clouds or {})
    shown = {x: [getattr(d, x) for d in (dyad, *dyads)], y: [getattr(d, y) for d in (dyad, *dyads)]}
    for xs, ys in clouds.values():
        shown[x].extend(np.ravel(xs))
        shown[y].extend(np.ravel(ys))
    x0, x1 = _axis_range(x, x_range, shown[x], "x_range")
    y0, y1 = _axis_range(y, y_range, shown[y], "y_range")

    own = ax is None
    if own:
        from matplotlib.figure import Figure

        fig = Figure(figsize=(9.6, 5.4), layout="constrained")
        ax = fig.subplots()
    else:
        fig = ax.figure
    fixed = dyad.parameters()
    expressions = symbolic.boundary_expressions(fixed, x, y, mechanisms=True)
    curves, verticals = _curves(expressions, x)
    critical = sorted({x0, x1, *(c for c in verticals if x0 < c < x1)})
    critical = sorted({*critical, *_crossings(curves, x0, x1)})

    bands = []  # (xs, lower, upper, lower curve, upper curve, sample point)
    for a, b in itertools.pairwise(critical):
        if b - a < 1e-12 * max(1.0, abs(x1 - x0)):
            continue
        xs = np.linspace(a, b, _SAMPLES)
        inner = np.linspace(a, b, _SAMPLES + 2)[1:-1]
        values = np.array([_evaluate(f, inner) for f in curves]).reshape(len(curves), -1)
        order = np.argsort(values[:, _SAMPLES // 2], kind="stable")
        drawn = np.array([_evaluate(f, xs) for f in curves]).reshape(len(curves), -1)
        edges = [None, *order.tolist(), None]
        for low, high in itertools.pairwise(edges):
            lower = _clip(drawn[low] if low is not None else None, y0, y1, len(xs), y0)
            upper = _clip(drawn[high] if high is not None else None, y0, y1, len(xs), y1)
            inner_low = _clip(values[low] if low is not None else None, y0, y1, len(inner), y0)
            inner_high = _clip(values[high] if high is not None else None, y0, y1, len(inner), y1)
            width = inner_high - inner_low
            j = int(np.argmax(width))
            if width[j] <= 1e-12 * max(1.0, y1 - y0):
                continue
            point = (inner[j], (inner_low[j] + inner_high[j]) / 2)
            bands.append((xs, lower, upper, low, high, point))

    codes = _classify(fixed, x, y, [band[-1] for band in bands])
    for (xs, lower, upper, *_), code in zip(bands, codes, strict=True):
        colour = REGIONS[code][1]  # an edge of the same colour hides seams between bands
        ax.fill_between(xs, lower, upper, color=colour, edgecolor=colour, linewidth=0.8, zorder=1)
    for (xs, _, upper, _, high, _), (xs2, _, _, low2, _, _), c1, c2 in zip(
        bands, bands[1:], codes, codes[1:], strict=False
    ):
        if xs is xs2 and high is not None and high == low2 and c1 != c2:
            ax.plot(xs, upper, color="black", linewidth=1.0, zorder=3)
    _draw_vertical_boundaries(ax, fixed, x, y, verticals, curves, (x0, x1), (y0, y1))
    credible = _credibility_curve(fixed, x, y)
    if credible is not None:
        _draw_zero_set(ax, credible, x, (x0, x1), (y0, y1))

    for other in dyads:
        px = min(getattr(other, x), x1)  # +∞ (no linkage cap) on the upper edge
        py = min(getattr(other, y), y1)
        ax.scatter(px, py, color="black", edgecolor="white", s=36, zorder=6, clip_on=False)
        ax.annotate(
            other.ally,
            (px, py),
            textcoords="offset points",
            xytext=(5, 5),
            fontsize=10,
            zorder=6,
            annotation_clip=False,
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "alpha": 0.7, "lw": 0},
        )
    cloud_handles = []
    for label, (xs, ys) in clouds.items():
        cloud_handles.append(
            ax.scatter(xs, ys, s=4, alpha=0.2, color="#08306b", label=label, zorder=5, lw=0)
        )

    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_xlabel(parameter_label(x), fontsize=11)
    ax.set_ylabel(parameter_label(y), fontsize=11)
    ax.tick_params(labelsize=10)
    if title is None:
        title = (
            f"{dyad.name}: the coalition the model predicts by {parameter_label(x)} and "
            f"{parameter_label(y)}"
        )
    if own:
        fig.suptitle(title, fontsize=12)
    else:
        ax.set_title(title, fontsize=11)
    if legend:
        ax.legend(
            handles=region_handles(credibility=credible is not None) + cloud_handles,
            fontsize=10,
            loc="upper left",
            bbox_to_anchor=(1.02, 1.0),
            borderaxespad=0.0,
            frameon=False,
        )
    return fig


def _axis_range(
    name: str, given: tuple[float, float] | None, shown: list[float], label: str
) -> tuple[float, float]:
    spec = _SPECS[name]
    if given is None:
        finite = [v for v in shown if math.isfinite(v)]
        upper = spec.upper if spec.upper != math.inf else max(1.0, 2 * max(finite, default=0.5))
        return float(spec.lower), float(upper)
    try:
        low, high = (float(v) for v in given)
    except (TypeError, ValueError):
        raise TypeError(f"{label} must be a pair of numbers (low, high), got {given!r}") from None
    if not (math.isfinite(low) and math.isfinite(high) and low < high):
        raise ValueError(f"{label} must be finite with low < high, got {given!r}")
    if low < spec.lower or high > spec.upper:
        raise ValueError(f"{label} = {given!r} leaves the range of {name}; allowed: {spec.allowed}")
    return low, high


def _curves(expressions: list[sp.Expr], x: str) -> tuple[list[sp.Expr], list[float]]:
    """Each boundary expression g(x, y) = 0 as curves y = f(x), or vertical lines x = c."""
    xs, ys = symbolic.SYMBOLS.__dict__[x], None
    curves: dict[sp.Expr, None] = {}
    verticals: set[float] = set()
    for g in expressions:
        (ys,) = g.free_symbols - {xs} or (None,)
        if ys is None:  # depends on x only
            verticals |= {float(r) for r in sp.solve(g, xs) if r.is_real}
            continue
        for root in sp.solve(g, ys):
            curves.setdefault(sp.simplify(root), None)
            denominator = sp.denom(sp.together(root))
            if xs in denominator.free_symbols:
                verticals |= {float(r) for r in sp.solve(denominator, xs) if r.is_real}
    return [sp.lambdify(xs, c, modules="numpy") for c in curves], sorted(verticals)


def _evaluate(f: Any, xs: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.broadcast_to(np.asarray(f(xs), float), xs.shape)


def _clip(values: np.ndarray | None, y0: float, y1: float, n: int, default: float) -> np.ndarray:
    if values is None:
        return np.full(n, default)
    return np.clip(np.nan_to_num(values, nan=y1, posinf=y1, neginf=y0), y0, y1)


def _crossings(curves: list[Any], x0: float, x1: float) -> list[float]:
    """x where two curves cross: zeros and sign changes on a fine grid, refined by brentq."""
    grid = np.linspace(x0, x1, _SCAN)
    values = np.array([_evaluate(f, grid) for f in curves]).reshape(len(curves), -1)
    found: list[float] = []
    for i, j in itertools.combinations(range(len(curves)), 2):
        with np.errstate(invalid="ignore"):  # two infinite curves: no crossing (nan, skipped)
            diff = values[i] - values[j]
        found.extend(grid[diff == 0])  # a crossing on a grid point has no sign change around it
        changes = np.flatnonzero(np.sign(diff[:-1]) * np.sign(diff[1:]) < 0)
        for k in changes:
            if not (np.isfinite(diff[k]) and np.isfinite(diff[k + 1])):
                continue
            found.append(
                brentq(lambda t, f=curves[i], g=curves[j]: f(t) - g(t), grid[k], grid[k + 1])
            )
    return found


def _classify(
    fixed: Mapping[str, float], x: str, y: str, points: list[tuple[float, float]]
) -> list:
    if not points:
        return []
    xs, ys = np.array(points).T
    result = sweep(**{**fixed, x: xs, y: ys})
    return region_codes(result).tolist()


def _draw_vertical_boundaries(ax, fixed, x, y, verticals, curves, x_lim, y_lim) -> None:
    """Segments of vertical boundaries x = c across which the region changes."""
    (x0, x1), (y0, y1) = x_lim, y_lim
    for c in verticals:
        if not x0 < c < x1:
            continue
        delta = 1e-7 * max(1.0, x1 - x0)
        at = [float(v) for f in curves for v in np.atleast_1d(_evaluate(f, np.array([c])))]
        breaks = sorted({y0, y1, *(v for v in at if y0 < v < y1)})
        mids = [(a + b) / 2 for a, b in itertools.pairwise(breaks)]
        left = _classify(fixed, x, y, [(c - delta, m) for m in mids])
        right = _classify(fixed, x, y, [(c + delta, m) for m in mids])
        for (a, b), cl, cr in zip(itertools.pairwise(breaks), left, right, strict=True):
            if cl != cr:
                ax.plot([c, c], [a, b], color="black", linewidth=1.0, zorder=3)


def _credibility_curve(fixed: Mapping[str, float], x: str, y: str) -> sp.Expr | None:
    """e − κ(s) with the other parameters fixed, if it depends on x or y."""
    values = {
        getattr(symbolic.SYMBOLS, k): sp.nsimplify(v) for k, v in fixed.items() if k not in (x, y)
    }
    gain = sp.expand(formulas.sanction_gain(symbolic.SYMBOLS).xreplace(values))
    axes = {getattr(symbolic.SYMBOLS, x), getattr(symbolic.SYMBOLS, y)}
    return gain if gain.free_symbols & axes else None


def _draw_zero_set(
    ax, g: sp.Expr, x: str, x_lim: tuple[float, float], y_lim: tuple[float, float]
) -> None:
    curves, verticals = _curves([g], x)
    style = {"color": "black", "linestyle": "--", "linewidth": 1.0, "zorder": 4}
    for c in verticals:
        if x_lim[0] <= c <= x_lim[1]:
            ax.plot([c, c], list(y_lim), **style)
    xs = np.linspace(x_lim[0], x_lim[1], 512)
    for f in curves:
        ys = _evaluate(f, xs)
        ax.plot(xs, np.where((ys >= y_lim[0]) & (ys <= y_lim[1]), ys, np.nan), **style)


def _check_plane(dyad: Dyad, x: str, y: str, dyads: Sequence[Dyad]) -> None:
    if not isinstance(dyad, Dyad):
        raise TypeError(f"dyad must be a coalition_games.Dyad, got {type(dyad).__name__}")
    for name in (x, y):
        if name not in _SPECS:
            raise ValueError(f"unknown parameter {name!r}; allowed: {', '.join(PARAMETER_NAMES)}")
    if x == y:
        raise ValueError(f"x and y must be different parameters, got {x!r} twice")
    for other in dyads:
        if not isinstance(other, Dyad):
            raise TypeError(f"dyads must hold Dyad objects, got {type(other).__name__}")


def depth_diagram(
    dyad: Dyad,
    x: str = "stranglehold",
    y: str = "market_loss",
    *,
    x_range: tuple[float, float] | None = None,
    y_range: tuple[float, float] | None = None,
    dyads: Sequence[Dyad] = (),
    ax: Any = None,
    legend: bool = True,
    title: str | None = None,
    resolution: int = 301,
    case: str | None = None,
) -> Figure:
    """The (``x``, ``y``) plane coloured by the attainable depth d* (the model §8).

    d* is computed in closed form at every point of a ``resolution`` × ``resolution`` grid by
    :func:`coalition_games.sweep` with ``depth=True`` and drawn on the continuous sequential scale
    :data:`DEPTH_COLORMAP` (0 where the dyad is not complex); the boundaries between tiers under
    the option (infeasible | simple | complex, i.e. d* > TOL) are drawn as black lines on it, the
    §2 boundary of the complex tier (d = 1) dashed. Arguments as for :func:`phase_diagram`;
    ``case`` (a shipped case id or a case file) makes the sweep start from that case, so that its
    derived parameters follow ``x`` and ``y`` (the model §7: e = λ·t·m, v₂ = λ·m).

    >>> from coalition_games import Dyad
    >>> from coalition_games.plotting import depth_diagram
    >>> fig = depth_diagram(Dyad(), resolution=41)
    >>> fig.axes[1].get_ylabel()
    'attainable depth d*'
    """
    _check_plane(dyad, x, y, dyads)
    if not isinstance(resolution, int) or isinstance(resolution, bool) or resolution < 2:
        raise ValueError(f"resolution must be an integer >= 2, got {resolution!r}")
    shown = {x: [getattr(d, x) for d in (dyad, *dyads)], y: [getattr(d, y) for d in (dyad, *dyads)]}
    x0, x1 = _axis_range(x, x_range, shown[x], "x_range")
    y0, y1 = _axis_range(y, y_range, shown[y], "y_range")
    own = ax is None
    if own:
        from matplotlib.figure import Figure

        fig = Figure(figsize=(8.4, 5.4), layout="constrained")
        ax = fig.subplots()
    else:
        fig = ax.figure
    xs, ys = np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution)
    fixed: dict[str, Any] = (
        {} if case else {k: v for k, v in dyad.parameters().items() if k not in (x, y)}
    )
    plane: dict[str, Any] = {x: xs[None, :], y: ys[:, None]}
    grid = sweep(case=case, depth=True, **fixed, **plane)
    flat = sweep(case=case, **fixed, **plane)
    mesh = ax.pcolormesh(
        xs, ys, grid.depth, cmap=DEPTH_COLORMAP, vmin=0.0, vmax=1.0, shading="nearest", zorder=1
    )
    tiers = np.asarray(grid.tier, dtype=float)
    if np.ptp(tiers) > 0:
        ax.contour(xs, ys, tiers, levels=[0.5, 1.5], colors="black", linewidths=1.2, zorder=3)
    baseline = np.asarray(flat.tier, dtype=float)
    if np.any(baseline == 2) and np.any(baseline < 2):
        ax.contour(
            xs,
            ys,
            (baseline == 2).astype(float),
            levels=[0.5],
            colors="white",
            linewidths=1.2,
            linestyles="--",
            zorder=3,
        )
    for other in dyads:
        px, py = min(getattr(other, x), x1), min(getattr(other, y), y1)
        ax.scatter(px, py, color="white", edgecolor="black", s=36, zorder=6, clip_on=False)
        ax.annotate(
            other.ally,
            (px, py),
            textcoords="offset points",
            xytext=(5, 5),
            fontsize=10,
            zorder=6,
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "alpha": 0.7, "lw": 0},
        )
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_xlabel(parameter_label(x), fontsize=11)
    ax.set_ylabel(parameter_label(y), fontsize=11)
    bar = fig.colorbar(mesh, ax=ax)
    bar.set_label("attainable depth d*")
    if title is None:
        title = f"{dyad.name}: attainable depth d* by {parameter_label(x)} and {parameter_label(y)}"
    if own:
        fig.suptitle(title, fontsize=12)
    else:
        ax.set_title(title, fontsize=11)
    if legend:
        from matplotlib.lines import Line2D

        ax.legend(
            handles=[
                Line2D([], [], color="black", label="tier boundary under the depth option"),
                Line2D(
                    [],
                    [],
                    color="grey",
                    linestyle="--",
                    label="complex at full depth (§2) — inside",
                ),
            ],
            fontsize=9,
            loc="upper left",
            bbox_to_anchor=(0.0, -0.12),
            frameon=False,
        )
    return fig
