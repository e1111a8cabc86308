"""Hypothesis strategies and random draws of valid dyads, shared by the tests."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import strategies as st

from coalition_games import Dyad
from coalition_games.parameters import PARAMETERS

#: Upper end of the draws for parameters that are unbounded above (units: the ally's stake).
UNBOUNDED_DRAW_MAX = 2.0


def _upper(spec) -> float:
    return UNBOUNDED_DRAW_MAX if spec.upper == math.inf else spec.upper


def _drawn(capped: bool):
    """The parameters drawn: the baseline's, plus the linkage cap X̄ when ``capped``."""
    return [spec for spec in PARAMETERS if capped or not spec.infinite]


def dyads(capped: bool = False, **fixed) -> st.SearchStrategy[Dyad]:
    """Valid dyads, every parameter drawn over its range (capped at 2 when unbounded); the
    linkage cap X̄ stays +∞ (the baseline) unless ``capped``."""
    fields = {
        spec.name: st.floats(
            min_value=spec.lower,
            max_value=_upper(spec),
            exclude_min=spec.lower_open,
            allow_nan=False,
            allow_infinity=False,
        )
        for spec in _drawn(capped)
    }
    fields.update({name: st.just(value) for name, value in fixed.items()})
    return st.builds(Dyad, **fields)


def random_parameter_arrays(
    rng: np.random.Generator, n: int, capped: bool = False
) -> dict[str, np.ndarray]:
    """n uniform draws of every parameter (σ bounded away from 0), as arrays; the linkage cap
    only when ``capped`` (else it is left out: +∞, the baseline)."""
    out = {}
    for spec in _drawn(capped):
        low = 1e-3 if spec.lower_open else spec.lower
        out[spec.name] = rng.uniform(low, _upper(spec), n)
    return out


def random_dyads(seed: int, n: int, capped: bool = False) -> list[Dyad]:
    """n seeded random dyads (baseline ones unless ``capped``)."""
    arrays = random_parameter_arrays(np.random.default_rng(seed), n, capped)
    return [Dyad(**{k: float(v[i]) for k, v in arrays.items()}) for i in range(n)]


def zero_dyad(**values) -> Dyad:
    """A dyad with every parameter at 0 (σ at 1, the least it can be made neutral) but ``values``.

    For hand-built edge cases such as tolerance ties, where any other non-zero parameter would get
    in the way.
    """
    base = {spec.name: 0.0 for spec in PARAMETERS if not spec.infinite}
    base["security_stake"] = 1.0
    return Dyad(**{**base, **values})
