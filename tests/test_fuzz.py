"""Reliability: hostile inputs, ties at the tolerance, huge magnitudes, every public entry point.

Each defect of issue #14 is pinned by a test named for the behaviour it now has; the hypothesis
properties probe every boundary of the model §2 at δ ∈ {0, ±1e-10, ±1e-9, ±1e-8} and the magnitude
limit ``parameters.MAGNITUDE``. The whole module runs in well under a minute (``max_examples``
is set per property; no deadline, see ``conftest.py``).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import math
import re
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from coalition_games import (
    Dyad,
    Mechanism,
    Tier,
    cases,
    formulas,
    reproduce,
    solve,
    sweep,
    symbolic,
)
from coalition_games.cli import main
from coalition_games.coalitions import Coalition, CoalitionError, CoalitionMember, solve_coalition
from coalition_games.formulas import SCALAR, TOL
from coalition_games.games.gambit import to_efg, to_nfg
from coalition_games.games.strategic import StrategicForm, analyse, strategic_form
from coalition_games.games.threats import threat_game
from coalition_games.games.tree import Decision, GameTree, Terminal, tier_tree
from coalition_games.parameters import MAGNITUDE, PARAMETERS, check_integer, check_real
from coalition_games.reproduction import Reproduction
from coalition_games.reproduction.report import MANIFEST
from tests.strategies import dyads, random_dyads

# --- magnitudes -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "values",
    [
        {"coercion_cost_base": 1e308, "coercion_cost_slope": 1e308},
        {"security_stake": 1e308, "leader_value_complex": 1e308},
        {"market_loss": 1e308, "autonomy_cost": 1e308, "tech_gain": 1e308},
        {"market_loss": 10**400},
        {"side_payment_budget": MAGNITUDE * (1 + 1e-15)},
    ],
)
def test_magnitudes_beyond_the_limit_are_refused_naming_the_parameter(values):
    name = next(iter(values))
    with pytest.raises(ValueError, match=rf"^{name} = .* allowed: [(\[]0, 1e\+06\]$"):
        Dyad(**values)


def test_magnitude_limit_itself_is_allowed_and_the_cap_may_be_infinite():
    Dyad(market_loss=MAGNITUDE, security_stake=MAGNITUDE, linkage_cap=float("inf"))
    with pytest.raises(ValueError, match=r"allowed: \[0, 1e\+06\] or \+inf"):
        Dyad(linkage_cap=2e6)


def test_huge_integers_are_reported_without_all_their_digits():
    with pytest.raises(ValueError) as error:
        check_real("x", 10**400)
    assert len(str(error.value)) < 100 and "401 characters" in str(error.value)


@pytest.mark.parametrize(
    ("value", "error"),
    [(True, TypeError), (1.0, TypeError), ("3", TypeError), (-1, ValueError), (11, ValueError)],
)
def test_integer_inputs_are_checked(value, error):
    with pytest.raises(error, match=r"^n "):
        check_integer("n", value, 0, 10)


def test_numpy_integers_are_integers():
    np = pytest.importorskip("numpy")
    assert check_integer("n", np.int64(3), 0, 10) == 3


# --- one tolerance policy: every route decides every boundary alike ----------------------------

DELTAS = (0.0, 1e-10, -1e-10, 1e-9, -1e-9, 1e-8, -1e-8)


def on_boundaries(dyad: Dyad, delta: float) -> list[tuple[str, Dyad]]:
    """``dyad`` moved onto each boundary of the model §2 (and §6's cap), then by ``delta``: the
    threat's credibility, each tier's budget, surplus and zero-price constraints."""
    ev = formulas.evaluate(dyad, SCALAR)
    changes = {
        "credibility": {"enforcement_value": dyad.coercion_cost + delta},
        "cap": {"linkage_cap": dyad.security_dependency * dyad.security_stake + delta},
    }
    loss = dyad.security_dependency * dyad.security_stake
    for k, terms, value in (
        (1, ev.simple, "leader_value_simple"),
        (2, ev.complex, "leader_value_complex"),
    ):
        threatened = k == 2 and ev.credible
        disagreement = dyad.sanction_gain if threatened else 0.0
        cost, _ = formulas.cost_and_value(dyad, k)
        threat = dyad.stranglehold if threatened else 0.0
        changes[f"budget {k}"] = {"side_payment_budget": terms.lower + delta}
        changes[f"surplus {k}"] = {value: terms.lower + disagreement + delta}
        changes[f"zero price {k}"] = {"target_offer": loss + threat - cost + delta}
    moved = []
    for name, change in changes.items():
        try:
            moved.append((name, dyad.replace(**change)))
        except ValueError:  # the boundary lies outside a parameter's range for this dyad
            pass
    return moved


def answers(dyad: Dyad) -> dict[str, tuple]:
    """Each route's classification and flags."""

    def flags(sol):
        coerced = Mechanism.COERCED in sol.mechanism
        return (sol.tier, sol.threat_credible, sol.threat_used, coerced, sol.conflict)

    found = {method: flags(solve(dyad, method)) for method in ("nash", "spe", "rubinstein")}
    grid = sweep(**dyad.parameters())
    found["sweep"] = (
        Tier.from_code(int(grid.tier)),
        *(
            bool(getattr(grid, f))
            for f in ("threat_credible", "threat_used", "coerced", "conflict")
        ),
    )
    return found


@settings(max_examples=60)
@given(dyad=dyads(capped=True), delta=st.sampled_from(DELTAS))
def test_every_route_decides_every_boundary_alike(dyad, delta):
    for name, moved in on_boundaries(dyad, delta):
        found = answers(moved)
        assert len(set(found.values())) == 1, (name, moved, found)


def test_every_route_decides_boundaries_of_random_dyads_alike():
    for dyad in random_dyads(seed=14, n=25) + random_dyads(seed=15, n=25, capped=True):
        for delta in DELTAS:
            for name, moved in on_boundaries(dyad, delta):
                found = answers(moved)
                assert len(set(found.values())) == 1, (name, moved, found)


def test_spe_agrees_with_nash_at_a_target_offer_of_the_tolerance():
    # Issue #14: nash complex, spe simple (the SPE compared v − p with 0, Nash min(B, hi) with p).
    dyad = Dyad(
        security_dependency=0,
        market_loss=1,
        tech_gain=0,
        autonomy_cost=0,
        side_payment_budget=1,
        leader_value_complex=1,
        target_offer=1e-9,
    )
    assert {answers(dyad)[m][0] for m in ("nash", "spe", "rubinstein", "sweep")} == {Tier.COMPLEX}
    # Issue #26: the price 1 + 1e-9 is within the budget B = 1 only by the tolerance; the hard
    # bound wins, as in the Nash solution at α = 0: the SPE pays B.
    assert solve(dyad, "spe").side_payment == solve(dyad.replace(ally_power=0.0)).side_payment == 1


def test_offers_that_differ_by_more_than_the_tolerance_get_distinct_labels():
    # Issue #14: ('offer 0.05', 'offer 0.05', 'no demand'), colliding in tree, profile and .efg.
    dyad = Dyad(stranglehold=1e-8, enforcement_value=0.4)
    tree = tier_tree(dyad, "complex")
    assert tree.root.actions == ("offer 0.04999999", "offer 0.05", "no demand")
    profile = solve(dyad, "spe").details["strategy_profile"]
    assert len(profile) == len(list(tree.decisions()))
    nodes = [line.split('"')[3] for line in to_efg(tree).splitlines() if line.startswith("p ")]
    assert len(nodes) == len(set(nodes)) == 6
    assert '{ "offer 0.04999999" "offer 0.05" "no demand" }' in to_efg(tree)


@pytest.mark.parametrize("delta", [0.0, 1e-10, 5e-10, 1e-9])
def test_offers_that_coincide_within_the_tolerance_are_one_offer_at_the_nash_price(delta):
    for credible in (True, False):
        dyad = Dyad(stranglehold=delta, enforcement_value=0.6 if credible else 0.1)
        tree = tier_tree(dyad, "complex")
        assert len(tree.root.actions) == 2  # one offer and "no demand"
        nash_at_zero = solve(dyad.replace(ally_power=0.0)).side_payment
        assert solve(dyad, "spe").side_payment == pytest.approx(nash_at_zero, abs=1e-15)


# --- the strategic form never raises on a valid dyad ---------------------------------------


def assert_analysable(dyad: Dyad) -> None:
    """Both tiers' analyses succeed: the SPE is among the equilibria, none listed twice."""
    for tier in (Tier.SIMPLE, Tier.COMPLEX):
        result = analyse(dyad, tier)  # AssertionError if the SPE were missing
        assert result.equilibria[result.spe_index].subgame_perfect
        assert "exact vertex enumeration" in result.searched
        vectors = [np.concatenate([e.leader, e.ally]) for e in result.equilibria]
        for i, a in enumerate(vectors):
            assert (a >= 0).all()
            assert not any(np.abs(a - b).max() <= TOL for b in vectors[:i])


@pytest.mark.parametrize(
    "dyad",
    [
        # Issue #14: ArithmeticError, "vertex enumeration returned a non-equilibrium" (1.00045e-9).
        Dyad(
            security_dependency=0.5,
            stranglehold=0.5,
            market_loss=0.3,
            side_payment_budget=0.1,
            enforcement_value=0.29999999,
        ),
        # Issue #14: AssertionError, "the backward-induction SPE is missing" (surplus −1e-9).
        Dyad(security_dependency=0, simple_cost=0.05, leader_value_simple=0.05 - 1e-9),
        Dyad(security_dependency=0, simple_cost=0.05, leader_value_simple=0.05 - 6e-10),
    ],
)
def test_strategic_analysis_of_the_reported_dyads(dyad):
    assert_analysable(dyad)


@settings(max_examples=25)
@given(dyad=dyads(capped=True), delta=st.sampled_from(DELTAS))
def test_strategic_analysis_never_raises_on_or_near_a_boundary(dyad, delta):
    for _, moved in on_boundaries(dyad, delta):
        assert_analysable(moved)


def test_two_decimal_dyads_have_no_duplicate_extreme_equilibria():
    # Issue #14: 17 returned, 12 distinct, on 7 of 3,000 random two-decimal dyads.
    for dyad in random_dyads(seed=16, n=60):
        assert_analysable(
            dyad.replace(**{k: round(v, 2) for k, v in dyad.parameters().items() if v < 10})
        )


# --- strict JSON ------------------------------------------------------------------------------


@settings(max_examples=40)
@given(dyad=dyads(capped=True), method=st.sampled_from(["nash", "spe", "rubinstein"]))
def test_every_solution_is_strict_json(dyad, method):
    data = solve(dyad, method).to_dict()
    assert json.loads(json.dumps(data, allow_nan=False)) == data
    assert Dyad.from_dict(data) == dyad


def test_spe_solution_is_strict_json_with_its_profile_and_path():
    # Issue #14: solve(d, "spe").to_dict() held GameTree objects; solve --method spe --json failed.
    data = solve(Dyad(), "spe").to_dict()
    assert set(data["details"]) == {"tie_breaking", "strategy_profile", "path"}
    done = subprocess.run(
        [sys.executable, "-m", "coalition_games", "solve", "--method", "spe", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["method"] == "spe"


# --- outputs that survive interruption --------------------------------------------------------


@pytest.fixture(scope="module")
def reproduction():
    return reproduce(draws=0, audit_draws=2000)


@pytest.fixture
def quick_figures(monkeypatch):
    """Figures replaced by two small files (drawing the real ones takes many seconds)."""

    def figures(self, folder, progress):
        stems = ["phase_diagram"] + (["tornado"] if self.monte_carlo else [])
        for stem in stems:
            (folder / f"{stem}.svg").write_text(f"<svg>{self.seed}</svg>", encoding="utf-8")
        return [str(folder / f"{stem}.svg") for stem in stems]

    monkeypatch.setattr(Reproduction, "_figures", figures)


def snapshot(folder):
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_a_written_reproduction_has_a_manifest_of_its_run(tmp_path, reproduction, quick_figures):
    written = reproduction.write(tmp_path / "out")
    manifest = json.loads((tmp_path / "out" / MANIFEST).read_text(encoding="utf-8"))
    assert (manifest["seed"], manifest["draws"], manifest["cases"][0]) == (20240, 0, "us_japan")
    relative = [str(Path(p).relative_to(tmp_path / "out")) for p in written if MANIFEST not in p]
    assert sorted(manifest["files"]) == sorted(relative)
    assert {"audit-baseline/audit.json", "audit-linkage/co_holding.csv"} <= set(relative)
    for name, entry in manifest["files"].items():
        data = (tmp_path / "out" / name).read_bytes()
        assert entry == {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no temporary folder left


def test_a_new_run_replaces_the_old_output_whole(tmp_path, quick_figures):
    out = tmp_path / "out"
    reproduce(draws=200, audit_draws=500, seed=1, out=out)
    assert (out / "tornado.svg").exists()
    assert (out / "audit-linkage" / "audit.json").exists()
    reproduce(draws=0, audit_draws=0, seed=2, model="baseline", out=out)
    assert not (out / "audit-linkage").exists()
    # Issue #14: a --draws 0 rerun left the old tornado.* beside a claims.json without Monte Carlo.
    assert not (out / "tornado.svg").exists()
    assert json.loads((out / MANIFEST).read_text())["seed"] == 2
    data = json.loads((out / "claims.json").read_text())
    assert all(run["monte_carlo"] is None for run in data["models"].values())


def test_an_interrupted_write_leaves_the_previous_output_intact(
    tmp_path, reproduction, quick_figures, monkeypatch
):
    out = tmp_path / "out"
    reproduction.write(out)
    before = snapshot(out)

    def interrupted(self, folder, progress):
        (folder / "phase_diagram.svg").write_text("<svg>trunc", encoding="utf-8")
        raise KeyboardInterrupt

    monkeypatch.setattr(Reproduction, "_figures", interrupted)
    with pytest.raises(KeyboardInterrupt):
        reproduction.write(out)
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


@pytest.mark.parametrize(
    ("make", "error", "words"),
    [
        (lambda tmp: "", ValueError, r"out = '' is not a folder"),
        (lambda tmp: tmp / "file.txt", ValueError, "is a file, not a folder"),
        (
            lambda tmp: tmp / "mine",
            ValueError,
            r"holds files that are not a previous reproduce output \(a\.txt\)",
        ),
        (lambda tmp: Path.cwd(), ValueError, "the current folder or one of its parents"),
        (lambda tmp: tmp / "file.txt" / "out", OSError, "is a file"),
        (lambda tmp: 42, TypeError, "out must be a folder path"),
    ],
)
def test_a_bad_output_folder_is_refused_before_any_work(tmp_path, monkeypatch, make, error, words):
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "a.txt").write_text("keep", encoding="utf-8")
    monkeypatch.setattr("coalition_games.reproduction.report.PointWorld", None)  # no work done
    with pytest.raises(error, match=words):
        reproduce(draws=0, out=make(tmp_path))
    assert (tmp_path / "mine" / "a.txt").read_text(encoding="utf-8") == "keep"


def test_sigint_ends_with_one_line_and_exit_130_leaving_the_output(
    tmp_path, reproduction, quick_figures
):
    out = tmp_path / "out"
    reproduction.write(out)
    before = snapshot(out)
    run = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "coalition_games",
            "reproduce",
            "--out",
            str(out),
            "--draws",
            "1000000",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    lines = []
    for line in run.stderr:  # interrupt once the Monte Carlo is under way
        lines.append(line)
        if "Monte Carlo" in line:
            run.send_signal(signal.SIGINT)
            break
    lines += run.stderr.readlines()
    assert run.wait(timeout=120) == 130
    assert "Traceback" not in "".join(lines)
    assert (
        lines[-1]
        == "coalition-games: interrupted; nothing was written (a previous output is unchanged)\n"
    )
    assert snapshot(out) == before


# --- every public argument checked --------------------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "error", "words"),
    [
        ({"draws": None}, TypeError, "draws must be an integer, got None"),
        ({"draws": 0, "seed": "abc"}, TypeError, "seed must be an integer, got 'abc'"),
        ({"draws": 0, "seed": -5}, ValueError, r"seed = -5 is out of range; allowed: >= 0"),
        ({"draws": 0, "seed": True}, TypeError, "seed must be an integer, got True"),
        ({"draws": 2.0}, TypeError, "draws must be an integer, got 2.0"),
        (
            {"draws": 10**12},
            ValueError,
            r"draws = 1000000000000 is out of range; allowed: 0 to 1,000,000",
        ),
        ({"draws": 0, "distribution": "bogus"}, ValueError, "distribution = 'bogus' is not known"),
        ({"cases": "us_japan", "draws": 0}, TypeError, r"for one case write \['us_japan'\]"),
        (
            {"cases": ["us_japan", "us_japan"], "draws": 0},
            ValueError,
            "'us_japan' given more than once",
        ),
        ({"claims": "C1", "draws": 0}, TypeError, "claims must be"),
        ({"draws": 0, "progress": "loud"}, TypeError, "progress must be a callable"),
    ],
)
def test_reproduce_checks_every_argument(arguments, error, words):
    with pytest.raises(error, match=words):
        reproduce(**arguments)


def test_numpy_integers_are_accepted_for_draws_and_seed():
    result = reproduce(draws=np.int64(100), audit_draws=np.int64(0), seed=np.uint32(7))
    assert (result.monte_carlo.draws, result.monte_carlo.seed) == (100, 7)


def test_cli_refuses_too_many_draws_before_any_work(tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "coalition_games",
            "reproduce",
            "--draws",
            "1000000000000",
            "--out",
            str(tmp_path / "o"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2 and "allowed: 0 to 1,000,000" in done.stderr
    assert "Reproducing" not in done.stdout and not (tmp_path / "o").exists()
    done = subprocess.run(
        [sys.executable, "-m", "coalition_games", "reproduce", "--draws", "0", "--out", ""],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2 and "out = '' is not a folder" in done.stderr


# --- huge and tiny magnitudes through every entry point ----------------------------------------

#: Values that stress the arithmetic: zero, subnormal, below and at the tolerance, ordinary, the
#: magnitude limit itself.
EXTREMES = (0.0, 5e-324, 1e-300, 1e-10, 1e-9, 0.3, 1.0, 1e3, MAGNITUDE - 1, MAGNITUDE)


def extreme_dyads():
    fields = {}
    for spec in PARAMETERS:
        if spec.infinite:
            values = [float("inf"), 0.0, 1e-9, 1.0, MAGNITUDE]
        elif spec.upper == 1:
            values = [0.0, 1e-9, 0.5, 1 - 1e-9, 1.0]
        else:
            values = [v for v in EXTREMES if not (spec.lower_open and v == 0)]
        fields[spec.name] = st.sampled_from(values)
    return st.builds(Dyad, **fields)


def assert_finite(*values):
    for value in values:
        if value is not None:
            assert math.isfinite(value), values


@settings(max_examples=120)
@given(dyad=extreme_dyads())
def test_extreme_magnitudes_give_finite_answers_that_agree(dyad):
    found = answers(dyad)
    assert len(set(found.values())) == 1, found
    for method in ("nash", "spe", "rubinstein"):
        sol = solve(dyad, method)
        assert_finite(sol.side_payment, sol.leader_payoff, sol.ally_payoff, sol.security_loss)
        for out in sol.tiers.values():
            assert_finite(out.lo, out.hi, *out.interval, out.payment, out.voluntary_margin)
            assert_finite(*out.margins.values())
        json.dumps(sol.to_dict(), allow_nan=False)
        if sol.tier is not Tier.INFEASIBLE:
            assert -TOL <= sol.side_payment <= dyad.side_payment_budget + TOL
    grid = sweep(**dyad.parameters())
    assert_finite(float(grid.side_payment), float(grid.leader_payoff), float(grid.ally_payoff))
    game = threat_game(dyad)  # Issue #14: inf payoffs gave zero equilibria, silently
    assert game.equilibria and np.isfinite(game.form.A).all() and np.isfinite(game.form.B).all()
    outside = solve(dyad, "rubinstein", outside_option=True)
    assert_finite(outside.side_payment, outside.leader_payoff, outside.ally_payoff)
    for tier in (Tier.SIMPLE, Tier.COMPLEX):
        tree = tier_tree(dyad, tier)
        to_efg(tree)
        to_nfg(strategic_form(tree))


@settings(max_examples=15)
@given(dyad=extreme_dyads())
def test_extreme_magnitudes_keep_the_strategic_analysis_whole(dyad):
    assert_analysable(dyad)


# --- unhelpful errors made clear ----------------------------------------------------------------


def test_gambit_writers_name_what_is_wrong():
    with pytest.raises(TypeError, match="tree must be a GameTree, got NoneType"):
        to_efg(None)
    with pytest.raises(TypeError, match="form must be a StrategicForm, got NoneType"):
        to_nfg(None)
    broken = GameTree("t", Decision("root", 0, (("a", Terminal("end", (math.nan, 0.0))),)))
    with pytest.raises(ValueError, match="terminal 'end' has payoffs"):
        to_efg(broken)
    with pytest.raises(ValueError, match=r"payoff A\[0, 0\] = inf; payoffs must be finite"):
        StrategicForm("x", ("a",), ("b",), np.array([[np.inf]]), np.array([[0.0]]))
    form = strategic_form(tier_tree(Dyad(), "simple"))
    with pytest.raises(ValueError, match="read-only"):
        form.A[0, 0] = np.nan  # checked once, finite for good


def test_sweep_names_ragged_lists_and_unknown_dask_chunks():
    with pytest.raises(ValueError, match="stranglehold must be a real number or a rectangular"):
        sweep(stranglehold=[[0.1, 0.2], [0.3]])
    da = pytest.importorskip("dask.array")
    x = da.from_array(np.array([0.1, 0.5, 0.9]), chunks=2)
    with pytest.raises(ValueError, match=r"unknown chunk sizes.*compute_chunk_sizes"):
        sweep(stranglehold=x[x > 0.2])


def test_case_files_that_are_not_utf8_or_are_folders_are_named(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b'[case]\nid = "caf\xe9"\n')
    with pytest.raises(ValueError, match=r"bad\.toml' is not UTF-8 text \(byte 16"):
        cases.read(bad)
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    with pytest.raises(ValueError, match="is a folder, not a case file"):
        cases.read(folder)
    with pytest.raises(ValueError, match="is a folder, not a case file"):
        reproduce([folder], claims=(), draws=0, audit_draws=0)


def test_numpy_functions_check_their_arguments():
    s_star = symbolic.numpy_function(symbolic.credibility_threshold())
    ok = {"enforcement_value": 0.2, "coercion_cost_base": 0.05, "coercion_cost_slope": 0.5}
    assert s_star(**ok, security_dependency=0.3) == pytest.approx(0.7)  # unused: accepted
    for change, error, words in [
        ({"bogus": 1.0}, TypeError, "unknown parameter.*'bogus'"),
        ({"enforcement_value": math.nan}, ValueError, "enforcement_value must be finite"),
        ({"enforcement_value": True}, TypeError, "must be a real number, got True"),
        ({"enforcement_value": np.array([True])}, TypeError, "dtype bool"),
        ({"enforcement_value": -1.0}, ValueError, r"enforcement_value = -1\.0 is out of range"),
        ({"enforcement_value": [0.2, 2e6]}, ValueError, r"enforcement_value\[1\] = 2000000\.0"),
        ({"coercion_cost_slope": 0.0}, ValueError, "divides by coercion_cost_slope, which is 0"),
        ({"coercion_cost_slope": [0.5, 0.0]}, ValueError, r"which is 0 at item \(1,\)"),
    ]:
        with pytest.raises(error, match=words):
            s_star(**{**ok, **change})


def test_sign_refuses_what_is_not_an_expression_in_the_parameters():
    with pytest.raises(TypeError, match="expr must be a sympy expression"):
        symbolic.sign("x")
    with pytest.raises(ValueError, match="symbols that are not parameters: x"):
        symbolic.sign(symbolic.SYMBOLS.security_dependency - sympy.Symbol("x"))
    assert symbolic.sign(1 - symbolic.SYMBOLS.security_dependency) == "+"


def test_coalitions_name_bad_members_and_magnitudes():
    with pytest.raises(TypeError, match="members must be a sequence of CoalitionMember"):
        Coalition("c", None, leader_supply=1.0)
    with pytest.raises(ValueError, match=r"stake = 1e\+308 is out of range"):
        CoalitionMember(Dyad(), stake=1e308)
    tiny = CoalitionMember(Dyad(ally="a", side_payment_budget=1.0), stake=1e-3)
    huge = CoalitionMember(Dyad(ally="b", side_payment_budget=1e3), stake=1e6)
    with pytest.raises(CoalitionError, match=r"'a' .* the pooled budget is 1e\+12 of its stakes"):
        Coalition("c", (tiny, huge), leader_supply=1.0)
    small = CoalitionMember(tiny.dyad, stake=1.0)
    fine = Coalition("c", (small, CoalitionMember(huge.dyad, stake=10.0)), leader_supply=1.0)
    solved = solve_coalition(fine)
    assert solved.budget_used <= fine.pool + 1e-9 and math.isfinite(solved.budget_used)


# --- the command line ---------------------------------------------------------------------------

TEXTS = ("0", "-0", "1e-9", "0.5", "1", "1.5", "-1", "1e6", "1e308", "1e-400", "inf", "nan", "abc")


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    """main(argv) in-process: (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(argv)
        except SystemExit as exit_:
            status = int(exit_.code or 0)
    return status, out.getvalue(), err.getvalue()


@settings(max_examples=40)
@given(
    options=st.dictionaries(
        st.sampled_from([spec.name for spec in PARAMETERS]), st.sampled_from(TEXTS), max_size=3
    ),
    method=st.sampled_from(["nash", "spe", "rubinstein"]),
)
def test_cli_solve_answers_strict_json_or_one_clear_error(options, method):
    argv = ["solve", "--method", method, "--json"]
    for name, text in options.items():
        argv += [f"--{name.replace('_', '-')}={text}"]
    status, out, err = run_cli(argv)
    if status == 0:
        assert json.loads(out)["method"] == method
    else:
        assert status == 2 and "Traceback" not in err
        assert err.strip().splitlines()[-1].startswith("coalition-games")
        named = [(name, "--" + name.replace("_", "-")) for name in options]
        assert any(a in err or b in err for a, b in named)  # the message names the argument


@settings(max_examples=40)
@given(
    leader_rate=st.sampled_from(EXTREMES),
    ally_rate=st.sampled_from(EXTREMES),
    period=st.sampled_from(EXTREMES),
    outside=st.booleans(),
)
def test_rubinstein_options_give_a_finite_answer_or_a_clear_error(
    leader_rate, ally_rate, period, outside
):
    dyad = Dyad(security_dependency=0.9, stranglehold=0.5)
    try:
        sol = solve(
            dyad,
            "rubinstein",
            leader_rate=leader_rate,
            ally_rate=ally_rate,
            period=period,
            outside_option=outside,
        )
    except ValueError as error:
        assert any(word in str(error) for word in ("rate", "period", "discount"))
        return
    assert_finite(sol.side_payment, sol.leader_payoff, sol.ally_payoff)
    json.dumps(sol.to_dict(), allow_nan=False)
    if not outside:
        assert sol.tier == solve(dyad).tier


# --- issue #26: every output atomic, every input checked, one tolerance everywhere -------------

ROOT = Path(__file__).resolve().parents[1]


def case_text(name: str = "us_south_korea") -> str:
    return (ROOT / "coalition_games" / "cases" / f"{name}.toml").read_text(encoding="utf-8")


def linkage_cap_as(text: str, value: str, bounds: str) -> str:
    """``text`` with the linkage cap's value and range replaced (the rest as shipped)."""
    head, rest = text.split("[parameters.linkage_cap]\n", 1)
    lines = rest.split("\n")
    lines = [
        f"value = {value}"
        if line.startswith("value =")
        else f"range = {bounds}"
        if line.startswith("range =")
        else line
        for line in lines[:3]
    ] + lines[3:]
    return head + "[parameters.linkage_cap]\n" + "\n".join(lines)


def test_a_range_reaching_infinity_is_refused_and_a_fixed_infinite_cap_is_allowed(tmp_path):
    # Issue #26.1: range = [0.01, inf] loaded; every Monte Carlo draw of X̄ was NaN, silently.
    path = tmp_path / "korea.toml"
    path.write_text(linkage_cap_as(case_text(), "inf", "[0.01, inf]"), encoding="utf-8")
    with pytest.raises(ValueError, match=r"'linkage_cap': range \[0.01, inf\].*reaches \+inf"):
        cases.read(path)
    path.write_text(linkage_cap_as(case_text(), "0.01", "[0.0, inf]"), encoding="utf-8")
    with pytest.raises(ValueError, match=r"'linkage_cap'.*only as a fixed value"):
        cases.read(path)
    path.write_text(linkage_cap_as(case_text(), "inf", "[inf, inf]"), encoding="utf-8")
    case = cases.read(path)
    from coalition_games.uncertainty import monte_carlo

    mc = monte_carlo([case], draws=200, seed=1)
    p = mc.probabilities[case.id]
    assert all(math.isfinite(v) for v in p.values()) and p["infeasible"] < 0.5


@pytest.mark.parametrize(
    ("bounds", "words"),
    [
        (
            "[0.1, " + "9" * 330 + "]",
            r"range must be a finite number, got an integer of 330 digits",
        ),
        ("[0.1, nan]", "range must be a finite number, got nan"),
        ("[0.1, true]", "range must be a finite number, got True of type bool"),
        ('[0.1, "0.9"]', "range must be a finite number, got '0.9' of type str"),
    ],
)
def test_numeric_oddities_in_a_case_file_name_the_parameter(tmp_path, bounds, words):
    # Issue #26.5: a 330-digit integer gave a 29-line OverflowError traceback.
    text = case_text().replace("range = [0.298, 0.909]", f"range = {bounds}", 1)
    path = tmp_path / "odd.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(
        ValueError, match=r"'us_south_korea', parameter 'stranglehold': " + words
    ) as e:
        cases.read(path)
    assert len(str(e.value)) < 300


def test_a_case_file_with_a_utf8_byte_order_mark_loads(tmp_path):
    # Issue #26.12: "Invalid statement (line 1, column 1)".
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + case_text().encode("utf-8"))
    assert cases.read(path).dyad == cases.load("us_south_korea")


# outputs: one writer, one refusal policy, atomic under signals and concurrent runs

#: Run the command line, pausing once its files are staged (when the writer first reads one back
#: to hash it) so that a signal arrives during the write; the slow parts are made quick.
PAUSED = """
import functools, pathlib, sys, time
read = pathlib.Path.read_bytes
def paused(self):
    if ".partial" in str(self):
        print("staged", file=sys.stderr, flush=True)
        time.sleep(60)
    return read(self)
pathlib.Path.read_bytes = paused
from coalition_games.reproduction import estimation, figures
estimation.estimate = functools.partial(
    estimation.estimate, grid=2, random_starts=0, claims=False
)
figures.write_all = lambda makers, out, progress: []
from coalition_games.cli import main
sys.exit(main(sys.argv[1:]))
"""

QUICK_COMMANDS = {
    "sweep": [
        *("sweep", "--case", "us_japan", "--x", "leader_scale", "0.5", "2", "3"),
        *("--y", "stranglehold", "0", "1", "3"),
    ],
    "audit": ["audit", "--draws", "300", "--search-iterations", "0"],
    "estimate": ["estimate"],
    "reproduce": ["reproduce", "--draws", "0", "--audit-draws", "300", "--model", "baseline"],
}


def quick(monkeypatch):
    """In this process, the same quick settings as :data:`PAUSED`."""
    import functools

    from coalition_games.reproduction import estimation, figures

    monkeypatch.setattr(
        estimation,
        "estimate",
        functools.partial(estimation.estimate, grid=2, random_starts=0, claims=False),
    )
    monkeypatch.setattr(figures, "write_all", lambda makers, out, progress: [])


def default_signals():
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)


@pytest.mark.parametrize(
    ("command", "signum"),
    [
        ("sweep", signal.SIGTERM),
        ("audit", signal.SIGHUP),
        ("estimate", signal.SIGINT),
        ("reproduce", signal.SIGTERM),
        ("reproduce", signal.SIGHUP),
    ],
)
def test_a_signal_during_the_write_leaves_the_previous_output_byte_identical(
    tmp_path, monkeypatch, command, signum
):
    # Issue #26.2-3: sweep, audit and estimate wrote in place (a cut sweep.csv, new JSON beside
    # old figures); SIGTERM/SIGHUP left reproduce's .partial staging folder behind.
    quick(monkeypatch)
    out = tmp_path / "out"
    argv = [*QUICK_COMMANDS[command], "--out", str(out)]
    status, _, err = run_cli(argv)
    assert status == 0, err
    before = snapshot(out)
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["command"] == command
    run = subprocess.Popen(
        [sys.executable, "-c", PAUSED, *argv],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=default_signals,
    )
    for line in run.stderr:
        if line == "staged\n":
            run.send_signal(signum)
            break
    rest = run.stderr.read()
    assert run.wait(timeout=120) == 128 + signum, rest
    assert "Traceback" not in rest
    assert rest.splitlines()[-1] == (
        "coalition-games: interrupted; nothing was written (a previous output is unchanged)"
    )
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no staging folder, no lock


SWAPPER = """
import sys
from coalition_games.outputs import write_output
out, me = sys.argv[1], sys.argv[2]
def write(folder):
    for k in range(3):
        (folder / f"f{k}.txt").write_text(me * 100, encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / "g.txt").write_text(me, encoding="utf-8")
    return [f"f{k}.txt" for k in range(3)] + ["sub/g.txt"]
for _ in range(40):
    write_output(out, "swap", write, {"writer": me})
"""


def test_concurrent_writers_swap_one_after_the_other(tmp_path):
    # Issue #26.11: 42 exceptions in 1,200 swaps by three processes, 20 .old folders left.
    out = tmp_path / "out"
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", SWAPPER, str(out), me],
            cwd=ROOT,
            stderr=subprocess.PIPE,
            text=True,
        )
        for me in "abc"
    ]
    errors = [run.communicate(timeout=300)[1] for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], errors
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    me = manifest["writer"]
    assert manifest["command"] == "swap" and me in "abc"
    for name, entry in manifest["files"].items():
        data = (out / name).read_bytes()
        assert data.decode() in (me * 100, me)  # one run's output, never a mix
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_an_error_during_the_write_leaves_the_previous_output(tmp_path):
    from coalition_games.outputs import write_output

    out = tmp_path / "out"
    write_output(out, "cmd", lambda folder: [(folder / "a.txt").write_text("one") and "a.txt"])
    before = snapshot(out)

    def broken(folder):
        (folder / "a.txt").write_text("tw")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_output(out, "cmd", broken)
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


