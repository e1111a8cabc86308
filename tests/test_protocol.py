"""The one result protocol on every result type: explain, to_dict (strict JSON), _repr_html_,
and to_frame where the result is a table, with the documented columns."""

import dataclasses
import importlib
import inspect
import json
import pkgutil
import re
import sys

import numpy as np
import pytest

import coalition_games
from coalition_games import (
    Coalition,
    CoalitionMember,
    Dyad,
    Tier,
    audit,
    cases,
    reproduce,
    solve,
    solve_coalition,
    sweep,
)
from coalition_games.coalitions.accession import accession
from coalition_games.coalitions.cooperative import core, shapley_values
from coalition_games.coalitions.counterstrategies import (
    CounterStrategy,
    Shift,
    cheapest_halving,
    rank,
)
from coalition_games.coalitions.dynamics import (
    ParameterPath,
    Scenario,
    depth_trace,
    erosion_threshold,
    trace,
)
from coalition_games.coalitions.game import coalition_depth
from coalition_games.games.strategic import analyse
from coalition_games.games.threats import threat_game
from coalition_games.results import Result, Table

pd = pytest.importorskip("pandas", reason="pandas is the optional 'tables' extra")

KOREA = Dyad(
    leader="USA",
    ally="South Korea",
    security_dependency=0.9,
    stranglehold=0.5,
    market_loss=0.6,
    side_payment_budget=0.1,
    target_offer=0.05,
)
JAPAN = Dyad(leader="USA", ally="Japan", security_dependency=0.98, market_loss=0.23)


@pytest.fixture(scope="module")
def results():
    """One instance of every result type, by type name."""
    solution = solve(KOREA)
    chip = Coalition(
        "Chip 2", (CoalitionMember(JAPAN, 95.0), CoalitionMember(KOREA, 130.0)), leader_supply=96.0
    )
    coalition = solve_coalition(chip)
    fade = ParameterPath("kr", "stranglehold", (2022, 2030), (1.0, 0.0), (1.0, 0.0), (1.0, 0.0))
    scenario = Scenario("fade", (fade,), {"enforcement_value": ("stranglehold",)}, (2022, 2030))
    path = trace(scenario, {"kr": KOREA}, [chip], bounds=("value", "low"))
    wedge = CounterStrategy("wedge", "Wedge", (Shift("target_offer", "add", 1.0),), 1.0)
    ranking = rank([wedge], KOREA, resolution=40)
    run = reproduce(draws=200, audit_draws=0, seed=1)
    found = [
        solution,
        solution.tiers[Tier.COMPLEX],
        KOREA,
        cases.read("us_south_korea"),
        sweep(
            case="us_south_korea", stranglehold=np.linspace(0, 1, 3)[:, None], ally_power=[0.2, 0.8]
        ),
        run,
        run.claims[0],
        run.monte_carlo,
        coalition,
        coalition.stable[0],
        accession(chip),
        shapley_values(chip),
        core(chip),
        path,
        path.departures()[0],
        erosion_threshold(KOREA),
        ranking,
        ranking[0],
        analyse(KOREA),
        threat_game(KOREA),
        audit(unknowns=["tech_gain"], draws=50, search=False),
        cases.observed(),
        solve(KOREA.replace(depth=True)).depth,
        coalition_depth(chip),
        depth_trace(scenario, {"kr": KOREA}, [chip]),
        cheapest_halving(wedge, KOREA, resolution=40),
    ]
    return {type(r).__name__: r for r in found}


def _result_types():
    """Every result class the package exports (a subclass of results.Result)."""
    found = set()
    for info in pkgutil.walk_packages(coalition_games.__path__, "coalition_games."):
        if any(part.startswith("_") for part in info.name.split(".")):
            continue  # __main__ would run the command line
        module = importlib.import_module(info.name)
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name)
            if inspect.isclass(obj) and issubclass(obj, Result) and obj not in (Result, Table):
                found.add(obj)
    return found


