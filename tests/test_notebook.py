"""The walk-through notebook runs top to bottom (with few Monte Carlo draws, to stay fast)."""

from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "chip4_vs_ttc.ipynb"


def test_notebook_executes_without_errors():
    nbformat = pytest.importorskip("nbformat", reason="nbformat comes with the test extra")
    nbclient = pytest.importorskip("nbclient", reason="nbclient comes with the test extra")
    pytest.importorskip("ipykernel", reason="ipykernel comes with the test extra")
    pytest.importorskip("matplotlib", reason="matplotlib comes with the test extra")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    first = next(c for c in nb.cells if c.cell_type == "code" and "DRAWS = " in c.source)
    first.source = first.source.replace("DRAWS = 10_000", "DRAWS = 300")
    first.source = first.source.replace("AUDIT_DRAWS = 100_000", "AUDIT_DRAWS = 2_000")
    assert "DRAWS = 300" in first.source and "AUDIT_DRAWS = 2_000" in first.source
    nbclient.NotebookClient(nb, timeout=300, kernel_name="python3").execute(
        cwd=str(NOTEBOOK.parent)
    )
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "".join(o.get("text", "") for o in outputs)
    assert "claims PASS at the calibrated point estimates" in text
    tables = [o for o in outputs if "<table" in o.get("data", {}).get("text/html", "")]
    assert len(tables) >= 6  # the calibration, solution, claims, sweeps and Monte Carlo as tables
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) == 4  # the audit's two figures, the tornado plot and the phase diagrams
    assert "Audit (linkage model; 2,000 uniform draws" in " ".join(text.split())
    assert "search: smallest margin" in text
