"""The reproduction's figures: each dyad on its own (s, t) phase diagram, and a tornado plot.

Needs matplotlib (the ``figures`` extra: ``pip install "coalition_games[figures]"``). Figures are
built on ``matplotlib.figure.Figure`` directly (no pyplot state, any backend; in Jupyter each is
shown once, as the cell's value), and :func:`save` writes them reproducibly (the same seed gives
byte-identical SVG files).

Design of the phase figure: the regions of the (security dependency s, stranglehold t) plane
depend on the other thirteen parameters, which differ per dyad, so a shared panel would place
every dyad against boundaries that are not its own. Hence one panel per dyad, each drawn by
:func:`coalition_games.plotting.phase_diagram` with that dyad's own parameters (exact boundaries
from the formulas; complex split into voluntary, compensated and coerced), the calibrated point
and its Monte Carlo cloud of (s, t) draws, and one legend for the figure. The cloud varies all
the parameters, so a cloud point may fall in a region whose boundaries, at its own draw, differ
from those drawn (the panel shows the point estimate's); the tier probabilities in the table are
the exact summary.

Design of the tornado: the quantity is the probability of a complex coalition, on one axis from
0 to 1 shared by every panel, so that bars compare across dyads; the parameters are named in
words with their symbols.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..cases import Case
from ..uncertainty import CLOUD, MonteCarlo

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from .audit import Audit

__all__ = [
    "HYPERPARAMETER_LABELS",
    "METADATA",
    "SVG_HASHSALT",
    "co_holding",
    "phase_panels",
    "require_matplotlib",
    "requirements",
    "save",
    "tornado",
]


def require_matplotlib() -> None:
    """Raise ``ImportError`` with the install hint when matplotlib is missing."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise ImportError(
            'figures need matplotlib: pip install "coalition_games[figures]"'
        ) from None


#: Words and symbols for the cases' hyper-parameters, which are not parameters of the dyad.
HYPERPARAMETER_LABELS: Mapping[str, str] = {
    "leader_scale": "leader's valuation scale λ",
    "abandonment_risk": "abandonment risk q (σ = q·C/(sW))",
    "replacement_cost": "replacement cost C/(sW) (σ = q·C/(sW))",
}
#: Colours of the tornado's bars: the parameter in its lowest and in its highest fifth of draws.
LOW_COLOUR, HIGH_COLOUR = "#9ecae1", "#08519c"
#: The salt of the ids in every SVG written (matplotlib's ``svg.hashsalt``), so that one seed
#: gives byte-identical files.
SVG_HASHSALT = "coalition_games"
#: The metadata written with each format: no date and no software version (reproducible files).
METADATA: dict[str, dict[str, Any]] = {
    "svg": {"Date": None, "Creator": "coalition_games"},
    "png": {"Software": "coalition_games"},
}


def _grid(n: int) -> tuple[int, int]:
    cols = min(n, 3)
    return math.ceil(n / cols), cols


def _label(name: str) -> str:
    from ..plotting import parameter_label

    return HYPERPARAMETER_LABELS.get(name, parameter_label(name))


def _dyad_title(case: Case) -> str:
    return f"{case.ally} — {case.coalition}"