@pytest.mark.parametrize("command", ["sweep", "audit", "estimate", "reproduce"])
def test_every_command_refuses_a_folder_that_is_not_its_own_output(tmp_path, command):
    # Issue #26.4: sweep --out '', audit --out . and --out a folder of other files: rc 0, mixed.
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep", encoding="utf-8")
    other = tmp_path / "other"
    other.mkdir()
    (other / "manifest.json").write_text('{"command": "elsewhere", "files": {}}')
    argv = QUICK_COMMANDS[command]
    for out, words in [
        ("", "out = '' is not a folder"),
        (".", "the current folder or one of its parents"),
        (str(tmp_path / "mine"), rf"is not a previous {command} output \(notes.txt\)|not a prev"),
        (str(other), f"not a previous {command} output"),
    ]:
        status, stdout, err = run_cli([*argv, "--out", out])
        assert status == 2 and "Traceback" not in err, err
        assert len(err.strip().splitlines()) == 1 and re.search(words, err), err
        assert stdout == ""  # refused before any work
    assert (tmp_path / "mine" / "notes.txt").read_text(encoding="utf-8") == "keep"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine", "other"]


# sizes: one bound check before any work


def test_sizes_are_bounded_before_any_work():
    # Issue #26.5: a 10⁶ × 10⁶ sweep failed with a 931 GiB _ArrayMemoryError traceback.
    argv = ["sweep", "--x", "security_dependency", "0", "1", "1000000"]
    status, _, err = run_cli([*argv, "--y", "stranglehold", "0", "1", "1000000", "--out", "o"])
    assert status == 2 and "allowed: 4 to 10,000,000" in err and "Traceback" not in err
    assert not Path("o").exists()
    with pytest.raises(ValueError, match=r"the sweep's points .* allowed: 0 to 10,000,000"):
        sweep(security_dependency=np.zeros((100_000, 1)), stranglehold=np.zeros((1, 100_000)))
    from coalition_games.reproduction.audit import audit

    with pytest.raises(ValueError, match=r"draws = 1000000000 is out of range; allowed: 1 to"):
        audit(draws=10**9)


