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

    from .audit import Audit

__all__ = ["co_holding", "phase_panels", "require_matplotlib", "requirements", "tornado"]


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


def co_holding(result: Audit) -> Figure:
    """The audit's pairwise co-holding matrix as a heat map: the share of the box in which both
    claims hold (the diagonal: each claim's own share); an empty cell excludes the pair."""
    require_matplotlib()
    import matplotlib.pyplot as plt
    import numpy as np

    ids = list(result.claims)
    share = np.array([[result.co_holding[a][b] for b in ids] for a in ids])
    fig, ax = plt.subplots(figsize=(1.0 + 0.55 * len(ids), 0.8 + 0.5 * len(ids)))
    image = ax.imshow(share, cmap="viridis", vmin=0, vmax=max(1e-12, float(share.max())))
    ax.set_xticks(range(len(ids)), ids)
    ax.set_yticks(range(len(ids)), ids)
    for i in range(len(ids)):
        for j in range(len(ids)):
            text = (
                "0" if share[i, j] == 0 else f"{share[i, j]:.0%}" if share[i, j] >= 0.01 else "<1%"
            )
            ax.text(
                j,
                i,
                text,
                ha="center",
                va="center",
                fontsize=7,
                color="white" if share[i, j] < 0.5 * share.max() else "black",
            )
    fig.colorbar(image, ax=ax, label="share of the box where both hold")
    ax.set_title(
        f"Which claims hold together ({result.model} model, {result.draws:,} draws)", fontsize=10
    )
    fig.tight_layout()
    return fig


def requirements(result: Audit, unknowns: Sequence[str] | None = None) -> Figure:
    """Each claim's one-at-a-time requirement on the two unknowns that matter most (those that
    separate the most never-together sets, else those on which the claims' intervals differ
    most): the values at which the claim holds, the others at their calibrated values."""
    require_matplotlib()
    import matplotlib.pyplot as plt

    names = list(unknowns or _top_unknowns(result))
    ids = list(result.claims)
    fig, axes = plt.subplots(
        1, len(names), figsize=(5.2 * len(names), 0.6 + 0.35 * len(ids)), squeeze=False
    )
    box = {u.name: (u.low, u.high) for u in result.unknowns}
    for ax, name in zip(axes[0], names, strict=True):
        for row, claim in enumerate(ids):
            for lo, hi in result.intervals[claim][name]:
                ax.plot([lo, hi], [row, row], lw=6, solid_capstyle="butt", color="#3182bd")
        ax.set_yticks(range(len(ids)), ids)
        ax.set_ylim(len(ids) - 0.5, -0.5)
        ax.set_xlim(*box[name])
        ax.set_xlabel(name)
        ax.grid(axis="x", alpha=0.3)
    fig.suptitle(
        "Where each claim holds, one unknown at a time (others as calibrated)", fontsize=10
    )
    fig.tight_layout()
    return fig


def _top_unknowns(result: Audit) -> list[str]:
    count = {u.name: 0.0 for u in result.unknowns}
    for conflict in result.conflicts:
        for name in conflict.disjoint:
            count[name] += 1
    for u in result.unknowns:  # tie-break: how much the claims' requirements differ
        width = u.high - u.low
        held = [
            sum(hi - lo for lo, hi in result.intervals[c][u.name]) / width for c in result.claims
        ]
        count[u.name] += 1e-3 * (max(held) - min(held))
    return sorted(count, key=lambda n: -count[n])[: min(2, len(count))]
