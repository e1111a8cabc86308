"""Multilateral coalitions: a leader and n allies (the model §5), built from the dyad game of §2.

The extension is an *option* on top of the baseline: every number comes from
:func:`coalition_games.formulas.evaluate` applied to each member's own dyad with three of its
parameters modified by the coalition it is in. With one ally the modifications vanish and the
coalition game *is* the dyad game (same tier, same side-payment; tested).

Conventions (fixed once here)
-----------------------------
Common unit. Each dyad measures payoffs in its ally's stake (annual semiconductor revenue); a
coalition adds every ally's stake ``W_i`` (US$ bn) so that values can be added across allies.

Coverage (export controls fail without the key exporters). Ally i's *contested supply* is
``x_i = W_i · m_i`` — its China-bound sales, the channel a complex coalition closes. With the
leader's own contested supply ``x_L``, the coverage of a member set S is::

    C(S) = (x_L + Σ_{j∈S} x_j) / (x_L + Σ_{j∈N} x_j)              (C(N) = 1)

and the leader's value of the complex coalition S is the members' closed channels at the
effectiveness the coverage allows (γ ≥ 0 the complementarity of coverage, γ = 0: none)::

    V₂(S) = C(S)^γ · Σ_{j∈S} W_j v₂ⱼ,        V₁(S) = Σ_{j∈S} W_j v₁ⱼ   (declarations: additive)

Holdouts (a holdout's market is taken by members). An ally outside a complex coalition M loses
to the members the share of its non-China market that friend-shoring moves::

    ℓ_i(M) = δ · max(0, 1 − m_i) · X(M∖i) / X(N∖i),    X(T) = Σ_{j∈T} x_j   (0 if X(N∖i) = 0)

with δ the displacement rate. It raises the value of joining exactly like the tech gain g does,
so in ally i's dyad ``g → g + ℓ_i``: payoffs are measured from the holdout baseline (both joining
and refusing shift by ℓ_i; the bargaining interval, which depends on differences, is exact).

Shared budget. The leader's budget is pooled: ``B = Σ_i W_i B_i`` unless given.

Bilateral bargains within a coalition ("Nash-in-Nash", Horn & Wolinsky 1988; Collard-Wexler,
Gowrisankaran & Lee 2019). Member i of S bargains with the leader over its own membership given
the others: the leader's value is i's *marginal* value ``v₂ → (V₂(S) − V₂(S∖i)) / W_i`` (and
``v₁`` as is), the cap is the whole pool ``B → B / W_i``, threats and abandonment are i's own.
S is *sustainable* at tier k iff every member's tier-k interval is non-empty and the pool covers
the reservation prices, ``Σ_i W_i max(0, lo_i) ≤ B``. Payments are the members' Nash payments;
if together they exceed the pool, each member's surplus share is scaled by a common factor
μ ∈ [0, 1] (``p_i = lower_i + μ (p̂_i − lower_i)``).

Stability (d'Aspremont et al. 1983, at optimal side-payments). S is *stable* at tier k iff it is
sustainable (no member wants out and the leader keeps every member) and no outsider j would join
if invited: j's interval in S ∪ {j} is empty or the budget left after S's payments cannot cover
j's reservation price.

The coalition's class is that of the grand coalition N: complex if N is sustainable at tier 2,
else simple if at tier 1, else infeasible.

Every subset is evaluated at once: the member dyads of all (S, i) pairs are laid out as numpy
arrays and their bargains computed by one call of ``formulas.bargains(…, ARRAY)``; 12 allies
(4,096 subsets) take milliseconds (``benchmarks/bench_coalitions.py``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import SimpleNamespace
from typing import Any

import numpy as np

from .. import formulas
from ..formulas import ARRAY, SCALAR, TOL, signed
from ..model import Dyad
from ..parameters import MAGNITUDE, PARAMETER_NAMES, check_real
from ..results import Result, Table, display, frame, html_fields, html_table
from ..solution import Tier, TierOutcome, demand_tier, jsonable, tier_outcomes

__all__ = [
    "MAX_ALLIES",
    "MIN_STAKE",
    "Coalition",
    "CoalitionAnalysis",
    "CoalitionDepth",
    "CoalitionError",
    "CoalitionMember",
    "CoalitionSolution",
    "DuplicateMemberError",
    "EmptyCoalitionError",
    "StableCoalition",
    "UnknownMemberError",
    "analyse_draws",
    "coalition_depth",
    "grand_margins",
    "grand_tier_codes",
    "member_depths",
    "member_dyad",
    "solve_coalition",
]

#: Exact enumeration is over all 2ⁿ subsets; beyond this many allies it is refused.
MAX_ALLIES = 16
#: The smallest stake (US$ bn): 1/``MAGNITUDE``, so that a stake times a parameter neither
#: underflows nor loses the parameter's meaning (a stake is at most ``MAGNITUDE`` too).
MIN_STAKE = 1 / MAGNITUDE


class CoalitionError(ValueError):
    """A coalition is ill-formed (base class of the named coalition errors)."""


class EmptyCoalitionError(CoalitionError):
    """A coalition (or a member set) with no ally."""


class DuplicateMemberError(CoalitionError):
    """The same ally appears twice in a coalition or a member set."""


class UnknownMemberError(CoalitionError):
    """A member set names an ally that is not in the coalition."""


@dataclass(frozen=True)
class CoalitionMember:
    """An ally in a coalition: its dyad with the leader and its stake W (US$ bn, the common unit).

    ``supply`` is its contested supply x = W·m (China-bound sales, US$ bn). ``case`` optionally
    names the calibrated case the dyad came from (parameter paths are keyed by it).
    """

    dyad: Dyad
    stake: float
    case: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.dyad, Dyad):
            raise TypeError(f"dyad must be a coalition_games.Dyad, got {type(self.dyad).__name__}")
        object.__setattr__(self, "stake", check_real("stake", self.stake, MIN_STAKE))

    @property
    def name(self) -> str:
        """The ally's name (``dyad.ally``)."""
        return self.dyad.ally

    @property
    def supply(self) -> float:
        """x = W·m: the ally's China-bound sales, the channel a complex coalition closes."""
        return self.stake * self.dyad.market_loss


