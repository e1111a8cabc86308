"""Monte Carlo over the calibrated ranges: tier probabilities, shares of evaluations, sensitivity.

Distributions (the model §5 "Uncertainty"; the choice is ours, stated here):

* Each **free** parameter of each case, and each hyper-parameter (:attr:`Case.free`), is drawn
  **independently** from a **triangular distribution** on its calibrated range [lo, hi] with its
  mode at the point estimate (the value is the most plausible number, the range its support);
  ``distribution="uniform"`` draws uniformly on [lo, hi] instead. A parameter whose range is one
  point is fixed. Draws are independent across free parameters and across cases, except:
* A **common** unknown — a free number marked ``common = true`` in the case files (see
  :mod:`coalition_games.cases`; :attr:`Case.common`), one number for all allies such as the
  leader's valuation λ — is drawn **once per draw for all the cases that mark it**: they share
  one uniform, hence (stating the same value and range, which is checked: two priors for one
  unknown are a ``ValueError``) the same value in every case in every draw. Every other number
  is per case: drawn independently in each case, also where every file states the same default
  (the same prior for different allies' unknowns is not one unknown). A case that does not mark
  a name common draws it on its own. This is the choice for the calibration's "common" numbers;
  drawing them per case (as revision 1 did) treats one unknown as five independent ones and
  averages its effect away across the allies.
* A **derived** parameter (``derived = { product = [...] }`` in the case file, see
  :mod:`coalition_games.cases`) is not drawn: it is computed in every draw from its drawn factors
  (:meth:`Case.derive`), so the calibration's own relations hold draw by draw. In the shipped
  cases v₂ = λ·m and e = λ·t·m with the hyper-parameter λ (``leader_scale``), hence e ≤ v₂ in
  every draw (t ≤ 1): the leader never "prefers sanctioning to membership" by a sampling artefact.
  A derived parameter's distribution is the product's (not triangular; its mode need not be the
  stated value, and its support is the interval product of the factors' ranges, which agrees with
  the stated range to :data:`coalition_games.cases.ROUNDING`).
* Independence is itself an assumption, not a conservative one: compared with the true joint
  distribution it can widen or narrow the spread of a result. Drawing v₂ and e independently, as
  an earlier version did, put mass on e > v₂ that the calibration rules exclude; free parameters
  that share evidence (t and m share the segment weights) are still drawn independently.
* Sampling is by inverse transform of uniforms U: x = F⁻¹(U). The draws are reproducible from
  ``seed`` (``numpy.random.SeedSequence(seed)``, one child stream per chunk of
  :data:`CHUNK` draws, so any number of draws runs in bounded memory); in each chunk the common
  unknowns' uniforms come first (in order of first appearance), then each case's own.

Sensitivity: for each case and free parameter or hyper-parameter (derived parameters are not
ranked: their variation is their factors'), the first-order index of the tier code T (0 infeasible,
1 simple, 2 complex) — the correlation ratio η² = Var(E[T | X_j]) / Var(T) (Pearson 1903; the
first-order Sobol index, Saltelli et al. 2008, *Global Sensitivity Analysis*, ch. 4) estimated on
:data:`BINS` equiprobable bins of X_j (the bins are the U-quantiles, exact by construction). The
ranking says which free parameters decide each dyad's tier (λ's index includes its effect through
v₂ and e); with no tier variation every index is 0.
For the tornado plot the index comes with E[T] and P(T = 2), the probability of a complex
coalition, in the lowest and the highest fifth of X_j.

>>> from coalition_games import cases
>>> from coalition_games.uncertainty import monte_carlo
>>> mc = monte_carlo([cases.read("us_japan")], draws=2000, seed=1)
>>> sorted(mc.probabilities["us_japan"])
['complex', 'infeasible', 'simple']
>>> round(sum(mc.probabilities["us_japan"].values()), 12)
1.0
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import numpy as np

from . import formulas
from .cases import Case
from .parameters import check_integer
from .results import TIER_ORDER, Table, frame, html_table
from .solution import Tier, jsonable

__all__ = [
    "BINS",
    "CHUNK",
    "DEFAULT_SEED",
    "DISTRIBUTIONS",
    "MAX_DRAWS",
    "MonteCarlo",
    "Sensitivity",
    "common_unknowns",
    "monte_carlo",
    "quantile",
]

#: Draws evaluated at once; also the unit of the random streams (part of the reproducibility).
CHUNK = 20_000
#: Equiprobable bins per parameter for the sensitivity index.
BINS = 20
#: Draws kept per case for uncertainty clouds in figures.
CLOUD = 2_000
DISTRIBUTIONS = ("triangular", "uniform")
#: The most draws of one run: the sensitivity keeps one byte per draw for each free parameter of
#: each case (about 100 MB for the five shipped cases at this maximum), and time grows linearly
#: (10,000 draws take a few seconds).
MAX_DRAWS = 1_000_000
#: The seed of every seeded run unless one is given (the reproduction, the CLI).
DEFAULT_SEED = 20240

#: One chunk of draws: per case id, each parameter's array of draws.
Samples = Mapping[str, Mapping[str, np.ndarray]]


def quantile(u: np.ndarray, lo: float, mode: float, hi: float, distribution: str) -> np.ndarray:
    """F⁻¹(u) of the triangular(lo, mode, hi) or uniform(lo, hi) distribution.

    Triangular: x = lo + √(u (hi − lo)(mode − lo)) for u < F(mode) = (mode − lo)/(hi − lo), else
    hi − √((1 − u)(hi − lo)(hi − mode)).

    >>> quantile(np.array([0.0, 0.5, 1.0]), 0.0, 0.5, 1.0, "triangular").tolist()
    [0.0, 0.5, 1.0]
    """
    if distribution not in DISTRIBUTIONS:
        raise ValueError(f"distribution={distribution!r}; allowed: {', '.join(DISTRIBUTIONS)}")
    if lo == hi:  # a fixed parameter (also a cap fixed at +inf)
        return np.full_like(u, lo)
    width = hi - lo
    if distribution == "uniform":
        return lo + u * width
    f_mode = (mode - lo) / width
    left = lo + np.sqrt(u * width * (mode - lo))
    right = hi - np.sqrt((1 - u) * width * (hi - mode))
    return np.minimum(np.maximum(np.where(u < f_mode, left, right), lo), hi)


@dataclass(frozen=True)
class Sensitivity:
    """A parameter's first-order index for one case's tier, with the tornado's two ends."""

    parameter: str
    index: float  #: η² = Var(E[T | X_j]) / Var(T)
    low: float  #: E[T] when X_j is in its lowest fifth
    high: float  #: E[T] when X_j is in its highest fifth
    complex_low: float = float("nan")  #: P(T = 2, complex) when X_j is in its lowest fifth
    complex_high: float = float("nan")  #: P(T = 2, complex) when X_j is in its highest fifth


