#!/usr/bin/env bash
# Renders the class report and a student's page of the Samples with headless Chromium, to PNG and PDF, as a
# teacher would print them. Usage: Tests/Scripts/screenshot-reports.sh [OUTPUT_FOLDER] (default docs/screenshots).
# Needs a built easel (swift build), chromium and tmux (apt-get install chromium tmux).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-docs/screenshots}
easel=${EASEL:-$(pwd)/.build/debug/easel}
work=$(mktemp -d /tmp/easel-reports-XXXXXX)
trap 'tmux -L easel-reports kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
export EASEL_DB=$work/easel.sqlite EASEL_CONFIG=$work/config.toml HOME=$work
pdfs=${PDF_OUT:-/tmp/easel-report-pdfs}   # PDFs and the CSV stay out of the repository
mkdir -p "$out" "$pdfs"

# Two classes of the same students (an autumn and a spring batch), graded; some accepted in the review.
for class in "7B autumn" "7B spring"; do
    "$easel" import Samples --class "$class" >/dev/null
    "$easel" grade --class "$class" >/dev/null
    tmux -L easel-reports -f /dev/null new-session -d -x 110 -y 32 \
        "$easel review --class '$class' --graphics none --scorer none"
    sleep 2
    for _ in 1 2 3 4 5 6; do tmux -L easel-reports send-keys A; sleep 0.3; done
    if [ "$class" = "7B spring" ]; then
        # Correct one score so the student's totals differ between the two classes.
        tmux -L easel-reports send-keys f; tmux -L easel-reports send-keys -l "Zoë"; tmux -L easel-reports send-keys Enter
        sleep 0.5
        tmux -L easel-reports send-keys e Tab BSpace BSpace; tmux -L easel-reports send-keys -l 18
        tmux -L easel-reports send-keys Enter
        sleep 0.5
    fi
    tmux -L easel-reports send-keys q
    sleep 1
done

"$easel" export html --class "7B spring" -o "$work/class.html"
"$easel" export html --class "7B spring" --student "Zoë" -o "$work/student.html"
"$easel" export csv --class "7B spring" -o "$pdfs/report-class.csv"

browser=$(command -v chromium || command -v chromium-browser)
for page in class student; do
    "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1000,1500 \
        --screenshot="$out/report-$page.png" "file://$work/$page.html" 2>/dev/null
    "$browser" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
        --print-to-pdf="$pdfs/report-$page.pdf" "file://$work/$page.html" 2>/dev/null
done
ls -l "$out"/report-*.png "$pdfs"