def test_every_result_type_is_covered_here(results):
    assert {t.__name__ for t in _result_types()} == set(results)
    expected = {
        "Solution", "TierOutcome", "SweepResult", "CoalitionSolution", "StableCoalition",
        "Reproduction", "ClaimResult", "MonteCarlo", "StrategicAnalysis", "ThreatGame", "Case",
        "Dyad", "Accession", "Trace", "Departure", "Ranking", "Downgrade", "ShapleyValues", "Core",
        "Threshold", "Audit", "DepthOutcome", "CoalitionDepth", "DepthTrace", "Halving",
    }  # fmt: skip
    assert expected <= set(results)


def test_results_are_frozen_dataclasses(results):
    for name, result in results.items():
        assert dataclasses.is_dataclass(result), name
        assert type(result).__dataclass_params__.frozen, f"{name} is not frozen"


def test_explain_is_words_and_str_is_explain(results):
    for name, result in results.items():
        text = result.explain()
        assert isinstance(text, str) and len(text) > 10, name
        assert str(result) == text, name


def test_to_dict_is_strict_json(results):
    for name, result in results.items():
        data = result.to_dict()
        assert isinstance(data, dict), name
        json.dumps(data, allow_nan=False)  # raises on NaN, ±inf or non-JSON values


def test_html_is_labelled_left_aligned_and_rounded(results):
    for name, result in results.items():
        html = result._repr_html_()
        assert html.startswith("<table>"), name
        assert "<th" in html and "text-align:left" in html, name
        assert "text-align:right" not in html, name
        assert not re.search(r"\d\.\d{8,}", html), f"{name}: an unrounded number in the HTML"


#: Each table's documented columns (to_frame()'s default table, then the other tables).
COLUMNS = {
    "SweepResult": [
        "stranglehold", "ally_power", "enforcement_value", "tier", "side_payment",
        "leader_payoff", "ally_payoff", "threat_credible", "threat_used", "coerced",
        "compensated", "conflict",
    ],
    "Reproduction": ["id", "model", "claim", "verdict", "margin", "share", "section", "evidence"],
    "MonteCarlo": ["case", "infeasible", "simple", "complex", "mean_tier"],
    "Case": ["case", "parameter", "value", "low", "high", "evidence", "common", "derived", "rule",
             "sources"],
    "CoalitionSolution": [
        "ally", "stake", "tier", "sustainable", "payment", "interval_low", "interval_high",
        "margin", "binding", "voluntary_margin",
    ],
    "Accession": [
        "step", "ally", "before", "reservation", "payment", "payment_bn", "strict", "alone",
    ],
    "ShapleyValues": ["player", "role", "shapley", "share"],
    "Audit": ["id", "claim", "share", "ci95_low", "ci95_high", "holds for tech_gain"],
    "Trace": ["unit", "bound", "base", "year", "tier", "direction"],
    "CoalitionDepth": ["ally", "stake", "depth", "complex", "binding"],
    "DepthTrace": ["unit", "year", "depth"],
    "Ranking": ["rank", "strategy", "target", "base", "tier", "cost", "intensity", "wedge_bn"],
    "StrategicAnalysis": [
        "equilibrium", "leader", "ally", "leader_payoff", "ally_payoff", "pure", "regret",
        "subgame_perfect", "non_credible", "spe",
    ],
    "ThreatGame": [
        "equilibrium", "leader", "ally", "leader_payoff", "ally_payoff", "pure", "regret",
        "subgame_perfect", "non_credible",
    ],
    "ObservedDecisions": [
        "dyad", "ally", "period", "demanded_tier", "outcome", "compliance", "alternatives",
        "coverage", "coverage_low", "coverage_high", "sources",
    ],
}  # fmt: skip
OTHER_TABLES = {
    ("Reproduction", "dyads"): ["case", "dyad", "tier", "mechanism", "conflict", "P(complex)"],
    ("Reproduction", "calibration"): ["case", "parameter", "value", "low", "high", "rule"],
    ("MonteCarlo", "sensitivity"): ["case", "rank", "parameter", "index", "low", "high"],
    ("MonteCarlo", "shares"): ["evaluation", "share"],
    ("Trace", "tiers"): ["unit", "bound", "year", "tier"],
}


