"""Figures: exact regions that agree with sweep, overlays, labels, legends, the linkage cap on an
axis, one display in Jupyter, reproducible files, lazy matplotlib."""

import subprocess
import sys

import numpy as np
import pytest

from coalition_games import Dyad, phase_diagram, sweep
from coalition_games.plotting import REGIONS, parameter_label, region_codes

matplotlib = pytest.importorskip("matplotlib", reason="matplotlib is the optional 'figures' extra")
matplotlib.use("Agg")
import matplotlib.pyplot  # noqa: E402  (pyplot only for the tests that draw on its axes)
from matplotlib.collections import PolyCollection  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

CODE_OF_COLOUR = {colour: code for code, (_, colour) in REGIONS.items()}


def region_at(ax, points):
    """The region code of the filled band containing each point (None if none does)."""
    found = [None] * len(points)
    for patch in ax.collections:
        if not isinstance(patch, PolyCollection):
            continue
        code = CODE_OF_COLOUR.get(to_hex(patch.get_facecolor()[0]))
        for path in patch.get_paths():
            inside = path.contains_points(points)
            for i in np.flatnonzero(inside):
                found[i] = code
    return found


@pytest.mark.parametrize(
    ("dyad", "x", "y"),
    [
        (Dyad(enforcement_value=0.3), "security_dependency", "stranglehold"),
        (Dyad(enforcement_value=0.3), "security_stake", "market_loss"),
        (Dyad(security_dependency=0.3), "coercion_cost_slope", "side_payment_budget"),
        (Dyad(side_payment_budget=0.0, target_offer=0.1), "security_dependency", "simple_cost"),
        (Dyad(security_stake=0.8, linkage_cap=0.35), "security_dependency", "stranglehold"),
        # two boundaries cross exactly on a point of the crossing scan's grid (s = 0.9)
        (Dyad(security_dependency=0.8, stranglehold=0.4), "security_dependency", "market_loss"),
        (Dyad(security_stake=0.8, security_dependency=0.9), "linkage_cap", "stranglehold"),
        (Dyad(ally_power=0.2, side_payment_budget=0.3), "market_loss", "linkage_cap"),
    ],
)
def test_filled_regions_agree_with_sweep_at_random_points(dyad, x, y):
    ranges = {name: (0.0, 1.0) for name in (x, y) if name == "linkage_cap"}
    fig = phase_diagram(dyad, x, y, x_range=ranges.get(x), y_range=ranges.get(y))
    ax = fig.axes[0]
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    rng = np.random.default_rng(1)
    points = np.column_stack([rng.uniform(x0, x1, 400), rng.uniform(y0, y1, 400)])
    result = sweep(**{**dyad.parameters(), x: points[:, 0], y: points[:, 1]})
    assert region_at(ax, points) == region_codes(result).tolist()


def test_the_six_regions_have_distinct_colours_and_split_complex_by_mechanism():
    colours = [colour for _, colour in REGIONS.values()]
    assert len(REGIONS) == 6 and len(set(colours)) == 6
    # infeasible, simple, voluntary, compensated, coerced (and paid: South Korea), conflict
    result = sweep(
        security_dependency=[0.0, 0.2, 0.8, 0.5, 0.9, 0.3],
        stranglehold=[0.1, 0.1, 0.5, 0.0, 0.5, 0.4],
        market_loss=[0.3, 0.3, 0.3, 0.3, 0.6, 0.3],
        side_payment_budget=[0.0, 0.0, 0.0, 0.1, 0.1, 0.0],
        ally_power=[0.0, 0.0, 0.0, 0.0, 0.5, 0.0],
    )
    assert region_codes(result).tolist() == [0, 1, 2, 3, 4, 5]
    assert result.coerced[4] and result.compensated[4]  # coerced takes precedence
    assert result.compensated[3] and not result.coerced[3]


def test_axes_are_labelled_in_words_with_the_symbol_and_the_figure_has_a_title():
    fig = phase_diagram(Dyad(ally="Japan"), "security_stake", "market_loss")
    ax = fig.axes[0]
    assert ax.get_xlabel() == "security stake σ" == parameter_label("security_stake")
    assert ax.get_ylabel() == "market loss m"
    assert "Japan" in fig.get_suptitle() and "security stake σ" in fig.get_suptitle()


