"""Write notebooks/chip4_vs_ttc.ipynb (cells below) and, with --execute, run it in place.

Run: ``python tools/make_notebook.py --execute``. The test suite executes the notebook itself
(tests/test_notebook.py) with a small number of draws.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

PATH = Path(__file__).resolve().parents[1] / "notebooks" / "chip4_vs_ttc.ipynb"

CELLS = [
    new_markdown_cell(
        """# Chip 4 versus the TTC: why one coalition is demanding and the other loose

Liu (2024, *CJIP* 17(4), doi:10.1093/cjip/poae022) argues that the USA built a **complex**
(demanding) semiconductor coalition with Japan, South Korea and Taiwan (Chip 4) but only a
**simple** one with the EU (the Trade and Technology Council), because of two things:

* **security dependency** `s` — how much the ally needs the USA for its security, and
* **technological stranglehold** `t` — how much of the ally's industry the USA could cripple by
  denying key technology (EDA software, tool components, IP).

`coalition_games` turns each leader–ally pair into a bargaining game. This notebook loads the five
calibrated dyads, solves them, computes the article's claims from the equilibria, and asks how
sure we can be. Everything below is computed; nothing is looked up."""
    ),
    new_code_cell(
        """import pandas as pd

from coalition_games import cases, reproduce, solve, sweep

DRAWS = 10_000   # Monte Carlo draws (the test suite runs this notebook with fewer)
AUDIT_DRAWS = 100_000   # the audit's draws per model (likewise)
SEED = 20240"""
    ),
    new_markdown_cell(
        """## 1. The evidence: five calibrated dyads

Each case is a data file shipped with the package. Every parameter has a value, a plausible range,
the rule that maps evidence to the number, and its sources. The four that differ between cases
carry the argument: `s`, `t`, the market loss `m` (exposure to China), and the budget `B`.
Every case's `to_frame()` is its calibration table (value, range, rule, sources); stacked, they
compare the cases."""
    ),
    new_code_cell(
        """ORDER = ["us_japan", "us_south_korea", "us_taiwan", "us_eu", "us_netherlands"]
calibrated = {name: cases.read(name) for name in ORDER}
calibration = pd.concat([case.to_frame() for case in calibrated.values()], ignore_index=True)
key = ["security_dependency", "stranglehold", "market_loss", "side_payment_budget"]
(calibration[calibration["parameter"].isin(key)]
 .pivot(index="case", columns="parameter", values=["value", "low", "high"])
 .reindex(ORDER).swaplevel(axis=1)[key])"""
    ),
    new_code_cell(
        """# The evidence behind one number:
pd.set_option("display.max_colwidth", None)
calibration.set_index(["case", "parameter"]).loc[("us_south_korea", "market_loss"), ["rule", "sources"]]"""
    ),
    new_markdown_cell(
        """## 2. The equilibria

