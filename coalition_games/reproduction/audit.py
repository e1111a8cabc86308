"""The audit: what must one believe about the unobservables for the article's argument to hold?

Each case file says, parameter by parameter, whether the number rests on evidence (``direct``,
``indirect``) or on none. :func:`audit` holds the evidence at its calibrated values (or draws it
over its ranges), varies the parameters without evidence — the *unknowns* — over a stated box,
and reports for a chosen model (the baseline, the linkage model of the model §6, or any fixed
parameter set):

* each claim's share of the box in which it holds, with a 95% Wilson interval, and the share in
  which all hold together;
* for each pair of claims the share in which both hold (which claims exclude each other);
* where the joint share is zero: the *minimal* sets of claims that never hold together in the
  sample, each with the unknowns on which their requirements are disjoint (their one-at-a-time
  intervals do not overlap) — and, either way, a search (``scipy.optimize``'s differential
  evolution over the box, not only sampling) for the point that maximises the smallest claim
  margin, reported with every margin;
* where the joint share is positive: a witness point with every margin, and the joint region's
  projection on each unknown (its interval and quartiles);
* each claim's one-at-a-time interval on each unknown around the point estimates: the values of
  that unknown (the others at their calibrated values) at which the claim holds, a union of
  intervals whose ends are found by sectioning on the sign of the claim's margin to 10⁻¹² of the
  box.

Choices (stated once). The box measure is uniform: the share of the box is the share of uniform
draws (a prior would be a belief, which the audit is there to expose, not to assume). By default an
unknown that the calibration treats as common (``common = true``: one unknown shared by the
allies) is one value for all cases, and every other one is varied per case (the same prior for
five allies' unknowns is not one unknown); ``per_case=True`` varies every unknown per case; an
unknown named explicitly is shared unless ``per_case``. Its default box is the hull of the cases'
calibrated ranges. Derived parameters follow their
factors (the model §7: λ varied moves e = λ·t·m and v₂ = λ·m). Draws are reproducible from
``seed`` (one ``numpy.random.SeedSequence`` child per chunk), in bounded memory: what is kept
per draw is a bit mask of the claims that hold (2ᴷ counts), not the draws.

The audit describes the model and the evidence. It never writes into case files and it never
feeds back into a calibration.
"""

from __future__ import annotations

import csv
import itertools
import json
import math
import numbers
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..cases import Case, read
from ..model import Dyad
from ..outputs import MANIFEST, output_folder, write_output
from ..parameters import check_integer
from ..results import Table
from ..solution import jsonable
from ..uncertainty import DEFAULT_SEED, quantile
from .claims import CLAIMS, Claim, under_depth
from .worlds import DEFAULT_CASES, DrawWorld, apply_model, uses_depth

__all__ = [
    "CHUNK",
    "COMMAND",
    "MAX_DRAWS",
    "MAX_ITERATIONS",
    "OUTPUTS",
    "Audit",
    "Conflict",
    "Unknown",
    "audit",
    "find_unknowns",
    "percent",
]

#: The command whose outputs :meth:`Audit.write` writes (named in their manifest).
COMMAND = "audit"
#: The files :meth:`Audit.write_into` writes (and :meth:`Audit.write`, with the manifest).
OUTPUTS = (
    "audit.json",
    "audit.csv",
    "co_holding.csv",
    *(
        f"{stem}.{ext}"
        for stem in ("co_holding", "requirements", "region")
        for ext in ("png", "svg")
    ),
)
#: Draws evaluated at once (bounded memory; also the unit of the random streams).
CHUNK = 20_000
#: The most draws one audit takes (10⁸: about ten minutes on one core, in chunks).
MAX_DRAWS = 100_000_000
#: The most iterations of the search (each evaluates ten points per unknown at once).
MAX_ITERATIONS = 10_000
#: The one-at-a-time intervals: grid points, then refinement steps, each cutting a bracket into
#: equal parts (16¹⁰ = 2⁴⁰: the boundaries to 2⁻⁴⁸ of the box).
GRID, SECTIONS, PARTS = 257, 10, 16
#: Joint-region draws kept for its projection (the first ones found).
KEEP = 200_000


@dataclass(frozen=True)
class Unknown:
    """A parameter without evidence, varied over ``[low, high]`` in the cases it applies to
    (one shared value, or per case: ``name`` is then ``"parameter[case]"``)."""

    name: str
    parameter: str
    cases: tuple[str, ...]
    low: float
    high: float

    def to_dict(self) -> dict[str, Any]:
        """A strict-JSON dict."""
        return jsonable(
            {
                "name": self.name,
                "parameter": self.parameter,
                "cases": list(self.cases),
                "box": [self.low, self.high],
            }
        )


