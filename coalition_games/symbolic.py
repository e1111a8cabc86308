"""The model §4: the model's formulas as sympy expressions, their boundaries and comparative
statics.

Nothing here is retyped: :data:`SYMBOLIC` is a sympy backend for :class:`formulas.Ops` (``Max``,
``Min``, ``Piecewise``, exact ``≥``, ``And``/``Or``/``Not``), and :func:`evaluation` runs the same
:func:`formulas.evaluate` that the scalar solver and the sweep run, on :data:`SYMBOLS`, a
namespace of sympy symbols (s, t, m, g, a, c₁, σ, v₁, v₂, e, κ₀, κ₁, B, w, α). Symbolic
comparisons are exact (no ``formulas.TOL``).

What is derived from it:

* :func:`credibility_threshold` — s* solved from e − κ(s) = 0.
* :func:`sustainability` / :func:`boundary` — each tier's sustainability condition in a credibility
  regime, and the boundary (a constraint's margin = 0) solved for any parameter.
* :func:`comparative_statics` — the sign of each margin's partial derivative in each parameter,
  proved over the whole parameter domain (:func:`sign`).
* :func:`monotone_effect` — a sufficient condition under which raising (or lowering) a parameter
  never lowers the tier, with its proof; :data:`ARTICLE_CLAIMS` lists the article's claims.
* :func:`latex` and :func:`numpy_function` — LaTeX for papers and fast numpy functions (lambdify).

Conventions: the *credible* regime is e − κ(s) ≥ 0 (θ = 1), the *not credible* one θ = 0; the
simple tier never carries a threat, so its expressions do not depend on the regime.
"""

from __future__ import annotations

import functools
import itertools
import numbers
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import numpy as np
import sympy as sp

from . import formulas
from .formulas import Evaluation, Ops, TierTerms
from .parameters import PARAMETER_NAMES, PARAMETERS, PARAMETERS_BY_NAME, check_real
from .solution import CONSTRAINTS, Tier

__all__ = [
    "ARTICLE_CLAIMS",
    "LINKAGE",
    "SYMBOLIC",
    "SYMBOLS",
    "MonotoneEffect",
    "boundary",
    "boundary_expressions",
    "comparative_statics",
    "credibility_threshold",
    "evaluation",
    "latex",
    "margins",
    "monotone_effect",
    "numpy_function",
    "sign",
    "sustainability",
]


def _exact(x: Any) -> Any:
    """Python floats from the formulas (0.0, 1.0) as exact sympy numbers."""
    return sp.Rational(x) if isinstance(x, float) else sp.sympify(x)


#: The sympy backend of :class:`formulas.Ops`; comparisons are exact.
SYMBOLIC = Ops(
    maximum=lambda a, b: sp.Max(_exact(a), _exact(b)),
    minimum=lambda a, b: sp.Min(_exact(a), _exact(b)),
    where=lambda cond, a, b: sp.Piecewise((_exact(a), cond), (_exact(b), True)),
    ge=lambda a, b: sp.Ge(_exact(a), _exact(b)),
    and_=sp.And,
    or_=sp.Or,
    not_=sp.Not,
)

_LATEX_NAMES = str.maketrans({"σ": "sigma", "κ": "kappa", "α": "alpha", "₀": "_0", "₁": "_1"})
_LATEX_NAMES.update(str.maketrans({"₂": "_2", "\u0304": "bar"}))  # X̄ → Xbar, printed \bar{X}

#: One sympy symbol per parameter (attribute = parameter name), named by the article's symbol
#: (``kappa_0`` prints as κ₀ in LaTeX, ``Xbar`` as X̄); σ is positive, every other symbol
#: non-negative.
SYMBOLS = SimpleNamespace(
    **{
        spec.name: sp.Symbol(
            spec.symbol.translate(_LATEX_NAMES),
            **({"positive": True} if spec.lower_open else {"nonnegative": True}),
        )
        for spec in PARAMETERS
    }
)
_BY_SYMBOL = {getattr(SYMBOLS, name): name for name in PARAMETER_NAMES}


#: The linkage regimes (the model §6) in which expressions are derived: ``"uncapped"`` — the
#: security loss is ℓ(s) = sσ (sσ ≤ X̄, and the baseline X̄ = +∞: its expressions are the
#: baseline's); ``"capped"`` — ℓ(s) = X̄ (sσ ≥ X̄); ``"general"`` — ℓ(s) = min(sσ, X̄) kept
#: as it is (for boundaries over X̄).
LINKAGE = ("uncapped", "capped", "general")


def _namespace(linkage: str) -> SimpleNamespace:
    if linkage not in LINKAGE:
        raise ValueError(f"linkage={linkage!r}; allowed: {', '.join(map(repr, LINKAGE))}")
    if linkage == "uncapped":
        return SimpleNamespace(**{**vars(SYMBOLS), "linkage_cap": sp.oo})  # min(sσ, ∞) = sσ
    return SYMBOLS


