r"""Structural estimation of the no-evidence parameters from observed alignment events.

The events (:func:`coalition_games.cases.events.load_events`) record what an ally decided when the
USA asked it to join a coalition — infeasible (refused), simple (declaratory or partial compliance)
or complex (a binding, costly measure) — and code the evidence parameters (s, t, m, B, w) of each
episode. The parameters without evidence are what the events can teach. This module fits them by
maximum likelihood and says how well they are pinned down.

**The likelihood** (a quantal-response / random-utility reading of the bargaining game, McKelvey &
Palfrey 1995; Signorino 1999). For event i at parameters θ, the definitions of
:mod:`coalition_games.formulas` (those :func:`~coalition_games.formulas.evaluate` uses) give
each tier k's bargaining problem: the ally's reservation price loₖ = cₖ − ℓ(s) − θₖ t + w and
the leader's hiₖ = vₖ − θₖ (e − κ(s)) (the model §2, §6). The tier is sustainable iff
min(B, hiₖ) ≥ max(0, loₖ). Its *margin* is

    Mₖ = min(min(B, hiₖ) − loₖ, hiₖ),

which is ≥ 0 exactly when the tier is sustainable (min(B, hi) ≥ max(0, lo) ⇔ min(B, hi) ≥ lo and
hi ≥ 0, as B ≥ 0), and equals the interval's width min(B, hi) − max(0, lo) whenever lo ≥ 0. The
width itself is *not* used: when lo < 0 (the ally would join unpaid) it is capped at min(B, hi),
which is 0 in 23 of the 25 events (B = 0), so that Λ(width/μ) ≤ ½ for every such event whatever
the parameters — the noise would swamp the structure. Mₖ keeps the ally's slack −lo. With the
logistic function Λ and a noise scale μ > 0, the outcome probabilities follow the model's
classification order (a sequential logit):

    P(complex)    = Λ(M₂/μ)
    P(simple)     = (1 − Λ(M₂/μ)) · Λ(M₁/μ)
    P(infeasible) = (1 − Λ(M₂/μ)) · (1 − Λ(M₁/μ))

They sum to one; as μ → 0 they tend to the equilibrium classification (complex if M₂ > 0, else
simple if M₁ > 0, else infeasible). Reading: each tier's surplus is perturbed by an additive
logistic shock of scale μ (in units of the ally's stake), independent across tiers and events,
and the model's order of checks is kept. The log-likelihood is Σᵢ log P(observed tierᵢ).

**Choices the issue leaves open** (each written down here, none tuned to a claim):

* *Estimated, shared across events*: σ (``security_stake``), κ₁ (``coercion_cost_slope``),
  λ (``leader_scale``: v₂ = λ·m, e = λ·t·m as in the calibrated cases), the noise scale μ, and in
  the linkage model X̄ (``linkage_cap``; the baseline fixes X̄ = +∞). With 25 events, no more.
* *Fixed at the calibrated cases' common defaults* (:data:`FIXED`, the same numbers every case
  file uses, tested): g = 0.05, a = 0.05, c₁ = 0.01, v₁ = 0.05, κ₀ = 0.05, α = 0.5 (α never
  affects sustainability).
* *Evidence*: s, t, m, B, w at each event's coded value (its range is not used by the fit).
* *Units across event families*: every payoff is a fraction of the ally's stake in the contested
  industry, and the stake differs by family (goods exports, the mobile RAN, defence exports, a
  firm's sales). Sharing σ, κ₁, λ and X̄ across families assumes they are the same fraction of
  each stake; the shipped cases make the same assumption across allies. Applying the estimate to
  the five semiconductor dyads (the claims) transfers it to a sixth unit, the chip industry.
* *Search*: the parameters are optimised in log coordinates inside the box :data:`BOX` with
  bounded Nelder–Mead (the likelihood jumps where a threat becomes credible, θ = 1[e ≥ κ(s)], so
  it is not differentiable everywhere), from the default point and from the best points of a
  seeded uniform screen of the box; a multi-start search on a rugged surface, not a guarantee.
* *Intervals*: profile likelihood on a log-spaced grid over the box, the 95% cut-off
  2(ℓ̂ − ℓ_prof) ≤ χ²₁(0.95) = 3.841, the ends interpolated linearly in log coordinates. An interval
  that reaches the box is reported open at that end ("one-sided"); a profile within the cut-off
  over the whole box is "not identified". The Hessian of −ℓ in log coordinates (central
  differences) is reported with its eigenvalues; eigenvectors with an eigenvalue below
  :data:`FLAT` are the flat directions (the local 95% interval along them spans more than a
  factor of 10 either way). The Hessian is local; a profile flat over the box is the global
  statement, and both are reported.
* *Confidence set for the claims*: the points of the profile paths within the cut-off (each a
  full parameter vector), with the estimate; each claim's share is over these points.
* *Coding sensitivity*: the fit is repeated with the six borderline events at their
  ``alternative_outcome`` (:attr:`Estimate.alternative`); the evidence ranges are not varied.
* *Model comparison*: the likelihood ratio 2(ℓ̂_linkage − ℓ̂_baseline) on the events. The baseline is
  the linkage model at X̄ = +∞, an end of the parameter space, so χ²₁ is at best a rough guide; the
  ratio is reported as a finding, not used to select.

The estimate is what the events give; nothing here is adjusted to make a claim hold.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
from scipy import optimize, special

from .. import formulas
from ..cases import Case
from ..cases.events import EVIDENCE, Event, load_events
from ..outputs import MANIFEST, output_folder, write_output
from ..parameters import check_integer
from ..solution import Tier, jsonable

__all__ = [
    "BOX",
    "COMMAND",
    "CUTOFF",
    "FIXED",
    "FLAT",
    "MAX_GRID",
    "MODEL_PARAMETERS",
    "Estimate",
    "EventData",
    "Profile",
    "estimate",
    "fit",
    "log_likelihood",
    "probabilities",
    "profile_figure",
    "simulate",
]

#: No-evidence parameters fixed at the calibrated cases' common defaults (module docstring).
FIXED: Mapping[str, float] = {
    "tech_gain": 0.05,
    "autonomy_cost": 0.05,
    "simple_cost": 0.01,
    "leader_value_simple": 0.05,
    "coercion_cost_base": 0.05,
    "ally_power": 0.5,
}

#: The search box of each estimated parameter (natural units; searched in log coordinates).
BOX: Mapping[str, tuple[float, float]] = {
    "security_stake": (0.01, 3.0),
    "coercion_cost_slope": (0.001, 3.0),
    "leader_scale": (0.05, 20.0),
    "noise": (0.002, 1.0),
    "linkage_cap": (0.001, 3.0),
}
#: The default start (the case files' values where they exist).
START: Mapping[str, float] = {
    "security_stake": 0.5,
    "coercion_cost_slope": 0.5,
    "leader_scale": 1.0,
    "noise": 0.1,
    "linkage_cap": 0.3,
}
#: Estimated parameters per model.
MODEL_PARAMETERS: Mapping[str, tuple[str, ...]] = {
    "baseline": ("security_stake", "coercion_cost_slope", "leader_scale", "noise"),
    "linkage": ("security_stake", "coercion_cost_slope", "leader_scale", "noise", "linkage_cap"),
}
SYMBOLS = {
    "security_stake": "σ",
    "coercion_cost_slope": "κ₁",
    "leader_scale": "λ",
    "noise": "μ",
    "linkage_cap": "X̄",
}
#: Screening points per estimated parameter from which :func:`fit` picks its random starts (so
#: at most this many random starts: ``estimate``'s ``random_starts``).
SCREEN = 400
#: The most points of a profile's grid (``estimate``'s ``grid``: one fit per point).
MAX_GRID = 1001
#: The command whose outputs :meth:`Estimate.write` writes (named in their manifest).
COMMAND = "estimate"
#: The 95% likelihood-ratio cut-off of a profile, χ²₁(0.95).
CUTOFF = 3.841458820694124
#: A Hessian eigenvalue (of −ℓ, log coordinates) below this marks a flat direction: along it the
#: quadratic approximation reaches the 95% cut-off only beyond a factor of 10 either way
#: (eigenvalue < χ²₁(0.95) / ln(10)²).
FLAT = 3.841458820694124 / math.log(10) ** 2
_TIERS = (Tier.INFEASIBLE, Tier.SIMPLE, Tier.COMPLEX)


@dataclass(frozen=True)
class EventData:
    """The evidence parameters of N events as arrays, and the observed tier codes (0, 1, 2)."""

    ids: tuple[str, ...]
    evidence: Mapping[str, np.ndarray]
    observed: np.ndarray

    @classmethod
    def from_events(cls, events: Sequence[Event]) -> EventData:
        """Arrays from loaded events."""
        return cls(
            tuple(e.id for e in events),
            {n: np.array([e.value(n) for e in events]) for n in EVIDENCE},
            np.array([e.outcome.code for e in events], dtype=int),
        )

    def __len__(self) -> int:
        return len(self.ids)

    def subset(self, keep: np.ndarray) -> EventData:
        """The events where ``keep`` (a boolean mask or index array) selects."""
        ids = tuple(np.asarray(self.ids, dtype=object)[keep])
        return EventData(ids, {n: v[keep] for n, v in self.evidence.items()}, self.observed[keep])

    def with_observed(self, observed: np.ndarray) -> EventData:
        """The same evidence with other outcomes (synthetic data)."""
        return EventData(self.ids, self.evidence, np.asarray(observed, dtype=int))


def _namespace(data: EventData, theta: Mapping[str, float]) -> SimpleNamespace:
    ev = data.evidence
    lam = theta["leader_scale"]
    return SimpleNamespace(
        **ev,
        **FIXED,
        security_stake=theta["security_stake"],
        coercion_cost_slope=theta["coercion_cost_slope"],
        leader_value_complex=lam * ev["market_loss"],
        enforcement_value=lam * ev["stranglehold"] * ev["market_loss"],
        linkage_cap=theta.get("linkage_cap", math.inf),
    )


def tier_terms(p: Any) -> tuple[formulas.TierTerms, formulas.TierTerms]:
    """The simple and complex tiers' bargaining problems of :func:`formulas.evaluate` (the same
    definitions, ``formulas.tier_terms``, without the quantities the likelihood does not need)."""
    ops = formulas.ARRAY
    gain = formulas.sanction_gain(p)
    theta = np.where(ops.ge(gain, 0), 1.0, 0.0)
    simple = formulas.tier_terms(p, p.simple_cost, p.leader_value_simple, 0, 0, ops)
    complex_ = formulas.tier_terms(
        p,
        formulas.complex_cost(p),
        p.leader_value_complex,
        theta * p.stranglehold,
        theta * gain,
        ops,
    )
    return simple, complex_


def margins(data: EventData, theta: Mapping[str, float]) -> tuple[np.ndarray, np.ndarray]:
    """(M₁, M₂) per event: Mₖ = min(min(B, hiₖ) − loₖ, hiₖ) (module docstring)."""
    simple, complex_ = tier_terms(_namespace(data, theta))

    def margin(terms: formulas.TierTerms) -> np.ndarray:
        return np.minimum(terms.upper - terms.lo, terms.hi)

    return margin(simple), margin(complex_)


def _log_probabilities(data: EventData, theta: Mapping[str, float]) -> np.ndarray:
    m1, m2 = margins(data, theta)
    mu = theta["noise"]
    l2, n2 = special.log_expit(m2 / mu), special.log_expit(-m2 / mu)
    l1, n1 = special.log_expit(m1 / mu), special.log_expit(-m1 / mu)
    return np.stack([n2 + n1, n2 + l1, l2], axis=-1)  # columns: infeasible, simple, complex


def log_likelihoods(data: EventData, thetas: Mapping[str, np.ndarray]) -> np.ndarray:
    """ℓ at K parameter points at once (each value an array of K): the same definitions
    broadcast over (K, N); used to screen the box for starting points."""
    columns = {n: np.asarray(v, dtype=float)[:, None] for n, v in thetas.items()}
    logp = _log_probabilities(data, columns)  # type: ignore[arg-type]
    picked = np.take_along_axis(logp, data.observed[None, :, None], axis=-1)[..., 0]
    return picked.sum(axis=-1)


def probabilities(data: EventData, theta: Mapping[str, float]) -> np.ndarray:
    """P(infeasible), P(simple), P(complex) per event (rows sum to one)."""
    return np.exp(_log_probabilities(data, theta))


def log_likelihood(data: EventData, theta: Mapping[str, float]) -> float:
    """Σᵢ log P(observed tierᵢ | θ)."""
    logp = _log_probabilities(data, theta)
    return float(logp[np.arange(len(data)), data.observed].sum())


def simulate(data: EventData, theta: Mapping[str, float], rng: np.random.Generator) -> EventData:
    """Outcomes drawn from the likelihood at ``theta`` on ``data``'s evidence."""
    p = probabilities(data, theta)
    u = rng.random(len(data))[:, None]
    return data.with_observed((u > np.cumsum(p, axis=1)).sum(axis=1).clip(0, 2))


