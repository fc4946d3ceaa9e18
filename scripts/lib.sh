#!/usr/bin/env bash
# Shared by every script under scripts/: locations, logging, the step runner and the engine
# probe. Source it; it defines functions and variables only.

set -euo pipefail
# Command substitutions keep errexit too: `x="$(a; b)"` stops at a failing `a`.
shopt -s inherit_errexit

CDS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Caches live outside the clone so a fresh clone on the same machine (CI) reuses them.
CDS_CACHE="${CDS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cdktf-docker-stacks}"
# Per-clone state that must not be committed (generated CLI config, logs).
CDS_LOCAL="${CDS_LOCAL:-$CDS_ROOT/.local}"
mkdir -p "$CDS_CACHE" "$CDS_LOCAL"

# Prefix of every locally built test image.
CDS_IMAGE_PREFIX="${CDS_IMAGE_PREFIX:-cds-local}"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

die() { log "error: $*"; exit 1; }

# status_into VAR CMD...: runs CMD in a subshell with errexit in force and stores its exit status
# in VAR: a failing command anywhere inside CMD (a function, say) stops it there. CMD's
# variables, `cd` and traps stay in the subshell.
# Bash ignores errexit in the condition of if/while/until, in every command of an && or ||
# list but the last, after `!`, and in every function and subshell run from there, whatever
# `set -e` they say. So call this (and step, quietly) as a plain command, never as a
# condition: it dies when called from one.
status_into() {
  local _var="$1" _errexit=0 _probe _rc
  shift
  [[ $- == *e* ]] && _errexit=1
  set +e
  (set -e; false; exit 0)
  _probe=$?
  if [ "$_probe" -ne 0 ]; then
    (set -e; "$@")
    _rc=$?
  fi
  if [ "$_errexit" = 1 ]; then set -e; fi
  if [ "$_probe" -eq 0 ]; then
    die "step/quietly/status_into called from a condition (if, while, &&, ||, !), where errexit cannot apply inside '$*': call it as a plain command"
  fi
  printf -v "$_var" '%s' "$_rc"
}

# step NAME CMD...: runs CMD with errexit in force (see status_into) and logs its duration; when
# it fails, logs its name, duration and exit status and returns that status (a caller under
# `set -e` stops there). Call it as a plain command, not as a condition.
step() {
  local name="$1" start=$SECONDS rc
  shift
  log "step '$name': start"
  status_into rc "$@"
  if [ "$rc" -eq 0 ]; then
    log "step '$name': done in $((SECONDS - start))s"
  else
    log "step '$name': FAILED (exit $rc) after $((SECONDS - start))s"
    return "$rc"
  fi
}

# quietly LOGFILE CMD...: runs CMD (with errexit in force, see status_into) with its output in
# LOGFILE; when it fails, prints LOGFILE's last lines and returns CMD's status.
quietly() {
  local out="$1" rc
  shift
  status_into rc _output_to "$out" "$@"
  if [ "$rc" -ne 0 ]; then
    log "'$*' failed (exit $rc); last lines of $out:"
    tail -n 30 "$out" >&2
    return "$rc"
  fi
}
_output_to() { local out="$1"; shift; "$@" >"$out" 2>&1; }

# apt_install PACKAGE...: installs Debian packages from the system's sources (no recommends),
# waiting for another apt-get (a concurrent setup) instead of failing on its lock.
apt_install() {
  [ "$(id -u)" = 0 ] || die "missing Debian packages $*; install them (apt-get install $*) or run this as root"
  log "installing from Debian: $*"
  apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "$@" >/dev/null
}

# ensure_commands COMMAND:PACKAGE...: installs the package of each COMMAND missing from PATH;
# does nothing (and needs no network) when none is missing.
ensure_commands() {
  local spec missing=()
  for spec in "$@"; do
    command -v "${spec%%:*}" >/dev/null || missing+=("${spec#*:}")
  done
  if [ "${#missing[@]}" -gt 0 ]; then apt_install "${missing[@]}"; fi
}

# Host programs the tests run besides Node.js (COMMAND:DEBIAN-PACKAGE, for ensure_commands):
# nginx and the HTTP clients for scripts/check-nginx-conf.sh, shellcheck for scripts/.
# scripts/setup-local-engine.sh installs the missing ones.
# shellcheck disable=SC2034 # used by the scripts that source this file
CDS_TEST_TOOLS=(nginx:nginx-light shellcheck:shellcheck curl:curl wget:wget openssl:openssl python3:python3 setpriv:util-linux ps:procps)

# The socket scripts/engine.sh serves its engine on.
# shellcheck disable=SC2034 # used by the scripts that source this file
CDS_ENGINE_SOCKET=/var/run/docker.sock

# engine_version: prints the server version of the Docker Engine the docker CLI targets
# (DOCKER_HOST, else its context; `DOCKER_HOST=unix://$CDS_ENGINE_SOCKET engine_version` asks
# the project's own), and fails when none answers within 10 s. Uses the docker CLI on PATH, else
# the one scripts/engine.sh unpacked.
engine_version() {
  local path="$PATH"
  command -v docker >/dev/null || path="$PATH:$CDS_CACHE/engine/current/usr/bin"
  PATH="$path" timeout 10 docker version --format '{{.Server.Version}}' 2>/dev/null
}
# engine_answers: whether that engine answers (see engine_version).
engine_answers() { engine_version >/dev/null; }