@dataclass(frozen=True)
class Conflict:
    """A minimal set of claims that never hold together in the sample, and the unknowns on which
    their one-at-a-time requirements are disjoint (per unknown: each claim's intervals)."""

    claims: tuple[str, ...]
    disjoint: Mapping[str, Mapping[str, list[tuple[float, float]]]]

    def sentence(self) -> str:
        """The conflict in words: "C4 needs security_stake in [0.1, 0.123] while C1 needs ..."."""
        if len(self.claims) == 1:
            return (
                f"{self.claims[0]} holds at no sampled point of the box: with the evidence as "
                "given, no values of the parameters without evidence make it hold under this model"
            )
        if not self.disjoint:
            return (
                f"{' and '.join(self.claims)} never hold together in the sample; no single unknown "
                "separates their one-at-a-time requirements (they conflict jointly, or one of them "
                "holds at no value of any single unknown with the others at their calibrated "
                "values)"
            )
        parts = []
        for unknown, by_claim in self.disjoint.items():
            needs = [f"{c} needs {unknown} {_intervals_text(iv)}" for c, iv in by_claim.items()]
            parts.append(" while ".join(needs))
        return "; ".join(parts)


def _intervals_text(intervals: Sequence[tuple[float, float]]) -> str:
    if not intervals:
        return "in no value of its box"
    return " or ".join(f"in [{lo:.4g}, {hi:.4g}]" for lo, hi in intervals)


def percent(count: int, total: int, places: int = 0) -> str:
    """The share ``count / total`` in percent to ``places`` decimals, never rounding a rare
    event to nothing: "0%" only when ``count`` is 0, "<1%" (or "<0.1%" …) below the last place.

    >>> percent(0, 1000), percent(3, 1000), percent(3, 1000, 1), percent(594, 1000)
    ('0%', '<1%', '0.3%', '59%')
    """
    if count == 0:
        return "0%"
    smallest = 10.0**-places
    if 100 * count / total < smallest:
        return f"<{smallest:.{places}f}%"
    return f"{count / total:.{places}%}"


