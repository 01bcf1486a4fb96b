#!/usr/bin/env bash
# A screenshot of the review's class overview with sixel thumbnails, in `xterm -ti vt340` under Xvfb, and one of
# compare (two artworks side by side). Needs xvfb, xterm, x11-apps (xwd), x11-utils, python3 and a built easel.
# Usage: Tests/Scripts/screenshot-overview.sh [OUTPUT_FOLDER] (default docs/screenshots).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
scripts="$root/Tests/Scripts"
out="${1:-$root/docs/screenshots}"
easel="${EASEL:-$root/.build/debug/easel}"
[ -x "$easel" ] || { echo "no easel at $easel; run swift build first (or set EASEL)" >&2; exit 1; }
for tool in Xvfb xterm xwd xdpyinfo python3; do
    command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install xvfb xterm x11-apps x11-utils python3)" >&2; exit 1; }
done
mkdir -p "$out"
work="$(mktemp -d)"
display=":$((80 + RANDOM % 9))"
cleanup() {
    [ -n "${xterm_pid:-}" ] && kill "$xterm_pid" 2>/dev/null || true
    [ -n "${xvfb_pid:-}" ] && kill "$xvfb_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

db="$work/easel.sqlite"
"$easel" import "$root/Samples" --class Samples --db "$db" >/dev/null
"$easel" grade --class Samples --db "$db" >/dev/null 2>&1

Xvfb "$display" -screen 0 1400x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY="$display"
for _ in $(seq 1 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

xterm -ti vt340 -tn xterm-256color -xrm 'XTerm*numColorRegisters: 256' -title easel-overview -geometry 130x42+0+0 \
    -fa Monospace -fs 10 -bg black -fg white \
    -e "$easel" review --class Samples --db "$db" --graphics auto --scorer none --overview &
xterm_pid=$!

shot() {
    xwd -name easel-overview -silent >"$work/shot.xwd"
    python3 "$scripts/xwd2png.py" "$work/shot.xwd" "$1"
    echo "wrote $1"
}
sleep 8
shot "$out/overview-sixel.png"
python3 "$scripts/xkey.py" s
sleep 4
shot "$out/overview-sorted-by-total.png"
python3 "$scripts/xkey.py" Return
sleep 3
python3 "$scripts/xkey.py" v
sleep 4
shot "$out/compare-sixel.png"
python3 "$scripts/xkey.py" q
sleep 1
