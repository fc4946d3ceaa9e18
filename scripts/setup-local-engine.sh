#!/usr/bin/env bash
# One command for the whole local toolchain, each step cached and idempotent:
# Docker Engine (from Debian's packages), the kreuzwerker/docker provider (built from the Go
# module proxy into a filesystem mirror, with a Terraform CLI config that uses it), the local
# test images, and the host tools the tests run (nginx, shellcheck, ...). Prints what it did or
# reused, and the time each step took.
#
# The engine is left running when it was already running; when this script had to start
# it, it is stopped again unless CDS_KEEP_ENGINE=1.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

total_start=$SECONDS
started_engine=0

step "host tools for the tests" ensure_commands "${CDS_TEST_TOOLS[@]}"
step "engine install" bash "$CDS_ROOT/scripts/engine.sh" install
if DOCKER_HOST="unix://$CDS_ENGINE_SOCKET" engine_answers; then
  log "engine: reusing the engine already answering on $CDS_ENGINE_SOCKET"
else
  step "engine start" bash "$CDS_ROOT/scripts/engine.sh" start
  started_engine=1
fi
stop_engine() {
  if [ "$started_engine" = 1 ] && [ "${CDS_KEEP_ENGINE:-0}" != 1 ]; then
    bash "$CDS_ROOT/scripts/engine.sh" stop || log "warning: stopping the engine failed; see $CDS_CACHE/engine-logs/"
  fi
}
trap stop_engine EXIT

# Assigned first: `eval "$(...)"` would hide a failure of the command.
engine_env="$(bash "$CDS_ROOT/scripts/engine.sh" env)"
eval "$engine_env"
step "provider" bash "$CDS_ROOT/scripts/provider.sh" build
step "test images" bash "$CDS_ROOT/scripts/images.sh" build
step "bindings match cdktf.json" node "$CDS_ROOT/scripts/check-gen-version.js"
bash "$CDS_ROOT/scripts/engine.sh" status
log "setup complete in $((SECONDS - total_start))s; for Terraform run: eval \"\$(bash scripts/provider.sh env)\""
