#!/usr/bin/env bash
# `cdktf deploy` for one stack that, when the deploy fails, prints the state and last log
# lines of each container that is not healthy (on a Swarm target: each service's update state
# and its failed tasks' last log lines), instead of only Terraform's timeout message.
#
#   scripts/deploy.sh <stack> [more cdktf deploy options]
set -euo pipefail
stack="${1:?usage: scripts/deploy.sh <stack> [cdktf deploy options]}"
shift
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cdktf=("$here/../node_modules/.bin/cdktf")
[ -x "${cdktf[0]}" ] || cdktf=(npx cdktf)
status=0
CHECKPOINT_DISABLE=1 "${cdktf[@]}" deploy "$stack" "$@" || status=$?
if [ "$status" -ne 0 ]; then
  echo "deploy of $stack failed (exit $status); what is not healthy (containers, or Swarm services and their failed tasks):" >&2
  node "$here/diagnose-stack.js" "$stack" "${CDKTF_OUTDIR:-cdktf.out}" >&2 ||
    echo "(diagnose-stack.js failed too, exit $?)" >&2
fi
exit "$status"
