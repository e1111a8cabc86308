"""Dynamics, counter-strategies, the sourced data files and claims C9–C10."""

from __future__ import annotations

import math
import tomllib
from importlib.resources import files

import numpy as np
import pytest

from coalition_games import Dyad, Tier, solve
from coalition_games.cases import scenarios as data
from coalition_games.coalitions import solve_coalition
from coalition_games.coalitions.counterstrategies import (
    CounterStrategy,
    Shift,
    cheapest_downgrade,
    rank,
)
from coalition_games.coalitions.dynamics import (
    ParameterPath,
    PathRangeError,
    Scenario,
    erosion_threshold,
    trace,
)
from coalition_games.reproduction.claims import CLAIMS
from coalition_games.reproduction.worlds import DrawWorld, PointWorld
from tests.coalition_fixtures import calibrated_dyads

KOREA = Dyad(security_dependency=0.9, stranglehold=0.5, market_loss=0.6)


# -- dynamics ---------------------------------------------------------------------------------
def test_path_factor_is_linear_between_anchors_and_flat_outside():
    p = ParameterPath("k", "stranglehold", (2022, 2030), (1.0, 0.6), (1.0, 0.2), (1.0, 1.0))
    assert p.factor_at(2026) == pytest.approx(0.8)
    assert p.factor_at(2040) == 0.6 and p.factor_at(2000) == 1.0
    assert p.factor_at(2030, "low") == 0.2


def test_erosion_threshold_matches_the_closed_form():
    # complex iff max(0, c₂ − sσ − t) ≤ B with c₂ = 0.6, sσ = 0.45, B = 0.1: t ≥ 0.05 (e fixed)
    th = erosion_threshold(KOREA)
    assert th.level == pytest.approx(0.05, abs=1e-7)
    assert solve(KOREA.replace(stranglehold=th.level + 1e-6)).tier is Tier.COMPLEX
    assert solve(KOREA.replace(stranglehold=th.level - 1e-6)).tier is Tier.SIMPLE
    # with e = λtm following t, credibility is lost first: e·f ≥ κ = 0.1 ⇔ f ≥ 0.5
    th = erosion_threshold(KOREA, derived={"enforcement_value": ("stranglehold", "market_loss")})
    assert th.factor == pytest.approx(0.5, abs=1e-7)  # comparisons carry TOL = 1e-9
    assert erosion_threshold(KOREA.replace(security_stake=2.0)) is None  # voluntary: stays


def test_trace_dates_the_departure_year_by_year():
    fade = ParameterPath("k", "stranglehold", (2022, 2030), (1.0, 0.0), (1.0, 0.0), (1.0, 0.0))
    scenario = Scenario("s", (fade,), {"enforcement_value": ("stranglehold",)}, (2022, 2030))
    found = trace(scenario, {"k": KOREA}, bounds=("value",)).departures()[0]
    # e = 0.2·f ≥ 0.1 ⇔ f = 1 − (y − 2022)/8 ≥ 0.5 ⇔ y ≤ 2026
    assert (found.year, found.tier, found.direction) == (2027, Tier.SIMPLE, "downgrade")


def test_paths_that_leave_a_parameters_range_raise_a_named_error():
    up = ParameterPath("k", "stranglehold", (2022, 2030), (1.0, 3.0), (1.0, 3.0), (1.0, 3.0))
    scenario = Scenario("s", (up,))
    with pytest.raises(PathRangeError, match=r"k\.stranglehold .* 2030"):
        scenario.apply(KOREA, "k", 2030)
    with pytest.raises(PathRangeError, match="increase"):
        ParameterPath("k", "stranglehold", (2030, 2022), (1, 1), (1, 1), (1, 1))
    with pytest.raises(PathRangeError, match="outside its range"):
        ParameterPath("k", "stranglehold", (2022,), (1.5,), (0.5,), (1.0,))
    with pytest.raises(PathRangeError, match="unknown parameter"):
        ParameterPath("k", "strangle", (2022,), (1,), (1,), (1,))
    with pytest.raises(PathRangeError, match="derived"):
        Scenario("s", (up,), {"stranglehold": ("market_loss",)})


# -- counter-strategies -----------------------------------------------------------------------
WEDGE = CounterStrategy("wedge", "Wedge", (Shift("target_offer", "add", 1.0),), 1.0)


def test_cheapest_wedge_matches_the_closed_form():
    # complex iff −0.65 + w ≤ 0.1 (see dynamics); simple iff 0.02 − 0.45 + w ≤ 0.1
    found = cheapest_downgrade(WEDGE, KOREA.replace(market_loss=0.3))
    assert found.intensity == pytest.approx(0.75, abs=1e-7)
    assert found.tier is Tier.INFEASIBLE


def test_rank_puts_strategies_that_cannot_downgrade_last():
    weak = CounterStrategy("weak", "Weak", (Shift("tech_gain", "scale", -1.0),), 1.0)
    ranked = rank([weak, WEDGE], KOREA)
    assert [d.strategy for d in ranked] == ["wedge", "weak"]
    assert ranked[1].cost is None


def test_strategy_shifts_out_of_range_raise_named_errors():
    with pytest.raises(ValueError, match="intensity"):
        WEDGE.apply(KOREA, 2.0)
    double = CounterStrategy("d", "D", (Shift("stranglehold", "scale", 1.0),), 1.0)
    with pytest.raises(ValueError, match="stranglehold"):
        double.apply(KOREA.replace(stranglehold=0.6), 1.0)
    with pytest.raises(ValueError, match="mode"):
        Shift("stranglehold", "times", 1.0)


