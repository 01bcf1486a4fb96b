#!/usr/bin/env bash
# A screenshot of the review's class overview with sixel thumbnails, in `xterm -ti vt340` under Xvfb, one sorted
# by total, and one of compare (two artworks side by side). Needs what xterm-review.sh says.
# Usage: Tests/Scripts/screenshot-overview.sh [OUTPUT_FOLDER] (default docs/screenshots).
source "$(dirname "$0")/xterm-review.sh"
start_review easel-overview 130x42 1400x900x24 --overview
sleep 8
shot "$out/overview-sixel.png"
key s
sleep 4
shot "$out/overview-sorted-by-total.png"
key Return
sleep 3
key v
sleep 4
shot "$out/compare-sixel.png"
key q
sleep 1
