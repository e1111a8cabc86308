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
