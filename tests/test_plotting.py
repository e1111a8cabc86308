"""phase_diagram(): exact regions that agree with sweep, overlays, arguments, lazy matplotlib."""

import subprocess
import sys

import numpy as np
import pytest

from coalition_games import Dyad, phase_diagram, sweep
from coalition_games.plotting import REGIONS

matplotlib = pytest.importorskip("matplotlib", reason="matplotlib is the optional 'figures' extra")
matplotlib.use("Agg")
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
    ],
)
def test_filled_regions_agree_with_sweep_at_random_points(dyad, x, y):
    fig = phase_diagram(dyad, x, y)
    ax = fig.axes[0]
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    rng = np.random.default_rng(1)
    points = np.column_stack([rng.uniform(x0, x1, 400), rng.uniform(y0, y1, 400)])
    result = sweep(**{**dyad.parameters(), x: points[:, 0], y: points[:, 1]})
    expected = np.where(result.conflict, 3, result.tier).tolist()
    assert region_at(ax, points) == expected
    matplotlib.pyplot.close(fig)


def test_dyads_and_clouds_are_overlaid():
    japan = Dyad(security_dependency=0.9, stranglehold=0.6, ally="Japan")
    cloud = (np.full(50, 0.9), np.linspace(0.5, 0.7, 50))
    fig = phase_diagram(Dyad(), dyads=[japan], clouds={"Japan draws": cloud})
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.texts] == ["Japan"]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "Japan draws" in labels and "conflict" in labels
    matplotlib.pyplot.close(fig)


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