# payments, margins and one-member coalitions: the one tolerance policy

REPORTED = Dyad(
    security_dependency=0.9, stranglehold=0.5, market_loss=1.2, side_payment_budget=0.2499999995
)


def assert_within_policy(dyad: Dyad) -> None:
    """No route pays more than B; the spe offer is the Nash side-payment at α = 0 (within TOL)
    and compensates by the same rule; a tier's margins are ≥ 0 iff it is sustainable."""
    nash_at_zero = solve(dyad.replace(ally_power=0.0))
    for method in ("nash", "spe", "rubinstein"):
        sol = solve(dyad, method)
        assert 0 <= sol.side_payment <= dyad.side_payment_budget, (method, dyad)
        for out in sol.tiers.values():
            if out.payment is not None:
                assert out.payment <= dyad.side_payment_budget, (method, dyad)
            assert (out.margin >= 0) == out.sustainable, (method, out, dyad)
            assert all(m >= 0 for m in out.margins.values()) == out.sustainable, (method, dyad)
    spe = solve(dyad, "spe")
    if spe.tier is not Tier.INFEASIBLE:
        assert abs(spe.side_payment - nash_at_zero.side_payment) <= TOL, dyad
        assert (Mechanism.COMPENSATED in spe.mechanism) == (
            Mechanism.COMPENSATED in nash_at_zero.mechanism
        ), dyad