def _theta(names: Sequence[str], z: np.ndarray, fixed: Mapping[str, float]) -> dict[str, float]:
    return {**fixed, **{n: float(math.exp(v)) for n, v in zip(names, z, strict=True)}}


@dataclass(frozen=True)
class Fit:
    """A maximum of the likelihood: the parameters and ℓ̂."""

    theta: dict[str, float]
    loglik: float
    evaluations: int


def fit(
    data: EventData,
    model: str = "baseline",
    *,
    fixed: Mapping[str, float] | None = None,
    starts: Sequence[Mapping[str, float]] = (),
    random_starts: int = 4,
    seed: int = 0,
    polish: bool = True,
) -> Fit:
    """Maximise the likelihood over the model's parameters not in ``fixed``: bounded
    Nelder–Mead in log coordinates from ``starts`` (:data:`START` if none) and from the
    ``random_starts`` best of :data:`SCREEN` × (number of parameters) seeded uniform points of the
    log box, then (``polish``) a restart from the best. The likelihood is rugged (it jumps where
    a threat becomes credible), so this is a multi-start search, not a guarantee."""
    fixed = dict(fixed or {})
    names = [n for n in MODEL_PARAMETERS[model] if n not in fixed]
    if not names:
        theta = dict(fixed)
        return Fit(theta, log_likelihood(data, theta), 1)
    bounds = [(math.log(BOX[n][0]), math.log(BOX[n][1])) for n in names]
    lo, hi = np.array(bounds).T

    def objective(z: np.ndarray) -> float:
        value = -log_likelihood(data, _theta(names, z, fixed))
        return value if math.isfinite(value) else 1e300

    rng = np.random.default_rng(seed)
    points = [{**START, **s} for s in starts] or [dict(START)]
    z0s = [np.clip([math.log(p[n]) for n in names], lo, hi) for p in points]
    if random_starts:
        # screen the log box (seeded uniform points, evaluated at once) and start from the best
        screen = rng.uniform(lo, hi, size=(SCREEN * len(names), len(names)))
        values = log_likelihoods(
            data,
            {
                **{k: np.full(len(screen), v) for k, v in fixed.items()},
                **{n: np.exp(screen[:, j]) for j, n in enumerate(names)},
            },
        )
        z0s += list(screen[np.argsort(-np.nan_to_num(values, nan=-np.inf))[:random_starts]])
    best, evaluations = None, 0
    for z0 in z0s:
        result = optimize.minimize(
            objective,
            z0,
            method="Nelder-Mead",
            bounds=bounds,
            options={"xatol": 1e-3, "fatol": 1e-5, "maxfev": 200 * len(names)},
        )
        evaluations += result.nfev
        if best is None or result.fun < best.fun:
            best = result
    assert best is not None
    if polish:
        again = optimize.minimize(
            objective, best.x, method="Nelder-Mead", bounds=bounds, options={"xatol": 1e-4}
        )
        evaluations += again.nfev
        if again.fun < best.fun:
            best = again
    return Fit(_theta(names, best.x, fixed), -float(best.fun), evaluations)


