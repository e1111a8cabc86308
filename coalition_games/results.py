"""The one result protocol, and the pieces every result type shares.

Every result object of the package — ``Solution``, ``SweepResult``, ``CoalitionSolution``,
``Reproduction``, ``MonteCarlo``, ``Case``, … — is a frozen dataclass with the same small
protocol (:class:`Result`):

* ``explain()`` — the result in words (``str(result)`` is the same text);
* ``to_dict()`` — strict JSON data, full precision (``json.dumps(result.to_dict(),
  allow_nan=False)`` works; ±∞ is written as ``"inf"``/``"-inf"`` by
  :func:`coalition_games.solution.jsonable`, NaN is refused);
* ``_repr_html_()`` — how Jupyter shows it: labelled, left-aligned prose, numbers rounded for
  display (:func:`display`); full precision stays in ``to_dict`` and ``to_frame``;
* ``to_frame()`` — a ``pandas.DataFrame``, on the results that are tables (:class:`Table`).

pandas is the optional ``tables`` extra (``pip install "coalition_games[tables]"``): no
computation needs it, only ``to_frame``, which imports it when called (:func:`pandas`) and
otherwise raises an ``ImportError`` that names the extra.

>>> display(0.6124999999999999), display(float("inf")), display(None), display(True)
('0.6125', '∞', '—', 'yes')
>>> "<td style='text-align:left;vertical-align:top'>0.025</td>" in html_fields(
...     "A title", [("side-payment", 0.0250000001)])
True
"""

from __future__ import annotations

import html
import math
import numbers
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from enum import Enum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "TIER_ORDER",
    "Result",
    "Table",
    "display",
    "frame",
    "html_fields",
    "html_table",
    "pandas",
    "text_table",
    "tier_categorical",
]

#: The tiers in their order, the categories of every ``tier`` column (ordered categorical).
TIER_ORDER = ("infeasible", "simple", "complex")

_CELL = "text-align:left;vertical-align:top"


class Result:
    """The result protocol: ``explain``, ``to_dict``, ``_repr_html_``; ``str()`` is ``explain()``.

    A base class of the frozen result dataclasses (it has no fields).
    """

    __slots__ = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # IPython prefers a class's own __repr__ (dataclasses write one) to an inherited
        # _repr_pretty_: give each result class its own, so that plain-text displays explain.
        cls._repr_pretty_ = Result._repr_pretty_  # type: ignore[method-assign]

    def explain(self) -> str:
        """The result in words."""
        raise NotImplementedError

    def to_dict(self) -> dict[str, Any]:
        """Strict-JSON data (see :func:`coalition_games.solution.jsonable`)."""
        raise NotImplementedError

    def _repr_html_(self) -> str:
        raise NotImplementedError

    def __str__(self) -> str:
        return self.explain()

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """IPython's plain-text display (and a notebook's text/plain): the explanation."""
        printer.text("..." if cycle else self.explain())


class Table(Result):
    """A :class:`Result` that is a table: it also has ``to_frame()`` (a ``pandas.DataFrame``)."""

    __slots__ = ()

    def to_frame(self) -> pd.DataFrame:
        """The table as a ``pandas.DataFrame`` (needs the ``tables`` extra)."""
        raise NotImplementedError


def pandas() -> Any:
    """The ``pandas`` module, or an ``ImportError`` naming the ``tables`` extra."""
    try:
        import pandas as pd
    except ImportError:
        raise ImportError(
            'to_frame() needs pandas, the optional "tables" extra: '
            'pip install "coalition_games[tables]"'
        ) from None
    return pd


def frame(
    rows: Sequence[Mapping[str, Any]] | Mapping[str, Any],
    columns: Sequence[str] | None = None,
    *,
    tiers: Sequence[str] = (),
) -> pd.DataFrame:
    """A ``DataFrame`` from records (a list of dicts) or from columns (a dict of arrays).

    ``columns`` fixes the order (and, for no rows, the names); ``tiers`` names the columns that
    hold tier names, made ordered categoricals over :data:`TIER_ORDER`. Values are kept at full
    precision.
    """
    pd = pandas()
    data = pd.DataFrame(rows if isinstance(rows, Mapping) else list(rows), columns=columns)
    for name in tiers:
        data[name] = tier_categorical(data[name])
    return data


