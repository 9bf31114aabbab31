"""Python peers of the `unsupervised` suite: scikit-learn KMeans and PCA.

Run by bench/python.ts with the task list on stdin (see _harness.py). Task specs:
  {"op": "kmeans", "file": ..., "n", "d", "k", "ref", "task"}   KMeans(k, n_init=1, random_state=0)
  {"op": "pca", "file": ..., "n", "d", "k", "ref", "task", "idx"} PCA(k, random_state=0)
  {"op": "tsne", "file": ..., "n", "d", "ref", "task"}            TSNE(random_state=0), KL within 10%
`file` holds the JS side's data (raw float64, or a gzipped IDX image file when `idx`);
`ref` the JSON of typelearn's inertia / explained variance, checked to 0.1%.
scikit-learn runs with SKLEARN_BENCH_THREADS threads (default 2) via threadpoolctl.
"""

import gzip
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from _harness import main  # noqa: E402

THREADS = int(os.environ.get("SKLEARN_BENCH_THREADS", "2"))


def _load(spec):
    import numpy as np

    if spec.get("idx"):
        with gzip.open(spec["file"], "rb") as f:
            raw = f.read()
        return np.frombuffer(raw, dtype=np.uint8, offset=16).reshape(spec["n"], spec["d"]).astype(np.float64)
    return np.fromfile(spec["file"], dtype="<f8").reshape(spec["n"], spec["d"])


def _check(spec, got, what):
    print("  scikit-learn %s %r" % (what, got), file=sys.stderr, flush=True)
    try:
        with open(spec["ref"]) as f:
            want = json.load(f).get(spec["task"])
    except OSError:
        return None
    if want is None:
        return None
    rel = abs(got - want) / abs(want)
    return None if rel <= 1e-3 else "%s %r is %.3f%% off typelearn's %r" % (what, got, rel * 100, want)


def _setup(spec):
    from threadpoolctl import threadpool_limits

    X = _load(spec)
    state = {}
    if spec["op"] == "kmeans":
        from sklearn.cluster import KMeans

        def run():
            with threadpool_limits(limits=THREADS):
                state["m"] = KMeans(n_clusters=spec["k"], n_init=1, random_state=0).fit(X)

        return run, lambda: _check(spec, float(state["m"].inertia_), "inertia"), None
    if spec["op"] == "pca":
        from sklearn.decomposition import PCA

        def run():
            with threadpool_limits(limits=THREADS):
                state["m"] = PCA(n_components=spec["k"], random_state=0).fit(X)

        return run, lambda: _check(spec, float(state["m"].explained_variance_.sum()), "explained variance"), None
    if spec["op"] == "tsne":
        from sklearn.manifold import TSNE

        def run():
            with threadpool_limits(limits=THREADS):
                state["m"] = TSNE(random_state=0, n_jobs=THREADS).fit(X)

        def verify():
            kl = float(state["m"].kl_divergence_)
            print("  scikit-learn TSNE KL divergence %r" % kl, file=sys.stderr, flush=True)
            try:
                with open(spec["ref"]) as f:
                    want = json.load(f).get(spec["task"])
            except OSError:
                return None
            # t-SNE is stochastic and float32 in sklearn: "similar" KL means within 10%.
            if want is not None and abs(kl - want) > 0.1 * abs(want):
                return "KL divergence %r is more than 10%% from typelearn's %r" % (kl, want)
            return None

        return run, verify, None
    raise ValueError("unknown op %r" % spec["op"])


def contenders():
    return [("scikit-learn (%d threads)" % THREADS, _setup)]


def info():
    import sklearn

    return {"sklearn": sklearn.__version__, "sklearnThreads": THREADS}


if __name__ == "__main__":
    main(contenders, [("sklearn", "apt-get install python3-sklearn"), ("threadpoolctl", "apt-get install python3-threadpoolctl")], info)
