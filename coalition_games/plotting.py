"""Phase diagrams: the plane of two parameters split into infeasible/simple/complex/conflict.

Needs matplotlib (the ``figures`` extra). The regions are not coloured pixel by pixel: their
boundaries are the exact zero sets of the model's margins and of e − κ(s), taken from the symbolic
layer (:func:`coalition_games.symbolic.boundary_expressions`) and solved for the y parameter.
Between consecutive critical x values (vertical boundaries, poles and crossings of two boundary
curves) the curves keep their order, so the plane splits into bands between adjacent curves; each
band is classified once by :func:`coalition_games.sweep` at an interior point and filled between
its two exact curves. Boundaries are drawn where the classes on their two sides differ.

Conventions: "conflict" (MODEL.md §2's flag) is drawn as its own region over whichever tier holds
there (simple or infeasible); the credibility boundary e − κ(s) = 0 (s = s* when x or y is s) is
drawn dashed whether or not it separates regions.
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

__all__ = ["REGIONS", "phase_diagram"]

#: Region code → (label, colour). Codes 0–2 are the tier codes of ``Tier.code``.
REGIONS: Mapping[int, tuple[str, str]] = {
    0: (Tier.from_code(0).value, "#d9d9d9"),
    1: (Tier.from_code(1).value, "#9ecae1"),
    2: (Tier.from_code(2).value, "#a1d99b"),
    3: ("conflict", "#fc9272"),
}
_SPECS = {spec.name: spec for spec in PARAMETERS}
_SAMPLES = 96  # points per strip on which the exact curves are drawn
_SCAN = 4001  # grid on which crossings of two curves are bracketed (then refined by brentq)


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
) -> Figure:
    """Draw the regions of the (``x``, ``y``) plane, the other parameters fixed from ``dyad``.

    Parameters
    ----------
    dyad : fixes every parameter except ``x`` and ``y``.
    x, y : two different parameter names (``coalition_games.parameters.PARAMETER_NAMES``).
    x_range, y_range : the axes' extents; default: the parameter's range if bounded, else from 0
        to twice the largest value shown (at least 1).
    dyads : dyads placed as points labelled with ``dyad.ally``.
    clouds : label → (x samples, y samples), drawn as translucent scatter (e.g. Monte Carlo draws
        of a calibrated dyad).
    ax : a matplotlib Axes to draw on; default: a new figure.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from coalition_games import Dyad, phase_diagram
    >>> fig = phase_diagram(Dyad(), dyads=[Dyad(security_dependency=0.9, ally="Japan")])
    >>> fig.axes[0].get_xlabel()
    'security_dependency (s)'
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

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
    clouds = dict(clouds or {})
    shown = {x: [getattr(d, x) for d in (dyad, *dyads)], y: [getattr(d, y) for d in (dyad, *dyads)]}
    for xs, ys in clouds.values():
        shown[x].extend(np.ravel(xs))
        shown[y].extend(np.ravel(ys))
    x0, x1 = _axis_range(x, x_range, shown[x], "x_range")
    y0, y1 = _axis_range(y, y_range, shown[y], "y_range")

    fig, ax = plt.subplots(figsize=(6.4, 4.8)) if ax is None else (ax.figure, ax)
    fixed = dyad.parameters()
    curves, verticals = _curves(symbolic.boundary_expressions(fixed, x, y), x)
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
        ax.fill_between(xs, lower, upper, color=colour, edgecolor=colour, linewidth=0.3, zorder=1)
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
        ax.scatter(getattr(other, x), getattr(other, y), color="black", s=24, zorder=6)
        ax.annotate(
            other.ally,
            (getattr(other, x), getattr(other, y)),
            textcoords="offset points",
            xytext=(4, 4),
            fontsize=8,
            zorder=6,
        )
    cloud_handles = []
    for label, (xs, ys) in clouds.items():
        cloud_handles.append(ax.scatter(xs, ys, s=4, alpha=0.15, label=label, zorder=5))

    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_xlabel(f"{x} ({_SPECS[x].symbol})")
    ax.set_ylabel(f"{y} ({_SPECS[y].symbol})")
    ax.set_title(f"{dyad.name}: regions over ({_SPECS[x].symbol}, {_SPECS[y].symbol})", fontsize=10)
    handles: list[Artist] = [Patch(color=colour, label=label) for label, colour in REGIONS.values()]
    if credible is not None:
        handles.append(
            plt.Line2D([], [], color="black", linestyle="--", label="e − κ(s) = 0 (credibility)")
        )
    ax.legend(handles=handles + cloud_handles, fontsize=7, loc="best", framealpha=0.8)
    return fig


def _axis_range(
    name: str, given: tuple[float, float] | None, shown: list[float], label: str
) -> tuple[float, float]:
    spec = _SPECS[name]
    if given is None:
        upper = spec.upper if spec.upper != math.inf else max(1.0, 2 * max(shown, default=0.5))
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
    """x where two curves cross: sign changes on a fine grid, refined by brentq."""
    grid = np.linspace(x0, x1, _SCAN)
    values = np.array([_evaluate(f, grid) for f in curves]).reshape(len(curves), -1)
    found = []
    for i, j in itertools.combinations(range(len(curves)), 2):
        diff = values[i] - values[j]
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
    return np.where(result.conflict, 3, result.tier).tolist()


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
