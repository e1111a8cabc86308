"""The Monte Carlo: seeded, reproducible, distributions as documented, sensitivity that can fail."""

import dataclasses

import numpy as np
import pytest

from coalition_games import cases
from coalition_games.parameters import PARAMETER_NAMES
from coalition_games.reproduction.claims import CLAIMS, in_draws
from coalition_games.uncertainty import CHUNK, _draw, monte_carlo, quantile


def _five():
    return [cases.read(n) for n in cases.names()]


def _claims():
    by_id = {c.id: c for c in _five()}
    return in_draws(CLAIMS, by_id)


def test_same_seed_same_results_other_seed_other_results():
    a = monte_carlo(_five(), draws=3000, seed=5, evaluations=_claims())
    b = monte_carlo(_five(), draws=3000, seed=5, evaluations=_claims())
    c = monte_carlo(_five(), draws=3000, seed=6, evaluations=_claims())
    assert a.to_dict() == b.to_dict()
    assert a.to_dict() != c.to_dict()


def test_probabilities_are_distributions_and_shares_are_shares():
    mc = monte_carlo(_five(), draws=2000, seed=1, evaluations=_claims())
    for probs in mc.probabilities.values():
        assert sum(probs.values()) == pytest.approx(1.0)
    assert set(mc.shares) == {c.id for c in CLAIMS}
    assert all(0 <= s <= 1 for s in mc.shares.values())


def test_chunks_join_into_the_requested_number_of_draws():
    mc = monte_carlo(_five()[:1], draws=CHUNK + 7, seed=2)
    assert mc.draws == CHUNK + 7
    counts = {k: v * mc.draws for k, v in mc.probabilities["us_eu"].items()}
    assert sum(round(v) for v in counts.values()) == CHUNK + 7


@pytest.mark.parametrize("distribution", ["triangular", "uniform"])
def test_quantile_has_the_documented_moments(distribution):
    u = np.random.default_rng(0).random(200_000)
    x = quantile(u, 0.1, 0.2, 0.6, distribution)
    assert x.min() >= 0.1 and x.max() <= 0.6
    expected = (0.1 + 0.2 + 0.6) / 3 if distribution == "triangular" else 0.35
    assert x.mean() == pytest.approx(expected, abs=2e-3)


def test_degenerate_range_is_fixed_and_bad_arguments_are_refused():
    assert np.all(quantile(np.array([0.1, 0.9]), 0.0, 0.0, 0.0, "triangular") == 0.0)
    with pytest.raises(ValueError, match="distribution='normal'"):
        quantile(np.array([0.5]), 0, 0.5, 1, "normal")
    with pytest.raises(ValueError, match=r"draws = 0 is out of range; allowed: 1 to 1,000,000"):
        monte_carlo(_five(), draws=0)
    with pytest.raises(ValueError, match="seed = -1 is out of range; allowed: >= 0"):
        monte_carlo(_five(), draws=10, seed=-1)


def test_sensitivity_finds_the_only_parameter_that_matters():
    """A case where only t is uncertain and t decides the tier ranks t first, near η² = 1."""
    base = cases.read("us_south_korea")
    params = {
        name: type(est)(est.value, (est.value, est.value), est.rule, est.sources)
        for name, est in base.parameters.items()
    }
    t = base.parameters["stranglehold"]
    params["stranglehold"] = type(t)(0.47, (0.0, 1.0), t.rule, t.sources)
    case = type(base)(**{**vars(base), "parameters": params, "hyperparameters": {}})
    mc = monte_carlo([case], draws=4000, seed=3)
    ranked = mc.sensitivity["us_south_korea"]
    assert [s.parameter for s in ranked] == ["stranglehold"]
    probs = mc.probabilities["us_south_korea"]
    assert 0 < probs["complex"] < 1  # t decides: some draws complex, some not
    assert ranked[0].index > 0.8
    assert ranked[0].high > ranked[0].low  # more stranglehold, more demanding coalition


def test_no_tier_variation_gives_zero_indices():
    base = cases.read("us_japan")
    params = dict(base.parameters)
    a = params["ally_power"]  # α only divides the surplus: the tier cannot depend on it
    params = {n: type(e)(e.value, (e.value, e.value), e.rule, e.sources) for n, e in params.items()}
    params["ally_power"] = a
    case = type(base)(**{**vars(base), "parameters": params, "hyperparameters": {}})
    mc = monte_carlo([case], draws=500, seed=0)
    assert [s.index for s in mc.sensitivity["us_japan"]] == [0.0]