def _substitute(value: Any, mapping: Mapping[Any, Any]) -> Any:
    if isinstance(value, tuple):
        return type(value)(*(_substitute(v, mapping) for v in value))
    return sp.sympify(value).xreplace(mapping)


@functools.cache
def evaluation(credible: bool | None = None, linkage: str = "uncapped") -> Evaluation:
    """:func:`formulas.evaluate` on :data:`SYMBOLS`; ``credible`` fixes the credibility regime
    (None: both), ``linkage`` the linkage regime (:data:`LINKAGE`).

    With ``credible=None`` the threat indicator θ appears as ``Piecewise((1, e − κ(s) ≥ 0),
    (0, True))``; with True or False it is replaced by 1 or 0 throughout. In the ``"capped"``
    regime ℓ(s) = min(sσ, X̄) is replaced by X̄ throughout.

    >>> from coalition_games.symbolic import evaluation
    >>> evaluation(credible=True, linkage="capped").complex.lo
    -Xbar + a - g + m - t + w

    >>> from coalition_games.symbolic import evaluation
    >>> evaluation(credible=True).complex.lo
    a - g + m - s*sigma - t + w
    """
    ev = formulas.evaluate(_namespace(linkage), SYMBOLIC)
    if linkage == "capped":
        loss = formulas.security_loss(SYMBOLS, SYMBOLIC)
        ev = Evaluation(*(_substitute(field, {loss: SYMBOLS.linkage_cap}) for field in ev))
    if credible is None:
        return ev
    return Evaluation(*(_in_regime(field, credible) for field in ev))


def _in_regime(value: Any, credible: bool) -> Any:
    if isinstance(value, tuple):
        return type(value)(*(_in_regime(v, credible) for v in value))
    gain = formulas.sanction_gain(SYMBOLS)
    expr = sp.sympify(value)
    mapping = {}
    for rel in expr.atoms(sp.core.relational.Relational):
        slack = _nonnegative_form(rel)
        if slack is not None and sp.expand(slack - gain) == 0:
            mapping[rel] = sp.true if credible else sp.false
        elif (
            slack is not None
            and sp.expand(slack + gain) == 0
            and isinstance(rel, sp.StrictLessThan | sp.StrictGreaterThan)
        ):
            mapping[rel] = sp.false if credible else sp.true  # e − κ(s) < 0
    return expr.xreplace(mapping)


def _nonnegative_form(rel: sp.core.relational.Relational) -> Any:
    """f with ``rel`` ⇔ f ≥ 0 (or f > 0 when strict), or None for (in)equalities."""
    if isinstance(rel, (sp.GreaterThan, sp.StrictGreaterThan)):
        return rel.lhs - rel.rhs
    if isinstance(rel, (sp.LessThan, sp.StrictLessThan)):
        return rel.rhs - rel.lhs
    return None


def _terms(tier: Tier, credible: bool, linkage: str = "uncapped") -> TierTerms:
    ev = evaluation(credible, linkage)
    if tier is Tier.SIMPLE:
        return ev.simple
    if tier is Tier.COMPLEX:
        return ev.complex
    raise ValueError(f"tier must be Tier.SIMPLE or Tier.COMPLEX, got {tier!r}")


def credibility_threshold() -> sp.Expr:
    """s* solved from e − κ(s) = 0: the threat is credible iff s ≥ s* (for κ₁ > 0).

    >>> from coalition_games.symbolic import credibility_threshold, latex
    >>> latex(credibility_threshold())
    '\\\\frac{- e + \\\\kappa_{0} + \\\\kappa_{1}}{\\\\kappa_{1}}'
    """
    (root,) = sp.solve(formulas.sanction_gain(SYMBOLS), SYMBOLS.security_dependency)
    return root


def margins(tier: Tier, credible: bool = True, linkage: str = "uncapped") -> dict[str, sp.Expr]:
    """Each constraint's slack in ``tier`` (:func:`formulas.margins`), in one credibility regime
    and one linkage regime (:data:`LINKAGE`)."""
    return formulas.margins(SYMBOLS, _terms(tier, credible, linkage))


def sustainability(tier: Tier, credible: bool = True, linkage: str = "uncapped") -> sp.Boolean:
    """``tier``'s sustainability condition in a regime: min(B, hi) ≥ max(0, lo), expanded.

    It is the conjunction hi ≥ lo ∧ B ≥ lo ∧ hi ≥ 0 (B ≥ 0 holds by the parameter's range;
    sympy drops conjuncts that the symbols' signs decide, such as v₁ ≥ 0).

    >>> from coalition_games import Tier
    >>> from coalition_games.symbolic import sustainability
    >>> sustainability(Tier.SIMPLE)
    (B >= c_1 - s*sigma + w) & (v_1 >= c_1 - s*sigma + w)
    >>> sustainability(Tier.SIMPLE, linkage="capped")
    (B >= -Xbar + c_1 + w) & (v_1 >= -Xbar + c_1 + w)
    """
    return _expand_min_max(_terms(tier, credible, linkage).sustainable)


