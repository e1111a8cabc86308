"""coalition_games: game-theoretic analysis of coalition building between a leader and its allies.

Each leader–ally dyad is a bargaining game (the model, docs/explanation/model.rst; Liu 2024,
"Coalition Building and Sino–US Competition in the Digital Era", CJIP 17(4),
doi:10.1093/cjip/poae022) whose payoffs come from the ally's security dependency, the leader's
technological stranglehold, market loss and side-payments. Its equilibria classify the coalition as
simple, complex or infeasible.

>>> from coalition_games import Dyad, solve
>>> solve(Dyad(security_dependency=0.9, stranglehold=0.5, side_payment_budget=0.1)).tier.value
'complex'
"""

from . import cases
from .cases import Case
from .coalitions.game import (
    Coalition,
    CoalitionMember,
    CoalitionSolution,
    StableCoalition,
    solve_coalition,
)
from .model import Dyad
from .reproduction import ClaimResult, Reproduction, reproduce
from .reproduction.audit import Audit, audit
from .reproduction.estimation import Estimate, estimate
from .solution import Mechanism, Solution, Tier, TierOutcome
from .solvers import solve
from .sweeps import SweepResult, sweep
from .uncertainty import MonteCarlo

__all__ = [
    "Audit",
    "Case",
    "ClaimResult",
    "Coalition",
    "CoalitionMember",
    "CoalitionSolution",
    "Dyad",
    "Estimate",
    "Mechanism",
    "MonteCarlo",
    "Reproduction",
    "Solution",
    "StableCoalition",
    "SweepResult",
    "Tier",
    "TierOutcome",
    "__version__",
    "audit",
    "cases",
    "estimate",
    "phase_diagram",
    "reproduce",
    "solve",
    "solve_coalition",
    "sweep",
]
__version__ = "0.1.0"


def __getattr__(name: str):
    """Import ``phase_diagram`` lazily, so that the core package does not need matplotlib."""
    if name == "phase_diagram":
        from .plotting import phase_diagram

        return phase_diagram
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
