#!/usr/bin/env bash
# Screenshots of `easel review` with sixel pictures, in `xterm -ti vt340` under Xvfb: the first artwork,
# after pressing `n` (the previous picture must be gone), with the F1 help overlay (no picture under it),
# and after closing it (the picture back). Needs what xterm-review.sh says.
# Usage: Tests/Scripts/screenshot-review.sh [OUTPUT_FOLDER] (default docs/screenshots).
source "$(dirname "$0")/xterm-review.sh"
start_review easel-review 120x36 1280x800x24
sleep 5
shot "$out/review-sixel.png"
key n
sleep 3
shot "$out/review-sixel-after-n.png"
key F1
sleep 1.5
shot "$out/review-help.png"
key space
sleep 2
shot "$out/review-after-help.png"
key q
sleep 1