@dataclass(frozen=True)
class Coalition:
    """A leader and its allies (the model §5); see the module docstring for the model.

    Parameters
    ----------
    name : e.g. ``"Chip 4"``.
    members : the allies (at least one, at most ``MAX_ALLIES``, distinct names, one leader).
    leader_supply : x_L ≥ 0, the leader's own contested supply (US$ bn).
    complementarity : γ ≥ 0, the exponent of coverage in V₂ (1: proportional).
    displacement : δ ∈ [0, 1], the share of a holdout's non-China market members can take.
    budget : the pooled side-payment budget (US$ bn); default Σ W_i B_i.

    Examples
    --------
    >>> from coalition_games import Dyad
    >>> japan = CoalitionMember(Dyad(ally="Japan", security_dependency=0.98), stake=95.0)
    >>> korea = CoalitionMember(Dyad(ally="South Korea", market_loss=0.6), stake=130.0)
    >>> chip = Coalition("pair", (japan, korea), leader_supply=96.0)
    >>> round(chip.coverage(["Japan"]), 3)      # (96 + 95·0.3) / (96 + 95·0.3 + 130·0.6)
    0.615
    """

    name: str
    members: tuple[CoalitionMember, ...]
    leader_supply: float
    complementarity: float = 1.0
    displacement: float = 0.1
    budget: float | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise TypeError(f"name must be a non-empty string, got {self.name!r}")
        if isinstance(self.members, (str, CoalitionMember)) or not isinstance(
            self.members, Iterable
        ):
            raise TypeError(
                f"members must be a sequence of CoalitionMember objects, got {self.members!r}"
            )
        members = tuple(self.members)
        if not members:
            raise EmptyCoalitionError(f"coalition {self.name!r} has no member; give at least one")
        for member in members:
            if not isinstance(member, CoalitionMember):
                raise TypeError(
                    f"members must be CoalitionMember objects, got {type(member).__name__}"
                )
        names = [m.name for m in members]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise DuplicateMemberError(
                f"coalition {self.name!r} lists {', '.join(map(repr, duplicates))} more than once"
            )
        if len(members) > MAX_ALLIES:
            raise CoalitionError(
                f"coalition {self.name!r} has {len(members)} allies; exact enumeration allows "
                f"at most {MAX_ALLIES}"
            )
        leaders = sorted({m.dyad.leader for m in members})
        if len(leaders) > 1:
            raise CoalitionError(f"members have different leaders: {', '.join(leaders)}")
        object.__setattr__(self, "members", members)
        object.__setattr__(
            self, "leader_supply", check_real("leader_supply", self.leader_supply, 0.0)
        )
        object.__setattr__(
            self, "complementarity", check_real("complementarity", self.complementarity, 0.0)
        )
        object.__setattr__(
            self, "displacement", check_real("displacement", self.displacement, 0.0, 1.0)
        )
        if self.budget is not None:
            object.__setattr__(self, "budget", check_real("budget", self.budget, 0.0))
        self._check_magnitudes()

    def _check_magnitudes(self) -> None:
        """Each member's bilateral dyad (pool and the coalition's value in its own stakes, tech
        gain plus holdout loss) must be a valid Dyad: within ``parameters.MAGNITUDE``. One ally's
        bilateral dyad is its own (its pool is its budget, it has no holdout loss)."""
        members = self.members
        if len(members) == 1 and self.budget is None:
            return
        pool = (
            self.budget
            if self.budget is not None
            else math.fsum(m.stake * m.dyad.side_payment_budget for m in members)
        )
        value = math.fsum(
            m.stake * max(m.dyad.leader_value_complex, m.dyad.leader_value_simple) for m in members
        )
        for m in members:
            worst = {
                "the pooled budget": pool / m.stake,
                "the coalition's value to the leader": value / m.stake,
                "its tech gain plus the largest holdout loss": m.dyad.tech_gain + self.displacement,
            }
            for what, amount in worst.items():
                if amount > MAGNITUDE:
                    raise CoalitionError(
                        f"coalition {self.name!r}: for {m.name!r} (stake {m.stake:g} bn) {what} "
                        f"is {amount:.3g} of its stakes, beyond the magnitude limit {MAGNITUDE:g}"
                        " (parameters.MAGNITUDE); give members stakes of comparable size"
                    )

    # -- basic quantities ------------------------------------------------------------------
    @property
    def names(self) -> tuple[str, ...]:
        """The allies' names, in order."""
        return tuple(m.name for m in self.members)

    @property
    def leader(self) -> str:
        """The leader's name."""
        return self.members[0].dyad.leader

    @property
    def pool(self) -> float:
        """The pooled budget B (US$ bn): ``budget`` if given, else Σ W_i B_i."""
        return self.analysis.tables.pool

    def replace_members(self, dyads: Mapping[str, Dyad]) -> Coalition:
        """A copy with some members' dyads replaced (by ally name), stakes kept."""
        unknown = sorted(set(dyads) - set(self.names))
        if unknown:
            raise UnknownMemberError(f"not members of {self.name!r}: {', '.join(unknown)}")
        members = tuple(
            CoalitionMember(dyads.get(m.name, m.dyad), m.stake, m.case) for m in self.members
        )
        return Coalition(
            self.name,
            members,
            self.leader_supply,
            self.complementarity,
            self.displacement,
            self.budget,
        )

    def mask(self, names: Iterable[str]) -> int:
        """The bitmask of a member set (bit i = ``members[i]``); named errors for bad sets."""
        if isinstance(names, str):
            names = [names]
        names = list(names)
        if not names:
            raise EmptyCoalitionError("a member set must name at least one ally")
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise DuplicateMemberError(f"member set lists {', '.join(duplicates)} twice")
        index = {n: i for i, n in enumerate(self.names)}
        unknown = [n for n in names if n not in index]
        if unknown:
            raise UnknownMemberError(
                f"not members of {self.name!r}: {', '.join(map(repr, unknown))}; "
                f"members: {', '.join(self.names)}"
            )
        return sum(1 << index[n] for n in names)

    def members_of(self, mask: int) -> tuple[str, ...]:
        """The names in a bitmask, in member order."""
        return tuple(n for i, n in enumerate(self.names) if mask >> i & 1)

    def coverage(self, names: Iterable[str]) -> float:
        """C(S) = (x_L + Σ_S x_j) / (x_L + Σ_N x_j): the share of the contested supply covered."""
        return float(self.analysis.tables.coverage[self.mask(names)])

    def leader_value(self, names: Iterable[str], tier: Tier | str = Tier.COMPLEX) -> float:
        """V_k(S) in US$ bn: C(S)^γ Σ_S W v₂ for the complex tier, Σ_S W v₁ for the simple one."""
        tier = demand_tier(tier)
        table = self.analysis.tables.value2 if tier is Tier.COMPLEX else self.analysis.tables.value1
        return float(table[self.mask(names)])

    def holdout_loss(self, ally: str, names: Iterable[str]) -> float:
        """ℓ_i(M): what ally i loses (in its stake) as a holdout of the complex coalition M."""
        i = self.names.index(self._check_name(ally))
        mask = 0 if not list(names) else self.mask(names)
        return float(self.holdout_losses(np.array([mask]), np.array([i]))[0])

    def _check_name(self, ally: str) -> str:
        if ally not in self.names:
            raise UnknownMemberError(f"{ally!r} is not a member of {self.name!r}")
        return ally

    # -- vectorised tables over all subsets -------------------------------------------------
    def _parameter_table(self) -> dict[str, np.ndarray]:
        """Each parameter as an (n, 1) array: the members' dyads, one draw."""
        return {
            name: np.array([[getattr(m.dyad, name)] for m in self.members])
            for name in PARAMETER_NAMES
        }

    @cached_property
    def _draws(self) -> SimpleNamespace:
        return _analyse(self, self._parameter_table())

    @cached_property
    def analysis(self) -> CoalitionAnalysis:
        """Every member subset's tables and solutions at the members' dyads (one draw)."""
        ns = self._draws
        return CoalitionAnalysis(
            tables=_squeeze(ns.tables),
            grid=_squeeze(ns.grid),
            solved={tier: _squeeze(s) for tier, s in ns.solved.items()},
        )

    def holdout_losses(self, masks: np.ndarray, i: np.ndarray) -> np.ndarray:
        """ℓ_i(M) for arrays of member masks M and ally indices i (M's bit i is ignored)."""
        return _holdout(self, self._draws.tables, masks, i)[:, 0]

    # -- public analyses -------------------------------------------------------------------
    def sustainable(self, names: Iterable[str], tier: Tier | str) -> bool:
        """Whether member set S sustains tier k (every bilateral bargain agrees, pool suffices)."""
        return bool(self.analysis.solved[demand_tier(tier)].sustainable[self.mask(names)])

    def stable(self, names: Iterable[str], tier: Tier | str) -> bool:
        """Whether S is stable at tier k: sustainable, and no invited outsider would join."""
        return bool(self.analysis.solved[demand_tier(tier)].stable[self.mask(names)])

    def stable_coalitions(self) -> tuple[StableCoalition, ...]:
        """Every stable (member set, tier), complex first, larger sets first, then member order."""
        found = []
        for tier in (Tier.COMPLEX, Tier.SIMPLE):
            solved = self.analysis.solved[tier]
            for mask in np.flatnonzero(solved.stable):
                found.append(
                    StableCoalition(
                        tier=tier,
                        members=self.members_of(int(mask)),
                        payments=self._payments(int(mask), tier),
                        coverage=float(self.analysis.tables.coverage[mask]),
                    )
                )
        rank = {n: i for i, n in enumerate(self.names)}
        found.sort(key=lambda c: (-c.tier.code, -len(c.members), [rank[n] for n in c.members]))
        return tuple(found)

    def _payments(self, mask: int, tier: Tier) -> dict[str, float]:
        paid = self.analysis.solved[tier].paid[mask]
        return {n: float(paid[i]) for i, n in enumerate(self.names) if mask >> i & 1}