@dataclass(frozen=True)
class MonteCarlo(Table):
    """The Monte Carlo results: per case tier probabilities and sensitivity; per evaluation, the
    share of draws in which it holds.

    ``to_frame()`` (``table="probabilities"``): one row per case — case, infeasible, simple,
    complex (the tier probabilities), mean_tier (E[T], T the tier code);
    ``to_frame("sensitivity")``: one row per case and ranked parameter — case, rank, parameter,
    index (η²), low, high (E[T] in the lowest and highest fifth of the parameter's draws);
    ``to_frame("shares")``: one row per evaluation — evaluation, share.
    """

    seed: int
    draws: int
    distribution: str
    probabilities: Mapping[str, Mapping[str, float]]
    sensitivity: Mapping[str, Sequence[Sensitivity]]
    shares: Mapping[str, float]  #: per evaluation, the share of draws in which it holds
    mean_tier: Mapping[str, float]
    clouds: Mapping[str, Mapping[str, np.ndarray]] = field(repr=False)

    def to_dict(self) -> dict[str, Any]:
        """Strict JSON (without the clouds): the settings, probabilities, shares, sensitivity."""
        return jsonable(
            {
                "seed": self.seed,
                "draws": self.draws,
                "distribution": self.distribution,
                "tier_probabilities": self.probabilities,
                "mean_tier": self.mean_tier,
                "shares": self.shares,
                "sensitivity": {
                    case: [vars(s) for s in ranked] for case, ranked in self.sensitivity.items()
                },
            }
        )

    def to_frame(self, table: str = "probabilities") -> Any:
        """``"probabilities"`` (default), ``"sensitivity"`` or ``"shares"`` as a
        ``pandas.DataFrame`` (columns in the class docstring)."""
        if table == "probabilities":
            rows = [
                {"case": c, **{t: p[t] for t in TIER_ORDER}, "mean_tier": self.mean_tier[c]}
                for c, p in self.probabilities.items()
            ]
            return frame(rows, ("case", *TIER_ORDER, "mean_tier"))
        if table == "sensitivity":
            rows = [
                {"case": c, "rank": k, **vars(s)}
                for c, ranked in self.sensitivity.items()
                for k, s in enumerate(ranked, 1)
            ]
            return frame(rows, ("case", "rank", "parameter", "index", "low", "high"))
        if table == "shares":
            rows = [{"evaluation": k, "share": v} for k, v in self.shares.items()]
            return frame(rows, ("evaluation", "share"))
        raise ValueError(f"table must be 'probabilities', 'sensitivity' or 'shares', got {table!r}")

    def _top(self, case: str, n: int = 3) -> str:
        ranked = [s for s in self.sensitivity[case][:n] if s.index > 0]
        return ", ".join(f"{s.parameter} {s.index:.2f}" for s in ranked) or "tier constant"

    def explain(self) -> str:
        """The settings, each case's tier probabilities and the parameters that decide them."""
        lines = [
            f"Monte Carlo: {self.draws:,} draws, seed {self.seed}, {self.distribution} "
            "distributions on the calibrated ranges."
        ]
        for case, p in self.probabilities.items():
            probs = ", ".join(f"P({t}) = {p[t]:.3f}" for t in TIER_ORDER)
            lines.append(f"  {case}: {probs}; decided by (η²) {self._top(case)}")
        if self.shares:
            held = ", ".join(f"{k} {v:.1%}" for k, v in self.shares.items())
            lines.append(f"  Shares of draws in which each evaluation holds: {held}.")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = [
            (c, *(f"{p[t]:.3f}" for t in TIER_ORDER), self.mean_tier[c], self._top(c))
            for c, p in self.probabilities.items()
        ]
        note = ""
        if self.shares:
            note = "Shares of draws in which each holds: " + ", ".join(
                f"{k} {v:.1%}" for k, v in self.shares.items()
            )
        return html_table(
            ("case", *(f"P({t})" for t in TIER_ORDER), "E[tier code]", "decided by (η²)"),
            rows,
            title=f"Monte Carlo: {self.draws:,} draws, seed {self.seed}, {self.distribution}",
            note=note or None,
        )