def _expand_min_max(rel: sp.Basic) -> sp.Boolean:
    """Min(a…) ≥ Max(b…) ⇔ every a ≥ every b."""
    lhs, rhs = rel.lhs, rel.rhs
    highs = lhs.args if isinstance(lhs, sp.Min) else (lhs,)
    lows = rhs.args if isinstance(rhs, sp.Max) else (rhs,)
    return sp.And(*(sp.Ge(a, b) for a in highs for b in lows))


def boundary(
    tier: Tier, parameter: str, credible: bool = True, linkage: str = "uncapped"
) -> dict[str, list[sp.Expr]]:
    """Where each constraint of ``tier`` binds, solved for ``parameter`` (empty if it is absent).

    The budget constraint is taken as B = lo (its other piece, B = 0, is the edge of B's range).

    >>> from coalition_games import Tier
    >>> from coalition_games.symbolic import boundary
    >>> boundary(Tier.COMPLEX, "stranglehold")["budget"]
    [-B + a - g + m - s*sigma + w]
    """
    x = _symbol(parameter)
    terms = _terms(tier, credible, linkage)
    slack = {
        "joint_surplus": terms.hi - terms.lo,
        "budget": SYMBOLS.side_payment_budget - terms.lo,
        "leader_gain": terms.hi,
    }
    return {
        name: sp.solve(expr, x) if x in expr.free_symbols else [] for name, expr in slack.items()
    }


# ---------------------------------------------------------------------------- sign on the domain


def _domain(symbol: sp.Symbol) -> tuple[sp.Expr, sp.Expr]:
    if symbol in _BY_SYMBOL:
        spec = next(p for p in PARAMETERS if p.name == _BY_SYMBOL[symbol])
        upper = sp.oo if spec.upper == float("inf") else sp.nsimplify(spec.upper)
        return sp.nsimplify(spec.lower), upper
    return sp.S.Zero, sp.S.One  # a Heaviside step, relaxed to [0, 1]


def _range(expr: sp.Expr, symbols: list[sp.Symbol]) -> tuple[sp.Expr, sp.Expr]:
    """Exact (min, max) of a multilinear polynomial over the box of its symbols' domains.

    A multilinear function is linear in each variable, so its extremes over a box lie at the
    corners; an unbounded variable sends it to ±∞ wherever its coefficient can take that sign.
    """
    if not symbols:
        value = sp.nsimplify(expr)
        return value, value
    x, rest = symbols[0], symbols[1:]
    poly = sp.Poly(sp.expand(expr), x)
    if poly.degree() > 1:
        raise NotImplementedError(f"{expr} is not linear in {x}")
    slope, intercept = poly.all_coeffs() if poly.degree() == 1 else [sp.S.Zero, poly.as_expr()]
    low, high = _domain(x)
    ends = [_range(intercept + low * slope, rest)]
    if high is sp.oo:
        slope_min, slope_max = _range(slope, rest)
        lo_end = -sp.oo if slope_min < 0 else ends[0][0]
        hi_end = sp.oo if slope_max > 0 else ends[0][1]
        return lo_end, hi_end
    ends.append(_range(intercept + high * slope, rest))
    return min(e[0] for e in ends), max(e[1] for e in ends)


def sign(expr: sp.Expr) -> str:
    """The sign of ``expr`` over the whole parameter domain: ``"+"`` (≥ 0), ``"-"`` (≤ 0),
    ``"0"`` (identically zero) or ``"±"`` (takes both signs, or not proved).

    Exact for expressions multilinear in the parameters (all margins and their derivatives are);
    Heaviside steps (from max(0, lo)) are relaxed to [0, 1], which keeps ``+``/``-`` sound.
    Raises ``NotImplementedError`` for an expression of higher degree in some parameter.

    >>> from coalition_games.symbolic import SYMBOLS, sign
    >>> sign(1 - SYMBOLS.security_dependency), sign(SYMBOLS.security_stake - SYMBOLS.stranglehold)
    ('+', '±')
    """
    if isinstance(expr, bool) or not isinstance(expr, (sp.Basic, numbers.Real)):
        raise TypeError(f"expr must be a sympy expression in the parameters, got {expr!r}")
    strangers = sorted(map(str, sp.sympify(expr).free_symbols - set(_BY_SYMBOL)))
    if strangers:
        raise ValueError(
            f"expr has symbols that are not parameters: {', '.join(strangers)}; use "
            "coalition_games.symbolic.SYMBOLS"
        )
    steps = {h: sp.Dummy("h") for h in sp.sympify(expr).atoms(sp.Heaviside)}
    expr = sp.expand(sp.sympify(expr).xreplace(steps))
    if expr == 0:
        return "0"
    symbols = sorted(expr.free_symbols, key=str)
    low, high = _range(expr, symbols)
    if low >= 0:
        return "+"
    if high <= 0:
        return "-"
    return "±"


@dataclass(frozen=True)
class Derivative:
    """∂(margin)/∂(parameter) of one tier's constraint in one regime, and its proved sign."""

    tier: Tier
    credible: bool
    constraint: str
    parameter: str
    expression: sp.Expr
    sign: str
    linkage: str = "uncapped"  #: the linkage regime (:data:`LINKAGE`)


