#!/usr/bin/env bash
# The kill -9 campaign (issue 10): SIGKILL `easel review` (driven in tmux), `easel import` and `easel grade`
# at random moments, then check that every review the screen confirmed (and every file import reported as
# added) is in the database, the audit log explains every review, SQLite's integrity and foreign-key
# checks pass, and `easel check` is clean.
#
#   Tests/Scripts/kill9-campaign.sh [KILLS] [SEED]     # default 60 kills (about half during review)
#
# It runs KillCampaignTests (Tests/WorkstationTests) with EASEL_KILL_CAMPAIGN=KILLS; the test prints one
# line with the numbers. Needs tmux and a build with tests (swift build --build-tests).
set -euo pipefail
cd "$(dirname "$0")/../.."
kills="${1:-60}"
seed="${2:-20261203}"
EASEL_KILL_CAMPAIGN="$kills" EASEL_KILL_SEED="$seed" \
    swift test --skip-build --filter KillCampaignTests 2>&1 | grep -E "kill -9 campaign|✘|passed|failed"
