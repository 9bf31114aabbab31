"""Python peers of the `tensor` suite: numpy GEMM and elementwise ops / reductions.

Run by bench/python.ts as `/usr/bin/python3 bench/python/tensor.py` with the task
list on stdin (see _harness.py). Task specs:
  {"op": "gemm", "n": 512, "dtype": "float32"}            C = A @ B into a preallocated C
  {"op": "add" | "mul" | "exp" | "sum", "size": N, "dtype": ...}   allocating, like x + y
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from _harness import blas_threads, main  # noqa: E402


def _numpy_setup(spec):
    import numpy as np

    dtype = np.dtype(spec["dtype"])
    rng = np.random.default_rng(0)
    op = spec["op"]
    if op == "gemm":
        n = spec["n"]
        a = rng.random((n, n), dtype=dtype)
        b = rng.random((n, n), dtype=dtype)
        c = np.empty((n, n), dtype=dtype)

        def run():
            np.matmul(a, b, out=c)

        def verify():
            # A few entries against an independent dot product catch a broken BLAS.
            for i, j in ((0, 0), (n - 1, n // 2)):
                want = float(np.dot(a[i].astype(np.float64), b[:, j].astype(np.float64)))
                if abs(float(c[i, j]) - want) > 1e-3 * abs(want) + 1e-3:
                    return "C[%d,%d] = %g, expected %g" % (i, j, c[i, j], want)
            return None

        return run, verify, None
    size = spec["size"]
    x = (rng.random(size, dtype=dtype) * 2 - 1).astype(dtype)
    y = (rng.random(size, dtype=dtype) * 2 - 1).astype(dtype)
    fns = {
        "add": lambda: x + y,
        "mul": lambda: x * y,
        "exp": lambda: np.exp(x),
        "sum": lambda: x.sum(),
    }
    if op not in fns:
        raise ValueError("unknown op %r" % op)
    return fns[op], None, None


def contenders():
    threads = blas_threads(int(os.environ.get("BENCH_PY_THREADS", "1")))
    label = "numpy (%d thread%s)" % (threads, "" if threads == 1 else "s")
    return [(label, _numpy_setup)]


def info():
    import numpy as np

    return {"numpy": np.__version__}


if __name__ == "__main__":
    main(contenders, [("numpy", "apt-get install python3-numpy")], info)
