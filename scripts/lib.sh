#!/usr/bin/env bash
# Shared by every script under scripts/: locations, logging and the step runner.
# Source it; it defines functions and variables only.

set -euo pipefail

CDS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Caches live outside the clone so a fresh clone on the same machine (CI) reuses them.
CDS_CACHE="${CDS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cdktf-docker-stacks}"
# Per-clone state that must not be committed (generated CLI config, logs).
CDS_LOCAL="${CDS_LOCAL:-$CDS_ROOT/.local}"
mkdir -p "$CDS_CACHE" "$CDS_LOCAL"

# Prefix of every locally built test image.
CDS_IMAGE_PREFIX="${CDS_IMAGE_PREFIX:-cds-local}"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# step NAME CMD...: runs CMD, prints its duration, and names the step when it fails.
step() {
  local name="$1"; shift
  local start=$SECONDS
  log "step '$name': start"
  if "$@"; then
    log "step '$name': done in $((SECONDS - start))s"
  else
    local rc=$?
    log "step '$name': FAILED (exit $rc) after $((SECONDS - start))s"
    return "$rc"
  fi
}

die() { log "error: $*"; exit 1; }