class Deferred(SimpleNamespace):
    """A namespace whose entries in ``deferred`` (name → function of the namespace) are computed
    when first read and then kept: a claim over draws pays only for the parts it reads (the
    payments and stability of every subset are read by the one-draw analysis)."""

    def __init__(self, deferred: Mapping[str, Callable[[Any], Any]], **values: Any) -> None:
        super().__init__(**values)
        self.__dict__["_deferred"] = dict(deferred)

    def __getattr__(self, name: str) -> Any:
        make = self.__dict__.get("_deferred", {}).pop(name, None)
        if make is None:
            raise AttributeError(name)
        value = make(self)
        setattr(self, name, value)
        return value

    def fields(self) -> dict[str, Any]:
        """Every entry, the deferred ones computed."""
        for name in list(self.__dict__["_deferred"]):
            getattr(self, name)
        return {k: v for k, v in vars(self).items() if k != "_deferred"}


def _squeeze(ns: SimpleNamespace) -> SimpleNamespace:
    """The single draw of an analysis (drop the trailing draws axis of every array)."""
    out = {}
    items = ns.fields() if isinstance(ns, Deferred) else vars(ns)
    for key, value in items.items():
        if isinstance(value, dict):
            value = {k: _squeeze(v) for k, v in value.items()}
        elif isinstance(value, SimpleNamespace):
            value = _squeeze(value)
        elif key == "pool":
            value = float(value[0])
        elif isinstance(value, np.ndarray) and value.ndim >= 2 and key != "bits":
            value = value[..., 0]
        out[key] = value
    return SimpleNamespace(**out)


