"""The audit: its shares agree with scalar solving draw by draw, and it finds what conflicts."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from coalition_games import audit, cases
from coalition_games.cli import main
from coalition_games.reproduction import CLAIMS, PointWorld, apply_model
from coalition_games.reproduction.audit import find_unknowns
from coalition_games.reproduction.claims import Claim

#: σ's common factor q (σ = q·C/(s·W) follows it), λ and κ₁: the leader's three common numbers
#: (indirect evidence, hence force=True).
UNKNOWNS = ["abandonment_risk", "leader_scale", "coercion_cost_slope"]


@pytest.fixture(scope="module")
def small():
    return audit(unknowns=UNKNOWNS, force=True, draws=300, seed=7, search_iterations=3)


def test_shares_agree_with_scalar_solving_draw_by_draw(small):
    """The audit's draws, re-solved one at a time with Python floats (PointWorld): the same
    verdict for every claim in every draw, and so the same shares."""
    rng = np.random.default_rng(np.random.SeedSequence(7).spawn(1)[0])
    u = rng.random((len(small.unknowns), 300))
    five = apply_model({c: cases.read(c) for c in cases.names()}, "baseline")
    held = np.zeros((len(CLAIMS), 300), bool)
    for i in range(300):
        point = {x.name: x.low + u[j, i] * (x.high - x.low) for j, x in enumerate(small.unknowns)}
        world = PointWorld(apply_model(five, point))
        held[:, i] = [claim.check(world)[0] >= 0 for claim in CLAIMS]
    assert np.array_equal(held, small.sample["held"])
    for j, claim in enumerate(CLAIMS):
        assert small.counts[claim.id] == held[j].sum()
    assert small.joint_count == held.all(axis=0).sum()


def test_default_unknowns_per_case_agree_with_scalar_solving_under_linkage():
    """The same for the linkage model and the default unknowns (every parameter without
    evidence, one value per case): each draw re-solved case by case with Python floats."""
    found = audit(model="linkage", draws=200, seed=11, search=False)
    assert any(len(x.cases) == 1 for x in found.unknowns)  # per-case unknowns among them
    rng = np.random.default_rng(np.random.SeedSequence(11).spawn(1)[0])
    u = rng.random((len(found.unknowns), 200))
    five = apply_model({c: cases.read(c) for c in cases.names()}, "linkage")
    held = np.zeros((len(CLAIMS), 200), bool)
    for i in range(200):
        moved = {}
        for cid, case in five.items():
            point = {
                x.parameter: x.low + u[j, i] * (x.high - x.low)
                for j, x in enumerate(found.unknowns)
                if cid in x.cases
            }
            moved[cid] = apply_model({cid: case}, point)[cid]
        world = PointWorld(moved)
        held[:, i] = [claim.check(world)[0] >= 0 for claim in CLAIMS]
    assert np.array_equal(held, found.sample["held"])
    assert [found.counts[c.id] for c in CLAIMS] == held.sum(axis=1).tolist()


#: A no-evidence parameter of Japan, over a stated box.
G, BOX = "tech_gain", {"tech_gain": (0.1, 1.0)}


def _threshold_claim(cid, sign, level):
    """A claim on Japan's g alone: g ≥ level (sign +1) or g ≤ level (sign −1)."""

    def check(w):
        return sign * (w.param("us_japan", G) - level), lambda: f"g vs {level}"

    return Claim(cid, f"g {'≥' if sign > 0 else '≤'} {level}", "test", check, ("us_japan",))