def comparative_statics(
    tiers: Iterable[Tier] = (Tier.SIMPLE, Tier.COMPLEX), linkage: str = "uncapped"
) -> list[Derivative]:
    """Every margin's partial derivative in every parameter, per credibility regime, in one
    linkage regime (``"uncapped"``: ℓ = sσ, the baseline's; ``"capped"``: ℓ = X̄), with its sign.

    Margins are :func:`formulas.margins` (``joint_surplus``, ``budget``, ``leader_gain``); the
    simple tier is listed once (regime-free, reported as ``credible=False``).

    >>> from coalition_games import Tier
    >>> from coalition_games.symbolic import comparative_statics
    >>> [(d.expression, d.sign) for d in comparative_statics([Tier.COMPLEX])
    ...  if d.credible and d.constraint == "joint_surplus" and d.parameter == "security_dependency"]
    [(-kappa_1 + sigma, '±')]
    """
    rows = []
    for tier in tiers:
        for credible in (False, True) if tier is Tier.COMPLEX else (False,):
            for constraint, expr in margins(tier, credible, linkage).items():
                for name in PARAMETER_NAMES:
                    derivative = sp.simplify(sp.diff(expr, _symbol(name)))
                    rows.append(
                        Derivative(
                            tier, credible, constraint, name, derivative, sign(derivative), linkage
                        )
                    )
    assert {row.constraint for row in rows} == set(CONSTRAINTS)
    return rows


# ----------------------------------------------------------------------------- monotone effects

#: The monotone effects the article asserts (the model §4), as (parameter, direction): +1 means
#: "raising it never lowers the tier", −1 "raising it never raises the tier".
ARTICLE_CLAIMS: tuple[tuple[str, int], ...] = (
    ("security_dependency", +1),
    ("stranglehold", +1),
    ("market_loss", -1),
    ("side_payment_budget", +1),
    ("target_offer", -1),
)


@dataclass(frozen=True)
class MonotoneEffect:
    """When moving ``parameter`` in ``direction`` provably never lowers the tier.

    ``condition`` is a sympy Boolean in the parameters *at the point moved to* (sympy.true when
    the effect holds everywhere): if it holds there, the tier there is at least the tier at the
    starting point. It is sufficient, not necessary. ``proof`` lists the steps.
    """

    parameter: str
    direction: int
    condition: sp.Boolean
    proof: tuple[str, ...]

    @property
    def unconditional(self) -> bool:
        """True when the effect holds on the whole parameter domain."""
        return self.condition is sp.true


@functools.cache
def monotone_effect(
    parameter: str, direction: int = +1, linkage: str = "uncapped"
) -> MonotoneEffect:
    """Prove that moving ``parameter`` in ``direction`` (+1 up, −1 down) never lowers the tier.

    Argument: tier k is sustainable iff U_k = min(B, hi_k) ≥ L_k = max(0, lo_k), and the tier is
    the highest sustainable k. If along the move every piece of L_k (lo_k) is non-increasing and
    every piece of U_k (B, hi_k) non-decreasing — within each credibility regime (the sign of the
    partial derivative on the whole domain, :func:`sign`) and across the switch of regime (the
    jump at e − κ(s) = 0) — sustainable tiers stay sustainable. Where a piece fails, the bound is
    required to be saturated at the point moved to (U_k = B or L_k = 0, its extreme value), only
    in the regime entered by the move when the failure lies there.

    >>> from coalition_games.symbolic import monotone_effect
    >>> monotone_effect("stranglehold").unconditional
    True
    >>> monotone_effect("security_dependency").condition
    (-e + kappa_0 + kappa_1*(1 - s) + v_2 >= B) | (e - kappa_0 - kappa_1*(1 - s) < 0)

    ``linkage`` picks the linkage regime (:data:`LINKAGE`, the model §6). ℓ(s) = min(sσ, X̄) is
    continuous, so a move that crosses sσ = X̄ has no jump: an effect proved in both the
    ``"uncapped"`` and the ``"capped"`` regime under the same condition holds with any cap. With
    the cap binding, dependency no longer raises the ally's loss, and its only channel is
    credibility, which fails in the same sanction-over-pay region as in the baseline:

    >>> monotone_effect("security_dependency", linkage="capped").condition
    (-e + kappa_0 + kappa_1*(1 - s) + v_2 >= B) | (e - kappa_0 - kappa_1*(1 - s) < 0)
    """
    if linkage not in ("uncapped", "capped"):
        raise ValueError(f"linkage={linkage!r}; allowed: 'uncapped', 'capped'")
    if direction not in (-1, +1):
        raise ValueError(f"direction must be +1 or -1, got {direction!r}")
    x = _symbol(parameter)
    gain = formulas.sanction_gain(SYMBOLS)
    switch = sign(direction * sp.diff(gain, x))  # "+": the move can make the threat credible
    entered = {"+": True, "-": False}.get(switch)  # regime the move may switch into
    proof: list[str] = []
    conditions = []
    for tier in (Tier.SIMPLE, Tier.COMPLEX):
        regimes = (True, False) if tier is Tier.COMPLEX else (False,)
        for bound, want in (("lo", "-"), ("hi", "+")):
            failing = []
            for credible in regimes:
                piece = getattr(_terms(tier, credible, linkage), bound)
                got = sign(direction * sp.diff(piece, x))
                proof.append(_step(tier, bound, credible, parameter, direction, piece, got, want))
                if got not in (want, "0"):
                    failing.append(credible)
            if tier is Tier.COMPLEX and entered is not None:
                jump = _jump(bound, entered, x, linkage)
                got = sign(jump)
                proof.append(
                    f"{tier.value}: {bound} jumps by {jump} entering the "
                    f"{'credible' if entered else 'not credible'} regime ({got})"
                )
                if got not in (want, "0"):
                    failing.append(entered)
            if failing:
                conditions.append(_saturation(tier, bound, failing, entered, linkage))
    condition = sp.And(*conditions)
    proof.append(f"hence the tier does not fall if {condition}")
    return MonotoneEffect(parameter, direction, condition, tuple(proof))