def _holdout(
    coalition: Coalition, t: SimpleNamespace, masks: np.ndarray, i: np.ndarray
) -> np.ndarray:
    """ℓ_i(M) per draw, shape (len(masks), D)."""
    others = t.bits[masks] & (np.arange(t.n)[None, :] != i[:, None])
    covered = others.astype(float) @ t.supply
    outside = t.supply.sum(0)[None, :] - t.supply[i]
    share = np.where(outside > 0, covered / np.where(outside > 0, outside, 1.0), 0.0)
    return coalition.displacement * np.maximum(0.0, 1.0 - t.market[i]) * share


def _analyse(coalition: Coalition, params: Mapping[str, np.ndarray]) -> SimpleNamespace:
    """Tables, grid and per-subset solutions for parameters of shape (n, D) (D draws).

    One code path for one dyad per member (D = 1) and for Monte Carlo draws.
    """
    n = len(coalition.members)
    masks = np.arange(1 << n)
    bits = ((masks[:, None] >> np.arange(n)[None, :]) & 1).astype(bool)  # (2ⁿ, n)
    params = {k: np.asarray(v, dtype=float) for k, v in params.items()}
    draws = max(v.shape[1] for v in params.values())
    params = {k: np.broadcast_to(v, (n, draws)) for k, v in params.items()}
    stake = np.array([[m.stake] for m in coalition.members])  # (n, 1)
    supply = stake * params["market_loss"]  # (n, D)
    x_all = coalition.leader_supply + supply.sum(0)  # (D,)
    covered = coalition.leader_supply + bits.astype(float) @ supply  # (2ⁿ, D)
    coverage = np.where(x_all > 0, covered / np.where(x_all > 0, x_all, 1.0), 1.0)
    effectiveness = coverage**coalition.complementarity
    value2 = effectiveness * (bits.astype(float) @ (stake * params["leader_value_complex"]))
    value1 = bits.astype(float) @ (stake * params["leader_value_simple"])
    if coalition.budget is not None:
        pool = np.full(draws, coalition.budget)
        share = pool[None, :] / stake  # each member's cap: the whole pool, in its own stakes
    else:
        pool = (stake * params["side_payment_budget"]).sum(0)
        # one ally's pool is its own budget: B exactly (not W·B/W, which may round past it)
        share = params["side_payment_budget"] if n == 1 else pool[None, :] / stake
    t = SimpleNamespace(
        n=n,
        masks=masks,
        bits=bits,
        stake=stake[:, 0],
        # Comparisons in US$ bn allow the dyads' TOL per unit of stake, scaled by all stakes.
        tol=TOL * float(stake.sum()),
        supply=supply,
        market=params["market_loss"],
        coverage=coverage,
        effectiveness=effectiveness,
        value2=value2,
        value1=value1,
        pool=pool,
    )
    # Every (S, i): member i of S ∪ {i}, bargained by formulas.bargains at once, on arrays of
    # shape (2ⁿ, n, D); what does not depend on S (most parameters) broadcasts from (1, n, D),
    # so it is computed once per member, not once per subset.
    grid_masks = np.repeat(masks, n)
    i = np.tile(np.arange(n), len(masks))
    with_i = grid_masks | (1 << i)
    without_i = grid_masks & ~(1 << i)
    shape = (len(masks), n, draws)
    member = {name: v[None] for name, v in params.items()}  # (1, n, D)
    w = t.stake[i][:, None]
    member["leader_value_complex"] = np.where(
        (without_i == 0)[:, None],  # i alone: V₂({i}) / W_i = C({i})^γ v₂ᵢ, without rounding
        effectiveness[with_i] * params["leader_value_complex"][i],
        (value2[with_i] - value2[without_i]) / w,
    ).reshape(shape)
    holdout = _holdout(coalition, t, grid_masks, i).reshape(shape)
    member["tech_gain"] = member["tech_gain"] + holdout
    member["side_payment_budget"] = np.broadcast_to(share, (n, draws))[None]
    namespace = SimpleNamespace(**member)
    ev = formulas.bargains(namespace, ARRAY)

    def grid_shape(x: Any, dtype: Any = float) -> np.ndarray:
        return np.broadcast_to(np.asarray(x, dtype), shape)

    def payment(terms: formulas.TierTerms) -> Callable[[Any], np.ndarray]:
        return lambda g: grid_shape(formulas.nash_payment(namespace, terms, ARRAY))

    grid = SimpleNamespace(
        tiers={
            tier: Deferred(
                {"payment": payment(terms)},
                lo=grid_shape(terms.lo),
                hi=grid_shape(terms.hi),
                lower=grid_shape(terms.lower),
                upper=grid_shape(terms.upper),
                sustainable=grid_shape(terms.sustainable, bool),
            )
            for tier, terms in ((Tier.SIMPLE, ev.simple), (Tier.COMPLEX, ev.complex))
        },
        credible=grid_shape(ev.credible, bool),
        sanction_gain=grid_shape(ev.gain),
        budget=np.broadcast_to(share, (n, draws)),  # each member's cap, in its own stakes
    )
    # Per tier and subset: sustainable; payments (US$ bn) and external stability when read.
    inside = bits[:, :, None]
    w3 = t.stake[None, :, None]
    solved = {}
    for tier, terms in grid.tiers.items():
        w_lower = np.where(inside, w3 * terms.lower, 0.0)
        need = w_lower.sum(1)  # (2ⁿ, D)
        every = np.all(terms.sustainable | ~inside, axis=1)
        # the pool covers the prices; for one member that is its own interval's B ≥ max(0, lo),
        # already decided (within TOL) by its bilateral bargain
        covered = (need <= pool[None, :] + t.tol) | (bits.sum(1) == 1)[:, None]
        sustainable = every & covered & (masks > 0)[:, None]

        def paid(s: Deferred, terms: Any = terms, w_lower: Any = w_lower, need: Any = need) -> Any:
            w_nash = np.where(inside, w3 * terms.payment, 0.0)
            want = w_nash.sum(1)
            slack = np.where(want - need > 0, want - need, 1.0)
            mu = np.clip((pool[None, :] - need) / slack, 0.0, 1.0)
            mu = np.where(want <= pool[None, :] + t.tol, 1.0, mu)
            return np.where(inside, w_lower + mu[:, None, :] * (w_nash - w_lower), 0.0)

        def joins(s: Deferred, terms: Any = terms) -> Any:
            # An outsider j joins S iff its interval in S ∪ {j} is non-empty with what is left.
            left = pool[None, :] - s.paid.sum(1)
            return (
                ~inside
                & ARRAY.ge(terms.hi, terms.lower)
                & (w3 * terms.lower <= left[:, None, :] + t.tol)
            )

        solved[tier] = Deferred(
            {
                "paid": paid,
                "joins": joins,
                "stable": lambda s: s.sustainable & ~np.any(s.joins, axis=1),
            },
            sustainable=sustainable,
            lower=terms.lower,
            lo=terms.lo,
        )
    return SimpleNamespace(tables=t, grid=grid, solved=solved)


