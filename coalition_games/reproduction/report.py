"""The reproduction of Chip 4 versus TTC (Liu 2024, CJIP 17(4)): the claims table and figures.

:func:`reproduce` loads the calibrated cases (:mod:`coalition_games.cases`), solves each with
:func:`coalition_games.solve`, computes every claim of
:data:`coalition_games.reproduction.claims.CLAIMS` from the solutions and their
counterfactuals, runs the Monte Carlo of :mod:`coalition_games.uncertainty` over the calibrated
ranges, and (given ``out``) writes the table
as CSV and JSON and the figures as PNG and SVG. A claim that fails under the calibration is
reported as FAIL with its computed evidence; nothing is tuned or hard-coded.

>>> from coalition_games import reproduce
>>> result = reproduce(draws=200)
>>> [c.id for c in result.claims]
['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'C9', 'C10']
>>> result.claims[0].verdict in {"PASS", "FAIL"}
True
"""

from __future__ import annotations

import csv
import json
import os
import textwrap
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..cases import Case, read
from ..outputs import MANIFEST, output_folder, write_output
from ..parameters import check_integer
from ..results import Result, Table, frame, html_fields, html_table, text_table
from ..solution import Solution, jsonable
from ..solvers import solve
from ..uncertainty import DEFAULT_SEED, DISTRIBUTIONS, MAX_DRAWS, MonteCarlo, monte_carlo
from . import audit as auditing
from .audit import Audit, audit, percent
from .claims import CLAIMS, Claim, in_draws
from .worlds import DEFAULT_CASES, MODELS, PointWorld, apply_model, uses_depth

__all__ = [
    "AUDIT_DRAWS",
    "COMMAND",
    "ClaimResult",
    "ModelRun",
    "Reproduction",
    "reproduce",
]

#: The audit's draws in a reproduction (per model; :func:`reproduce`'s ``audit_draws``).
AUDIT_DRAWS = 100_000
#: The command whose outputs :meth:`Reproduction.write` writes (named in their manifest).
COMMAND = "reproduce"


@dataclass(frozen=True)
class ClaimResult(Result):
    """One row of the claims table."""

    id: str
    claim: str
    section: str
    evidence: str
    margin: float  #: ≥ 0 iff the claim holds; its smallest slack, in its own units
    share: float | None  #: share of Monte Carlo draws in which the claim holds
    model: str = "baseline"  #: the model it was computed under (:data:`MODELS`)

    @property
    def holds(self) -> bool:
        """True when the claim holds at the point estimates (its margin is ≥ 0)."""
        return self.margin >= 0

    @property
    def verdict(self) -> str:
        """``"PASS"`` or ``"FAIL"`` at the point estimates."""
        return "PASS" if self.holds else "FAIL"

    def to_dict(self) -> dict[str, Any]:
        """A strict-JSON dict."""
        return jsonable(
            {
                "id": self.id,
                "model": self.model,
                "claim": self.claim,
                "section": self.section,
                "evidence": self.evidence,
                "verdict": self.verdict,
                "margin": self.margin,
                "monte_carlo_share": self.share,
            }
        )

    def explain(self) -> str:
        """The claim, its verdict and margin at the point estimates, its share, its evidence."""
        share = "" if self.share is None else f", holds in {self.share:.1%} of draws"
        return (
            f"{self.id} {self.verdict} ({self.model}; margin {self.margin:+.3g}{share}): "
            f"{self.claim}\n  Evidence: {self.evidence}"
        )

    def _repr_html_(self) -> str:
        return html_fields(
            f"{self.id}: {self.verdict} ({self.model})",
            [
                ("claim", self.claim),
                ("section", self.section),
                ("margin", f"{self.margin:+.4g}"),
                ("evidence", self.evidence),
                ("share of Monte Carlo draws", "—" if self.share is None else f"{self.share:.1%}"),
            ],
        )


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width) or [""]