@dataclass(frozen=True)
class Profile:
    """One parameter's profile likelihood over its box and the 95% interval it gives."""

    name: str
    grid: tuple[float, ...]
    loglik: tuple[float, ...]
    #: the maximising parameters at each grid point
    thetas: tuple[dict[str, float], ...]
    low: float
    high: float
    #: "identified", "one-sided" (the interval reaches the box) or "not identified"
    status: str


def _crossing(x0: float, x1: float, d0: float, d1: float) -> float:
    """Where the deviance crosses the cut-off between two grid points (log-linear)."""
    if d0 == d1:
        return x0
    f = (CUTOFF - d0) / (d1 - d0)
    return math.exp(math.log(x0) + f * (math.log(x1) - math.log(x0)))


def _interval(name: str, grid: np.ndarray, dev: np.ndarray, at: float) -> tuple[float, float, str]:
    """The 95% interval from a profile's deviance on ``grid``; the estimate ``at`` (deviance 0)
    is inserted into the grid, so the walk starts inside the interval."""
    where = int(np.searchsorted(grid, at))
    grid, dev = np.insert(grid, where, at), np.insert(dev, where, 0.0)
    inside = dev <= CUTOFF
    if inside.all():
        return float(grid[0]), float(grid[-1]), "not identified"
    centre = where
    i = centre
    while i > 0 and inside[i - 1]:
        i -= 1
    j = centre
    while j < len(grid) - 1 and inside[j + 1]:
        j += 1
    low = float(grid[0]) if i == 0 else _crossing(grid[i - 1], grid[i], dev[i - 1], dev[i])
    high = (
        float(grid[-1])
        if j == len(grid) - 1
        else _crossing(grid[j], grid[j + 1], dev[j], dev[j + 1])
    )
    low, high = min(low, at), max(high, at)
    status = "one-sided" if (i == 0 or j == len(grid) - 1) else "identified"
    return low, high, status