def test_the_reported_dyad_pays_at_most_the_budget():
    # Issue #26.7: nash paid B, spe and rubinstein 0.25 > B; the complex margin was −5e-10.
    budget = REPORTED.side_payment_budget
    for method in ("nash", "spe", "rubinstein"):
        assert budget - 1e-15 <= solve(REPORTED, method).side_payment <= budget
    assert solve(REPORTED).tiers[Tier.COMPLEX].margins["budget"] == 0.0
    assert_within_policy(REPORTED)


def test_payments_and_margins_follow_the_tolerance_on_every_boundary():
    for dyad in random_dyads(seed=2601, n=20) + random_dyads(seed=2602, n=20, capped=True):
        for delta in DELTAS:
            for _, moved in on_boundaries(dyad, delta):
                assert_within_policy(moved)


@settings(max_examples=40)
@given(dyad=dyads(capped=True), delta=st.sampled_from(DELTAS))
def test_payments_and_margins_follow_the_tolerance_near_every_boundary(dyad, delta):
    for _, moved in on_boundaries(dyad, delta):
        assert_within_policy(moved)


def one_member(dyad: Dyad, stake: float):
    return solve_coalition(
        Coalition("one", (CoalitionMember(dyad.replace(ally="a"), stake),), leader_supply=1.0)
    )


