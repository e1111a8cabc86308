"""sweep() on dask arrays: lazy, chunked, identical to the numpy sweep on local schedulers."""

import numpy as np
import pytest

from coalition_games import sweep
from coalition_games.sweeps import OUTCOMES
from tests.strategies import random_parameter_arrays

da = pytest.importorskip("dask.array", reason="dask is the optional 'dask' extra")
dask = pytest.importorskip("dask")


@pytest.mark.parametrize("scheduler", ["synchronous", "threads", "processes"])
def test_dask_sweep_is_lazy_and_identical_to_numpy(scheduler):
    params = random_parameter_arrays(np.random.default_rng(11), 40_000)
    lazy = {k: da.from_array(v, chunks=7_000) for k, v in params.items()}
    lazy["stranglehold"] = 0.4  # scalars mix with dask arrays
    params["stranglehold"] = 0.4
    result = sweep(**lazy)
    assert isinstance(result.tier, da.Array), "the result must stay lazy until computed"
    with dask.config.set(scheduler=scheduler):
        computed = result.compute()
    expected = sweep(**params)
    for name in OUTCOMES:
        got = getattr(computed, name)
        assert isinstance(got, np.ndarray)
        np.testing.assert_array_equal(got, getattr(expected, name), err_msg=name)


def test_dask_grid_broadcasts_like_numpy():
    s = da.linspace(0, 1, 300, chunks=100)[:, None]
    t = da.linspace(0, 1, 200, chunks=50)[None, :]
    result = sweep(security_dependency=s, stranglehold=t).compute()
    expected = sweep(
        security_dependency=np.linspace(0, 1, 300)[:, None],
        stranglehold=np.linspace(0, 1, 200)[None, :],
    )
    assert result.shape == (300, 200)
    np.testing.assert_array_equal(result.tier, expected.tier)


def test_bad_element_of_a_dask_array_is_reported_with_its_global_index():
    values = np.zeros(30_000)
    values[23_456] = 1.5
    lazy = sweep(security_dependency=da.from_array(values, chunks=5_000))
    with pytest.raises(ValueError, match=r"^security_dependency\[23456\] = 1\.5 is out of range"):
        lazy.compute()


def test_numpy_results_compute_to_themselves():
    result = sweep(stranglehold=np.array([0.1, 0.9]))
    assert result.compute() is result