def _profile(
    data: EventData, model: str, name: str, best: Fit, points: int, seed: int
) -> tuple[np.ndarray, list[Fit]]:
    grid = np.geomspace(*BOX[name], points)
    fits: list[Fit] = []
    # walk outwards from the grid point nearest the estimate, warm-starting each from its neighbour
    centre = int(np.argmin(np.abs(np.log(grid) - math.log(best.theta[name]))))
    order = list(range(centre, points)) + list(range(centre - 1, -1, -1))
    found: dict[int, Fit] = {}
    for k in order:
        neighbour = found.get(k - 1 if k > centre else k + 1, best)
        found[k] = fit(
            data,
            model,
            fixed={name: float(grid[k])},
            starts=[neighbour.theta],
            random_starts=0,
            seed=seed + k,
            polish=False,
        )
    fits = [found[k] for k in range(points)]
    return grid, fits


def _hessian(data: EventData, names: Sequence[str], theta: Mapping[str, float]) -> np.ndarray:
    """Central-difference Hessian of −ℓ in log coordinates (step 0.05)."""
    z = np.array([math.log(theta[n]) for n in names])
    h = 0.05

    def f(v: np.ndarray) -> float:
        return -log_likelihood(data, _theta(names, v, {}))

    k = len(z)
    hess = np.zeros((k, k))
    for a in range(k):
        for b in range(a, k):
            ea, eb = np.eye(k)[a] * h, np.eye(k)[b] * h
            hess[a, b] = hess[b, a] = (
                f(z + ea + eb) - f(z + ea - eb) - f(z - ea + eb) + f(z - ea - eb)
            ) / (4 * h * h)
    return hess