def _step(tier, bound, credible, parameter, direction, piece, got, want) -> str:
    regime = "" if tier is Tier.SIMPLE else (" (credible)" if credible else " (not credible)")
    move = "raising" if direction > 0 else "lowering"
    d = sp.simplify(sp.diff(piece, _symbol(parameter)))
    verdict = "ok" if got in (want, "0") else "fails"
    return f"{tier.value}{regime}: ∂{bound}/∂{parameter} = {d}; {move} it: {got} ({verdict})"


def _jump(bound: str, entered: bool, x: sp.Symbol, linkage: str) -> sp.Expr:
    """Change of ``bound`` of the complex tier when the regime switches into ``entered``."""
    gain = formulas.sanction_gain(SYMBOLS)
    after = getattr(_terms(Tier.COMPLEX, entered, linkage), bound)
    before = getattr(_terms(Tier.COMPLEX, not entered, linkage), bound)
    (at_switch,) = sp.solve(gain, x)
    return sp.simplify((after - before).subs(x, at_switch))


def _saturation(
    tier: Tier, bound: str, failing: list[bool], entered: bool | None, linkage: str
) -> sp.Boolean:
    """The bound at its extreme at the point moved to: min(B, hi) = B, or max(0, lo) = 0.

    Required only in the failing regime when the move cannot leave it (it is the regime entered,
    or credibility does not depend on the parameter); otherwise required outright.
    """

    def saturated(terms: TierTerms) -> sp.Boolean:
        if bound == "hi":
            return sp.Ge(terms.hi, SYMBOLS.side_payment_budget)
        return sp.Le(terms.lo, 0)

    if tier is Tier.SIMPLE:
        return saturated(evaluation(None, linkage).simple)
    regimes = sorted(set(failing))
    if entered is not None and regimes != [entered]:
        return saturated(evaluation(None, linkage).complex)
    credible = sp.Ge(formulas.sanction_gain(SYMBOLS), 0)
    return sp.And(
        *(
            sp.Or(sp.Not(credible) if r else credible, saturated(evaluation(r, linkage).complex))
            for r in regimes
        )
    )


# --------------------------------------------------------------------------- output and plotting


def latex(expr: sp.Basic) -> str:
    """LaTeX of ``expr`` with the article's symbols (κ₀ → ``\\kappa_{0}``)."""
    return sp.latex(expr)


def numpy_function(expr: sp.Basic) -> Callable[..., Any]:
    """``expr`` as a fast numpy function of the parameters it contains, by keyword.

    Every value is checked as ``Dyad``'s are (a real number or array in the parameter's range:
    NaN, booleans and out-of-range values are refused, naming the parameter); an unknown keyword
    is an error, while parameters the expression does not contain are accepted and unused (so
    ``**dyad.parameters()`` works). Where a denominator of ``expr`` is 0 (s* at κ₁ = 0) the value
    is not defined and a ``ValueError`` says so, instead of an inf or NaN.

    >>> import numpy as np
    >>> from coalition_games.symbolic import credibility_threshold, numpy_function
    >>> s_star = numpy_function(credibility_threshold())
    >>> s_star(enforcement_value=np.array([0.2, 0.5]), coercion_cost_base=0.05,
    ...        coercion_cost_slope=0.5)
    array([0.7, 0.1])
    """
    if not isinstance(expr, sp.Basic):
        raise TypeError(f"expr must be a sympy expression in the parameters, got {expr!r}")
    strangers = sorted(map(str, expr.free_symbols - set(_BY_SYMBOL)))
    if strangers:
        raise ValueError(f"expr has symbols that are not parameters: {', '.join(strangers)}")
    names = sorted(_BY_SYMBOL[s] for s in expr.free_symbols)
    symbols = [_symbol(n) for n in names]
    function = sp.lambdify(symbols, expr, modules="numpy")
    denominators = [
        (
            base.xreplace({x: sp.Symbol(_BY_SYMBOL[x]) for x in base.free_symbols}),
            sp.lambdify(symbols, base, modules="numpy"),
        )
        for base in sorted(
            {p.base for p in expr.atoms(sp.Pow) if p.exp.is_negative}, key=sp.default_sort_key
        )
    ]

    def evaluate(**params: Any) -> Any:
        unknown = sorted(set(params) - set(PARAMETER_NAMES))
        if unknown:
            raise TypeError(
                f"unknown parameter(s) {', '.join(map(repr, unknown))}; needs: {', '.join(names)}"
            )
        missing = sorted(set(names) - set(params))
        if missing:
            raise TypeError(f"missing parameter(s) {', '.join(missing)}; needs: {', '.join(names)}")
        values = [_checked_value(n, params[n]) for n in names]
        for base, denominator in denominators:
            zero = np.asarray(denominator(*values)) == 0
            if zero.any():
                where = "" if zero.ndim == 0 else f" at item {tuple(np.argwhere(zero)[0].tolist())}"
                raise ValueError(
                    f"the expression divides by {base}, which is 0{where}: it is not defined there"
                )
        return function(*values)

    evaluate.__doc__ = f"Evaluate {expr} (parameters: {', '.join(names)})."
    return evaluate