def tornado(mc: MonteCarlo, cases: Mapping[str, Case], *, top: int = 6) -> Figure:
    """Tornado plot: what decides whether each dyad is complex. One panel per dyad, ``top``
    parameters each, on one common axis: the probability of a complex coalition, 0 to 1.

    Each bar spans P(complex) when the parameter lies in its lowest fifth of draws (light) and in
    its highest fifth (dark); the vertical line is the dyad's overall P(complex). Bars are ordered
    by their length, the swing P(high) − P(low) (printed) in absolute value. The ranked
    quantities are what the Monte Carlo draws: free parameters and hyper-parameters; derived
    parameters (e.g. v₂ = λ·m, e = λ·t·m) act through their factors and are not ranked.
    """
    require_matplotlib()
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    rows, cols = _grid(len(mc.sensitivity))
    fig = Figure(figsize=(5.2 * cols, 3.4 * rows + 0.9), layout="constrained")
    axes = fig.subplots(rows, cols, squeeze=False, sharex=True).ravel()
    for ax, (cid, ranked) in zip(axes, mc.sensitivity.items(), strict=False):
        shown = sorted(ranked, key=lambda s: -abs(s.complex_high - s.complex_low))[:top][::-1]
        overall = mc.probabilities[cid]["complex"]
        for y, s in enumerate(shown):
            ax.barh(y, s.complex_low - overall, left=overall, color=LOW_COLOUR, height=0.6)
            ax.barh(y, s.complex_high - overall, left=overall, color=HIGH_COLOUR, height=0.6)
            ax.text(
                1.02,
                y,
                f"{s.complex_high - s.complex_low:+.2f}",
                va="center",
                fontsize=9,
                transform=ax.get_yaxis_transform(),
            )
        ax.axvline(overall, color="black", lw=1.2)
        ax.set_yticks(range(len(shown)), [_label(s.parameter) for s in shown], fontsize=9)
        ax.set_xlim(0.0, 1.0)
        ax.tick_params(axis="x", labelsize=9, labelbottom=True)
        ax.grid(axis="x", color="#dddddd", lw=0.6, zorder=0)
        ax.set_axisbelow(True)
        ax.set_xlabel("P(complex coalition)", fontsize=10)
        ax.set_title(f"{cases[cid].ally}: P(complex) = {overall:.2f}", fontsize=11)
    for ax in axes[len(mc.sensitivity) :]:
        ax.set_visible(False)
    fig.legend(
        handles=[
            Patch(color=LOW_COLOUR, label="parameter in its lowest fifth of draws"),
            Patch(color=HIGH_COLOUR, label="parameter in its highest fifth of draws"),
            Line2D([], [], color="black", lw=1.2, label="P(complex) over all draws"),
        ],
        loc="outside lower center",
        ncols=3,
        fontsize=10,
        frameon=False,
    )
    fig.suptitle(
        "What decides whether each dyad is a complex coalition: P(complex) when one parameter is "
        f"low or high\n({mc.draws:,} Monte Carlo draws; the number is the swing P(high) − P(low); "
        "derived parameters act through their factors)",
        fontsize=12,
    )
    return fig


def phase_panels(cases: Mapping[str, Case], mc: MonteCarlo | None = None) -> Figure:
    """Each dyad on its own (s, t) phase diagram with its Monte Carlo cloud (module docstring),
    with one legend for the whole figure."""
    require_matplotlib()
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    from ..plotting import phase_diagram, region_handles

    rows, cols = _grid(len(cases))
    spare = rows * cols > len(cases)  # an empty cell holds the legend
    fig = Figure(figsize=(5.0 * cols, 4.6 * rows + (0 if spare else 1.2)), layout="constrained")
    axes = fig.subplots(rows, cols, squeeze=False).ravel()
    cloud_label = None
    for ax, (cid, case) in zip(axes, cases.items(), strict=False):
        clouds = None
        if mc is not None and cid in mc.clouds:
            cloud = mc.clouds[cid]
            clouds = {case.ally: (cloud["security_dependency"], cloud["stranglehold"])}
            cloud_label = f"Monte Carlo draws of (s, t), {min(mc.draws, CLOUD):,} shown"
        phase_diagram(
            case.dyad,
            x_range=(0, 1),
            y_range=(0, 1),
            dyads=(case.dyad,),
            clouds=clouds,
            ax=ax,
            legend=False,
            title=_dyad_title(case),
        )
    for ax in axes[len(cases) :]:
        ax.set_visible(False)
    handles = region_handles()
    handles.append(
        Line2D([], [], marker="o", ls="", color="black", mec="white", label="calibrated point")
    )
    if cloud_label is not None:
        handles.append(
            Line2D([], [], marker="o", ls="", ms=3, color="#08306b", alpha=0.5, label=cloud_label)
        )
    if spare:
        holder = axes[len(cases)]
        holder.set_visible(True)
        holder.axis("off")
        holder.legend(handles=handles, loc="center", fontsize=10, frameon=False)
    else:
        fig.legend(handles=handles, loc="outside lower center", ncols=3, fontsize=10, frameon=False)
    fig.suptitle(
        "Each dyad on its own (security dependency s, stranglehold t) plane: the regions at its "
        "calibrated parameters,\nits point estimate and its uncertainty",
        fontsize=13,
    )
    return fig


