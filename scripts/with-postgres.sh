#!/usr/bin/env bash
# Runs a command against a throw-away PostgreSQL: a fresh cluster in a temporary directory on a free
# local port, DATABASE_URL pointing at it, removed afterwards whatever the command's outcome.
#   scripts/with-postgres.sh [--replica] COMMAND ...   (--replica: also a streaming replica, WIJKREGIE_REPLICA_URL)
# The launcher is scripts/pgcluster.py, the one the bench (bench/run.py) starts its clusters with too.
set -euo pipefail
replica=()
if [ "${1:-}" = --replica ]; then
  replica=(--replica)
  shift
fi
exec python3 "$(dirname "$0")/pgcluster.py" run "${replica[@]}" -- "$@"