def _checked_value(name: str, value: Any) -> Any:
    """A parameter's value (a number or an array) checked against its range with the one
    validator (:func:`coalition_games.parameters.check_real`, the first bad element named)."""
    spec = PARAMETERS_BY_NAME[name]
    bounds = (spec.lower, spec.upper)
    options = {"lower_open": spec.lower_open, "infinite": spec.infinite}
    if not isinstance(value, np.ndarray) and np.ndim(value) == 0:
        return check_real(name, value, *bounds, **options)
    array = np.asarray(value)
    if array.dtype.kind not in "iuf":
        raise TypeError(f"{name} must be real numbers, got an array of dtype {array.dtype}")
    array = array.astype(float)
    bad = ~spec.admits(array)
    if bad.any():
        index = tuple(int(i) for i in np.argwhere(bad)[0])
        check_real(f"{name}{list(index)}", float(array[index]), *bounds, **options)
    return array


def boundary_expressions(
    fixed: Mapping[str, float], x: str, y: str, *, mechanisms: bool = False
) -> list[sp.Expr]:
    """Expressions in the symbols of ``x`` and ``y`` whose zero sets contain every boundary
    between tiers, conflict and credibility when the other parameters take the ``fixed`` values;
    with ``mechanisms``, also every boundary between the mechanisms of the complex tier
    (coerced, compensated, voluntary).

    Taken from the relations (≥) of the symbolic tier and conflict flag (and the coerced and
    compensated flags), with each ``Max``, ``Min`` and ``Piecewise`` split into its pieces: a
    superset of the true boundaries.
    """
    capped = "linkage_cap" in (x, y) or fixed.get("linkage_cap", float("inf")) < float("inf")
    ev = evaluation(None, "general" if capped else "uncapped")
    values = {
        _symbol(k): sp.nsimplify(v)
        for k, v in fixed.items()
        if k not in (x, y) and not (k == "linkage_cap" and v == float("inf"))
    }
    relations = set()
    for expr in (ev.tier, ev.conflict, *((ev.coerced, ev.compensated) if mechanisms else ())):
        relations |= sp.sympify(expr).atoms(sp.core.relational.Relational)
    free = {_symbol(x), _symbol(y)}
    found: dict[sp.Expr, None] = {}
    for rel in relations:
        for piece in _pieces(rel.lhs - rel.rhs):
            piece = sp.expand(piece.xreplace(values))
            if piece.free_symbols & free:
                found.setdefault(piece, None)
    return list(found)


def _pieces(expr: sp.Expr) -> list[sp.Expr]:
    """Every expression obtained by replacing each Max/Min/Piecewise by one of its branches."""
    nodes = [
        n for n in sp.preorder_traversal(expr) if isinstance(n, (sp.Max, sp.Min, sp.Piecewise))
    ]
    if not nodes:
        return [expr]
    node = nodes[0]
    branches = [a for a, _ in node.args] if isinstance(node, sp.Piecewise) else node.args
    return list(itertools.chain.from_iterable(_pieces(expr.xreplace({node: b})) for b in branches))


def _symbol(name: str) -> sp.Symbol:
    try:
        return getattr(SYMBOLS, name)
    except AttributeError:
        raise ValueError(
            f"unknown parameter {name!r}; allowed: {', '.join(PARAMETER_NAMES)}"
        ) from None


# ------------------------------------------------------------------ the depth option (the model §8)

#: The depth of the complex demand, d ∈ [0, 1] (the model §8).
DEPTH = sp.Symbol("d", nonnegative=True)