def analyse_draws(
    coalition: Coalition, samples: Mapping[str, Mapping[str, Any]] | None = None
) -> SimpleNamespace:
    """Every member subset's tables, bargains and solutions for D draws of the members'
    parameters (the arrays of :class:`CoalitionAnalysis`, with a trailing axis of D draws).

    ``samples[ally name][parameter]`` is an array of D draws (or a scalar); a member or
    parameter without samples keeps its dyad's value. Same code path as ``solve_coalition``.
    """
    samples = samples or {}
    unknown = sorted(set(samples) - set(coalition.names))
    if unknown:
        raise UnknownMemberError(f"not members of {coalition.name!r}: {', '.join(unknown)}")
    params = {}
    for name in PARAMETER_NAMES:
        rows = [
            np.atleast_1d(np.asarray(samples.get(m.name, {}).get(name, getattr(m.dyad, name))))
            for m in coalition.members
        ]
        draws = max(len(r) for r in rows)
        params[name] = np.stack([np.broadcast_to(r, (draws,)) for r in rows])
    return _analyse(coalition, params)


def grand_tier_codes(coalition: Coalition, samples: Mapping[str, Mapping[str, Any]]) -> np.ndarray:
    """The grand coalition's class (0, 1, 2) for each of D draws (see :func:`analyse_draws`)."""
    solved = analyse_draws(coalition, samples).solved
    grand = (1 << len(coalition.members)) - 1
    complex_ = solved[Tier.COMPLEX].sustainable[grand]
    simple = solved[Tier.SIMPLE].sustainable[grand]
    return np.where(complex_, 2, np.where(simple, 1, 0))


def grand_margins(
    coalition: Coalition,
    samples: Mapping[str, Mapping[str, Any]] | None = None,
    analysis: SimpleNamespace | None = None,
) -> dict[Tier, np.ndarray]:
    """Per tier, the grand coalition's sustainability margin for each of D draws: ≥ 0 exactly
    where it sustains the tier (the sign is the verdict of ``solve_coalition``).

    Its size is the smallest slack of the conditions: each member's bilateral interval within
    the coalition, min(B_i, hi_i) − max(0, lo_i) (own stake, B_i its share of the pool), and the
    pool less the payments needed, Σ W_i max(0, lo_i), over the members' total stake.
    ``analysis`` is :func:`analyse_draws`' result when it is already at hand.
    """
    found = analysis if analysis is not None else analyse_draws(coalition, samples)
    t = found.tables
    grand = (1 << t.n) - 1
    stake = t.stake[:, None]
    out = {}
    for tier, terms in found.grid.tiers.items():
        lower, upper = terms.lower[grand], terms.upper[grand]  # (n, D)
        need = (stake * lower).sum(0)
        slack = (
            np.minimum((upper - lower).min(0), (t.pool - need) / float(t.stake.sum()))
            + formulas.TOL
        )
        out[tier] = signed(found.solved[tier].sustainable[grand], slack)
    return out


