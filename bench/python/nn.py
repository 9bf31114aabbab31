"""Python peer of the `nn` suite: PyTorch training throughput of the seed networks.

Task spec: {"op": "train", "model": "mlp" | "cnn", "n": N, "batch": 128}: one epoch of Adam(1e-3) over N
random 28x28 images with random labels (CrossEntropyLoss), in batches of `batch`, with
torch.set_num_threads(TORCH_BENCH_THREADS, default 2). Samples/second are printed to stderr.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from _harness import main  # noqa: E402

THREADS = int(os.environ.get("TORCH_BENCH_THREADS", "2"))


def _setup(spec):
    import time

    import torch
    from torch import nn

    torch.set_num_threads(THREADS)
    torch.manual_seed(0)
    n = spec["n"]
    if spec["model"] == "mlp":
        net = nn.Sequential(nn.Linear(784, 64), nn.ReLU(), nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10))
        x = torch.rand(n, 784)
    else:
        net = nn.Sequential(
            nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(5408, 64), nn.ReLU(), nn.Linear(64, 10)
        )
        x = torch.rand(n, 1, 28, 28)
    y = torch.randint(0, 10, (n,))
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    state = {}

    def run():
        t = time.perf_counter()
        for b in range(0, n, spec["batch"]):
            opt.zero_grad()
            loss = loss_fn(net(x[b : b + spec["batch"]]), y[b : b + spec["batch"]])
            loss.backward()
            opt.step()
        state["t"] = time.perf_counter() - t

    def verify():
        print("  torch %s: %.0f samples/s" % (spec["model"], n / state["t"]), file=sys.stderr, flush=True)
        return None

    return run, verify, None


def contenders():
    return [("pytorch (%d threads)" % THREADS, _setup)]


def info():
    import torch

    return {"torch": torch.__version__, "torchThreads": THREADS}


if __name__ == "__main__":
    main(contenders, [("torch", "apt-get install python3-torch")], info)
