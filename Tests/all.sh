#!/usr/bin/env bash
# The whole test suite: the Python training environment, the Swift build and tests, then the training package's
# tests (which drive the `easel` binary just built: the fine-tuning round trip on a tiny random Qwen2-VL).
# Prints the time of each step.
set -euo pipefail
cd "$(dirname "$0")/.."
step() {
    local name="$1"
    shift
    local start=$SECONDS
    echo "== $name"
    "$@"
    echo "== $name: $((SECONDS - start)) s"
}
step "Training/setup" bash Training/setup
step "swift build" swift build
step "swift test" swift test
step "pytest Training/tests" Training/.venv/bin/python -m pytest Training/tests -q -p no:cacheprovider --durations=5
