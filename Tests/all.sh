#!/usr/bin/env bash
# The whole test suite: the Python training environment, the vLLM test server's environment, the Swift build and
# tests (the remote scorer's integration test runs against a real vLLM from that environment), then the training
# package's tests (which drive the `easel` binary just built: the fine-tuning round trip on a tiny random Qwen2-VL).
# Both environments are cached per machine under ~/.cache/easel (a fresh machine installs them: about 1.5 and
# 4 minutes). Prints the time of each step.
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
# The vLLM environment is mostly downloading: it installs while Swift builds.
vllm_path="$(mktemp)"
trap 'rm -f "$vllm_path"' EXIT
vllm_start=$SECONDS
bash Tests/Scripts/setup-vllm >"$vllm_path" &
vllm_pid=$!
step "swift build" swift build
if ! wait "$vllm_pid"; then
    echo "Tests/Scripts/setup-vllm failed (see above)" >&2
    exit 1
fi
echo "== setup-vllm (beside the build): $((SECONDS - vllm_start)) s"
EASEL_VLLM_VENV="$(tail -n 1 "$vllm_path")"
export EASEL_VLLM_VENV
step "swift test" swift test
step "pytest Training/tests" Training/.venv/bin/python -m pytest Training/tests -q -p no:cacheprovider --durations=5