def tier_categorical(values: Any) -> Any:
    """Tier names (or integer codes 0–2) as an ordered ``pandas.Categorical``."""
    pd = pandas()
    values = list(values) if not hasattr(values, "dtype") else values
    kind = getattr(getattr(values, "dtype", None), "kind", "O")
    if kind in "iu":
        return pd.Categorical.from_codes(values, categories=TIER_ORDER, ordered=True)
    names = [getattr(v, "value", v) for v in values]
    return pd.Categorical(names, categories=TIER_ORDER, ordered=True)


def display(value: Any, digits: int = 4) -> str:
    """``value`` rounded for display: reals to ``digits`` significant digits, ∞ as ``∞``, None as
    ``—``, booleans as yes/no, enums by value, sequences joined with commas."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, str):
        return value
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        number = float(value)
        if math.isinf(number):
            return "∞" if number > 0 else "−∞"
        text = f"{number:.{digits}g}"
        return "0" if text == "-0" else text
    if isinstance(value, (list, tuple)):
        return ", ".join(display(v, digits) for v in value) or "—"
    return str(value)


def _cell(value: Any, tag: str = "td") -> str:
    return f"<{tag} style='{_CELL}'>{html.escape(display(value))}</{tag}>"


def _wrap_html(body: str, title: str | None, note: str | None) -> str:
    caption = (
        f"<caption style='text-align:left'><b>{html.escape(title)}</b></caption>" if title else ""
    )
    after = f"<p style='text-align:left'>{html.escape(note)}</p>" if note else ""
    return f"<table>{caption}{body}</table>{after}"


def html_fields(
    title: str | None, fields: Iterable[tuple[str, Any]], note: str | None = None
) -> str:
    """A labelled two-column HTML table (label, value), left-aligned, values via :func:`display`."""
    body = "".join(f"<tr>{_cell(label, 'th')}{_cell(value)}</tr>" for label, value in fields)
    return _wrap_html(body, title, note)


def html_table(
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    title: str | None = None,
    note: str | None = None,
) -> str:
    """An HTML table with a header row, left-aligned, cells via :func:`display`."""
    head = "<tr>" + "".join(_cell(c, "th") for c in columns) + "</tr>"
    body = "".join("<tr>" + "".join(_cell(v) for v in row) + "</tr>" for row in rows)
    return _wrap_html(head + body, title, note)


def text_table(
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    width: int = 100,
    *,
    wrap: Sequence[str] = (),
) -> str:
    """A plain-text table that fits ``width`` characters where it can.

    Cells go through :func:`display`. The ``wrap`` columns (prose) are wrapped to share what the
    other columns leave of ``width`` (at least 10 characters each; words are not broken, so a
    long word may overflow); the others keep their width.

    >>> print(text_table(["id", "claim"], [["C1", "Chip 4 is complex and the TTC loose"]], 20,
    ...                  wrap=["claim"]))
    id  claim
    --  --------------
    C1  Chip 4 is
        complex and
        the TTC loose
    """
    cells = [[display(v) for v in row] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    wrapped = [i for i, c in enumerate(columns) if c in wrap]
    budget = width - sum(w + 2 for i, w in enumerate(widths) if i not in wrapped)
    for k, i in enumerate(sorted(wrapped, key=widths.__getitem__)):  # narrowest first
        widths[i] = min(widths[i], max(10, budget // (len(wrapped) - k) - 2))
        budget -= widths[i] + 2
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in cells:
        parts = [
            textwrap.wrap(v, w, break_long_words=False, break_on_hyphens=False) or [""]
            if i in wrapped
            else [v]
            for i, (v, w) in enumerate(zip(row, widths, strict=True))
        ]
        for k in range(max(len(p) for p in parts)):
            line = "  ".join(
                (p[k] if k < len(p) else "").ljust(w) for p, w in zip(parts, widths, strict=True)
            )
            lines.append(line.rstrip())
    return "\n".join(lines)
