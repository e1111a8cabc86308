"""The model read from its text, independently of ``coalition_games.formulas``: the reference the
solvers are checked against (tests/test_bargaining.py, tests/test_linkage.py)."""

from __future__ import annotations

from coalition_games import Dyad
from coalition_games.formulas import TOL


def classify(d: Dyad) -> tuple[str, float, bool]:
    """The model §2 re-implemented from its text, with §6 read literally: the ally's security loss
    sσ is ℓ(s) = min(sσ, X̄) in both tiers' disagreement points and in the conflict test (the
    baseline's X̄ = +∞ leaves sσ). Returns the tier, the Nash side-payment and the conflict flag."""
    s, t, w, B, alpha = (
        d.security_dependency,
        d.stranglehold,
        d.target_offer,
        d.side_payment_budget,
        d.ally_power,
    )
    loss = min(s * d.security_stake, d.linkage_cap)
    kappa = d.coercion_cost_base + d.coercion_cost_slope * (1.0 - s)
    credible = d.enforcement_value - kappa >= -TOL
    theta = 1.0 if credible else 0.0

    def interval(cost: float, value: float, theta_k: float) -> tuple[bool, float]:
        d_ally = -loss - theta_k * t + w
        d_leader = theta_k * (d.enforcement_value - kappa)
        lo, hi = cost + d_ally, value - d_leader
        low, high = max(0.0, lo), min(B, hi)
        payment = min(max(lo + alpha * (hi - lo), low), high)
        return low <= high + TOL, payment

    c2 = d.market_loss + d.autonomy_cost - d.tech_gain
    ok2, p2 = interval(c2, d.leader_value_complex, theta)
    ok1, p1 = interval(d.simple_cost, d.leader_value_simple, 0.0)
    reachable = max(0.0, c2 - loss - t + w) <= min(B, d.leader_value_complex) + TOL
    conflict = (not ok2) and reachable and not credible
    if ok2:
        return "complex", p2, conflict
    if ok1:
        return "simple", p1, conflict
    return "infeasible", 0.0, conflict


def sustainable_at_depth(d: Dyad, x: float, tol: float = TOL) -> bool:
    """The model §8 read from its text: is the complex demand of depth x sustainable?

    c₂(x) = x·m + a − g, v₂(x) = x·v₂, e(x) = x·e; credible iff e(x) − κ(s) ≥ −TOL; the ally's
    disagreement −ℓ(s) − θt + w, the leader's θ(e(x) − κ(s)); sustainable iff
    max(0, c₂(x) + d_A) ≤ min(B, v₂(x) − d_L) within ``tol``."""
    loss = min(d.security_dependency * d.security_stake, d.linkage_cap)
    kappa = d.coercion_cost_base + d.coercion_cost_slope * (1.0 - d.security_dependency)
    gain = x * d.enforcement_value - kappa
    theta = 1.0 if gain >= -TOL else 0.0
    c2 = x * d.market_loss + d.autonomy_cost - d.tech_gain
    lo = c2 - loss - theta * d.stranglehold + d.target_offer
    hi = x * d.leader_value_complex - theta * gain
    return max(0.0, lo) <= min(d.side_payment_budget, hi) + tol


def depth_breakpoints(d: Dyad) -> list[float]:
    """0, 1, κ(s)/e and, for θ = 0 and θ = 1, where each constraint of §8 is 0 and −TOL —
    the algebra written out by hand: with b = a − g − ℓ(s) + w,
    hi − lo = x(v₂ − θe − m) + θκ + θt − b,  hi = x(v₂ − θe) + θκ,  B − lo = −x·m + B − b + θt."""
    loss = min(d.security_dependency * d.security_stake, d.linkage_cap)
    kappa = d.coercion_cost_base + d.coercion_cost_slope * (1.0 - d.security_dependency)
    m, v, e, t, B = (
        d.market_loss,
        d.leader_value_complex,
        d.enforcement_value,
        d.stranglehold,
        d.side_payment_budget,
    )
    b = d.autonomy_cost - d.tech_gain - loss + d.target_offer
    points = [0.0, 1.0]
    if e > 0:
        points.append(kappa / e)
    for theta in (0.0, 1.0):
        lines = [
            (v - theta * e - m, theta * kappa + theta * t - b),
            (v - theta * e, theta * kappa),
            (-m, B - b + theta * t),
        ]
        for slope, intercept in lines:
            if slope != 0:
                points += [-intercept / slope, (-TOL - intercept) / slope]
    return sorted({min(1.0, max(0.0, p)) for p in points})


def attainable_depth(d: Dyad, n: int = 20_001) -> float | None:
    """d*: the largest sustainable depth on a fine grid of [0, 1] plus the breakpoints, or None."""
    grid = [i / (n - 1) for i in range(n)]
    found = [x for x in grid + depth_breakpoints(d) if sustainable_at_depth(d, x)]
    return max(found) if found else None
