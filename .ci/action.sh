#!/usr/bin/env bash
# What the GitHub Action (action.yml) runs after installing raciflow: check the model with
# annotations, write SARIF, and write the diff against a base revision as Markdown. It is a
# script of its own so that .ci/run can run exactly this on the example model.
#
#   RACIFLOW       the raciflow binary (default: raciflow on PATH)
#   MODEL          the model folder (default: .)
#   DENY_WARNINGS  "true" to fail on warnings too
#   SARIF_OUT      where to write SARIF (default: none)
#   DIFF_BASE      a git revision to compare the model with (default: none)
#   DIFF_OUT       where to write the diff as Markdown (with DIFF_BASE)
#
# Exit code: check's (0 clean, 1 findings that fail, 2 the run failed).
set -uo pipefail
raciflow=${RACIFLOW:-raciflow}
model=${MODEL:-.}
deny=()
[ "${DENY_WARNINGS:-false}" = "true" ] && deny=(--deny-warnings)

"$raciflow" check "$model" --format github "${deny[@]}"
status=$?
if [ -n "${SARIF_OUT:-}" ]; then
  "$raciflow" check "$model" --format sarif > "$SARIF_OUT"
  [ $? -le 1 ] || status=2
fi
if [ -n "${DIFF_BASE:-}" ] && [ -n "${DIFF_OUT:-}" ]; then
  if ! "$raciflow" diff "$DIFF_BASE" --model "$model" --format markdown > "$DIFF_OUT"; then
    echo "raciflow: could not compare the model with $DIFF_BASE" >&2
    status=2
  fi
fi
exit "$status"