#: The parameters whose effect on the depth the article asserts (the model §8): +1 "raising it
#: never makes the coalition shallower", −1 "raising it never makes it deeper".
DEPTH_CLAIMS: tuple[tuple[str, int], ...] = (
    ("security_dependency", +1),
    ("stranglehold", +1),
    ("market_loss", -1),
)


def _exact_numbers(expr: Any) -> sp.Expr:
    """The formulas' float constants (0.0, 1.0) as exact numbers."""
    expr = sp.sympify(expr)
    return expr.xreplace({f: sp.nsimplify(f) for f in expr.atoms(sp.Float)})


@functools.cache
def depth_lines(credible: bool, linkage: str = "uncapped") -> dict[str, tuple[sp.Expr, sp.Expr]]:
    """Each constraint of tier 2 at depth d as slope·d + intercept on one side of d_c (θ = 1 if
    ``credible``), read off :func:`formulas.depth_constraints` — the one definition.

    >>> from coalition_games.symbolic import depth_lines
    >>> depth_lines(False)["budget"]
    (-m, B - a + g + s*sigma - w)
    """
    ns = _namespace(linkage)
    lines = formulas.depth_constraints(ns, 1 if credible else 0, SYMBOLIC)
    out = {}
    for name, (slope, intercept) in lines.items():
        slope, intercept = (sp.expand(_exact_numbers(x)) for x in (slope, intercept))
        if linkage == "capped":
            loss = formulas.security_loss(SYMBOLS, SYMBOLIC)
            slope, intercept = (
                sp.expand(x.xreplace({loss: SYMBOLS.linkage_cap})) for x in (slope, intercept)
            )
        out[name] = (slope, intercept)
    return out


def depth_threshold() -> sp.Expr:
    """d_c = κ(s)/e: the least depth a credible threat backs (e > 0)."""
    return formulas.coercion_cost(SYMBOLS) / SYMBOLS.enforcement_value


@functools.cache
def depth_sides(linkage: str = "uncapped") -> tuple[tuple[sp.Expr, sp.Expr], ...]:
    """Each side of d_c's sustainable depths as (upper, lower), the credible side first: upper is
    the least of the side's end and of the roots of the constraints that fall with d, lower the
    greatest of the side's start and of the roots of those that rise (a flat constraint: all or
    nothing). The side is non-empty iff upper ≥ lower; the credible side is [d_c, 1], the other
    [0, min(d_c, 1)] (at d_c itself the credible side is the better one: the ally's price falls
    by t there and the leader's is continuous). The lines are :func:`depth_lines`."""
    e = SYMBOLS.enforcement_value
    kappa = formulas.coercion_cost(SYMBOLS)
    threshold = sp.Piecewise((kappa / e, e > 0), (0, sp.Eq(kappa, 0)), (sp.oo, True))
    sides = []
    for credible, (start, end) in (
        (True, (threshold, sp.Integer(1))),
        (False, (sp.Integer(0), sp.Min(threshold, 1))),
    ):
        uppers, lowers = [end], [start]
        for name, (slope, intercept) in depth_lines(credible, linkage).items():
            if name == "price":
                continue
            root = -intercept / sp.Piecewise((slope, sp.Ne(slope, 0)), (1, True))
            uppers.append(sp.Piecewise((root, slope < 0), (sp.oo, True)))
            lowers.append(
                sp.Piecewise((root, slope > 0), (-sp.oo, sp.Ge(intercept, 0)), (sp.oo, True))
            )
        sides.append((sp.Min(*uppers), sp.Max(*lowers)))
    return tuple(sides)


def depth_piecewise(linkage: str = "uncapped") -> sp.Expr:
    """d* as one sympy expression, exact (no tolerance): the credible side's upper end where that
    side is non-empty, else the other side's, else NaN (no sustainable depth); the sides are
    :func:`depth_sides`, whose lines come from the formulas' one definition."""
    (up1, low1), (up0, low0) = depth_sides(linkage)
    return sp.Piecewise((up1, sp.Ge(up1, low1)), (up0, sp.Ge(up0, low0)), (sp.nan, True))


def depth_function(linkage: str = "uncapped") -> Callable[..., Any]:
    """:func:`depth_piecewise` as a numpy function of the parameters (by keyword; every
    parameter of ``Dyad`` is needed and checked as in :func:`numpy_function`): d*, NaN where no
    depth is sustainable. Each side's ends are lambdified (the Piecewise guards each division by a
    slope or by e; the unused branch's division is ignored); the choice between the sides is made
    in numpy."""
    symbols = [_symbol(n) for n in PARAMETER_NAMES]
    ends = [sp.lambdify(symbols, x, modules="numpy") for side in depth_sides(linkage) for x in side]

    def evaluate(**params: Any) -> Any:
        unknown = sorted(set(params) - set(PARAMETER_NAMES))
        missing = sorted(set(PARAMETER_NAMES) - set(params) - {"linkage_cap"})
        if unknown or missing:
            raise TypeError(
                f"unknown parameter(s) {unknown}, missing {missing}; needs: "
                f"{', '.join(PARAMETER_NAMES)}"
            )
        params = {"linkage_cap": float("inf"), **params}
        values = [np.asarray(_checked_value(n, params[n]), float) for n in PARAMETER_NAMES]
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            u1, l1, u0, l0 = (np.asarray(f(*values), float) for f in ends)
            return np.where(u1 >= l1, u1, np.where(u0 >= l0, u0, np.nan))

    evaluate.__doc__ = "d* (the model §8), NaN where no depth is sustainable."
    return evaluate


