"""Shared fixtures: the repository, the `easel` binary that `swift build` made, a tiny random Qwen2-VL."""

import os
import subprocess
import sys

import pytest

TRAINING = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPO = os.path.dirname(TRAINING)
SHARED = os.path.join(REPO, "..", "shared")

# The development machines are shared: keep torch to two threads (the round trip is sized for that).
os.environ.setdefault("OMP_NUM_THREADS", "2")
if TRAINING not in sys.path:
    sys.path.insert(0, TRAINING)


def pytest_configure(config):
    import torch

    torch.set_num_threads(int(os.environ["OMP_NUM_THREADS"]))


@pytest.fixture(scope="session")
def easel_binary():
    """EASEL_BIN, else .build/debug/easel (Tests/all.sh runs `swift build` first)."""
    path = os.environ.get("EASEL_BIN") or os.path.join(REPO, ".build", "debug", "easel")
    if not os.access(path, os.X_OK):
        pytest.fail(f"{path}: no easel binary; run `swift build` first (or set EASEL_BIN)")
    return path


@pytest.fixture(scope="session")
def tiny_base(tmp_path_factory):
    """The default tiny random Qwen2-VL (the shape vLLM's CPU backend runs), built once per session."""
    from easel_train import tiny_model

    out = str(tmp_path_factory.mktemp("tiny-base"))
    tiny_model.build(out, seed=0)
    return out


def run_module(*args, env=None, timeout=900):
    """`python -m easel_train …` in a subprocess (as a teacher runs it); returns stdout; fails with stderr."""
    full_env = dict(os.environ, PYTHONPATH=TRAINING + os.pathsep + os.environ.get("PYTHONPATH", ""))
    full_env.update(env or {})
    done = subprocess.run([sys.executable, "-m", *args], capture_output=True, text=True, env=full_env,
                          timeout=timeout, cwd=REPO)
    if done.returncode != 0:
        pytest.fail(f"python -m {' '.join(args)} exited {done.returncode}:\n{done.stderr[-4000:]}")
    return done.stdout