def test_documented_strategies_and_coalitions_from_the_data_files():
    dyads = calibrated_dyads()
    strategies = data.counter_strategies()
    assert set(strategies) == {
        "digital_partnerships",
        "autonomous_technology",
        "wedge",
        "counter_coalition",
    }
    chip4 = data.coalition("chip4", dyads)
    assert chip4.names == ("Japan", "South Korea", "Taiwan")
    ranked = rank(strategies, data.coalition("ttc", dyads), resolution=40)
    costs = [d.cost for d in ranked if d.cost is not None]
    assert costs == sorted(costs)
    with pytest.raises(ValueError, match="needs the dyads"):
        data.coalition("chip4", {})


@pytest.mark.parametrize("name", ["coalitions.toml", "paths.toml", "counterstrategies.toml"])
def test_every_sourced_number_has_a_rule_sources_and_a_range_that_holds_it(name):
    table = tomllib.loads(files("coalition_games.cases").joinpath("data", name).read_text("utf-8"))
    entries = []
    for section in ("stakes", "parameters"):
        entries += list(table.get(section, {}).values())
    for entry in entries:
        low, high = entry["range"]
        assert low <= entry["value"] <= high
        assert entry["rule"] and entry["sources"]
    for path in table.get("paths", []):
        assert path["rule"] and path["sources"]
    for strategy in table.get("strategies", {}).values():
        assert strategy["rule"] and strategy["sources"]


def test_the_documented_erosion_paths_stay_in_range_on_every_reading():
    scenario = data.erosion_scenario()
    dyads = calibrated_dyads()
    for bound in ("value", "low", "high"):
        for year in range(scenario.years[0], scenario.years[1] + 1):
            for case, dyad in dyads.items():
                scenario.apply(dyad, case, year, bound)


# -- claims C9 and C10 ------------------------------------------------------------------------
CASES = {
    "us_japan": "Japan",
    "us_south_korea": "South Korea",
    "us_taiwan": "Taiwan",
    "us_eu": "European Union",
}


CLAIM = {claim.id: claim for claim in CLAIMS}


def point_claim(key, dyads):
    holds, evidence = CLAIM[key].check(PointWorld(dyads))
    return bool(holds >= 0), evidence()


def _c9_by_dynamics(dyads):
    """C9 read off the dynamics module (an independent route): some Chip 4 dyad is complex,
    every complex one leaves the complex tier at t = 0, and one leaves it on the value path."""
    chip = {c: dyads[c] for c in ("us_japan", "us_south_korea", "us_taiwan")}
    complex_ = [c for c, d in chip.items() if solve(d).tier is Tier.COMPLEX]
    at_zero = all(
        solve(chip[c].replace(stranglehold=0.0)).tier is not Tier.COMPLEX for c in complex_
    )
    departures = trace(data.erosion_scenario(), chip, bounds=("value",)).departures()
    leaves = any(
        d.base is Tier.COMPLEX and d.tier is not None and d.tier < Tier.COMPLEX for d in departures
    )
    return bool(complex_) and at_zero and leaves


@pytest.mark.parametrize(
    "changes",
    [
        {},  # KOREA's threshold t* = 0.05 is far below t = 0.5: erosion does not bite
        {"stranglehold": 0.052},  # just above t*, but China's self-reliance lowers m too
        {"stranglehold": 0.2, "security_dependency": 0.7},  # on the threshold: the first step bites
        {"stranglehold": 0.3, "security_dependency": 0.7},
    ],
)
def test_c9_is_the_threshold_and_the_erosion_paths_together(changes):
    dyads = {c: KOREA.replace(ally=a, **changes) for c, a in CASES.items()}
    holds, evidence = point_claim("C9", dyads)
    assert holds == _c9_by_dynamics(dyads)
    assert "t* = " in evidence and "erosion paths" in evidence


def test_c9_fails_when_a_complex_dyad_needs_no_stranglehold():
    fragile = {
        c: KOREA.replace(ally=a, stranglehold=0.2, security_dependency=0.7)
        for c, a in CASES.items()
    }
    assert point_claim("C9", fragile)[0]
    voluntary = dict(fragile, us_japan=fragile["us_japan"].replace(security_stake=2.0))
    holds, evidence = point_claim("C9", voluntary)
    assert not holds and "Japan: stays complex even at t = 0" in evidence


def test_c10_holds_iff_chip4_is_complex_and_the_ttc_simple():
    dyads = {c: KOREA.replace(ally=a) for c, a in CASES.items()}
    assert not point_claim("C10", dyads)[0]  # the TTC is complex too
    loose = dict(dyads, us_eu=KOREA.replace(ally="European Union", stranglehold=0.0))
    holds, evidence = point_claim("C10", loose)
    assert holds and "TTC: simple" in evidence


@pytest.mark.parametrize("key", ["C9", "C10"])
def test_claims_over_draws_agree_with_the_point_verdict(key):
    """Draws that all repeat the point values give the point verdict in every draw."""
    dyads = calibrated_dyads()
    samples = {c: {k: np.full(5, v) for k, v in d.parameters().items()} for c, d in dyads.items()}
    holds, _ = CLAIM[key].check(DrawWorld(dyads, samples))
    assert np.shape(holds) == (5,)
    assert all(bool(h >= 0) == point_claim(key, dyads)[0] for h in holds)


def test_calibrated_coalitions_are_solved_from_their_dyads_not_looked_up():
    dyads = calibrated_dyads()
    chip4 = data.coalition("chip4", dyads)
    lowered = {
        n: m.dyad.replace(stranglehold=0.0, enforcement_value=0.0)
        for n, m in zip(chip4.names, chip4.members, strict=True)
    }
    before = solve_coalition(chip4).tier
    after = solve_coalition(chip4.replace_members(lowered)).tier
    assert after <= before
    assert not math.isnan(chip4.pool)