@dataclass(frozen=True)
class DepthStatic:
    """How one constraint's root moves with one parameter, where that root bounds d* from above
    (the constraint falls with d): ∂root/∂x = ``numerator`` / slope², with the sign of the
    numerator over the whole parameter domain (:func:`sign`), and ``fails`` — where moving the
    parameter in the claimed direction makes that root (hence d*, where it binds) move against the
    claim (sympy.false where the claim holds for this root everywhere)."""

    credible: bool
    constraint: str
    parameter: str
    root: sp.Expr
    numerator: sp.Expr
    sign: str
    fails: sp.Boolean


def depth_statics(linkage: str = "uncapped") -> list[DepthStatic]:
    """The comparative statics of d* (the model §8): for each side of d_c, each constraint that
    can bound d* from above and each parameter of :data:`DEPTH_CLAIMS`, how its root moves.

    d* is the least of these roots on its side (or 1), so where the binding root moves the claimed
    way the claim holds locally; ``fails`` shows where it does not. Crossing d_c is the other
    channel: more dependency lowers d_c = κ(s)/e (∂/∂s = −κ₁/e ≤ 0) and more stranglehold lowers
    the ally's price on the credible side, so neither move can take a credible side away.

    >>> from coalition_games.symbolic import depth_statics
    >>> [(r.constraint, r.sign, r.fails) for r in depth_statics()
    ...  if r.credible and r.parameter == "stranglehold"]
    [('joint_surplus', '±', False), ('leader_gain', '0', False), ('budget', '+', False)]

    More stranglehold never makes a coalition shallower where a root binds (the joint surplus'
    root rises with t wherever it falls with d); more dependency can, where the leader would
    rather sanction than pay:

    >>> fails = next(r.fails for r in depth_statics() if r.credible
    ...              and r.constraint == "leader_gain" and r.parameter == "security_dependency")
    >>> sorted(map(str, fails.args))
    ['e > v_2', 'kappa_0 - kappa_1*s + kappa_1 >= 0', 'kappa_1*(-e + v_2) < 0']
    """
    rows = []
    for credible in (True, False):
        for name, (slope, intercept) in depth_lines(credible, linkage).items():
            if name == "price":
                continue
            root = -intercept / slope
            for parameter, direction in DEPTH_CLAIMS:
                x = _symbol(parameter)
                numerator = sp.expand(
                    -sp.diff(intercept, x) * slope + intercept * sp.diff(slope, x)
                )
                try:
                    found = sign(direction * numerator)
                except NotImplementedError:
                    found = "±"
                # Where the root binds: the constraint falls with d and its root is ≥ 0.
                fails = (
                    sp.false
                    if found in ("+", "0")
                    else sp.simplify(
                        sp.And(slope < 0, sp.Ge(intercept, 0), direction * numerator < 0)
                    )
                )
                rows.append(
                    DepthStatic(
                        credible, name, parameter, sp.simplify(root), numerator, found, fails
                    )
                )
    return rows


def depth_boundary(fixed: Mapping[str, float], x: str, y: str) -> list[sp.Expr]:
    """Expressions in ``x`` and ``y`` whose zero sets contain the boundary d* = 0 (the model §8)
    when the other parameters take the ``fixed`` values: where a constraint's intercept (its
    value at d = 0) vanishes on either side of d_c, and where d_c = 0. A superset of the
    boundary, as :func:`boundary_expressions`."""
    values = {
        _symbol(k): sp.nsimplify(v)
        for k, v in fixed.items()
        if k not in (x, y) and not (k == "linkage_cap" and v == float("inf"))
    }
    capped = "linkage_cap" in (x, y) or fixed.get("linkage_cap", float("inf")) < float("inf")
    free = {_symbol(x), _symbol(y)}
    found: dict[sp.Expr, None] = {}
    for credible in (True, False):
        for name, (_, intercept) in depth_lines(
            credible, "general" if capped else "uncapped"
        ).items():
            if name == "price":
                continue
            for piece in _pieces(intercept):
                piece = sp.expand(piece.xreplace(values))
                if piece.free_symbols & free:
                    found.setdefault(piece, None)
    kappa = sp.expand(formulas.coercion_cost(SYMBOLS).xreplace(values))
    if kappa.free_symbols & free:
        found.setdefault(kappa, None)
    return list(found)


__all__ += [
    "DEPTH",
    "DEPTH_CLAIMS",
    "DepthStatic",
    "depth_boundary",
    "depth_function",
    "depth_lines",
    "depth_piecewise",
    "depth_sides",
    "depth_statics",
    "depth_threshold",
]
