"""Beyond the dyad: coalitions of several allies (:mod:`.game`), the order of accession
(:mod:`.accession`), Shapley values and the core (:mod:`.cooperative`), erosion paths
(:mod:`.dynamics`) and the target's counter-strategies (:mod:`.counterstrategies`)."""

from .game import (
    MAX_ALLIES,
    Coalition,
    CoalitionAnalysis,
    CoalitionDepth,
    CoalitionError,
    CoalitionMember,
    CoalitionSolution,
    DuplicateMemberError,
    EmptyCoalitionError,
    StableCoalition,
    UnknownMemberError,
    coalition_depth,
    grand_tier_codes,
    member_dyad,
    solve_coalition,
)

__all__ = [
    "MAX_ALLIES",
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
    "coalition_depth",
    "grand_tier_codes",
    "member_dyad",
    "solve_coalition",
]