def test_derived_parameters_follow_their_drawn_factors_in_every_draw():
    """v₂ = λ·m and e = λ·t·m draw by draw, hence e ≤ v₂ whenever t ≤ 1 (all draws here)."""
    five = _five()
    for distribution in ("triangular", "uniform"):
        samples, uniforms = _draw(five, 5000, np.random.default_rng(7), distribution)
        for case in five:
            x = samples[case.id]
            lam = quantile(uniforms[case.id]["leader_scale"], 0.5, 1.0, 2.0, distribution)
            assert np.array_equal(x["leader_value_complex"], lam * x["market_loss"])
            assert np.array_equal(
                x["enforcement_value"], lam * x["stranglehold"] * x["market_loss"]
            )
            assert np.all(x["stranglehold"] <= 1)
            assert np.all(x["enforcement_value"] <= x["leader_value_complex"])
            assert set(x) == set(PARAMETER_NAMES) | set(case.hyperparameters)


def test_sensitivity_ranks_free_parameters_and_hyperparameters_only():
    mc = monte_carlo(_five(), draws=2000, seed=4)
    for ranked in mc.sensitivity.values():
        names = {s.parameter for s in ranked}
        assert "leader_scale" in names
        assert not names & {"leader_value_complex", "enforcement_value"}


def test_a_case_without_derivations_draws_exactly_as_before():
    """Fifteen independent draws from one uniform row each, in PARAMETER_NAMES order."""
    base = cases.read("us_taiwan")
    params = {n: type(e)(e.value, e.range, e.rule, e.sources) for n, e in base.parameters.items()}
    case = type(base)(**{**vars(base), "parameters": params, "hyperparameters": {}})
    samples, _ = _draw([case], 300, np.random.default_rng(11), "triangular")
    u = np.random.default_rng(11).random((len(PARAMETER_NAMES), 300))
    for row, (name, est) in zip(u, params.items(), strict=True):
        expected = quantile(row, est.range[0], est.value, est.range[1], "triangular")
        assert np.array_equal(samples["us_taiwan"][name], expected)
    assert (
        np.mean(
            samples["us_taiwan"]["enforcement_value"] > samples["us_taiwan"]["leader_value_complex"]
        )
        > 0
    )  # independent draws do put mass on e > v₂: the artefact the derivations remove


def _captured(cases_, draws=3000, seed=11):
    """The samples of every chunk, captured through the evaluations callback."""
    seen = []

    def keep(samples):
        seen.append({cid: {k: np.array(v) for k, v in s.items()} for cid, s in samples.items()})
        return np.zeros(next(iter(next(iter(samples.values())).values())).shape, bool)

    monte_carlo(cases_, draws=draws, seed=seed, evaluations={"keep": keep})
    return seen


def test_common_unknowns_are_drawn_once_per_draw_for_all_cases():
    """A number marked common is one unknown: in every draw it has the same value in every case;
    a per-case number (the same prior in every file) is drawn independently in each case."""
    five = _five()
    common = set(five[0].common)
    assert common and all(set(c.common) == common for c in five)
    per_case = [n for n, est in five[0].free.items() if not est.common and not est.fixed]
    assert per_case
    for chunk in _captured(five):
        for name in common:
            first = chunk[five[0].id][name]
            assert first.std() > 0  # it is drawn, not fixed
            for case in five[1:]:
                assert np.array_equal(chunk[case.id][name], first), name
        for name in per_case:
            a, b = chunk[five[0].id][name], chunk[five[1].id][name]
            assert not np.array_equal(a, b), name
            assert abs(np.corrcoef(a, b)[0, 1]) < 0.1, name


def test_a_case_that_does_not_mark_a_name_common_draws_it_on_its_own():
    five = _five()
    lone = five[0]
    hyper = {
        k: dataclasses.replace(e, common=False) if k == "leader_scale" else e
        for k, e in lone.hyperparameters.items()
    }
    lone = dataclasses.replace(lone, hyperparameters=hyper)
    (chunk,) = _captured([lone, *five[1:]], draws=2000)
    assert not np.array_equal(chunk[lone.id]["leader_scale"], chunk[five[1].id]["leader_scale"])
    assert np.array_equal(chunk[five[1].id]["leader_scale"], chunk[five[2].id]["leader_scale"])


def test_two_priors_for_one_common_unknown_are_refused():
    five = _five()
    other = five[1]
    lam = other.hyperparameters["leader_scale"]
    hyper = dict(other.hyperparameters) | {
        "leader_scale": dataclasses.replace(lam, range=(lam.range[0], 3.0))
    }
    other = dataclasses.replace(other, hyperparameters=hyper)
    with pytest.raises(ValueError, match="common unknown 'leader_scale': case 'us_japan' states"):
        monte_carlo([five[0], other], draws=10)