@dataclass(frozen=True)
class ModelRun:
    """One model's run: its cases, the point solutions, the claims and the Monte Carlo."""

    model: str
    cases: dict[str, Case]
    solutions: dict[str, Solution]
    claims: list[ClaimResult]
    monte_carlo: MonteCarlo | None
    audit: Audit | None = None  #: what one must believe for the claims to hold (the audit)


@dataclass(frozen=True)
class Reproduction(Table):
    """The computed claims table under each model, side by side (the first model is the
    primary one: :attr:`claims`, :attr:`solutions`, :attr:`monte_carlo` are its).

    ``to_frame()`` (``table="claims"``): one row per claim and model — id, model, claim, verdict,
    margin, share (of Monte Carlo draws; NaN without draws), then section and evidence;
    ``to_frame("dyads")``: the primary model's per-dyad summary — case, dyad, tier, mechanism,
    conflict, and with a Monte Carlo P(infeasible), P(simple), P(complex) and decided_by;
    ``to_frame("calibration")``: every case's :meth:`Case.to_frame` rows, stacked.
    """

    runs: Mapping[str, ModelRun]
    #: The run's Monte Carlo settings (written to the manifest; draws 0: no Monte Carlo).
    draws: int = 0
    seed: int = DEFAULT_SEED
    distribution: str = "triangular"

    @property
    def primary(self) -> ModelRun:
        """The first model's run."""
        return next(iter(self.runs.values()))

    @property
    def cases(self) -> dict[str, Case]:
        """The primary model's cases."""
        return self.primary.cases

    @property
    def solutions(self) -> dict[str, Solution]:
        """The primary model's point solutions."""
        return self.primary.solutions

    @property
    def claims(self) -> list[ClaimResult]:
        """The primary model's claims."""
        return self.primary.claims

    @property
    def monte_carlo(self) -> MonteCarlo | None:
        """The primary model's Monte Carlo."""
        return self.primary.monte_carlo

    def table(self, width: int = 118) -> str:
        """The claims table as text: id, claim, and per model the verdict, margin and Monte Carlo
        share, then the computed evidence of each model."""
        runs = list(self.runs.values())
        claim_w = 30
        head = f"{'id':<4}{'claim':<{claim_w + 1}}" + "".join(
            f"{run.model + ': verdict, margin, share':<36}" for run in runs
        )
        lines = [head.rstrip(), "-" * min(width, len(head))]
        evidence_w = max(40, width - 10)
        for i, c in enumerate(self.claims):
            cells = []
            for run in runs:
                r = run.claims[i]
                share = "—" if r.share is None else f"{r.share:.1%}"
                cells.append(f"{r.verdict:<5} {r.margin:>+10.3g} {share:>8}{'':<11}")
            left = _wrap(c.claim, claim_w)
            lines.append((f"{c.id:<4}{left[0]:<{claim_w + 1}}" + "".join(cells)).rstrip())
            lines += [f"{'':<4}{more}" for more in left[1:]]
            texts = {run.model: run.claims[i].evidence for run in runs}
            if len(set(texts.values())) == 1:
                texts = {"all models" if len(runs) > 1 else "": next(iter(texts.values()))}
            for tag, evidence in texts.items():
                label = f"{tag}: " if tag else ""
                for j, text in enumerate(_wrap(label + evidence, evidence_w)):
                    lines.append(f"{'':<6}{text}" if j else f"{'':<4}- {text}")
            lines.append("")
        return "\n".join(lines).rstrip()

    def _dyad_rows(self) -> list[dict[str, Any]]:
        mc = self.monte_carlo
        rows = []
        for cid, sol in self.solutions.items():
            row: dict[str, Any] = {
                "case": cid,
                "dyad": sol.dyad.name,
                "tier": sol.tier.value,
                "mechanism": " + ".join(m.value for m in sol.mechanism) or "—",
                "conflict": sol.conflict,
            }
            if mc:
                p = mc.probabilities[cid]
                row |= {f"P({t})": p[t] for t in ("infeasible", "simple", "complex")}
                row["decided_by"] = (
                    ", ".join(
                        f"{s.parameter} {s.index:.2f}"
                        for s in mc.sensitivity[cid][:2]
                        if s.index > 0
                    )
                    or "tier constant in all draws"
                )
            rows.append(row)
        return rows

    def dyad_table(self, width: int = 118) -> str:
        """Per dyad (primary model): tier and mechanism at the point estimate, P(tier), decisive
        parameters (η²), as text that fits ``width`` characters (the last column wraps)."""
        rows = self._dyad_rows()
        mc = self.monte_carlo
        columns = ["dyad", "tier", "mechanism"]
        if mc:
            columns += ["P(infeasible/simple/complex)", "decided by (η²)"]
        cells = []
        for r in rows:
            mech = r["mechanism"] + (", conflict" if r["conflict"] else "")
            cell = [r["dyad"], r["tier"], mech]
            if mc:
                cell += [
                    " / ".join(f"{r[f'P({t})']:.2f}" for t in ("infeasible", "simple", "complex")),
                    r["decided_by"],
                ]
            cells.append(cell)
        return text_table(columns, cells, width, wrap=("decided by (η²)", "mechanism"))

    def note(self) -> str:
        """The closing note: per model what passed and what failed, and how the runs were made."""
        parts = []
        for run in self.runs.values():
            failed = [c.id for c in run.claims if not c.holds]
            text = (
                f"{run.model}: {len(run.claims) - len(failed)} of {len(run.claims)} claims PASS at "
                "the calibrated point estimates"
            )
            parts.append(text + (f" (FAIL: {', '.join(failed)})." if failed else "."))
        text = " ".join(parts) + (
            " These are findings, not errors: every value comes from the shipped calibration (each "
            "with its rule, evidence status and sources; docs/explanation/calibration.rst) and "
            "was not tuned to the answer; the evidence column gives each reason, the margin how "
            "far "
            "each verdict is from flipping (≥ 0: holds; a tie holds with margin TOL = 1e-9)."
        )
        for run in self.runs.values():
            if run.audit is not None:
                text += " " + _audit_note(run.audit)
        if self.monte_carlo:
            mc = self.monte_carlo
            text += (
                f" Monte Carlo: {mc.draws:,} draws, seed {mc.seed}, {mc.distribution} "
                "distributions on each calibrated range; derived parameters computed from their "
                "drawn factors."
            )
        return text

    def to_dict(self) -> dict[str, Any]:
        """A strict-JSON dict: per model the claims, solutions and Monte Carlo; the calibration."""
        return jsonable(
            {
                "models": {
                    name: {
                        "claims": [c.to_dict() for c in run.claims],
                        "solutions": {cid: s.to_dict() for cid, s in run.solutions.items()},
                        "monte_carlo": run.monte_carlo.to_dict() if run.monte_carlo else None,
                        "audit": run.audit.to_dict() if run.audit else None,
                    }
                    for name, run in self.runs.items()
                },
                "claims": [c.to_dict() for run in self.runs.values() for c in run.claims],
                "cases": {cid: case.rows() for cid, case in self.cases.items()},
                "note": self.note(),
            }
        )

    def to_frame(self, table: str = "claims") -> Any:
        """``"claims"`` (default), ``"dyads"`` or ``"calibration"`` as a ``pandas.DataFrame``
        (columns in the class docstring)."""
        if table == "claims":
            rows = [
                {("share" if k == "monte_carlo_share" else k): v for k, v in c.to_dict().items()}
                for run in self.runs.values()
                for c in run.claims
            ]
            first = ["id", "model", "claim", "verdict", "margin", "share"]
            keys = list(rows[0]) if rows else first
            data = frame(rows, [*first, *(k for k in keys if k not in first)])
            data["share"] = data["share"].astype(float)
            data["margin"] = data["margin"].astype(float)
            return data
        if table == "dyads":
            return frame(self._dyad_rows(), tiers=("tier",))
        if table == "calibration":
            return frame([row for case in self.cases.values() for row in case.rows()])
        raise ValueError(f"table must be 'claims', 'dyads' or 'calibration', got {table!r}")

    def explain(self) -> str:
        """Each claim's verdict, margin and share per model in one line, then the closing note."""
        lines = []
        for i, c in enumerate(self.claims):
            cells = []
            for run in self.runs.values():
                r = run.claims[i]
                share = "" if r.share is None else f", {r.share:.1%} of draws"
                cells.append(f"{run.model} {r.verdict} ({r.margin:+.3g}{share})")
            lines.append(f"{c.id} {'; '.join(cells)}: {c.claim}")
        lines += ["", textwrap.fill(self.note(), 100)]
        return "\n".join(lines)

    def write(self, out: str | Path, progress: Callable[[str], None] | None = None) -> list[str]:
        """Write claims.csv, claims.json, calibration.csv, the figures, each model's audit
        (``audit-<model>/``) and ``manifest.json`` into ``out``, atomically.

        ``out`` is checked first: new, empty, or a previous reproduction
        (:func:`coalition_games.outputs.output_folder`). Everything is written into a staging
        folder next to ``out`` that replaces ``out`` only when complete
        (:func:`coalition_games.outputs.write_output`), so an interrupted or failed write leaves
        a previous output as it was, and a new output never sits beside stale files of another
        run. The manifest names the command, the run's seed, draws, distribution, cases and
        every file with its size and SHA-256. Returns the paths written. Figures need matplotlib
        (the ``figures`` extra); without it the reason is reported through ``progress`` and the
        tables are still written.
        """
        folder = output_folder(out, COMMAND)
        settings = {
            "seed": self.seed,
            "draws": self.draws,
            "distribution": self.distribution,
            "cases": list(self.cases),
        }
        say = progress or (lambda message: None)
        manifest = write_output(
            folder, COMMAND, lambda staging: self._write_into(staging, say), settings
        )
        return [str(folder / name) for name in (*manifest["files"], MANIFEST)]

    def _write_into(self, folder: Path, progress: Callable[[str], None]) -> list[str]:
        """Write the tables and figures into ``folder``; return the file names."""
        with open(folder / "claims.csv", "w", newline="", encoding="utf-8") as f:
            fields = ["id", "model", "claim", "evidence", "verdict", "margin", "monte_carlo_share"]
            writer = csv.DictWriter(f, fields)
            writer.writeheader()
            for run in self.runs.values():
                for c in run.claims:
                    row = c.to_dict()
                    writer.writerow({k: row[k] for k in writer.fieldnames})
        (folder / "claims.json").write_text(
            json.dumps(jsonable(self.to_dict()), indent=2, ensure_ascii=False, allow_nan=False),
            encoding="utf-8",
        )
        rows = [row for case in self.cases.values() for row in case.rows()]
        with open(folder / "calibration.csv", "w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
        figures = self._figures(folder, progress)
        audits = [
            str(Path(p).relative_to(folder))
            for run in self.runs.values()
            if run.audit is not None
            for p in run.audit.write_into(folder / f"audit-{_slug(run.model)}", progress)
        ]
        return [
            "claims.csv",
            "claims.json",
            "calibration.csv",
            *(Path(p).name for p in figures),
            *audits,
        ]

    def _figures(self, folder: Path, progress: Callable[[str], None]) -> list[str]:
        from . import figures

        makers = [("phase_diagram", lambda: figures.phase_panels(self.cases, self.monte_carlo))]
        mc = self.monte_carlo
        if mc:
            makers.append(("tornado", lambda: figures.tornado(mc, self.cases)))
        return figures.write_all(makers, str(folder), progress)

    def _repr_html_(self) -> str:
        runs = list(self.runs.values())
        head = ["id", "claim"] + [f"{run.model}: verdict, margin, share" for run in runs]
        body = []
        for i, c in enumerate(self.claims):
            row = [c.id, c.claim]
            for run in runs:
                r = run.claims[i]
                share = "—" if r.share is None else f"{r.share:.1%}"
                row.append(f"{r.verdict}, {r.margin:+.3g}, {share}")
            body.append(row)
        claims = html_table(head, body, title="The article's claims, computed")
        rows = self._dyad_rows()
        dyads = html_table(
            list(rows[0]) if rows else [],
            [list(r.values()) for r in rows],
            title=f"Per dyad ({runs[0].model})",
            note=self.note(),
        )
        return claims + dyads


def _audit_note(found: Audit) -> str:
    """The audit's findings in plain words (computed, never written by hand)."""
    shares = ", ".join(f"{c} {percent(found.counts[c], found.draws)}" for c in found.claims)
    text = (
        f"Audit ({found.model} model; {found.draws:,} uniform draws of the parameters without "
        f"evidence, {_unknowns_text(found)}, the evidence at its calibrated values): each claim "
        f"holds in a share of that box — {shares}; all together in "
        f"{percent(found.joint_count, found.draws, 2)}."
    )
    robust = [c for c in found.claims if found.counts[c] == found.draws]
    if robust:
        text += (
            f" {', '.join(robust)} {'holds' if len(robust) == 1 else 'hold'} in every draw: "
            "whatever those parameters are, the evidence carries "
            + ("it." if len(robust) == 1 else "them.")
        )
    never = found.nowhere
    if never:
        text += (
            f" {', '.join(never)} {'holds' if len(never) == 1 else 'hold'} in no draw: under this "
            "model the evidence excludes " + ("it." if len(never) == 1 else "them.")
        )
    conflicts = found.exclusions
    if conflicts:
        text += (
            " Claims that never hold together: "
            + "; ".join(f"{{{', '.join(c.claims)}}} — {c.sentence()}" for c in conflicts[:4])
            + ("; …" if len(conflicts) > 4 else "")
            + "."
        )
    best = found.search
    text += (
        f" The search for a point where all hold reached a smallest margin of "
        f"{best['smallest_margin']:+.3g} ({best['weakest']} weakest"
        + ("; all hold there)." if best["smallest_margin"] >= 0 else ", still failing).")
    )
    return text


def _unknowns_text(found: Audit) -> str:
    """The unknowns by parameter: "tech_gain (per case), abandonment_risk (shared)"."""
    by_parameter: dict[str, list[str]] = {}
    for u in found.unknowns:
        by_parameter.setdefault(u.parameter, []).append(u.name)
    return ", ".join(
        f"{p} ({'shared' if names == [p] else 'per case'})" for p, names in by_parameter.items()
    )


def _slug(model: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in model)


def _model_name(fixed: Mapping[str, float]) -> str:
    return ", ".join(f"{k} = {v:g}" for k, v in fixed.items()) or "linkage"


def reproduce(
    cases: Sequence[str | Case] = DEFAULT_CASES,
    *,
    claims: Sequence[Claim] = CLAIMS,
    model: str | Mapping[str, float] | Sequence[str | Mapping[str, float]] = MODELS,
    draws: int = 10_000,
    audit_draws: int = AUDIT_DRAWS,
    seed: int = DEFAULT_SEED,
    distribution: str = "triangular",
    out: str | Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> Reproduction:
    """Reproduce the Chip 4 versus TTC comparison: solve, compute the claims, run the Monte Carlo.

    Parameters
    ----------
    cases : shipped case ids, paths to case files, or :class:`~coalition_games.cases.Case` objects;
        the claims refer to the five dyads by id (``us_japan``, ``us_south_korea``, ``us_taiwan``,
        ``us_eu``, ``us_netherlands``).
    claims : the claims to compute (default: C1–C10 of docs/explanation/claims.rst).
    model : the model, or models side by side (default both, the baseline first):
        ``"baseline"`` (no linkage cap, the model §2), ``"linkage"`` (the calibrated cap X̄,
        the model §6), ``"depth"`` and ``"linkage+depth"`` (either under the depth option, the
        model §8: the claims read the attainable depths), or a mapping of parameters fixed at
        stated values (:func:`.worlds.apply_model`; all names: :data:`.worlds.MODEL_NAMES`).
    draws : Monte Carlo draws, 0 (none: the table shows no share) to
        :data:`~coalition_games.uncertainty.MAX_DRAWS`.
    audit_draws : draws of the audit over the parameters without evidence (:func:`.audit.audit`
        with its defaults and ``seed``; 0: none, 1 to :data:`.audit.MAX_DRAWS`); its findings
        close the note, and it is written into ``out/audit-<model>/``.
    seed : the Monte Carlo seed (an integer ≥ 0; reproducible).
    distribution : ``"triangular"`` or ``"uniform"`` on each range (:mod:`.uncertainty`).
    out : if given, the folder to write tables and figures into (:meth:`Reproduction.write`),
        checked before any work (:func:`coalition_games.outputs.output_folder`).
    progress : called with short messages as the run advances (the CLI prints them).

    Every argument is checked before any work: a ``TypeError`` or ``ValueError`` names the
    argument, its value and what is allowed (a single case id must be given as a list; a case
    may appear once).
    """
    if isinstance(cases, (str, os.PathLike, Case)) or not isinstance(cases, Sequence):
        raise TypeError(
            f"cases must be a sequence of case ids, case-file paths or Case objects, got "
            f"{cases!r}" + (f"; for one case write [{cases!r}]" if isinstance(cases, str) else "")
        )
    if isinstance(claims, Claim) or not isinstance(claims, Sequence):
        raise TypeError(f"claims must be a sequence of Claim objects, got {claims!r}")
    for claim in claims:
        if not isinstance(claim, Claim):
            raise TypeError(f"claims must be Claim objects, got {claim!r}")
    draws = check_integer("draws", draws, 0, MAX_DRAWS)
    audit_draws = check_integer("audit_draws", audit_draws, 0, auditing.MAX_DRAWS)
    seed = check_integer("seed", seed, 0)
    if not isinstance(distribution, str) or distribution not in DISTRIBUTIONS:
        raise ValueError(
            f"distribution = {distribution!r} is not known; allowed: "
            + ", ".join(map(repr, DISTRIBUTIONS))
        )
    if progress is not None and not callable(progress):
        raise TypeError(f"progress must be a callable or None, got {progress!r}")
    if out is not None:
        output_folder(out, COMMAND)
    say = progress or (lambda message: None)
    loaded = [c if isinstance(c, Case) else read(c) for c in cases]
    ids = [c.id for c in loaded]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise ValueError(
            f"cases: {', '.join(map(repr, twice))} given more than once; give each once"
        )
    by_id = {c.id: c for c in loaded}
    missing = sorted({need for claim in claims for need in claim.needs} - set(by_id))
    if missing:
        raise ValueError(
            f"the claims need the case(s) {', '.join(missing)}; given: {', '.join(by_id)}"
        )
    models = [model] if isinstance(model, str | Mapping) else list(model)
    if not models:
        raise ValueError("model: give at least one model")
    runs = {}
    for each in models:
        name = each if isinstance(each, str) else _model_name(each)
        modelled = apply_model(by_id, each)
        say(f"{name}: solving {len(by_id)} calibrated dyads and their counterfactuals")
        world = PointWorld(modelled, depth=uses_depth(each))
        checked = [(claim, *claim.check(world)) for claim in claims]
        mc = None
        if draws:
            mc = monte_carlo(
                list(modelled.values()),
                draws=draws,
                seed=seed,
                distribution=distribution,
                evaluations=in_draws(claims, modelled, uses_depth(each)),
                progress=say,
            )
        runs[name] = ModelRun(
            model=name,
            cases=modelled,
            solutions={cid: solve(d) for cid, d in world.dyads.items()},
            claims=[
                ClaimResult(
                    claim.id,
                    claim.text,
                    claim.section,
                    evidence(),
                    float(margin),
                    mc.shares[claim.id] if mc else None,
                    name,
                )
                for claim, margin, evidence in checked
            ],
            monte_carlo=mc,
            audit=audit(
                claims, list(by_id.values()), model=each, draws=audit_draws, seed=seed, progress=say
            )
            if audit_draws and claims
            else None,
        )
    result = Reproduction(runs, draws=draws, seed=seed, distribution=distribution)
    if out is not None:
        result.write(out, say)
    return result
