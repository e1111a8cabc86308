"""``solve(dyad, method=...)``: one entry point for every solution concept."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..model import Dyad
from ..solution import Solution
from .nash import solve_nash
from .rubinstein import solve_rubinstein
from .spe import solve_spe

__all__ = ["METHODS", "solve"]

#: Solution concepts by name: each takes a ``Dyad`` (and keyword options) and returns a Solution.
METHODS: dict[str, Callable[..., Solution]] = {
    "nash": solve_nash,
    "spe": solve_spe,
    "rubinstein": solve_rubinstein,
}


def solve(dyad: Dyad, method: str = "nash", **options: Any) -> Solution:
    """Solve a dyad game with the named solution concept.

    Parameters
    ----------
    dyad : the game's parameters.
    method : ``"nash"`` — the constrained asymmetric Nash bargaining solution (the model §2);
        ``"spe"`` — the sequential game's subgame-perfect equilibrium (the model §3.2);
        ``"rubinstein"`` — alternating offers (the model §3.4; options ``leader_rate``,
        ``ally_rate``, ``period``, ``outside_option``).
    **options : passed to the method.

    Examples
    --------
    >>> from coalition_games import Dyad, solve
    >>> solve(Dyad(security_dependency=0.9, stranglehold=0.5)).tier
    <Tier.COMPLEX: 'complex'>
    """
    if not isinstance(dyad, Dyad):
        raise TypeError(f"dyad must be a coalition_games.Dyad, got {type(dyad).__name__}")
    try:
        solver = METHODS[method]
    except (KeyError, TypeError):
        raise ValueError(
            f"method={method!r} is not known; allowed: {', '.join(map(repr, METHODS))}"
        ) from None
    return solver(dyad, **options)