def save(fig: Figure, stem: str, out: str, formats: Sequence[str] = ("png", "svg")) -> list[str]:
    """Write ``fig`` as ``out/stem.<format>`` for each format; return the paths.

    The files are reproducible: the same figure gives byte-identical SVG (ids from a fixed
    :data:`SVG_HASHSALT` salt, no date in :data:`METADATA`) and PNG files.
    """
    from pathlib import Path

    import matplotlib

    paths = []
    with matplotlib.rc_context({"svg.hashsalt": SVG_HASHSALT, "svg.fonttype": "path"}):
        for fmt in formats:
            path = Path(out) / f"{stem}.{fmt}"
            fig.savefig(path, dpi=150, metadata=METADATA.get(fmt))
            paths.append(str(path))
    return paths


def write_all(
    makers: Sequence[tuple[str, Callable[[], Figure]]],
    out: str,
    progress: Callable[[str], None],
) -> list[str]:
    """Draw each ``(stem, make)`` figure and write it with :func:`save`; return the paths.
    Without matplotlib a figure is skipped and the reason reported through ``progress``."""
    written: list[str] = []
    for stem, make in makers:
        try:
            fig = make()
        except ImportError as error:
            progress(f"figure {stem} skipped: {error}")
            continue
        written += save(fig, stem, out)
        progress(f"figure {stem} written")
    return written


def co_holding(result: Audit) -> Figure:
    """The audit's pairwise co-holding matrix as a heat map: the share of the box in which both
    claims hold (the diagonal: each claim's own share); an empty cell excludes the pair."""
    require_matplotlib()
    import numpy as np
    from matplotlib.figure import Figure

    ids = list(result.claims)
    share = np.array([[result.co_holding[a][b] for b in ids] for a in ids])
    fig = Figure(figsize=(1.0 + 0.55 * len(ids), 0.8 + 0.5 * len(ids)))
    ax = fig.subplots()
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
    from matplotlib.figure import Figure

    names = list(unknowns or _top_unknowns(result))
    ids = list(result.claims)
    fig = Figure(figsize=(5.2 * len(names), 0.6 + 0.35 * len(ids)))
    axes = fig.subplots(1, len(names), squeeze=False)
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


def region(result: Audit, unknowns: Sequence[str] | None = None) -> Figure:
    """The joint region on the two unknowns that matter most (as :func:`requirements` picks
    them): the audit's first sampled draws, those where every claim holds marked, with the
    region's interquartile range on each unknown shaded. Needs a positive joint share."""
    require_matplotlib()
    import numpy as np
    from matplotlib.figure import Figure

    if not result.joint_count or "joint" not in result.sample or not result.region:
        raise ValueError("the audit found no draw where all claims hold: no joint region to draw")
    names = list(unknowns or _top_unknowns(result))[:2]
    box = {u.name: (u.low, u.high) for u in result.unknowns}
    fig = Figure(figsize=(5.6, 4.6), layout="constrained")
    ax = fig.subplots()
    drawn, joint = result.sample["values"], result.sample["joint"]
    x = names[0]
    if len(names) == 1:  # one unknown: the draws' histogram, those where all hold in front
        bins = np.linspace(*box[x], 41).tolist()
        ax.hist(drawn[x], bins=bins, color="#d9d9d9", label="draws of the box")
        ax.hist(joint[x], bins=bins, color="#08519c", label="all claims hold")
        ax.set_ylabel("draws")
    else:
        y = names[1]
        ax.scatter(drawn[x], drawn[y], s=3, color="#d9d9d9", label="draws of the box")
        ax.scatter(joint[x], joint[y], s=5, color="#08519c", label="all claims hold")
        ax.axhspan(result.region[y]["q25"], result.region[y]["q75"], color="#9ecae1", alpha=0.3)
        ax.set_ylim(*box[y])
        ax.set_ylabel(y)
    ax.axvspan(result.region[x]["q25"], result.region[x]["q75"], color="#9ecae1", alpha=0.3)
    ax.set_xlim(*box[x])
    ax.set_xlabel(x)
    ax.legend(loc="best", fontsize=8)
    ax.set_title(
        f"Where all {len(result.claims)} claims hold ({result.model} model, "
        f"{result.joint_share:.2%} of the box)",
        fontsize=10,
    )
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