def test_tables_have_to_frame_with_the_documented_columns(results):
    tables = {name for name, r in results.items() if isinstance(r, Table)}
    assert tables == set(COLUMNS)
    for name, columns in COLUMNS.items():
        table = results[name].to_frame()
        assert isinstance(table, pd.DataFrame), name
        if name == "Case":  # the evidence status column is the case files' to add
            assert list(table.columns[: len(columns)]) == columns, name
        else:
            assert list(table.columns) == columns, name
        assert len(table) > 0, name
    for (name, which), columns in OTHER_TABLES.items():
        table = results[name].to_frame(which)
        assert set(columns) <= set(table.columns), (name, which)


def test_results_that_are_not_tables_have_no_to_frame(results):
    for name, result in results.items():
        if not isinstance(result, Table):
            assert not hasattr(result, "to_frame"), name


def test_tier_columns_are_ordered_categoricals(results):
    tier = results["SweepResult"].to_frame()["tier"]
    assert isinstance(tier.dtype, pd.CategoricalDtype) and tier.dtype.ordered
    assert list(tier.cat.categories) == ["infeasible", "simple", "complex"]
    assert (tier.min(), tier.max()) == ("simple", "complex")
    members = results["CoalitionSolution"].to_frame()["tier"]
    assert isinstance(members.dtype, pd.CategoricalDtype)


def test_frames_keep_full_precision(results):
    path = results["Accession"]
    table = path.to_frame().set_index("ally")
    for step in path.steps:
        assert table.loc[step.ally, "reservation"] == step.reservation  # not rounded
    phi = results["ShapleyValues"]
    assert phi.to_frame()["shapley"].tolist() == list(phi.values())


def test_sweep_frame_is_tidy(results):
    grid = results["SweepResult"]
    table = grid.to_frame()
    assert len(table) == grid.tier.size == 6
    point = table.iloc[5]  # C order: stranglehold 1.0, ally_power 0.8
    assert (point["stranglehold"], point["ally_power"]) == (1.0, 0.8)
    assert point["side_payment"] == grid.side_payment[2, 1]


def test_claims_frame_shares_and_verdicts(results):
    run = results["Reproduction"]
    table = run.to_frame()
    for model, claims in table.groupby("model", sort=False):  # both models, side by side
        assert claims["id"].tolist() == [c.id for c in run.runs[model].claims]
    assert set(table["model"]) == set(run.runs)
    assert set(table["verdict"]) <= {"PASS", "FAIL"}
    assert ((table["margin"] >= 0) == (table["verdict"] == "PASS")).all()
    assert table["share"].between(0, 1).all()
    no_draws = reproduce(draws=0, audit_draws=0).to_frame()
    assert no_draws["share"].isna().all()


def test_shapley_values_and_ranking_still_read_like_a_dict_and_a_list(results):
    phi = results["ShapleyValues"]
    assert set(phi) == {"USA", "Japan", "South Korea"} and phi["USA"] == phi.phi["USA"]
    assert sum(phi.values()) == pytest.approx(phi.grand)
    ranking = results["Ranking"]
    assert len(ranking) == 1 and [d.strategy for d in ranking] == ["wedge"]


def test_to_frame_without_pandas_names_the_extra(results, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now raises ImportError
    with pytest.raises(ImportError, match=r"tables.*coalition_games\[tables\]"):
        results["Case"].to_frame()


def test_top_level_functions_return_exported_types(results):
    for name in ("Solution", "SweepResult", "Reproduction", "ClaimResult", "MonteCarlo", "Case"):
        assert getattr(coalition_games, name) is type(results[name])
    assert coalition_games.CoalitionSolution is type(results["CoalitionSolution"])
    assert coalition_games.StableCoalition is type(results["StableCoalition"])