def test_a_one_member_coalition_is_its_dyad_at_the_tolerance():
    # Issue #26.6: the reported dyad was complex, its one-member coalition simple (δ = −TOL).
    reported = Dyad(
        security_dependency=0.82,
        stranglehold=0.5,
        market_loss=1.18,
        side_payment_budget=0.269999999,
    )
    assert one_member(reported, 95.0).tier == solve(reported).tier == Tier.COMPLEX
    rng = np.random.default_rng(2603)
    for dyad in random_dyads(seed=2604, n=15):
        for delta in (-TOL, -TOL / 2, 0.0, TOL / 2, TOL):
            for name, moved in on_boundaries(dyad, delta):
                stake = float(rng.choice([0.7, 7.375, 95.0, 130.0, 1e-6, 1e6]))
                assert one_member(moved, stake).tier == solve(moved).tier, (name, moved, stake)


def test_a_one_member_coalition_at_the_magnitude_limit_is_its_dyad():
    # Issue #26.6: "budget = 7375000.0 is out of range", a parameter the user never gave; at
    # v₂ = 1e6 with stake 0.7 rounding pushed v₂ over the bound.
    dyad = Dyad(side_payment_budget=MAGNITUDE, leader_value_complex=MAGNITUDE)
    for stake in (7.375, 0.7, 1e-6, 1e6):
        solved = one_member(dyad, stake)
        assert solved.tier == solve(dyad).tier
        paid = solved.payments["a"] / stake
        assert paid == pytest.approx(solve(dyad).side_payment, rel=1e-12)
    with pytest.raises(ValueError, match=r"stake = 5e-324 is out of range; allowed: \[1e-06"):
        CoalitionMember(Dyad(), stake=5e-324)