@dataclass(frozen=True)
class CoalitionAnalysis:
    """Every member subset S of a coalition (indexed by its bit mask), at one draw.

    ``tables``: per S the coverage, the leader's values v₁(S), v₂(S), the pool, the member bits
    and stakes; ``grid``: per (S, member) the bilateral bargains; ``solved``: per demanded tier,
    per S whether it is sustainable and stable and what each member is paid. Read by
    :mod:`.accession` and :mod:`.cooperative`; built once per coalition
    (:attr:`Coalition.analysis`).
    """

    tables: SimpleNamespace
    grid: SimpleNamespace
    solved: Mapping[Tier, SimpleNamespace]


@dataclass(frozen=True)
class StableCoalition(Result):
    """A stable member set at a tier, with each member's side-payment (US$ bn) and coverage."""

    tier: Tier
    members: tuple[str, ...]
    payments: Mapping[str, float]
    coverage: float

    def explain(self) -> str:
        """One line: the tier, the members with their payments, the coverage."""
        paid = ", ".join(f"{n} {display(p)}" for n, p in self.payments.items())
        return (
            f"{self.tier.value} {{{', '.join(self.members)}}}: payments (US$ bn) {paid}; "
            f"coverage {display(self.coverage)}"
        )

    def to_dict(self) -> dict[str, Any]:
        """Strict JSON: tier, members, payments (US$ bn), coverage."""
        return jsonable(
            {
                "tier": self.tier.value,
                "members": list(self.members),
                "payments": dict(self.payments),
                "coverage": self.coverage,
            }
        )

    def _repr_html_(self) -> str:
        return html_fields(
            f"Stable {self.tier.value} coalition",
            [
                ("members", list(self.members)),
                *((f"payment to {n} (US$ bn)", p) for n, p in self.payments.items()),
                ("coverage", self.coverage),
            ],
        )


def member_dyad(
    coalition: Coalition, names: Iterable[str], ally: str, budget: float | None = None
) -> Dyad:
    """Ally i's bilateral game inside member set S ∪ {i} (the scalar route, for one pair).

    ``v₂ → (V₂(S ∪ i) − V₂(S ∖ i)) / W_i``, ``g → g + ℓ_i(S)``, ``B → budget / W_i`` (default:
    the whole pool; ``budget`` in US$ bn, as the coalition's). ``solve(member_dyad(...))`` is
    the member's Nash bargain given the others.
    """
    coalition._check_name(ally)
    names = [n for n in names if n != ally]
    i = coalition.names.index(ally)
    if budget is None:
        cap = float(coalition._draws.grid.budget[i, 0])
    else:
        budget = check_real("budget", budget, 0.0)
        cap = budget / coalition.members[i].stake
        if cap > MAGNITUDE:
            raise ValueError(
                f"budget = {budget!r} bn is {cap:.3g} of {ally!r}'s stakes (stake "
                f"{coalition.members[i].stake:g} bn), beyond the magnitude limit {MAGNITUDE:g}"
            )
    return _member(coalition, names, i, cap)


def _member(coalition: Coalition, names: list[str], i: int, cap: float) -> Dyad:
    """Member i's bilateral dyad in S ∪ {i} (S = ``names`` without i) with the budget ``cap``
    (in its own stakes)."""
    mask = coalition.mask(names) if names else 0
    member = coalition.members[i]
    t = coalition.analysis.tables
    with_i, without_i = mask | 1 << i, mask & ~(1 << i)
    if without_i == 0:  # i alone: V₂({i}) / W_i = C({i})^γ v₂ᵢ, as the grid computes it
        value = float(t.effectiveness[with_i] * member.dyad.leader_value_complex)
    else:
        value = float((t.value2[with_i] - t.value2[without_i]) / member.stake)
    return member.dyad.replace(
        leader_value_complex=value,
        tech_gain=member.dyad.tech_gain + coalition.holdout_loss(member.name, names),
        side_payment_budget=cap,
    )


