"""The reproduction's figures: each dyad on its own (s, t) phase diagram, and a tornado plot.

Needs matplotlib (the ``figures`` extra: ``pip install "coalition_games[figures]"``). Figures are
built on ``matplotlib.figure.Figure`` directly (no pyplot state, any backend).

Design of the phase figure: the regions of the (security dependency s, stranglehold t) plane
depend on the other thirteen parameters, which differ per dyad, so a shared panel would place
every dyad against boundaries that are not its own. Hence one panel per dyad, each drawn by
:func:`coalition_games.plotting.phase_diagram` with that dyad's own parameters (exact boundaries
from the formulas), the calibrated point and its Monte Carlo cloud of (s, t) draws. The cloud
varies all the parameters, so a cloud point may fall in a region whose boundaries, at its own
draw, differ from those drawn (the panel shows the point estimate's); the tier probabilities in
the table are the exact summary.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ..cases import Case
from ..uncertainty import MonteCarlo

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["phase_panels", "require_matplotlib", "tornado"]


def require_matplotlib() -> None:
    """Raise ``ImportError`` with the install hint when matplotlib is missing."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise ImportError(
            'figures need matplotlib: pip install "coalition_games[figures]"'
        ) from None


def _grid(n: int) -> tuple[int, int]:
    cols = min(n, 3)
    return math.ceil(n / cols), cols


def tornado(mc: MonteCarlo, cases: Mapping[str, Case], *, top: int = 6) -> Figure:
    """Tornado plot of the sensitivity ranking: one panel per dyad, ``top`` parameters each.

    The ranked quantities are what the Monte Carlo draws: free parameters and hyper-parameters;
    derived parameters (e.g. v₂ = λ·m, e = λ·t·m) act through their factors and are not ranked.

    Each bar spans the expected tier E[T] (0 infeasible, 1 simple, 2 complex) when the parameter
    lies in its lowest fifth (light) and its highest fifth (dark) of draws; bars are ordered by the
    first-order index η² (printed), the vertical line is the dyad's overall E[T].
    """
    require_matplotlib()
    from matplotlib.figure import Figure

    rows, cols = _grid(len(mc.sensitivity))
    fig = Figure(figsize=(5.6 * cols, 3.0 * rows), layout="constrained")
    axes = fig.subplots(rows, cols, squeeze=False).ravel()
    for ax, (cid, ranked) in zip(axes, mc.sensitivity.items(), strict=False):
        shown = ranked[:top][::-1]
        mean = mc.mean_tier[cid]
        for y, s in enumerate(shown):
            ax.barh(y, s.low - mean, left=mean, color="#9ecae1", height=0.6)
            ax.barh(y, s.high - mean, left=mean, color="#08519c", height=0.6)
            ax.text(
                1.02,
                y,
                f"η² = {s.index:.2f}",
                va="center",
                fontsize=8,
                transform=ax.get_yaxis_transform(),
            )
        ax.axvline(mean, color="black", lw=1)
        ax.set_yticks(range(len(shown)), [s.parameter for s in shown], fontsize=8)
        ends = [mean] + [e for s in shown for e in (s.low, s.high)]
        ax.set_xlim(max(0.0, min(ends) - 0.1), min(2.0, max(ends) + 0.1))
        ax.set_xlabel("expected tier (0 infeasible, 1 simple, 2 complex)", fontsize=8)
        ax.set_title(f"{cases[cid].ally}: E[tier] = {mean:.2f}", fontsize=10)
    for ax in axes[len(mc.sensitivity) :]:
        ax.set_visible(False)
    fig.suptitle(
        "Which free parameters decide each dyad's tier (light: parameter low, dark: high; "
        f"{mc.draws:,} draws; derived parameters act through their factors)",
        fontsize=10,
    )
    return fig


def phase_panels(cases: Mapping[str, Case], mc: MonteCarlo | None = None) -> Figure:
    """Each dyad on its own (s, t) phase diagram with its Monte Carlo cloud (module docstring)."""
    require_matplotlib()
    from matplotlib.figure import Figure

    from ..plotting import phase_diagram

    rows, cols = _grid(len(cases))
    fig = Figure(figsize=(4.6 * cols, 4.2 * rows), layout="constrained")
    axes = fig.subplots(rows, cols, squeeze=False).ravel()
    for ax, (cid, case) in zip(axes, cases.items(), strict=False):
        clouds = None
        if mc is not None and cid in mc.clouds:
            cloud = mc.clouds[cid]
            clouds = {case.ally: (cloud["security_dependency"], cloud["stranglehold"])}
        phase_diagram(
            case.dyad, x_range=(0, 1), y_range=(0, 1), dyads=(case.dyad,), clouds=clouds, ax=ax
        )
        ax.set_title(f"{case.ally} ({case.coalition})", fontsize=10)
    for ax in axes[len(cases) :]:
        ax.set_visible(False)
    return fig


def save(fig: Figure, stem: str, out: str, formats: Sequence[str] = ("png", "svg")) -> list[str]:
    """Write ``fig`` as ``out/stem.<format>`` for each format; return the paths."""
    from pathlib import Path

    paths = []
    for fmt in formats:
        path = Path(out) / f"{stem}.{fmt}"
        fig.savefig(path, dpi=150)
        paths.append(str(path))
    return paths
