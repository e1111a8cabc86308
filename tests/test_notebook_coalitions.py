"""The coalitions-and-dynamics notebook runs from top to bottom (nbclient, as a reader would)."""

from pathlib import Path

import nbclient
import nbformat
import pytest

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "coalitions_and_dynamics.ipynb"


def test_coalitions_notebook_executes_without_error():
    # The notebook loads the calibrated dyads with the public case loader (branch `repro`).
    pytest.importorskip("coalition_games.cases", reason="needs coalition_games.cases")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3").execute(
        cwd=str(NOTEBOOK.parent)
    )
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "".join(o.get("text", "") + o.get("data", {}).get("text/plain", "") for o in outputs)
    assert "C9 " in text and "C10 " in text  # the claims are computed and shown
    tables = [o for o in outputs if "<table" in o.get("data", {}).get("text/html", "")]
    assert len(tables) >= 8  # results and frames shown as tables, not printed loops