@dataclass(frozen=True)
class CoalitionSolution(Table):
    """The grand coalition's class and its members' bargains (the model §5).

    Attributes
    ----------
    coalition : the game solved.
    tier : complex if all allies sustain tier 2 together, else simple if tier 1, else infeasible.
    payments : side-payment per ally (US$ bn) at the class tier (empty if infeasible).
    members : each ally's ``TierOutcome`` at the class tier (complex tier if infeasible), from its
        dyad inside the coalition with its allocated payment as budget.
    budget_used : Σ payments (US$ bn), against ``coalition.pool``.
    stable : every stable (member set, tier).
    details : the coverage and leader's value of the grand coalition.

    ``to_frame()``: one row per ally — ally, stake (US$ bn), tier (the tier its bargain is shown
    at), sustainable, payment (US$ bn; NaN without a coalition), its interval (low, high, own
    stake), margin, binding constraint, voluntary margin.
    """

    coalition: Coalition
    tier: Tier
    payments: Mapping[str, float]
    members: Mapping[str, TierOutcome]
    budget_used: float
    stable: tuple[StableCoalition, ...]
    details: Mapping[str, Any] = field(default_factory=dict)

    def explain(self) -> str:
        """A plain-language account."""
        c = self.coalition
        lines = [
            f"{c.name} ({c.leader} + {', '.join(c.names)}): {self.tier.value.upper()} coalition",
            f"  Pooled budget {c.pool:.4g} bn, used {self.budget_used:.4g} bn.",
        ]
        for name, out in self.members.items():
            status = "agrees" if out.sustainable else "refuses"
            paid = self.payments.get(name)
            lines.append(
                f"  {name}: {status} at the {out.tier.value} tier; interval "
                f"[{out.interval[0]:.3g}, {out.interval[1]:.3g}] of its stake"
                + (f", paid {paid:.4g} bn" if paid is not None else "")
                + f"; voluntary margin {out.voluntary_margin:.3g}."
            )
        stable = [f"{s.tier.value} {{{', '.join(s.members)}}}" for s in self.stable]
        lines.append(f"  Stable coalitions: {'; '.join(stable) or 'none'}.")
        return "\n".join(lines)

    def _rows(self) -> list[tuple[Any, ...]]:
        stakes = {m.name: m.stake for m in self.coalition.members}
        return [
            (
                name,
                stakes[name],
                out.tier.value,
                out.sustainable,
                self.payments.get(name, math.nan),
                out.interval[0],
                out.interval[1],
                out.margin,
                out.binding,
                out.voluntary_margin,
            )
            for name, out in self.members.items()
        ]

    _COLUMNS = (
        "ally",
        "stake",
        "tier",
        "sustainable",
        "payment",
        "interval_low",
        "interval_high",
        "margin",
        "binding",
        "voluntary_margin",
    )

    def to_frame(self) -> Any:
        """The members' bargains as a ``pandas.DataFrame`` (columns in the class docstring)."""
        return frame(
            [dict(zip(self._COLUMNS, row, strict=True)) for row in self._rows()],
            self._COLUMNS,
            tiers=("tier",),
        )

    def to_dict(self) -> dict[str, Any]:
        """Strict JSON: the class, payments and budget (US$ bn), each member's bargain, the
        stable coalitions."""
        return jsonable(
            {
                "coalition": self.coalition.name,
                "leader": self.coalition.leader,
                "allies": list(self.coalition.names),
                "tier": self.tier.value,
                "payments": dict(self.payments),
                "budget": self.coalition.pool,
                "budget_used": self.budget_used,
                "members": {n: out.to_dict() for n, out in self.members.items()},
                "stable": [s.to_dict() for s in self.stable],
                "details": dict(self.details),
            }
        )

    def _repr_html_(self) -> str:
        c = self.coalition
        rows = [
            (name, stake, tier, ok, pay, f"[{display(lo)}, {display(hi)}]", margin, vm)
            for name, stake, tier, ok, pay, lo, hi, margin, _, vm in self._rows()
        ]
        stable = "; ".join(f"{s.tier.value} {{{', '.join(s.members)}}}" for s in self.stable)
        return html_table(
            (
                "ally",
                "stake (US$ bn)",
                "tier",
                "agrees",
                "payment (US$ bn)",
                "interval (own stake)",
                "margin",
                "voluntary margin",
            ),
            [tuple(None if v != v else v for v in row) for row in rows],  # NaN payment: none
            title=f"{c.name} ({c.leader} + {', '.join(c.names)}): {self.tier.value} coalition",
            note=f"Pooled budget {display(c.pool)} bn, used {display(self.budget_used)} bn. "
            f"Stable coalitions: {stable or 'none'}.",
        )


def solve_coalition(coalition: Coalition) -> CoalitionSolution:
    """Classify a coalition and solve its members' bargains (the model §5; module docstring).

    Examples
    --------
    >>> from coalition_games import Dyad, solve
    >>> korea = Dyad(ally="South Korea", security_dependency=0.9, stranglehold=0.5)
    >>> alone = Coalition("one", (CoalitionMember(korea, stake=130.0),), leader_supply=96.0)
    >>> solve_coalition(alone).tier == solve(korea).tier     # one ally: the dyad
    True
    """
    if not isinstance(coalition, Coalition):
        raise TypeError(f"expected a Coalition, got {type(coalition).__name__}")
    grand = (1 << len(coalition.members)) - 1
    solved = coalition.analysis.solved
    tier = next(
        (k for k in (Tier.COMPLEX, Tier.SIMPLE) if solved[k].sustainable[grand]), Tier.INFEASIBLE
    )
    shown = Tier.COMPLEX if tier is Tier.INFEASIBLE else tier
    payments = {} if tier is Tier.INFEASIBLE else coalition._payments(grand, tier)
    members = {}
    for i, (name, member) in enumerate(zip(coalition.names, coalition.members, strict=True)):
        # The allocated payment is the member's cap: its Nash payment after any rationing (in
        # its own stakes, never above its share of the pool: W·p / W may round past it).
        share = float(coalition._draws.grid.budget[i, 0])
        cap = share if name not in payments else min(payments[name] / member.stake, share)
        dyad = _member(coalition, list(coalition.names), i, cap)
        members[name] = tier_outcomes(dyad, formulas.evaluate(dyad, SCALAR))[shown]
    return CoalitionSolution(
        coalition=coalition,
        tier=tier,
        payments=payments,
        members=members,
        budget_used=float(sum(payments.values())),
        stable=coalition.stable_coalitions(),
        details={
            "coverage": 1.0,
            "leader_value_complex": float(coalition.analysis.tables.value2[grand]),
            "leader_value_simple": float(coalition.analysis.tables.value1[grand]),
        },
    )


# ------------------------------------------------------------------ the depth option (the model §8)