# silent coercion and unclear arguments


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ([0.1, True], "stranglehold must be real numbers, got True of type bool"),
        (np.array([True, False]), "stranglehold must be real numbers, got an array of dtype bool"),
        (["0.1"], "stranglehold must be real numbers, got '0.1' of type str"),
        (np.array([0.1 + 0j]), "dtype complex128"),
        (np.array([0.1], dtype=object), "dtype object"),
        (np.ma.array([0.1, 0.2], mask=[0, 1]), "stranglehold is a masked array"),
    ],
)
def test_array_entry_points_refuse_what_is_not_real_numbers(value, words):
    # Issue #26.8: sweep(stranglehold=[0.1, True]) read True as 1.0; tier_batch took strings,
    # bools, object and complex arrays; masks were ignored.
    from coalition_games.games.batch import tier_batch

    with pytest.raises(TypeError, match=re.escape(words)):
        sweep(stranglehold=value)
    arrays = {k: np.full(np.shape(value), v) for k, v in Dyad().parameters().items()}
    with pytest.raises(TypeError, match=re.escape(words)):
        tier_batch({**arrays, "stranglehold": value}, "complex")


def test_batch_backward_induction_refuses_payoffs_that_are_not_real_numbers():
    from coalition_games.games.batch import TreeBatch, backward_induction_batch, tier_batch

    batch = tier_batch([Dyad(), Dyad(stranglehold=0.9)], "complex")
    history, payoffs = next(iter(batch.payoffs.items()))
    for bad in (payoffs.astype(bool), payoffs.astype(complex), payoffs.astype(str)):
        broken = TreeBatch(batch.tree, {**batch.payoffs, history: bad}, batch.available)
        with pytest.raises(TypeError, match=r"payoffs\[.*must be real numbers"):
            backward_induction_batch(broken)
    mask = {(): batch.available[()].astype(int)}
    with pytest.raises(TypeError, match=r"available\[\(\)\] must be a boolean numpy array"):
        backward_induction_batch(TreeBatch(batch.tree, batch.payoffs, mask))


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda: Tier.from_code(2.9), TypeError, "tier code must be an integer 0, 1 or 2, got 2.9"),
        (lambda: Tier.from_code(True), TypeError, "tier code must be an integer"),
        (lambda: Dyad.from_dict([1, 2]), TypeError, "data must be a mapping"),
        (
            lambda: sweep(case="us_japan", leader_scale=[-1]),
            ValueError,
            r"^leader_scale = \[-1\] makes the derived leader_value_complex",
        ),
        (
            lambda: solve(Dyad(), "rubinstein", period=1e-17),
            ValueError,
            r"^period = 1e-17 is too short for the discount rates",
        ),
    ],
)
def test_arguments_are_checked_naming_what_the_user_passed(call, error, words):
    # Issue #26.9.
    with pytest.raises(error, match=words):
        call()