def _at_bound(name: str, value: float) -> bool:
    """True when ``value`` lies within 1% (in log terms) of an end of the parameter's box: the
    maximum is on the boundary and the Hessian there is one-sided."""
    lo, hi = BOX[name]
    return bool(math.log(value / lo) < 0.01 or math.log(hi / value) < 0.01)


def _cases() -> dict[str, Case]:
    from ..cases import names, read

    return {name: read(name) for name in names()}


def claims_at(
    theta: Mapping[str, float], model: str, cases: Mapping[str, Case]
) -> dict[str, float]:
    """Each claim's margin (≥ 0 iff it holds) in a :class:`PointWorld` of the shipped cases with
    the estimated parameters applied (``apply_model``; X̄ = +∞ in the baseline)."""
    from .claims import CLAIMS
    from .worlds import PointWorld, apply_model

    values = {
        "security_stake": theta["security_stake"],
        "coercion_cost_slope": theta["coercion_cost_slope"],
        "leader_scale": theta["leader_scale"],
        "linkage_cap": theta.get("linkage_cap", math.inf) if model == "linkage" else math.inf,
    }
    world = PointWorld(apply_model(cases, values))
    return {claim.id: float(claim.check(world)[0]) for claim in CLAIMS}


@dataclass(frozen=True)
class Estimate:
    """The fitted model: estimates with profile intervals, identification, out-of-sample checks,
    the claims at the estimate and over the confidence set, and the comparison of the models."""

    model: str
    events: tuple[dict[str, Any], ...]
    theta: dict[str, float]
    loglik: float
    profiles: dict[str, Profile]
    hessian: np.ndarray
    eigenvalues: tuple[float, ...]
    flat_directions: tuple[dict[str, float], ...]
    fitted: np.ndarray  #: in-sample probabilities (N × 3: infeasible, simple, complex)
    loo: np.ndarray  #: leave-one-out probabilities (N × 3)
    claims: dict[str, float]  #: margin at the estimate
    claim_shares: dict[str, float]  #: share of the confidence set where each claim holds
    confidence_points: int
    other_model: str
    other_loglik: float
    #: the fit with the borderline events at their ``alternative_outcome`` (a sensitivity):
    #: ``recoded`` ids, ``theta``, ``loglik``
    alternative: dict[str, Any] = field(default_factory=dict)

    @property
    def names(self) -> tuple[str, ...]:
        """The estimated parameters."""
        return MODEL_PARAMETERS[self.model]

    @property
    def observed(self) -> np.ndarray:
        """The observed tier codes."""
        return np.array([Tier(e["outcome"]).code for e in self.events])

    def _score(self, p: np.ndarray) -> tuple[float, float]:
        obs = self.observed
        logs = np.log(np.maximum(p[np.arange(len(obs)), obs], 1e-300))
        return float(logs.mean()), float((p.argmax(axis=1) == obs).mean())

    @property
    def loo_log_score(self) -> float:
        """Mean log probability of each event's outcome, fitted without it."""
        return self._score(self.loo)[0]

    @property
    def loo_hit_rate(self) -> float:
        """Share of events whose most probable leave-one-out tier is the observed one."""
        return self._score(self.loo)[1]

    @property
    def reference_loo(self) -> tuple[float, float]:
        """(log score, hit rate) of the structure-free reference: each event predicted by the
        outcome frequencies of the other events (add-one smoothed). The structural model's
        leave-one-out scores are to be read against it."""
        obs = self.observed
        counts = np.bincount(obs, minlength=3).astype(float)
        p = np.array([(counts - np.eye(3)[o] + 1) / (len(obs) - 1 + 3) for o in obs])
        return self._score(p)

    @property
    def likelihood_ratio(self) -> float:
        """2(ℓ̂_linkage − ℓ̂_baseline) on the events (≥ 0 up to optimisation error)."""
        linkage = self.loglik if self.model == "linkage" else self.other_loglik
        baseline = self.other_loglik if self.model == "linkage" else self.loglik
        return 2.0 * (linkage - baseline)

    @property
    def rough_p_value(self) -> float:
        """P(χ²₁ ≥ LR): a rough guide only (the baseline, X̄ = +∞, is an end of the parameter
        space, where the χ² reference does not strictly apply)."""
        from scipy import stats

        return float(stats.chi2.sf(max(self.likelihood_ratio, 0.0), 1))

    def parameter_rows(self) -> list[dict[str, Any]]:
        """One row per estimated parameter: estimate, 95% profile interval, status."""
        return [
            {
                "parameter": n,
                "symbol": SYMBOLS[n],
                "estimate": self.theta[n],
                "low": self.profiles[n].low,
                "high": self.profiles[n].high,
                "status": self.profiles[n].status,
                "at_bound": _at_bound(n, self.theta[n]),
                "box": list(BOX[n]),
            }
            for n in self.names
        ]

    def to_frame(self) -> Any:
        """The parameters as a pandas DataFrame (index: parameter)."""
        import pandas as pd

        return pd.DataFrame(self.parameter_rows()).set_index("parameter")

    def to_dict(self) -> dict[str, Any]:
        """Everything in strict JSON (``coalition_games.solution.jsonable``)."""
        in_score = self._score(self.fitted)
        return jsonable(
            {
                "model": self.model,
                "likelihood": "P(complex)=L(M2/mu), P(simple)=(1-L(M2/mu))L(M1/mu), "
                "P(infeasible)=(1-L(M2/mu))(1-L(M1/mu)), Mk=min(min(B,hi_k)-lo_k, hi_k)",
                "fixed": dict(FIXED)
                | ({} if self.model == "linkage" else {"linkage_cap": math.inf}),
                "box": {n: list(BOX[n]) for n in self.names},
                "n_events": len(self.events),
                "log_likelihood": self.loglik,
                "estimates": self.parameter_rows(),
                "profiles": {
                    n: {"grid": p.grid, "log_likelihood": p.loglik}
                    for n, p in self.profiles.items()
                },
                "hessian": self.hessian.tolist(),
                "hessian_eigenvalues": self.eigenvalues,
                "flat_directions": self.flat_directions,
                "events": [
                    {
                        **e,
                        "fitted": dict(zip([t.value for t in _TIERS], self.fitted[i], strict=True)),
                        "loo": dict(zip([t.value for t in _TIERS], self.loo[i], strict=True)),
                    }
                    for i, e in enumerate(self.events)
                ],
                "in_sample": {"log_score": in_score[0], "hit_rate": in_score[1]},
                "loo": {"log_score": self.loo_log_score, "hit_rate": self.loo_hit_rate},
                "reference_loo_outcome_frequencies": {
                    "log_score": self.reference_loo[0],
                    "hit_rate": self.reference_loo[1],
                },
                "claims": {
                    cid: {
                        "margin": m,
                        "holds": m >= 0,
                        "share_of_confidence_set": self.claim_shares[cid],
                    }
                    for cid, m in self.claims.items()
                },
                "confidence_set_points": self.confidence_points,
                "comparison": {
                    "other_model": self.other_model,
                    "other_log_likelihood": self.other_loglik,
                    "likelihood_ratio_linkage_vs_baseline": self.likelihood_ratio,
                    "rough_p_value_chi2_1": self.rough_p_value,
                },
                "alternative_codes": self.alternative,
            }
        )

    def explain(self) -> str:
        """A plain-text report."""
        lines = [
            f"Structural estimate, {self.model} model, {len(self.events)} events: "
            f"log-likelihood {self.loglik:.3f}",
            "  P(complex)=Λ(M₂/μ), P(simple)=(1−Λ(M₂/μ))Λ(M₁/μ), Mₖ = min(min(B,hiₖ)−loₖ, hiₖ)",
        ]
        for row in self.parameter_rows():
            lines.append(
                f"  {row['symbol']:<3} {row['parameter']:<20} {row['estimate']:9.4g}  "
                f"95% [{row['low']:.4g}, {row['high']:.4g}]  {row['status']}"
                f"  (box {row['box'][0]:g}–{row['box'][1]:g}"
                + (", estimate at the box's end)" if row["at_bound"] else ")")
            )
        lines.append(
            "  Hessian eigenvalues (−ℓ, log coords): "
            + ", ".join(f"{v:.3g}" for v in self.eigenvalues)
        )
        for d in self.flat_directions:
            lines.append(
                "  flat direction: " + ", ".join(f"{SYMBOLS[k]} {v:+.2f}" for k, v in d.items())
            )
        in_score = self._score(self.fitted)
        lines.append(
            f"  in sample: log score {in_score[0]:.3f}, hit rate {in_score[1]:.2f}; "
            f"leave-one-out: log score {self.loo_log_score:.3f}, hit rate {self.loo_hit_rate:.2f}"
        )
        ref = self.reference_loo
        lines.append(
            f"  reference (other events' outcome frequencies): log score {ref[0]:.3f}, "
            f"hit rate {ref[1]:.2f}"
        )
        lines.append(
            f"  LR 2(ℓ̂_linkage − ℓ̂_baseline) = {self.likelihood_ratio:.3f} "
            f"({self.other_model} ℓ̂ = {self.other_loglik:.3f}; rough χ²₁ p = "
            f"{self.rough_p_value:.2f}, a finding, not a selection)"
        )
        if self.alternative:
            alt = self.alternative
            lines.append(
                f"  with the {len(alt['recoded'])} borderline events at their alternative codes: "
                + ", ".join(f"{SYMBOLS[n]} {alt['theta'][n]:.3g}" for n in self.names)
                + f" (ℓ̂ {alt['loglik']:.3f})"
            )
        lines.append(
            f"  claims at the estimate (share of {self.confidence_points} confidence-set points):"
        )
        for cid, m in self.claims.items():
            verdict = "holds" if m >= 0 else "fails"
            lines.append(
                f"    {cid:<4} {verdict:<6} margin {m:+.3g}  share {self.claim_shares[cid]:.2f}"
            )
        return "\n".join(lines)

    def write(self, out: str | Path) -> list[str]:
        """Write ``estimate.json`` (:meth:`to_dict`), the profile figure ``profiles.png`` /
        ``profiles.svg`` (deterministic SVG) and ``manifest.json`` into ``out``, atomically:
        ``out`` is new, empty or a previous estimate's output, replaced only when complete
        (:func:`coalition_games.outputs.write_output`). Returns the paths written."""
        folder = output_folder(out, COMMAND)
        manifest = write_output(folder, COMMAND, self._write_into, {"model": self.model})
        return [str(folder / name) for name in (*manifest["files"], MANIFEST)]

    def _write_into(self, folder: Path) -> list[str]:
        """Write estimate.json and the profile figure into ``folder``; return the file names."""
        (folder / "estimate.json").write_text(
            json.dumps(self.to_dict(), indent=2, allow_nan=False, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )
        written = ["estimate.json"]
        import matplotlib

        fig = profile_figure(self)
        with matplotlib.rc_context({"svg.hashsalt": "coalition-games", "svg.fonttype": "path"}):
            for fmt in ("png", "svg"):
                metadata = {"Date": None} if fmt == "svg" else {"Software": None}
                fig.savefig(folder / f"profiles.{fmt}", dpi=120, metadata=metadata)
                written.append(f"profiles.{fmt}")
        return written

    def _repr_html_(self) -> str:
        rows = "".join(
            "<tr>"
            + "".join(
                f"<td>{html.escape(str(v if not isinstance(v, float) else f'{v:.4g}'))}</td>"
                for v in (
                    r["symbol"],
                    r["parameter"],
                    r["estimate"],
                    r["low"],
                    r["high"],
                    r["status"],
                )
            )
            + "</tr>"
            for r in self.parameter_rows()
        )
        head = "".join(
            f"<th>{h}</th>" for h in ("", "parameter", "estimate", "low", "high", "status")
        )
        return (
            f"<p>Structural estimate ({html.escape(self.model)}), {len(self.events)} events, "
            f"ℓ̂ = {self.loglik:.3f}; LOO log score {self.loo_log_score:.3f}, hit rate "
            f"{self.loo_hit_rate:.2f}; LR linkage vs baseline {self.likelihood_ratio:.3f}</p>"
            f"<table><tr>{head}</tr>{rows}</table>"
        )


def estimate(
    model: str = "baseline",
    events: Sequence[Event] | None = None,
    *,
    seed: int = 0,
    random_starts: int = 4,
    grid: int = 11,
    claims: bool = True,
) -> Estimate:
    """Fit ``model`` (``"baseline"`` or ``"linkage"``) to the events (the shipped ones by default):
    the estimate, profile intervals, Hessian and flat directions, leave-one-out predictions, the
    claims at the estimate and over the confidence set, and the other model's ℓ̂ (module
    docstring).

    Parameters
    ----------
    model : ``"baseline"`` or ``"linkage"``.
    events : the events to fit (default: the shipped ones).
    seed : the seed of the random starts and of the profiles' fits (an integer ≥ 0); the same
        seed gives the same result, bit for bit.
    random_starts : the number of random starts per fit, 0 to :data:`SCREEN`.
    grid : the points of each profile's grid, 2 to :data:`MAX_GRID`.
    claims : compute the claims at the estimate and over the confidence set.

    Every argument is checked before any work: a ``TypeError`` or ``ValueError`` names it, its
    value and what is allowed.
    """
    if not isinstance(model, str) or model not in MODEL_PARAMETERS:
        raise ValueError(f"model={model!r}; allowed: {', '.join(map(repr, MODEL_PARAMETERS))}")
    seed = check_integer("seed", seed, 0)
    random_starts = check_integer("random_starts", random_starts, 0, SCREEN)
    grid = check_integer("grid", grid, 2, MAX_GRID)
    if not isinstance(claims, bool):
        raise TypeError(f"claims must be True or False, got {claims!r}")
    events = tuple(load_events() if events is None else events)
    data = EventData.from_events(events)
    # the baseline first; the linkage fit also starts from it with X̄ at the box's top, where
    # min(sσ, X̄) = sσ (σ ≤ 3, s ≤ 1): the linkage model nests the baseline inside the box
    base = fit(data, "baseline", starts=[START], random_starts=random_starts, seed=seed)
    top = {"linkage_cap": BOX["linkage_cap"][1]}
    link = fit(
        data, "linkage", random_starts=random_starts, seed=seed, starts=[base.theta | top, START]
    )
    best, other_fit = (base, link) if model == "baseline" else (link, base)
    other = "linkage" if model == "baseline" else "baseline"

    raw = {
        n: _profile(data, model, n, best, grid, seed + 1000 * (i + 1))
        for i, n in enumerate(MODEL_PARAMETERS[model])
    }
    for _, fits in raw.values():  # a profile that found a higher maximum improves the estimate
        for f in fits:
            if f.loglik > best.loglik:
                best = f
    profiles = {}
    for n, (g, fits) in raw.items():
        ll = np.array([f.loglik for f in fits])
        low, high, status = _interval(n, g, 2 * (best.loglik - ll), best.theta[n])
        profiles[n] = Profile(
            n,
            tuple(map(float, g)),
            tuple(map(float, ll)),
            tuple(f.theta for f in fits),
            low,
            high,
            status,
        )

    names = MODEL_PARAMETERS[model]
    hess = _hessian(data, names, best.theta)
    values, vectors = np.linalg.eigh(hess)
    flat = tuple(
        {n: float(c) for n, c in zip(names, vectors[:, k], strict=True) if abs(c) > 0.05}
        for k in range(len(names))
        if values[k] < FLAT
    )

    loo_p = np.zeros((len(data), 3))
    for i in range(len(data)):
        keep = np.arange(len(data)) != i
        f = fit(data.subset(keep), model, starts=[best.theta], random_starts=0, polish=False)
        loo_p[i] = probabilities(data.subset(np.array([i])), f.theta)[0]

    margins_at: dict[str, float] = {}
    shares: dict[str, float] = {}
    points = [best.theta] + [
        th
        for p in profiles.values()
        for th, ll in zip(p.thetas, p.loglik, strict=True)
        if 2 * (best.loglik - ll) <= CUTOFF
    ]
    if claims:
        cases = _cases()
        margins_at = claims_at(best.theta, model, cases)
        held = [claims_at(th, model, cases) for th in points]
        shares = {cid: float(np.mean([h[cid] >= 0 for h in held])) for cid in margins_at}

    recoded = [i for i, e in enumerate(events) if e.alternative_outcome is not None]
    alternative: dict[str, Any] = {}
    if recoded:
        observed = data.observed.copy()
        for i in recoded:
            alt = events[i].alternative_outcome
            assert alt is not None
            observed[i] = alt.code
        refit = fit(data.with_observed(observed), model, starts=[best.theta, START], seed=seed)
        alternative = {
            "recoded": [events[i].id for i in recoded],
            "theta": refit.theta,
            "loglik": refit.loglik,
        }

    return Estimate(
        model=model,
        events=tuple(e.row() | {"stake_unit": e.stake_unit} for e in events),
        theta=best.theta,
        loglik=best.loglik,
        profiles=profiles,
        hessian=hess,
        eigenvalues=tuple(map(float, values)),
        flat_directions=flat,
        fitted=probabilities(data, best.theta),
        loo=loo_p,
        claims=margins_at,
        claim_shares=shares,
        confidence_points=len(points),
        other_model=other,
        other_loglik=other_fit.loglik,
        alternative=alternative,
    )


def profile_figure(result: Estimate) -> Any:
    """The profile log-likelihood of each estimated parameter, with the 95% cut-off."""
    from matplotlib.figure import Figure

    names = result.names
    fig = Figure(figsize=(3.2 * len(names), 3.0), layout="constrained")
    axes = fig.subplots(1, len(names), squeeze=False).ravel()
    for ax, n in zip(axes, names, strict=True):
        p = result.profiles[n]
        ax.plot(p.grid, np.array(p.loglik) - result.loglik, marker="o", ms=3)
        ax.axhline(-CUTOFF / 2, color="grey", ls="--", lw=0.8)
        ax.axvline(result.theta[n], color="C3", lw=0.8)
        ax.plot([result.theta[n]], [0.0], marker="*", color="C3", ms=8)
        ax.set_xscale("log")
        ax.set_ylim(max(min(np.array(p.loglik) - result.loglik), -3 * CUTOFF) - 0.2, 0.3)
        ax.set_xlabel(f"{SYMBOLS[n]} ({n})")
        ax.set_title(p.status, fontsize=9)
    axes[0].set_ylabel("profile ℓ − ℓ̂")
    fig.suptitle(f"Profile likelihoods, {result.model} model ({len(result.events)} events)")
    return fig