def _wilson(k: int, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    """The 95% Wilson score interval of a binomial share k/n (Wilson 1927)."""
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class Audit(Table):
    """What one must believe for the claims to hold: shares, conflicts, search, intervals."""

    model: str
    claims: tuple[str, ...]
    texts: Mapping[str, str]
    unknowns: tuple[Unknown, ...]
    draws: int
    seed: int
    per_case: bool
    hold_evidence: bool
    counts: Mapping[str, int]  #: draws in which each claim holds
    joint_count: int
    co_holding: Mapping[str, Mapping[str, float]]  #: pairwise shares (diagonal: the claim's)
    conflicts: tuple[Conflict, ...]
    search: Mapping[str, Any]  #: the optimiser's best point, its margins, the smallest margin
    witness: Mapping[str, Any] | None  #: a draw where all hold, with every margin
    region: Mapping[str, Mapping[str, float]] | None  #: the joint region's projections
    intervals: Mapping[str, Mapping[str, list[tuple[float, float]]]]  #: claim → unknown → OAT
    sample: Mapping[str, Any] = field(default_factory=dict, repr=False)  #: draws for figures

    def share(self, claim: str) -> float:
        """The share of the box in which ``claim`` holds."""
        return self.counts[claim] / self.draws

    @property
    def nowhere(self) -> tuple[str, ...]:
        """The claims that hold in no draw (the minimal never-together sets of one claim)."""
        return tuple(c for c in self.claims if self.counts[c] == 0)

    @property
    def exclusions(self) -> tuple[Conflict, ...]:
        """The minimal sets of two or more claims that never hold together in the sample."""
        return tuple(c for c in self.conflicts if len(c.claims) > 1)

    @property
    def joint_share(self) -> float:
        """The share of the box in which all the claims hold together."""
        return self.joint_count / self.draws

    def explain(self) -> str:
        """The audit in words."""
        names = ", ".join(u.name for u in self.unknowns)
        lines = [
            f"Audit of {len(self.claims)} claims under the {self.model} model: {self.draws:,} "
            f"uniform draws (seed {self.seed}) of {len(self.unknowns)} unknowns ({names}); "
            f"evidence {'held at its values' if self.hold_evidence else 'drawn over its ranges'}"
            f"{', one value per case' if self.per_case else ''}.",
        ]
        for c in self.claims:
            lo, hi = _wilson(self.counts[c], self.draws)
            lines.append(
                f"  {c}: holds in {percent(self.counts[c], self.draws, 1)} of the box "
                f"[{lo:.1%}, {hi:.1%}]"
            )
        lo, hi = _wilson(self.joint_count, self.draws)
        lines.append(
            f"  All together: {percent(self.joint_count, self.draws, 3)} [{lo:.3%}, {hi:.3%}]."
        )
        if self.nowhere:
            lines.append(
                f"  Holding at no sampled point: {', '.join(self.nowhere)} (with the evidence as "
                "given, no values of the parameters without evidence make "
                + ("it" if len(self.nowhere) == 1 else "them")
                + " hold under this model)."
            )
        if self.exclusions:
            lines.append("  Claims that never hold together in the sample (minimal sets):")
            lines += [f"    {{{', '.join(c.claims)}}}: {c.sentence()}" for c in self.exclusions]
        if self.witness:
            lines.append(
                "  A point where all hold: "
                + ", ".join(f"{k} = {v:.4g}" for k, v in self.witness["point"].items())
                + f" (smallest margin {self.witness['smallest_margin']:.3g})."
            )
        best = self.search
        lines.append(
            f"  Search ({best['method']}) for the point maximising the smallest margin: "
            f"{best['smallest_margin']:+.3g} at "
            + ", ".join(f"{k} = {v:.4g}" for k, v in best["point"].items())
            + (
                " — all claims hold there."
                if best["smallest_margin"] >= 0
                else f" — {best['weakest']} still fails there."
            )
        )
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """A strict-JSON dict of everything computed."""
        shares = {}
        for c in self.claims:
            lo, hi = _wilson(self.counts[c], self.draws)
            shares[c] = {"claim": self.texts[c], "share": self.share(c), "ci95": [lo, hi]}
        lo, hi = _wilson(self.joint_count, self.draws)
        return jsonable(
            {
                "model": self.model,
                "draws": self.draws,
                "seed": self.seed,
                "per_case": self.per_case,
                "hold_evidence": self.hold_evidence,
                "unknowns": [u.to_dict() for u in self.unknowns],
                "shares": shares,
                "joint": {"share": self.joint_share, "ci95": [lo, hi]},
                "co_holding": self.co_holding,
                "conflicts": [
                    {"claims": list(c.claims), "disjoint": c.disjoint, "text": c.sentence()}
                    for c in self.conflicts
                ],
                "search": self.search,
                "witness": self.witness,
                "region": self.region,
                "intervals": self.intervals,
            }
        )

    def to_frame(self) -> Any:
        """The claims as a pandas DataFrame: share, its 95% interval, and the one-at-a-time
        intervals on each unknown (as text)."""
        import pandas as pd

        rows = []
        for c in self.claims:
            lo, hi = _wilson(self.counts[c], self.draws)
            row = {"id": c, "claim": self.texts[c], "share": self.share(c), "ci95_low": lo}
            row["ci95_high"] = hi
            for u in self.unknowns:
                row[f"holds for {u.name}"] = _intervals_text(self.intervals[c][u.name])
            rows.append(row)
        return pd.DataFrame(rows)

    def write(self, out: str | Path, progress: Callable[[str], None] | None = None) -> list[str]:
        """Write the audit's files (:meth:`write_into`) and ``manifest.json`` into ``out``,
        atomically: ``out`` is new, empty or a previous audit's output, replaced only when
        complete (:func:`coalition_games.outputs.write_output`). Returns the paths written."""
        folder = output_folder(out, COMMAND)
        settings = {"model": self.model, "draws": self.draws, "seed": self.seed}
        manifest = write_output(
            folder, COMMAND, lambda staging: self.write_into(staging, progress), settings
        )
        return [str(folder / name) for name in (*manifest["files"], MANIFEST)]

    def write_into(
        self, folder: str | Path, progress: Callable[[str], None] | None = None
    ) -> list[str]:
        """Write audit.json, audit.csv (the claims), co_holding.csv and two figures (PNG, SVG;
        they need matplotlib) into ``folder`` as it is (created if needed; no staging, for a
        writer that stages the whole output, e.g. :meth:`write` or a reproduction):
        co_holding, and the joint region on the two unknowns that matter most (region) where all
        claims hold somewhere, else the claims' conflicting requirements (requirements).
        Returns the paths written."""
        from . import figures

        say = progress or (lambda message: None)
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "audit.json").write_text(
            json.dumps(self.to_dict(), indent=2, ensure_ascii=False, allow_nan=False),
            encoding="utf-8",
        )
        with open(folder / "audit.csv", "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["id", "claim", "share", "ci95_low", "ci95_high"])
            for c in self.claims:
                writer.writerow(
                    [c, self.texts[c], self.share(c), *_wilson(self.counts[c], self.draws)]
                )
        with open(folder / "co_holding.csv", "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["", *self.claims])
            for a in self.claims:
                writer.writerow([a, *(self.co_holding[a][b] for b in self.claims)])
        written = [str(folder / n) for n in ("audit.json", "audit.csv", "co_holding.csv")]
        makers = [
            ("co_holding", lambda: figures.co_holding(self)),
            ("region", lambda: figures.region(self))
            if self.joint_count
            else ("requirements", lambda: figures.requirements(self)),
        ]
        return written + figures.write_all(makers, str(folder), say)

    def _repr_html_(self) -> str:
        import html

        rows = "".join(
            f"<tr><td style='text-align:left'>{c}</td>"
            f"<td style='text-align:left'>{html.escape(self.texts[c])}</td>"
            f"<td>{percent(self.counts[c], self.draws, 1)}</td></tr>"
            for c in self.claims
        )
        conflicts = (
            f"<li>holding at no sampled point: {html.escape(', '.join(self.nowhere))}</li>"
            if self.nowhere
            else ""
        ) + "".join(
            f"<li>{html.escape(', '.join(c.claims))}: {html.escape(c.sentence())}</li>"
            for c in self.exclusions
        )
        return (
            f"<table><caption>Audit ({html.escape(self.model)}, {self.draws:,} draws): all "
            f"together {percent(self.joint_count, self.draws, 3)}</caption>"
            "<tr><th>id</th><th style='text-align:left'>claim</th><th>share</th></tr>"
            f"{rows}</table>" + (f"<ul>{conflicts}</ul>" if conflicts else "")
        )


def find_unknowns(
    cases: Mapping[str, Case],
    names: Sequence[str] | None = None,
    *,
    box: Mapping[str, tuple[float, float]] | None = None,
    per_case: bool = False,
    force: bool = False,
) -> tuple[Unknown, ...]:
    """The unknowns of an audit: ``names`` (default: every parameter or hyper-parameter whose
    evidence status is ``none`` in some case), shared by the cases or per case, each over its
    ``box`` (default: the hull of its calibrated ranges). A name with evidence needs ``force``."""
    box = dict(box or {})
    status: dict[str, dict[str, Any]] = {}
    for cid, case in cases.items():
        for name, est in (dict(case.parameters) | dict(case.hyperparameters)).items():
            if not est.derived:
                status.setdefault(name, {})[cid] = est
    default = names is None
    if default:
        if not any(hasattr(e, "evidence") for by in status.values() for e in by.values()):
            raise ValueError("the case files carry no evidence status: name the unknowns")
        # without evidence in some case, and varied there (a one-point range is a fixed value)
        status = {
            n: {c: e for c, e in by.items() if _status(e) == "none" and e.range[0] < e.range[1]}
            for n, by in status.items()
        }
        names = [n for n, by in status.items() if by]
    unknowns = []
    for name in names or ():
        if name not in status:
            raise ValueError(
                f"unknown {name!r} is not a free parameter or hyper-parameter of the cases; "
                f"allowed: {', '.join(sorted(status))}"
            )
        by_case = status[name]
        evidenced = sorted(c for c, e in by_case.items() if _status(e) not in ("none", None))
        if evidenced and not force:
            raise ValueError(
                f"{name} has evidence in {', '.join(evidenced)}: pass force=True to vary it anyway"
            )
        common = all(getattr(e, "common", False) for e in by_case.values())
        shared = not per_case and (common or not default or len(by_case) == 1)
        groups = [(name, tuple(by_case))] if shared else [(f"{name}[{c}]", (c,)) for c in by_case]
        for label, where in groups:
            bounds = box.get(label, box.get(name, _hull([by_case[c] for c in where])))
            lo, hi = _check_box(label, name, bounds)
            unknowns.append(Unknown(label, name, where, lo, hi))
    if not unknowns:
        raise ValueError("no unknowns to vary: every parameter has evidence (or name some)")
    keys = {u.name for u in unknowns} | {u.parameter for u in unknowns}
    stray = sorted(str(k) for k in box if k not in keys)
    if stray:
        raise ValueError(
            f"box names {', '.join(map(repr, stray))}, not an unknown of this audit; allowed: "
            + ", ".join(sorted(keys))
        )
    return tuple(unknowns)


def _status(estimate: Any) -> str | None:
    return getattr(estimate, "evidence", None)


def _hull(estimates: Sequence[Any]) -> tuple[float, float]:
    return min(e.range[0] for e in estimates), max(e.range[1] for e in estimates)


def _check_box(label: str, name: str, bounds: Any) -> tuple[float, float]:
    if isinstance(bounds, (str, bytes)) or not isinstance(bounds, Sequence) or len(bounds) != 2:
        raise ValueError(f"box of {label} must be a pair (low, high), got {bounds!r}")
    lo, hi = bounds
    for end in (lo, hi):
        if isinstance(end, bool) or not isinstance(end, numbers.Real) or not math.isfinite(end):
            raise ValueError(f"box of {label}: ends must be finite numbers, got [{lo!r}, {hi!r}]")
    if not lo < hi:
        raise ValueError(f"box of {label} is empty or reversed: [{lo!r}, {hi!r}]")
    if name in Dyad.__dataclass_fields__:
        for end in (lo, hi):
            Dyad().replace(**{name: float(end)})  # inside the parameter's allowed range
    return float(lo), float(hi)


def _samples(
    cases: Mapping[str, Case],
    unknowns: Sequence[Unknown],
    values: Mapping[str, np.ndarray],
    n: int,
    evidence: Mapping[str, Mapping[str, np.ndarray]] | None,
) -> dict[str, dict[str, np.ndarray]]:
    """Per case, every parameter and hyper-parameter for ``n`` points: the unknowns at
    ``values``, the evidence at its point values (or ``evidence`` draws), derived ones following."""
    out = {}
    for cid, case in cases.items():
        base: dict[str, Any] = {
            name: np.full(n, est.value)
            for name, est in (dict(case.parameters) | dict(case.hyperparameters)).items()
        }
        if evidence is not None:
            base.update(evidence[cid])
            free = {k: v for k, v in base.items() if k not in case.parameters or k in case.free}
            base = base | case.derive(free)
        changes = {u.parameter: values[u.name] for u in unknowns if cid in u.cases}
        out[cid] = base | changes | case.derive(base, **changes)
    return out


def _margins(
    claims: Sequence[Claim], cases: Mapping[str, Case], samples: Mapping[str, Any], n: int
) -> np.ndarray:
    world = DrawWorld(cases, samples)
    return np.stack([np.broadcast_to(np.asarray(c.check(world)[0], float), (n,)) for c in claims])


def audit(
    claims: Sequence[Claim] | Sequence[str] | None = None,
    cases: Sequence[str | Case] = DEFAULT_CASES,
    *,
    model: str | Mapping[str, float] = "baseline",
    unknowns: Sequence[str] | None = None,
    box: Mapping[str, tuple[float, float]] | None = None,
    per_case: bool = False,
    hold_evidence: bool = True,
    force: bool = False,
    draws: int = 100_000,
    seed: int = DEFAULT_SEED,
    search: bool = True,
    search_iterations: int = 40,
    progress: Callable[[str], None] | None = None,
) -> Audit:
    """Audit the claims (default C1–C10) over the unknowns' box (module docstring).

    Parameters
    ----------
    claims : :class:`~coalition_games.reproduction.claims.Claim` objects or their ids.
    cases : shipped case ids, paths, or :class:`~coalition_games.cases.Case` objects.
    model : ``"baseline"``, ``"linkage"``, ``"depth"``, ``"linkage+depth"`` (under the depth
        option, the model §8) or a mapping of parameters fixed at stated values.
    unknowns : the parameters to vary (default: those without evidence); ``box`` maps a name
        (or ``"name[case]"``) to its ``(low, high)``; ``per_case`` varies each case's own value;
        ``force`` allows an evidence-backed parameter.
    hold_evidence : hold the evidence at its values (True) or draw it over its ranges
        (triangular, as the Monte Carlo).
    draws, seed : uniform draws of the box (1 to :data:`MAX_DRAWS`) and their seed.
    search, search_iterations : run the differential-evolution search, and its iterations (1 to
        :data:`MAX_ITERATIONS`).
    progress : called with short messages as the run advances.
    """
    say = progress or (lambda message: None)
    chosen = _claims(claims)
    loaded = {c.id: c for c in (c if isinstance(c, Case) else read(c) for c in _case_list(cases))}
    missing = sorted({need for claim in chosen for need in claim.needs} - set(loaded))
    if missing:
        raise ValueError(f"the claims need the case(s) {', '.join(missing)}")
    draws = check_integer("draws", draws, 1, MAX_DRAWS)
    seed = check_integer("seed", seed, 0)
    search_iterations = check_integer("search_iterations", search_iterations, 1, MAX_ITERATIONS)
    modelled = apply_model(loaded, model)
    if uses_depth(model):
        chosen = under_depth(chosen)
    box_unknowns = find_unknowns(modelled, unknowns, box=box, per_case=per_case, force=force)
    ids = tuple(c.id for c in chosen)
    k = len(ids)
    histogram = np.zeros(1 << k, dtype=np.int64)
    best: dict[str, Any] = {"min": -math.inf, "point": None, "margins": None}
    kept: list[np.ndarray] = []
    sample: dict[str, Any] = {}
    sizes = [min(CHUNK, draws - start) for start in range(0, draws, CHUNK)]
    streams = np.random.SeedSequence(int(seed)).spawn(len(sizes))
    for i, (n, stream) in enumerate(zip(sizes, streams, strict=True)):
        rng = np.random.default_rng(stream)
        u = rng.random((len(box_unknowns), n))
        values = {x.name: x.low + u[j] * (x.high - x.low) for j, x in enumerate(box_unknowns)}
        evidence = None if hold_evidence else _evidence_draws(modelled, box_unknowns, n, rng)
        margins = _margins(
            chosen, modelled, _samples(modelled, box_unknowns, values, n, evidence), n
        )
        holds = margins >= 0
        masks = np.zeros(n, dtype=np.int64)
        for j in range(k):
            masks |= holds[j].astype(np.int64) << j
        histogram += np.bincount(masks, minlength=1 << k)
        smallest = margins.min(axis=0)
        top = int(np.argmax(smallest))
        if smallest[top] > best["min"]:
            best = {
                "min": float(smallest[top]),
                "point": {x: float(v[top]) for x, v in values.items()},
                "margins": {c: float(margins[j, top]) for j, c in enumerate(ids)},
            }
        every = holds.all(axis=0)
        if every.any() and sum(len(x) for x in kept) < KEEP:
            kept.append(np.stack([values[x.name][every] for x in box_unknowns]))
        if i == 0:
            sample = {"values": {x: v[:5000] for x, v in values.items()}, "held": holds[:, :5000]}
        say(f"audit: {sum(sizes[: i + 1]):,} of {draws:,} draws")
    counts = {
        c: int(histogram[[m for m in range(1 << k) if m >> j & 1]].sum()) for j, c in enumerate(ids)
    }
    superset = _superset_sums(histogram, k)
    co = {
        a: {b: float(superset[(1 << i) | (1 << j)] / draws) for j, b in enumerate(ids)}
        for i, a in enumerate(ids)
    }
    say("audit: one-at-a-time intervals")
    intervals = _one_at_a_time(chosen, modelled, box_unknowns)
    conflicts = _conflicts(ids, superset, intervals, k)
    joint = int(superset[(1 << k) - 1])
    witness = region = None
    if joint:
        witness = {
            "point": best["point"],
            "margins": best["margins"],
            "smallest_margin": best["min"],
        }
        found = np.concatenate(kept, axis=1)
        region = {
            x.name: dict(
                zip(
                    ("min", "q25", "median", "q75", "max"),
                    map(float, np.quantile(found[j], [0, 0.25, 0.5, 0.75, 1])),
                    strict=True,
                )
            )
            for j, x in enumerate(box_unknowns)
        }
        sample["joint"] = {x.name: found[j, :5000] for j, x in enumerate(box_unknowns)}
    found_search = (
        _search(chosen, modelled, box_unknowns, seed, search_iterations, best)
        if search
        else {
            "method": "best sampled draw",
            "point": best["point"],
            "margins": best["margins"],
            "smallest_margin": best["min"],
            "weakest": min(best["margins"], key=best["margins"].get),
        }
    )
    return Audit(
        model=model
        if isinstance(model, str)
        else ", ".join(f"{a} = {b:g}" for a, b in model.items()),
        claims=ids,
        texts={c.id: c.text for c in chosen},
        unknowns=box_unknowns,
        draws=draws,
        seed=int(seed),
        per_case=per_case,
        hold_evidence=hold_evidence,
        counts=counts,
        joint_count=joint,
        co_holding=co,
        conflicts=conflicts,
        search=found_search,
        witness=witness,
        region=region,
        intervals=intervals,
        sample=sample,
    )


def _claims(claims: Sequence[Claim] | Sequence[str] | None) -> tuple[Claim, ...]:
    if claims is None:
        return CLAIMS
    if isinstance(claims, str):
        raise TypeError("claims must be a sequence of claims or ids, not one string")
    by_id = {c.id: c for c in CLAIMS}
    out = []
    for c in claims:
        if isinstance(c, Claim):
            out.append(c)
        elif c in by_id:
            out.append(by_id[c])
        else:
            raise ValueError(f"unknown claim {c!r}; known: {', '.join(by_id)}")
    if not out or len({c.id for c in out}) != len(out):
        raise ValueError("claims: give at least one claim, each once")
    if len(out) > 16:
        raise ValueError("at most 16 claims are audited together (2^K subsets are counted)")
    return tuple(out)


def _case_list(cases: Sequence[str | Case]) -> list[str | Case]:
    if isinstance(cases, str | Case):
        raise TypeError("cases must be a sequence of case ids, paths or Case objects")
    return list(cases)


def _evidence_draws(
    cases: Mapping[str, Case], unknowns: Sequence[Unknown], n: int, rng: np.random.Generator
) -> dict[str, dict[str, np.ndarray]]:
    varied = {(c, u.parameter) for u in unknowns for c in u.cases}
    out = {}
    for cid, case in cases.items():
        out[cid] = {
            name: quantile(rng.random(n), est.range[0], est.value, est.range[1], "triangular")
            for name, est in case.free.items()
            if (cid, name) not in varied
        }
    return out


def _superset_sums(histogram: np.ndarray, k: int) -> np.ndarray:
    """For every subset S of the claims, the draws in which all of S hold (zeta transform)."""
    out = histogram.copy()
    for j in range(k):
        bit = 1 << j
        for m in range(1 << k):
            if not m & bit:
                out[m] += out[m | bit]
    return out


def _conflicts(
    ids: tuple[str, ...],
    superset: np.ndarray,
    intervals: Mapping[str, Mapping[str, list[tuple[float, float]]]],
    k: int,
) -> tuple[Conflict, ...]:
    """The minimal sets of claims with no draw in which all hold."""
    found: list[int] = []
    for size in range(1, k + 1):
        for members in itertools.combinations(range(k), size):
            mask = sum(1 << j for j in members)
            if superset[mask] == 0 and not any(f & mask == f for f in found):
                found.append(mask)
    out = []
    for mask in found:
        names = tuple(ids[j] for j in range(k) if mask >> j & 1)
        disjoint = {}
        for unknown in next(iter(intervals.values())):
            sets = {c: intervals[c][unknown] for c in names}
            # disjoint requirements: each claim can be met on this unknown, but not together
            if all(sets.values()) and not _overlap(list(sets.values())):
                disjoint[unknown] = sets
        out.append(Conflict(names, disjoint))
    return tuple(out)


def _overlap(sets: list[list[tuple[float, float]]]) -> bool:
    """Whether unions of closed intervals have a common point."""
    common = sets[0]
    for other in sets[1:]:
        common = [
            (max(a, c), min(b, d)) for a, b in common for c, d in other if max(a, c) <= min(b, d)
        ]
        if not common:
            return False
    return True


def _one_at_a_time(
    claims: Sequence[Claim], cases: Mapping[str, Case], unknowns: Sequence[Unknown]
) -> dict[str, dict[str, list[tuple[float, float]]]]:
    """Per claim and unknown, where on the unknown's box the claim holds, the others at their
    calibrated values: sign changes of the margin on a grid of :data:`GRID` points, each refined
    by :data:`SECTIONS` steps that cut its bracket into :data:`PARTS` (to 2⁻⁴⁸ of the box).
    Every unknown's points are evaluated together, one array per step."""
    grids = [np.linspace(x.low, x.high, GRID) for x in unknowns]
    held = _stacked_margins(claims, cases, unknowns, grids) >= 0  # (claims, unknowns · GRID)
    m = held.reshape(len(claims), len(unknowns), GRID)
    j, u, i = np.nonzero(m[:, :, :-1] != m[:, :, 1:])  # brackets: claim, unknown, grid cell
    lo = np.array([grids[b][c] for b, c in zip(u, i, strict=True)])
    hi = np.array([grids[b][c + 1] for b, c in zip(u, i, strict=True)])
    left = m[j, u, i]
    cut = np.arange(1, PARTS) / PARTS
    for _ in range(SECTIONS if len(j) else 0):
        points = lo[:, None] + (hi - lo)[:, None] * cut[None, :]  # (brackets, PARTS − 1)
        by_unknown = [points[u == b].ravel() for b in range(len(unknowns))]
        at = _stacked_margins(claims, cases, unknowns, by_unknown) >= 0
        starts = np.cumsum([0, *(len(p) for p in by_unknown)])
        same = np.empty(points.shape, dtype=bool)
        for b in range(len(unknowns)):
            rows = np.flatnonzero(u == b)
            cols = at[:, starts[b] : starts[b + 1]].reshape(len(claims), len(rows), PARTS - 1)
            same[rows] = cols[j[rows], np.arange(len(rows))] == left[rows, None]
        # the first part whose sign differs from the bracket's left end holds the boundary
        first = np.where(same.all(axis=1), PARTS - 1, np.argmin(same, axis=1))
        ends = np.concatenate([lo[:, None], points, hi[:, None]], axis=1)
        rows = np.arange(len(j))
        lo, hi = ends[rows, first], ends[rows, first + 1]
    out: dict[str, dict[str, list[tuple[float, float]]]] = {c.id: {} for c in claims}
    for b, x in enumerate(unknowns):
        for k, claim in enumerate(claims):
            edges = [
                (int(i[r]), float(lo[r] if left[r] else hi[r]))
                for r in np.flatnonzero((j == k) & (u == b))
            ]
            out[claim.id][x.name] = _runs(m[k, b], grids[b], edges)
    return out


def _stacked_margins(
    claims: Sequence[Claim],
    cases: Mapping[str, Case],
    unknowns: Sequence[Unknown],
    points: Sequence[np.ndarray],
) -> np.ndarray:
    """The claims' margins with each unknown in turn at its ``points`` (the others at their
    calibrated values), all in one array: columns in the order of the unknowns."""
    parts = [
        _samples(cases, [x], {x.name: p}, len(p), None)
        for x, p in zip(unknowns, points, strict=True)
        if len(p)
    ]
    n = sum(len(p) for p in points)
    if not n:
        return np.zeros((len(claims), 0))
    samples = {
        cid: {name: np.concatenate([part[cid][name] for part in parts]) for name in parts[0][cid]}
        for cid in cases
    }
    return _margins(claims, cases, samples, n)


def _runs(
    held: np.ndarray, grid: np.ndarray, edges: list[tuple[int, float]]
) -> list[tuple[float, float]]:
    """The intervals where ``held`` is true, their ends moved to the refined boundaries."""
    ends = dict(edges)
    runs, start = [], None
    for i, h in enumerate(held):
        if h and start is None:
            start = float(grid[0]) if i == 0 else ends[i - 1]
        if not h and start is not None:
            runs.append((start, ends[i - 1]))
            start = None
    if start is not None:
        runs.append((start, float(grid[-1])))
    return runs


def _search(
    claims: Sequence[Claim],
    cases: Mapping[str, Case],
    unknowns: Sequence[Unknown],
    seed: int,
    iterations: int,
    best: Mapping[str, Any],
) -> dict[str, Any]:
    """Differential evolution (Storn & Price 1997) over the box, maximising the smallest margin,
    started from the best sampled draw; reported whether or not it finds a point where all hold."""
    from scipy.optimize import differential_evolution

    bounds = [(x.low, x.high) for x in unknowns]

    def objective(z: np.ndarray) -> np.ndarray:
        z = np.atleast_2d(z.T).T if z.ndim == 1 else z
        n = z.shape[1]
        values = {x.name: z[j] for j, x in enumerate(unknowns)}
        return -_margins(claims, cases, _samples(cases, unknowns, values, n, None), n).min(axis=0)

    init = _sobol(len(bounds), seed, bounds)
    if best["point"]:  # start from the best sampled draw
        init[0] = [best["point"][x.name] for x in unknowns]
    result = differential_evolution(
        objective,
        bounds,
        seed=int(seed),
        maxiter=iterations,
        popsize=10,
        polish=False,
        vectorized=True,
        updating="deferred",
        init=init,
    )
    point = {x.name: float(v) for x, v in zip(unknowns, result.x, strict=True)}
    values = {k: np.array([v]) for k, v in point.items()}
    margins = _margins(claims, cases, _samples(cases, unknowns, values, 1, None), 1)[:, 0]
    found = {c.id: float(m) for c, m in zip(claims, margins, strict=True)}
    return {
        "method": "differential evolution over the box (scipy.optimize)",
        "point": point,
        "margins": found,
        "smallest_margin": float(min(found.values())),
        "weakest": min(found, key=found.__getitem__),
        "evaluations": int(result.nfev),
    }


def _sobol(d: int, seed: int, bounds: Sequence[tuple[float, float]]) -> np.ndarray:
    from scipy.stats import qmc

    points = qmc.Sobol(d, seed=int(seed)).random_base2(5 + max(0, math.ceil(math.log2(d))))
    low, high = np.array(bounds).T
    return low + points * (high - low)
