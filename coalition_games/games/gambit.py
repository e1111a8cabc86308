"""Gambit's file formats: game trees as ``.efg``, strategic forms as ``.nfg``.

Payoffs are written as exact rationals equal to our floats, so Gambit's exact solvers
(``pygambit``, a test-only dependency) work on precisely our games. Gambit 16 reads labels as ASCII,
so labels are transliterated. pygambit (16.5 and later) no longer computes subgame-perfect
equilibria; :func:`coalition_games.games.tree.backward_induction` does.
"""

from __future__ import annotations

import math
import unicodedata
from fractions import Fraction

from .strategic import StrategicForm
from .tree import GameTree, Node, Terminal

__all__ = ["to_efg", "to_nfg"]

_ASCII = str.maketrans({"–": "-", "—": "-", "§": "section ", "−": "-"})


def _number(x: float) -> str:
    """An exact rational for Gambit (floats are binary fractions; Gambit reads a/b exactly)."""
    q = Fraction(x)
    return str(q.numerator) if q.denominator == 1 else f"{q.numerator}/{q.denominator}"


def _quote(text: str) -> str:
    """A Gambit string: double-quoted, escaped, ASCII (Gambit 16 decodes labels as ASCII)."""
    ascii_ = unicodedata.normalize("NFKD", text.translate(_ASCII)).encode("ascii", "ignore")
    return '"' + ascii_.decode().replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_efg(tree: GameTree) -> str:
    """The tree in Gambit's extensive-form format (``.efg``, version "EFG 2 R").

    Payoffs are written as exact rationals equal to the floats, so Gambit's exact solvers work on
    precisely our game. Each decision node is its own information set.

    Examples
    --------
    >>> from coalition_games import Dyad
    >>> from coalition_games.games.tree import tier_tree
    >>> print(to_efg(tier_tree(Dyad(), "simple")).splitlines()[0])
    EFG 2 R "leader-ally: simple demand (the model section 3.2)" { "leader" "ally" }

    Raises ``TypeError`` if ``tree`` is not a GameTree, ``ValueError`` if a payoff is not finite.
    """
    if not isinstance(tree, GameTree):
        raise TypeError(f"tree must be a GameTree, got {type(tree).__name__}")
    lines = [f"EFG 2 R {_quote(tree.title)} {{ {' '.join(map(_quote, tree.players))} }}", '""', ""]
    infosets = [0, 0]
    outcomes = 0

    def write(node: Node) -> None:
        nonlocal outcomes
        if isinstance(node, Terminal):
            if not all(math.isfinite(x) for x in node.payoffs):
                raise ValueError(
                    f"tree {tree.title!r}: terminal {node.label!r} has payoffs {node.payoffs}; "
                    "payoffs must be finite"
                )
            outcomes += 1
            pay = ", ".join(map(_number, node.payoffs))
            lines.append(f't "" {outcomes} {_quote(node.label)} {{ {pay} }}')
            return
        infosets[node.player] += 1
        acts = " ".join(map(_quote, node.actions))
        number = infosets[node.player]
        lines.append(f'p "" {node.player + 1} {number} {_quote(node.label)} {{ {acts} }} 0')
        for _, child in node.moves:
            write(child)

    write(tree.root)
    return "\n".join(lines) + "\n"


def to_nfg(form: StrategicForm) -> str:
    """The game in Gambit's strategic-form format (``.nfg``, "NFG 1 R"), payoffs exact rationals.

    Examples
    --------
    >>> import numpy as np
    >>> from coalition_games.games.strategic import StrategicForm
    >>> form = StrategicForm("pd", ("C", "D"), ("C", "D"), np.eye(2), np.eye(2))
    >>> print(to_nfg(form))
    NFG 1 R "pd" { "leader" "ally" }
    { { "C" "D" } { "C" "D" } }
    ""
    1 1 0 0 0 0 1 1

    Raises ``TypeError`` if ``form`` is not a StrategicForm (whose payoffs are finite by
    construction).
    """
    if not isinstance(form, StrategicForm):
        raise TypeError(f"form must be a StrategicForm, got {type(form).__name__}")
    strategies = " ".join("{ " + " ".join(map(_quote, s)) + " }" for s in (form.rows, form.columns))
    payoffs = " ".join(
        f"{_number(float(form.A[i, j]))} {_number(float(form.B[i, j]))}"
        for j in range(form.A.shape[1])
        for i in range(form.A.shape[0])
    )
    return (
        f'NFG 1 R {_quote(form.title)} {{ "leader" "ally" }}\n{{ {strategies} }}\n""\n{payoffs}\n'
    )