def common_unknowns(cases: Sequence[Case]) -> dict[str, tuple[str, ...]]:
    """The common unknowns of ``cases`` (module docstring): each name marked ``common`` by some
    case, with the ids of the cases that mark it (they share its draw).

    Raises ``ValueError`` when two cases state different values or ranges for one common unknown.

    >>> from coalition_games import cases
    >>> shared = common_unknowns([cases.read("us_japan"), cases.read("us_eu")])
    >>> shared["leader_scale"]
    ('us_japan', 'us_eu')
    """
    marked: dict[str, list[Case]] = {}
    for case in cases:
        for name in case.common:
            marked.setdefault(name, []).append(case)
    for name, marking in marked.items():
        first = marking[0].free[name]
        for case in marking[1:]:
            est = case.free[name]
            if (est.value, est.range) != (first.value, first.range):
                raise ValueError(
                    f"common unknown {name!r}: case {case.id!r} states {est.value:g} "
                    f"[{est.range[0]:g}, {est.range[1]:g}], case {marking[0].id!r} states "
                    f"{first.value:g} [{first.range[0]:g}, {first.range[1]:g}]; one unknown "
                    "has one value and range (or drop common = true where it is not shared)"
                )
    return {name: tuple(c.id for c in marking) for name, marking in marked.items()}


def _draw(
    cases: Sequence[Case], n: int, rng: np.random.Generator, distribution: str
) -> tuple[dict[str, dict[str, np.ndarray]], dict[str, dict[str, np.ndarray]]]:
    """Per case, every parameter's draws (derived ones computed) and the free uniforms; common
    unknowns share one row of uniforms (module docstring)."""
    shared = common_unknowns(cases)
    common_u = dict(zip(shared, rng.random((len(shared), n)), strict=True))
    samples, uniforms = {}, {}
    for case in cases:
        free = case.free
        own = [name for name in free if not free[name].common]
        u = dict(zip(own, rng.random((len(own), n)), strict=True))
        u = {name: common_u[name] if free[name].common else u[name] for name in free}
        uniforms[case.id] = u
        drawn = {
            name: quantile(u[name], est.range[0], est.value, est.range[1], distribution)
            for name, est in free.items()
        }
        # The hyper-parameters' draws are kept beside the parameters: a counterfactual recomputes
        # the derived parameters from them (the model §7).
        samples[case.id] = drawn | case.derive(drawn)
    return samples, uniforms


def _sensitivity(tiers: np.ndarray, bins: dict[str, np.ndarray]) -> list[Sensitivity]:
    t = tiers.astype(float)
    total = t.var()
    ranked = []
    for name, b in bins.items():
        counts = np.bincount(b, minlength=BINS)
        sums = np.bincount(b, weights=t, minlength=BINS)
        means = np.divide(sums, counts, out=np.full(BINS, t.mean()), where=counts > 0)
        between = np.sum(counts * (means - t.mean()) ** 2) / t.size
        fifth = BINS // 5

        complex_counts = np.bincount(b, weights=tiers == 2, minlength=BINS)

        def mean_of(sel: slice, means: np.ndarray = means, counts: np.ndarray = counts) -> float:
            return float(np.average(means[sel], weights=counts[sel])) if counts[sel].any() else 0

        def share_of(
            sel: slice, hits: np.ndarray = complex_counts, counts: np.ndarray = counts
        ) -> float:
            return float(hits[sel].sum() / counts[sel].sum()) if counts[sel].any() else 0

        low, high = slice(0, fifth), slice(BINS - fifth, BINS)
        ranked.append(
            Sensitivity(
                name,
                float(between / total) if total > 0 else 0.0,
                mean_of(low),
                mean_of(high),
                share_of(low),
                share_of(high),
            )
        )
    return sorted(ranked, key=lambda s: -s.index)