@pytest.mark.parametrize(
    ("box", "words"),
    [
        ({"coercion_cost_slop": (0.0, 1.0)}, r"box names 'coercion_cost_slop', not an unknown"),
        ({"market_loss": (0.0, 1.0)}, r"box names 'market_loss', not an unknown"),
        ({"tech_gain": (0.3, 0.1)}, r"box of tech_gain is empty or reversed"),
        ({"tech_gain": (0.1, math.nan)}, r"box of tech_gain: ends must be finite numbers"),
        ({"tech_gain": 0.5}, r"box of tech_gain must be a pair \(low, high\)"),
    ],
)
def test_audit_box_keys_must_be_unknowns_with_finite_ordered_bounds(box, words):
    # Issue #26.9: a misspelt or non-unknown key, reversed or NaN bounds were silently ignored.
    from coalition_games.reproduction.audit import audit

    with pytest.raises(ValueError, match=words):
        audit(unknowns=["tech_gain"], box=box, draws=10, search=False)


@pytest.mark.parametrize(
    ("arguments", "error", "words"),
    [
        ({"seed": -1}, ValueError, r"^seed = -1 is out of range; allowed: >= 0"),
        ({"seed": True}, TypeError, r"^seed must be an integer, got True"),
        ({"random_starts": -1}, ValueError, r"^random_starts = -1 is out of range"),
        ({"grid": 0}, ValueError, r"^grid = 0 is out of range; allowed: 2 to 1,001"),
        ({"grid": 3.0}, TypeError, r"^grid must be an integer, got 3.0"),
        ({"claims": "yes"}, TypeError, r"^claims must be True or False"),
    ],
)
def test_estimate_names_each_bad_argument(arguments, error, words, monkeypatch):
    # Issue #26.9: estimate(seed=-1) did not name seed; seed=True, random_starts=-1 were taken.
    from coalition_games.reproduction import estimation

    monkeypatch.setattr(estimation, "load_events", None)  # refused before any work
    with pytest.raises(error, match=words):
        estimation.estimate(**arguments)


