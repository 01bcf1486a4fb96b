#!/usr/bin/env bash
# Sourced by screenshot-review.sh and screenshot-overview.sh: `easel review` on the graded Samples in
# `xterm -ti vt340` (sixel) under Xvfb, with `shot FILE` (xwd → PNG) and `key NAME` (an X key press).
# Needs xvfb, xterm, x11-apps (xwd), x11-utils, python3 and a built easel (swift build; or set EASEL).
# Usage: source it, then `start_review TITLE GEOMETRY SCREEN [review options]` (e.g. 120x36 1280x800x24).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
scripts="$root/Tests/Scripts"
out="${1:-$root/docs/screenshots}"
easel="${EASEL:-$root/.build/debug/easel}"
[ -x "$easel" ] || { echo "no easel at $easel; run swift build first (or set EASEL)" >&2; exit 1; }
for tool in Xvfb xterm xwd xdpyinfo python3; do
    command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install xvfb xterm x11-apps x11-utils python3)" >&2; exit 1; }
done
mkdir -p "$out"
work="$(mktemp -d)"
cleanup() {
    [ -n "${xterm_pid:-}" ] && kill "$xterm_pid" 2>/dev/null || true
    [ -n "${xvfb_pid:-}" ] && kill "$xvfb_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

db="$work/easel.sqlite"
"$easel" import "$root/Samples" --class Samples --db "$db" >/dev/null
"$easel" grade --class Samples --db "$db" >/dev/null 2>&1

start_review() {
    local title="$1" geometry="$2" screen="$3"
    shift 3
    window="$title"
    export DISPLAY=":$((80 + RANDOM % 19))"
    Xvfb "$DISPLAY" -screen 0 "$screen" -nolisten tcp >/dev/null 2>&1 &
    xvfb_pid=$!
    for _ in $(seq 1 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
    xterm -ti vt340 -tn xterm-256color -xrm 'XTerm*numColorRegisters: 256' -title "$title" \
        -geometry "$geometry+0+0" -fa Monospace -fs 10 -bg black -fg white \
        -e "$easel" review --class Samples --db "$db" --graphics auto --scorer none "$@" &
    xterm_pid=$!
}

shot() {
    xwd -name "$window" -silent >"$work/shot.xwd"
    python3 "$scripts/xwd2png.py" "$work/shot.xwd" "$1"
    echo "wrote $1"
}

key() { python3 "$scripts/xkey.py" "$1"; }