def test_one_legend_beside_the_regions_and_none_with_legend_false():
    fig = phase_diagram(Dyad())
    assert len(fig.axes[0].get_legend().get_texts()) == 7  # six regions and the credibility line
    assert phase_diagram(Dyad(), legend=False).axes[0].get_legend() is None


def test_the_figure_is_not_managed_by_pyplot_so_jupyter_shows_it_once():
    plt = matplotlib.pyplot
    before = plt.get_fignums()
    fig = phase_diagram(Dyad())
    assert plt.get_fignums() == before
    assert fig.canvas.figure is fig  # savefig still works


def test_dyads_and_clouds_are_overlaid():
    japan = Dyad(security_dependency=0.9, stranglehold=0.6, ally="Japan")
    cloud = (np.full(50, 0.9), np.linspace(0.5, 0.7, 50))
    fig = phase_diagram(Dyad(), dyads=[japan], clouds={"Japan draws": cloud})
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.texts] == ["Japan"]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "Japan draws" in labels and REGIONS[5][0] in labels


def test_a_dyad_without_linkage_cap_sits_on_the_upper_edge_of_a_linkage_cap_axis():
    japan = Dyad(security_dependency=0.9, ally="Japan")  # linkage_cap = +inf, the baseline
    fig = phase_diagram(Dyad(), "linkage_cap", "stranglehold", dyads=[japan])
    ax = fig.axes[0]
    assert ax.get_xlim() == (0.0, 1.0)  # twice the largest finite value shown, at least 1
    assert ax.collections[-1].get_offsets()[0].tolist() == [1.0, japan.stranglehold]


def test_draws_on_a_given_axes():
    fig, ax = matplotlib.pyplot.subplots()
    assert phase_diagram(Dyad(), ax=ax, x_range=(0.2, 0.8)) is fig
    assert ax.get_xlim() == (0.2, 0.8)
    matplotlib.pyplot.close(fig)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"x": "dependency"}, ValueError, "unknown parameter 'dependency'"),
        ({"x": "stranglehold"}, ValueError, "must be different"),
        ({"x_range": (0.0, 1.5)}, ValueError, r"x_range = \(0\.0, 1\.5\) leaves the range"),
        ({"y_range": (0.5, 0.5)}, ValueError, "low < high"),
        ({"dyads": ["Japan"]}, TypeError, "dyads must hold Dyad objects"),
    ],
)
def test_bad_arguments_are_refused(kwargs, error, message):
    with pytest.raises(error, match=message):
        phase_diagram(Dyad(), **kwargs)


def test_core_import_does_not_need_matplotlib():
    code = "import sys, coalition_games; assert 'matplotlib' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_reproduction_figures_share_one_legend_and_one_probability_axis():
    from coalition_games import cases
    from coalition_games.reproduction import figures
    from coalition_games.uncertainty import monte_carlo

    chosen = {cid: cases.read(cid) for cid in ("us_netherlands", "us_south_korea")}
    mc = monte_carlo(list(chosen.values()), draws=400, seed=1)
    panels = figures.phase_panels(chosen, mc)
    assert sum(ax.get_legend() is not None for ax in panels.axes) + len(panels.legends) == 1
    titles = [ax.get_title() for ax in panels.axes if ax.get_title()]
    assert "Netherlands — bilateral (ASML export controls)" in titles
    assert all(t.count("(") == t.count(")") <= 1 for t in titles)
    bars = figures.tornado(mc, chosen)
    shown = [ax for ax in bars.axes if ax.get_visible()]
    assert {ax.get_xlim() for ax in shown} == {(0.0, 1.0)}
    labels = [t.get_text() for ax in shown for t in ax.get_yticklabels()]
    assert "stranglehold t" in labels and not any("_" in label for label in labels)  # in words
    assert len(bars.legends) == 1


def test_two_reproductions_with_one_seed_write_byte_identical_svg(tmp_path):
    from coalition_games.cli import main

    for run in ("a", "b"):
        command = ["reproduce", "--draws", "300", "--seed", "5", "--audit-draws", "300"]
        assert main([*command, "--model", "linkage", "--out", str(tmp_path / run)]) == 0
    for stem in (
        "phase_diagram",
        "tornado",
        "audit-linkage/co_holding",
        "audit-linkage/requirements",
    ):
        first = (tmp_path / "a" / f"{stem}.svg").read_bytes()
        assert first == (tmp_path / "b" / f"{stem}.svg").read_bytes(), stem
        assert b"<dc:date>" not in first