@pytest.mark.parametrize(
    ("option", "text", "words"),
    [
        ("--linkage-cap", "-inf", "linkage_cap must be finite, got -inf"),
        ("--market-loss", "-1e5", r"market_loss = -100000.0 is out of range"),
        ("--period", "-1e-3", r"period = -0.001 is out of range"),
    ],
)
def test_cli_negative_numbers_are_values_named_in_the_error(option, text, words):
    # Issue #26.9: --linkage-cap -inf said "expected one argument".
    argv = ["solve", option, text] + (["--method", "rubinstein"] if option == "--period" else [])
    status, _, err = run_cli(argv)
    assert status == 2 and re.search(words, err), err


def test_an_empty_sweep_explains_itself():
    # Issue #26.10: explain(), str and _repr_html_ raised "zero-size array to reduction".
    empty = sweep(stranglehold=[])
    assert "no points" in empty.explain() and "no points" in empty._repr_html_()
    assert "no points" in str(empty.explain())
    assert empty.to_dict()["shape"] == [0] and empty.to_dict()["tier"] == []
    assert repr(empty).startswith("<SweepResult shape=(0,)")


def test_estimate_json_has_no_wall_clock_and_the_same_seed_writes_the_same_bytes(tmp_path):
    # Issue #26.12: estimate.json stored wall-clock timings.
    pytest.importorskip("matplotlib")
    from coalition_games.cases.events import load_events
    from coalition_games.reproduction.estimation import estimate

    for run in ("a", "b"):
        result = estimate("baseline", load_events()[:8], seed=3, grid=2, random_starts=1)
        result.write(tmp_path / run)
    first = (tmp_path / "a" / "estimate.json").read_bytes()
    assert b"timings" not in first
    for name in ("estimate.json", "profiles.svg", "manifest.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