def test_a_provable_conflict_is_named_with_its_disjoint_parameter():
    high, low = _threshold_claim("A", +1, 0.6), _threshold_claim("B", -1, 0.4)
    free = _threshold_claim("C", +1, 0.05)  # holds everywhere on the box [0.1, 1]
    result = audit(
        [high, low, free],
        ["us_japan"],
        unknowns=[G, "autonomy_cost"],
        box=BOX,
        draws=2000,
        seed=1,
        search_iterations=5,
    )
    assert result.joint_count == 0 and result.counts["C"] == 2000
    (conflict,) = result.conflicts
    assert conflict.claims == ("A", "B")
    assert set(conflict.disjoint) == {G}
    a = conflict.disjoint[G]["A"]
    b = conflict.disjoint[G]["B"]
    assert a == [pytest.approx((0.6, 1.0), abs=1e-9)] and b == [pytest.approx((0.1, 0.4), abs=1e-9)]
    assert "A needs tech_gain in [0.6, 1] while B needs tech_gain in [0.1, 0.4]" in (
        conflict.sentence()
    )
    assert result.search["smallest_margin"] < 0  # the search cannot make both hold
    assert result.witness is None and result.region is None


def test_a_region_where_all_hold_has_a_witness_and_projections(tmp_path):
    result = audit(
        [_threshold_claim("A", +1, 0.3), _threshold_claim("B", -1, 0.7)],
        ["us_japan"],
        unknowns=[G],
        box=BOX,
        draws=4000,
        seed=2,
        search_iterations=5,
    )
    assert result.joint_share == pytest.approx(0.4 / 0.9, abs=0.03)
    assert 0.3 <= result.witness["point"][G] <= 0.7
    region = result.region[G]
    assert 0.3 <= region["min"] < region["median"] < region["max"] <= 0.7
    assert result.search["smallest_margin"] == pytest.approx(0.2, abs=0.02)  # at g = 0.5
    pytest.importorskip("matplotlib")
    written = [Path(p).name for p in result.write(tmp_path)]
    assert "region.png" in written and "requirements.png" not in written  # the joint region
    assert (tmp_path / "region.svg").stat().st_size > 1000


def test_the_result_protocol(small, tmp_path):
    text = json.dumps(small.to_dict(), allow_nan=False)
    assert json.loads(text)["draws"] == 300
    assert "holds in" in small.explain() and "<table>" in small._repr_html_()
    frame = small.to_frame()
    assert frame["id"].tolist() == [c.id for c in CLAIMS] and "share" in frame
    pytest.importorskip("matplotlib")
    written = small.write(tmp_path)
    assert {p.rsplit("/", 1)[1] for p in written} >= {
        "audit.json",
        "audit.csv",
        "co_holding.csv",
        "co_holding.svg",
        "requirements.png",
    }


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"claims": ["C99"]}, "unknown claim 'C99'"),
        ({"unknowns": ["no_such"]}, "not a free parameter"),
        ({"unknowns": [G], "box": {G: (0.5, 0.5)}}, "empty or reversed"),
        ({"unknowns": [G], "box": {G: (0.9, 0.2)}}, "empty or reversed"),
        ({"unknowns": [G], "draws": 0}, "draws = 0"),
        ({"unknowns": [G], "seed": "abc"}, "seed must be"),
        ({"unknowns": [G], "model": "bogus"}, "model='bogus'"),
        ({"unknowns": ["leader_scale"]}, "leader_scale has evidence in"),
    ],
)
def test_bad_input_is_a_named_error(kwargs, message):
    with pytest.raises((ValueError, TypeError), match=message):
        audit(**kwargs, search=False)


def test_unknowns_are_shared_or_per_case():
    five = {c: cases.read(c) for c in cases.names()}
    shared = find_unknowns(five, ["leader_scale"], force=True)
    assert [u.name for u in shared] == ["leader_scale"] and len(shared[0].cases) == 5
    per_case = find_unknowns(five, ["leader_scale"], per_case=True, force=True)
    assert [u.name for u in per_case] == [f"leader_scale[{c}]" for c in five]


def test_cli_audit_prints_the_summary_and_writes_files(tmp_path, capsys):
    pytest.importorskip("matplotlib")
    out = tmp_path / "audit"
    argv = [
        "audit",
        "--draws",
        "200",
        "--unknowns",
        "tech_gain,autonomy_cost",
        "--search-iterations",
        "2",
        "--out",
        str(out),
    ]
    assert main(argv) == 0
    printed = capsys.readouterr().out
    assert "C1: holds in" in printed and "Search" in printed
    assert (out / "audit.json").is_file() and (out / "co_holding.png").is_file()
