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


def dyads(**fixed) -> st.SearchStrategy[Dyad]:
    """Valid dyads, every parameter drawn over its range (capped at 2 when unbounded)."""
    fields = {
        spec.name: st.floats(
            min_value=spec.lower,
            max_value=_upper(spec),
            exclude_min=spec.lower_open,
            allow_nan=False,
            allow_infinity=False,
        )
        for spec in PARAMETERS
    }
    fields.update({name: st.just(value) for name, value in fixed.items()})
    return st.builds(Dyad, **fields)


def random_parameter_arrays(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    """n uniform draws of every parameter (σ bounded away from 0), as arrays."""
    out = {}
    for spec in PARAMETERS:
        low = 1e-3 if spec.lower_open else spec.lower
        out[spec.name] = rng.uniform(low, _upper(spec), n)
    return out


def random_dyads(seed: int, n: int) -> list[Dyad]:
    """n seeded random dyads."""
    arrays = random_parameter_arrays(np.random.default_rng(seed), n)
    return [Dyad(**{k: float(v[i]) for k, v in arrays.items()}) for i in range(n)]


def zero_dyad(**values) -> Dyad:
    """A dyad with every parameter at 0 (σ at 1, the least it can be made neutral) but ``values``.

    For hand-built edge cases such as tolerance ties, where any other non-zero parameter would get
    in the way.
    """
    base = {spec.name: 0.0 for spec in PARAMETERS}
    base["security_stake"] = 1.0
    return Dyad(**{**base, **values})