`solve` computes each dyad's constrained Nash bargaining solution with credible threats (the model
§2): the tier, the side-payment, whether the stranglehold threat is credible and whether it is
pivotal (*coerced*), whether money changes hands (*compensated*). Each solution explains itself;
here South Korea's (the per-dyad summary of all five follows the claims below)."""
    ),
    new_code_cell("""solve(calibrated["us_south_korea"].dyad)"""),
    new_markdown_cell(
        """## 3. The claims table

`reproduce` computes each of the article's claims C1–C10 from these solutions and from
counterfactual copies of the dyads (lower `s`, `t = 0`, other budgets). A claim that fails under
the calibration is reported as FAIL with the computed evidence that explains why; the Monte Carlo
column is the share of draws (over every parameter's range) in which the claim holds. Both models
run side by side: the *baseline* and the *linkage* model, whose security penalty on a refusal is
capped at X̄. The closing note ends with each model's audit (section 5)."""
    ),
    new_code_cell(
        """result = reproduce(ORDER, draws=DRAWS, audit_draws=AUDIT_DRAWS, seed=SEED)
result"""
    ),
    new_code_cell("""print(result.note())"""),
    new_markdown_cell(
        """## 4. Reading a failure: what would have to be different?

A FAIL is a finding about the model under this calibration, not something to tune away. The
counterfactuals below show the mechanism behind two claims, computed on the spot."""
    ),
    new_code_cell(
        """eu = calibrated["us_eu"].dyad
print(f"EU: abandonment loss sσ = {eu.security_dependency * eu.security_stake:.3g} "
      f"vs complex cost c₂ = {eu.complex_cost:.3g}")
# When sσ exceeds c₂ the EU gains from a demanding coalition even without coercion or payment;
# a sweep from the case varies σ alone (everything else at the EU's calibrated values):
stakes = sweep(case="us_eu", security_stake=[0.5, 0.4, 0.3, 0.2])
stakes.to_frame()[["security_stake", "tier", "threat_credible", "compensated", "side_payment"]]"""
    ),
    new_code_cell(
        """# South Korea without its stranglehold: the enforcement value e = λ·t·m follows t (the
# sweep recomputes the case's derived parameters from their factors).
strangle = sweep(case="us_south_korea", stranglehold=[calibrated["us_south_korea"].dyad.stranglehold, 0.3, 0.1, 0.0])
strangle.to_frame()[["stranglehold", "enforcement_value", "tier", "coerced", "compensated", "conflict"]]"""
    ),
    new_markdown_cell(
        """## 5. What must one believe? The audit

A verdict at the point estimates does not say whether a claim holds *because of the evidence* or
because of numbers nobody observed. Each case file says, parameter by parameter, whether its value
rests on evidence; the audit holds the evidence at its values and draws the parameters *without*
evidence uniformly over their calibrated ranges (one value per case, or one shared value where the
calibration treats the parameter as common). It reports the share of that box in which each claim
holds (with a 95% interval), the share in which all hold together, which claims never hold
together and on which parameter their requirements part, and the result of an optimiser's search
for the point that maximises the smallest claim margin. The reproduction above ran it for each
model; here is the linkage model's."""
    ),
    new_code_cell(
        """found = result.runs["linkage"].audit
found"""
    ),
    new_code_cell(
        """# Each claim's share of the box, with its 95% Wilson interval:
found.to_frame()[["id", "claim", "share", "ci95_low", "ci95_high"]]"""
    ),
    new_code_cell(
        """# What the audit found, in its own words (the minimal sets of claims that never hold
# together, and the search's best point):
for conflict in found.conflicts:
    print(f"{{{', '.join(conflict.claims)}}}: {conflict.sentence()}")
best = found.search
print(f"\\nsearch: smallest margin {best['smallest_margin']:+.3g}, weakest claim {best['weakest']}")"""
    ),
    new_code_cell(
        """%matplotlib inline
from coalition_games.reproduction import figures

figures.co_holding(found)"""
    ),
    new_code_cell(
        """# Where each claim holds on the two unknowns that matter most, one at a time (the others as
# calibrated):
figures.requirements(found)"""
    ),
    new_markdown_cell(
        """## 6. How sure are we? Tier probabilities and what decides them

Each parameter is drawn from a triangular distribution on its calibrated range with its mode at
the point estimate (independently; `coalition_games.uncertainty` documents the choice), except
the derived parameters v₂ = λ·m and e = λ·t·m, which are computed in every draw from the drawn
λ, t and m so the calibration's relations hold (hence e ≤ v₂ in every draw). The sensitivity
index η² is the share of the tier's variance explained by one free parameter or hyper-parameter.
The tornado plot shows what the claims turn on, the probability of a complex coalition: for the
parameters with the largest swing, P(complex) when the parameter is in the lowest (light) or the
highest (dark) fifth of its draws, on one axis from 0 to 1 for every dyad."""
    ),
    new_code_cell("""result.to_frame("dyads")"""),
    new_code_cell(
        """# The three free parameters or hyper-parameters that decide each dyad's tier (η²):
result.monte_carlo.to_frame("sensitivity").query("rank <= 3").set_index(["case", "rank"])"""
    ),
    new_code_cell("""figures.tornado(result.monte_carlo, result.cases)"""),
    new_markdown_cell(
        """## 7. The picture: each dyad on its own (s, t) plane

Regions where the dyad would be infeasible, simple, complex or in conflict, with boundaries drawn
exactly from the formulas at the dyad's own parameters, the calibrated point and its Monte Carlo
cloud."""
    ),
    new_code_cell("""figures.phase_panels(result.cases, result.monte_carlo)"""),
    new_markdown_cell(
        """## 8. Try it yourself

Copy a case file, change a value (with its evidence), and load it: `cases.load("my_case.toml")`.
`reproduce([...])` accepts paths to case files in place of the shipped ids, and
`sweep(case="my_case.toml", ...)` varies its parameters. Every result has `to_frame()` where it is
a table (`result.to_frame("claims")` here) and `to_dict()` for JSON. From the shell:
`coalition-games reproduce --out DIR --draws N --seed S` writes the table (CSV, JSON) and the
figures (PNG, SVG), with each model's audit in `audit-<model>/`; `coalition-games audit --model
linkage --draws 1000000 --out DIR` runs the audit on its own (`--help` lists its options); `coalition-games cases` lists the cases; `coalition-games sweep` writes a
two-parameter sweep as CSV with its phase diagram."""
    ),
]


def build() -> nbformat.NotebookNode:
    """The notebook, unexecuted."""
    nb = new_notebook(cells=CELLS)
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    return nb


if __name__ == "__main__":
    nb = build()
    if "--execute" in sys.argv:
        from nbclient import NotebookClient

        NotebookClient(nb, timeout=600, kernel_name="python3").execute(cwd=str(PATH.parent))
    PATH.parent.mkdir(exist_ok=True)
    nbformat.write(nb, PATH)
    print(f"wrote {PATH}")
