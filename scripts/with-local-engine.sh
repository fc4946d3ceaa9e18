#!/usr/bin/env bash
# Runs a command (the e2e tests) against the local toolchain: a Docker Engine, the provider
# from the local mirror and the local test images. Sets up whatever is missing (each step is
# cached) and stops the engine afterwards only if this script started it.
#
#   scripts/with-local-engine.sh jest --selectProjects e2e
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[ "$#" -gt 0 ] || die "usage: scripts/with-local-engine.sh COMMAND [ARGS...]"

started_engine=0
if ! DOCKER_HOST="unix://$CDS_ENGINE_SOCKET" engine_answers; then
  step "engine install" bash "$CDS_ROOT/scripts/engine.sh" install
  step "engine start" bash "$CDS_ROOT/scripts/engine.sh" start
  started_engine=1
fi
stop_engine() {
  if [ "$started_engine" = 1 ]; then
    bash "$CDS_ROOT/scripts/engine.sh" stop || log "warning: stopping the engine failed; see $CDS_CACHE/engine-logs/"
  fi
}
trap stop_engine EXIT

# Assigned first: `eval "$(...)"` would hide a failure of the command.
engine_env="$(bash "$CDS_ROOT/scripts/engine.sh" env)"
eval "$engine_env"
step "provider" bash "$CDS_ROOT/scripts/provider.sh" build
provider_env="$(bash "$CDS_ROOT/scripts/provider.sh" env)"
eval "$provider_env"
step "test images" bash "$CDS_ROOT/scripts/images.sh" build

export CDS_IMAGE_PREFIX
# Not exec: the EXIT trap must run to stop an engine started here.
"$@"
