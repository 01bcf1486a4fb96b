#!/usr/bin/env bash
# Screenshots of `easel review` with sixel pictures, in `xterm -ti vt340` under Xvfb: the first artwork,
# after pressing `n` (the previous picture must be gone), with the F1 help overlay (no picture under it),
# and after closing it (the picture back). Needs xvfb, xterm, x11-apps (xwd),
# python3 and a built easel (swift build). Usage: Tests/Scripts/screenshot-review.sh [OUTPUT_FOLDER]
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
display=":$((90 + RANDOM % 9))"
cleanup() {
    [ -n "${xterm_pid:-}" ] && kill "$xterm_pid" 2>/dev/null || true
    [ -n "${xvfb_pid:-}" ] && kill "$xvfb_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

db="$work/easel.sqlite"
"$easel" import "$root/Samples" --class Samples --db "$db" >/dev/null
"$easel" grade --class Samples --db "$db" >/dev/null 2>&1

Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY="$display"
for _ in $(seq 1 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

xterm -ti vt340 -tn xterm-256color -xrm 'XTerm*numColorRegisters: 256' -title easel-review -geometry 120x36+0+0 \
    -fa Monospace -fs 10 -bg black -fg white \
    -e "$easel" review --class Samples --db "$db" --graphics auto --scorer none &
xterm_pid=$!

shot() {
    xwd -name easel-review -silent >"$work/shot.xwd"
    python3 "$scripts/xwd2png.py" "$work/shot.xwd" "$1"
    echo "wrote $1"
}
sleep 5
shot "$out/review-sixel.png"
python3 "$scripts/xkey.py" n
sleep 3
shot "$out/review-sixel-after-n.png"
python3 "$scripts/xkey.py" F1
sleep 1.5
shot "$out/review-help.png"
python3 "$scripts/xkey.py" space
sleep 2
shot "$out/review-after-help.png"
python3 "$scripts/xkey.py" q
sleep 1