def member_depths(
    coalition: Coalition,
    samples: Mapping[str, Mapping[str, Any]] | None = None,
    analysis: SimpleNamespace | None = None,
) -> SimpleNamespace:
    """Each member's attainable depth d*ᵢ in the grand coalition, for D draws (the model §8).

    Member i bargains over the depth of its own complex demand in its dyad inside the grand
    coalition (the leader's marginal value v₂ → (V₂(N) − V₂(N∖i))/Wᵢ, g → g + ℓᵢ(N), as in
    :func:`member_dyad`), with m, v₂ and e scaled by the depth (:func:`formulas.attainable_depth`).
    Under the option the pool is split as calibrated — member i may be paid up to its own Bᵢ
    (with an explicit ``budget``: its share W_i·B_i / Σ W_j·B_j of it, by stake if every Bᵢ is
    0) — so that the members' depths are chosen independently and their payments never exceed
    the pool together. Reallocating the pool between members could deepen some demands; that is
    not modelled.

    Returns a namespace: ``depth`` (n, D) — d*ᵢ where member i is complex, else 0; ``complex``
    (n, D); ``binding`` (n, D) codes of ``formulas.DEPTH_BINDINGS``; ``coalition`` (D,) — the
    stake-weighted mean Σ Wᵢ d*ᵢ / Σ Wᵢ, the coalition's depth; ``all_complex`` (D,).
    """
    found = analysis if analysis is not None else analyse_draws(coalition, samples)
    t = found.tables
    n = t.n
    params = {}
    for name in PARAMETER_NAMES:
        rows = [
            np.atleast_1d(
                np.asarray((samples or {}).get(m.name, {}).get(name, getattr(m.dyad, name)))
            )
            for m in coalition.members
        ]
        draws = max(len(r) for r in rows)
        params[name] = np.stack([np.broadcast_to(r, (draws,)) for r in rows]).astype(float)
    draws = max(v.shape[1] for v in params.values())
    params = {k: np.broadcast_to(v, (n, draws)) for k, v in params.items()}
    grand = (1 << n) - 1
    i = np.arange(n)
    without = grand & ~(1 << i)
    stake = t.stake[:, None]
    params["leader_value_complex"] = (t.value2[grand][None, :] - t.value2[without]) / stake
    params["tech_gain"] = params["tech_gain"] + _holdout(coalition, t, np.full(n, grand), i)
    if coalition.budget is not None:
        own = stake * params["side_payment_budget"]
        total = own.sum(0)
        share = np.where(total > 0, own / np.where(total > 0, total, 1.0), stake / stake.sum())
        params["side_payment_budget"] = coalition.budget * share / stake
    depth = formulas.attainable_depth(SimpleNamespace(**params), ARRAY)
    depths = np.where(depth.complex, depth.depth, 0.0)
    return SimpleNamespace(
        depth=depths,
        complex=np.asarray(depth.complex, dtype=bool),
        binding=np.asarray(depth.binding),
        coalition=(stake * depths).sum(0) / float(t.stake.sum()),
        all_complex=np.all(depth.complex, axis=0),
    )


@dataclass(frozen=True)
class CoalitionDepth(Table):
    """A coalition's depth under the depth option (the model §8): each member's attainable depth
    in the grand coalition and the stake-weighted mean (:func:`member_depths`).

    ``to_frame()``: one row per ally — ally, stake (US$ bn), depth, complex, binding.
    """

    coalition: Coalition
    depth: float
    members: Mapping[str, float]
    complex: Mapping[str, bool]
    binding: Mapping[str, str]

    def explain(self) -> str:
        """The coalition's depth and its members' in words."""
        c = self.coalition
        parts = ", ".join(
            f"{n} {d:.3g} ({'complex' if self.complex[n] else 'not complex'}; {self.binding[n]})"
            for n, d in self.members.items()
        )
        return (
            f"{c.name}: stake-weighted depth {self.depth:.3g} (the model §8); members' depths "
            f"(bound by): {parts}."
        )

    def to_dict(self) -> dict[str, Any]:
        """Strict JSON."""
        return jsonable(
            {
                "coalition": self.coalition.name,
                "depth": self.depth,
                "members": dict(self.members),
                "complex": dict(self.complex),
                "binding": dict(self.binding),
            }
        )

    _COLUMNS = ("ally", "stake", "depth", "complex", "binding")

    def to_frame(self) -> Any:
        """One row per ally (columns in the class docstring)."""
        stakes = {m.name: m.stake for m in self.coalition.members}
        rows = [
            dict(
                zip(self._COLUMNS, (n, stakes[n], d, self.complex[n], self.binding[n]), strict=True)
            )
            for n, d in self.members.items()
        ]
        return frame(rows, self._COLUMNS)

    def _repr_html_(self) -> str:
        return html_table(
            ("ally", "depth d*", "complex", "bound by"),
            [(n, d, self.complex[n], self.binding[n]) for n, d in self.members.items()],
            title=f"{self.coalition.name}: stake-weighted depth {display(self.depth)}",
        )


def coalition_depth(coalition: Coalition) -> CoalitionDepth:
    """The coalition's depth under the depth option (:func:`member_depths`, one draw).

    >>> from coalition_games import Dyad
    >>> korea = Dyad(ally="South Korea", security_dependency=0.9, stranglehold=0.5)
    >>> alone = Coalition("one", (CoalitionMember(korea, stake=130.0),), leader_supply=96.0)
    >>> from coalition_games import solve
    >>> coalition_depth(alone).depth == solve(korea.replace(depth=True)).depth.depth
    True
    """
    if not isinstance(coalition, Coalition):
        raise TypeError(f"expected a Coalition, got {type(coalition).__name__}")
    found = member_depths(coalition)
    names = coalition.names
    return CoalitionDepth(
        coalition=coalition,
        depth=float(found.coalition[0]),
        members={n: float(found.depth[k, 0]) for k, n in enumerate(names)},
        complex={n: bool(found.complex[k, 0]) for k, n in enumerate(names)},
        binding={n: formulas.DEPTH_BINDINGS[int(found.binding[k, 0])] for k, n in enumerate(names)},
    )