def monte_carlo(
    cases: Sequence[Case],
    *,
    draws: int = 10_000,
    seed: int = DEFAULT_SEED,
    distribution: str = "triangular",
    evaluations: Mapping[str, Callable[[Samples], Any]] | None = None,
    progress: Callable[[str], None] | None = None,
) -> MonteCarlo:
    """Draw every case's parameters ``draws`` times and evaluate tiers and claims as arrays.

    Parameters
    ----------
    cases : the calibrated cases (:func:`coalition_games.cases.read`); their common unknowns
        (:func:`common_unknowns`) are drawn once per draw for all of them.
    draws : number of joint draws, 1 to :data:`MAX_DRAWS`.
    seed : the seed of ``numpy.random.SeedSequence`` (an integer ≥ 0); the same seed gives the
        same results.
    distribution : ``"triangular"`` (default) or ``"uniform"`` on each range (module docstring).
    evaluations : named functions of one chunk's draws, ``{case id: {parameter: array}}``, each
        returning a boolean array over the draws (e.g. whether a claim holds); their shares of
        true draws are :attr:`MonteCarlo.shares`. The engine knows nothing of what they test.
    progress : called with a short message after each chunk.
    """
    draws = check_integer("draws", draws, 1, MAX_DRAWS)
    seed = check_integer("seed", seed, 0)
    if not isinstance(distribution, str) or distribution not in DISTRIBUTIONS:
        raise ValueError(f"distribution={distribution!r}; allowed: {', '.join(DISTRIBUTIONS)}")
    if isinstance(cases, (Case, str)) or not isinstance(cases, Iterable):
        raise TypeError(f"cases must be a sequence of Case objects, got {cases!r}")
    cases = list(cases)
    if not all(isinstance(c, Case) for c in cases):
        raise TypeError(f"cases must be Case objects (cases.read), got {cases!r}")
    ids = [c.id for c in cases]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise ValueError(
            f"cases: {', '.join(map(repr, twice))} given more than once; give each once"
        )
    by_id = {c.id: c for c in cases}
    sizes = [min(CHUNK, draws - start) for start in range(0, draws, CHUNK)]
    streams = np.random.SeedSequence(seed).spawn(len(sizes))
    tiers: dict[str, list[np.ndarray]] = {c: [] for c in by_id}
    bins: dict[str, dict[str, list[np.ndarray]]] = {c: {} for c in by_id}
    clouds: dict[str, dict[str, np.ndarray]] = {}
    evaluations = dict(evaluations or {})
    held = {name: 0 for name in evaluations}
    for i, (n, stream) in enumerate(zip(sizes, streams, strict=True)):
        samples, uniforms = _draw(cases, n, np.random.default_rng(stream), distribution)
        for cid, values in samples.items():
            ev = formulas.evaluate(SimpleNamespace(**values), formulas.ARRAY)
            tiers[cid].append(np.asarray(ev.tier, dtype=np.int8))
            for name, u in uniforms[cid].items():
                if not by_id[cid].free[name].fixed:
                    bins[cid].setdefault(name, []).append((u * BINS).astype(np.int8))
            if i == 0:  # CHUNK ≥ CLOUD: the first chunk holds the cloud
                clouds[cid] = {
                    k: values[k][:CLOUD] for k in ("security_dependency", "stranglehold")
                }
        for name, holds in evaluations.items():
            held[name] += int(np.count_nonzero(holds(samples)))
        if progress:
            progress(f"Monte Carlo: {sum(sizes[: i + 1]):,} of {draws:,} draws")
    all_tiers = {c: np.concatenate(t) for c, t in tiers.items()}
    return MonteCarlo(
        seed=seed,
        draws=draws,
        distribution=distribution,
        probabilities={
            c: {tier.value: float(np.mean(t == tier.code)) for tier in Tier}
            for c, t in all_tiers.items()
        },
        sensitivity={
            c: _sensitivity(t, {k: np.concatenate(v) for k, v in bins[c].items()})
            for c, t in all_tiers.items()
        },
        shares={k: v / draws for k, v in held.items()},
        mean_tier={c: float(t.mean()) for c, t in all_tiers.items()},
        clouds=clouds,
    )
