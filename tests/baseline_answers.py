"""The baseline's answers on a fixed set of inputs, as a digest that a refactoring must not change.

``answers()`` solves 10⁵ seeded random dyads (``nash`` and ``sweep`` on all, ``spe`` and
``rubinstein`` on the first 2·10⁴) and reads the claims table at the point estimates of the
shipped cases; ``digest()`` hashes every tier, payment, payoff and flag exactly (floats by
``float.hex``). ``tests/data/baseline_answers.json`` holds the digest computed by the code of
revision 1 (before the package was reorganised, before the linkage option); ``test_baseline``
checks that today's code gives the same bits. Regenerate only for a deliberate change of the
baseline's answers: ``python -m tests.baseline_answers``.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np

from coalition_games import Dyad, reproduce, solve, sweep
from coalition_games.parameters import PARAMETER_NAMES, PARAMETERS

FILE = Path(__file__).parent / "data" / "baseline_answers.json"
SEED = 20261201
N_DYADS = 100_000
N_TREES = 20_000
#: The fifteen parameters of the model §2 (revision 1): the ones the digest was computed with.
BASELINE = PARAMETER_NAMES[:15]


def random_parameters(n: int = N_DYADS, seed: int = SEED) -> dict[str, np.ndarray]:
    """n dyads: each parameter uniform on [lower, min(upper, 1.5)], a tenth of them exactly 0 or
    on a two-decimal grid (ties and degenerate intervals are the norm)."""
    rng = np.random.default_rng(seed)
    out = {}
    for spec in PARAMETERS:
        if spec.name not in BASELINE:
            continue
        hi = min(spec.upper, 1.5)
        x = rng.uniform(spec.lower, hi, n)
        kind = rng.integers(0, 10, n)
        x = np.where(kind == 0, np.round(x, 2), x)
        x = np.where((kind == 1) & (spec.lower == 0), 0.0, x)
        if spec.lower_open:
            x = np.where(x <= spec.lower, 0.5, x)
        out[spec.name] = x
    return out


def _row(sol) -> str:
    return "|".join(
        [
            sol.tier.value,
            float(sol.side_payment).hex(),
            float(sol.leader_payoff).hex(),
            float(sol.ally_payoff).hex(),
            str(sol.threat_credible),
            str(sol.threat_used),
            ",".join(m.value for m in sol.mechanism),
            str(sol.conflict),
        ]
    )


def answers() -> dict[str, str]:
    """Each route's answers, hashed."""
    params = random_parameters()
    digests = {}
    for method, n in (("nash", N_DYADS), ("spe", N_TREES), ("rubinstein", N_TREES)):
        h = hashlib.sha256()
        for i in range(n):
            dyad = Dyad(**{k: float(v[i]) for k, v in params.items()})
            h.update(_row(solve(dyad, method)).encode())
        digests[method] = h.hexdigest()
    grid = sweep(**params)
    h = hashlib.sha256()
    for field in (
        "tier",
        "side_payment",
        "leader_payoff",
        "ally_payoff",
        "threat_credible",
        "threat_used",
        "coerced",
        "compensated",
        "conflict",
    ):
        h.update(np.ascontiguousarray(getattr(grid, field)).tobytes())
    digests["sweep"] = h.hexdigest()
    table = reproduce(draws=0, audit_draws=0)
    digests["claims"] = json.dumps({c.id: c.holds for c in table.claims}, sort_keys=True)
    return digests


if __name__ == "__main__":
    FILE.write_text(json.dumps(answers(), indent=1, sort_keys=True) + "\n")
    print(FILE.read_text())
