#!/usr/bin/env bash
# A Docker Engine for this project, from Debian's packages, without touching the system's apt
# state: Engine 26 from Debian trixie (its binaries need only glibc 2.34), run with bookworm's
# runc; bookworm's own docker.io (Engine 20.10) is the fallback.
#
#   scripts/engine.sh install   fetch and unpack the engine (cached per package version)
#   scripts/engine.sh start     start containerd + dockerd on /var/run/docker.sock unless one answers
#   scripts/engine.sh stop      stop them, only if this script started them
#   scripts/engine.sh status    server version, API version, storage driver
#   scripts/engine.sh env       print the PATH export for the engine's binaries
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ENGINE_ROOT="$CDS_CACHE/engine"
STATE_DIR="$CDS_CACHE/engine-state"
LOG_DIR="$CDS_CACHE/engine-logs"
DATA_ROOT="$CDS_CACHE/docker-data"
SOCKET="$CDS_ENGINE_SOCKET"
PACKAGES=(docker.io containerd docker-compose docker-buildx)
mkdir -p "$ENGINE_ROOT" "$STATE_DIR" "$LOG_DIR"

# The engine on $SOCKET, whatever DOCKER_HOST says.
answers() { DOCKER_HOST="unix://$SOCKET" engine_answers; }
# The unpacked engine in use; empty when none is.
current() { readlink -e "$ENGINE_ROOT/current" 2>/dev/null || true; }
# PATH entries for its binaries; empty when none is installed.
bin_path() {
  local c
  c="$(current)"
  if [ -n "$c" ]; then echo "$c/usr/bin:$c/usr/sbin:$c/usr/libexec/docker/cli-plugins"; fi
}

ensure_system_packages() {
  # docker-init: bookworm's docker.io ships it; otherwise tini's static binary stands in.
  local tini=()
  [ -x /usr/bin/docker-init ] || tini=(tini-static:tini)
  ensure_commands runc:runc iptables:iptables ip:iproute2 pgrep:procps xz:xz-utils "${tini[@]}"
}

# Runs under status_into (errexit in force): any failing command stops it before `.complete`.
install_trixie() {
  local tmp versions key target p version debs
  tmp="$(mktemp -d)"
  # shellcheck disable=SC2064 # expand now: $tmp is local
  trap "rm -rf '$tmp'" EXIT
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main" >"$tmp/sources.list"
  mkdir -p "$tmp/lists/partial" "$tmp/archives/partial"
  local apt_opts=(-o "Dir::Etc::SourceList=$tmp/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$tmp/lists" -o "Dir::Cache::Archives=$tmp/archives" -o Debug::NoLocking=1 -o APT::Sandbox::User=root)
  apt-get "${apt_opts[@]}" update -qq >/dev/null
  versions=
  for p in "${PACKAGES[@]}"; do
    # awk reads to the end: an awk that exits at the first match leaves apt-cache writing into a
    # closed pipe, and under pipefail its SIGPIPE failed this route (32 times in 40 here).
    version="$(apt-cache "${apt_opts[@]}" show --no-all-versions "$p" | awk '/^Version:/ && !v {v = $2} END {print v}')"
    [ -n "$version" ] || { log "engine: trixie has no package $p"; return 1; }
    versions+="$p=$version"$'\n'
  done
  versions="${versions%$'\n'}"
  key="$(echo "$versions" | sha256sum | cut -c1-12)"
  target="$ENGINE_ROOT/trixie-$key"
  if [ -f "$target/.complete" ]; then
    log "engine: reused $target"
  else
    (cd "$tmp/archives" && apt-get "${apt_opts[@]}" download "${PACKAGES[@]}" >/dev/null)
    debs=("$tmp"/archives/*.deb)
    if [ "${#debs[@]}" -ne "${#PACKAGES[@]}" ] || [ ! -f "${debs[0]}" ]; then
      log "engine: downloaded ${debs[*]}, expected ${#PACKAGES[@]} packages"
      return 1
    fi
    rm -rf "$target"
    mkdir -p "$target"
    for p in "${debs[@]}"; do dpkg-deb -x "$p" "$target"; done
    echo "$versions" >"$target/VERSIONS"
    touch "$target/.complete"
    log "engine: unpacked $(echo "$versions" | tr '\n' ' ')into $target"
  fi
  ln -sfn "$target" "$ENGINE_ROOT/current"
}

install_bookworm_fallback() {
  local version
  log "engine: WARNING: the trixie route failed; falling back to bookworm's docker.io (Engine 20.10, end of life)."
  log "engine: WARNING: Engine 20.10 (API 1.41) drops health-check start_interval: the e2e suites, and any stack without engineVersion \"20.10\", fail to deploy on it"
  [ -x /usr/bin/dockerd ] || apt_install docker.io
  version="$(dpkg-query -W -f '${Version}' docker.io)"
  mkdir -p "$ENGINE_ROOT/bookworm/usr"
  ln -sfn /usr/bin "$ENGINE_ROOT/bookworm/usr/bin"
  echo "docker.io=$version" >"$ENGINE_ROOT/bookworm/VERSIONS"
  # No .complete: the next install tries the trixie route again.
  ln -sfn "$ENGINE_ROOT/bookworm" "$ENGINE_ROOT/current"
}

install() {
  local c rc
  ensure_system_packages
  c="$(current)"
  if [ -n "$c" ] && [ -f "$c/.complete" ] && [ "${CDS_ENGINE_REFRESH:-0}" != 1 ]; then
    # Pinned by the cache: a re-run needs no network. CDS_ENGINE_REFRESH=1 looks for updates.
    log "engine: reused $c"
  else
    # Not `install_trixie || fallback`: errexit would not apply inside install_trixie there.
    status_into rc install_trixie
    if [ "$rc" -ne 0 ]; then
      log "engine: the trixie route failed (exit $rc); trying once more"
      status_into rc install_trixie
    fi
    if [ "$rc" -ne 0 ]; then install_bookworm_fallback; fi
  fi
  # The compose plugin, where every docker CLI looks for it.
  c="$(current)"
  if [ -x "$c/usr/libexec/docker/cli-plugins/docker-compose" ]; then
    mkdir -p "$HOME/.docker/cli-plugins"
    ln -sfn "$c/usr/libexec/docker/cli-plugins/docker-compose" "$HOME/.docker/cli-plugins/docker-compose"
  fi
  cat "$c/VERSIONS"
}

# The pid in file $1 if that process is alive and runs program $2; else nothing.
live_pid() {
  local pid
  pid="$(cat "$1" 2>/dev/null || true)"
  if [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null || true)" = "$2" ]; then echo "$pid"; fi
}

start() {
  local bins pid tini
  # Probed with the docker CLI: on PATH, else the engine's own, installed first when there is
  # neither (the probe cannot tell then).
  if ! answers; then [ -n "$(current)" ] || install; fi
  if answers; then
    log "engine: an engine already answers on $SOCKET; reusing it"
    rm -f "$STATE_DIR/started-by-us"
    return 0
  fi
  # A daemon that runs but does not answer (yet) keeps its socket and pid file: never start a
  # second one over it.
  for pid in "$(live_pid /var/run/docker.pid dockerd)" "$(live_pid /var/run/containerd/containerd.pid containerd)"; do
    [ -z "$pid" ] || die "a $(cat "/proc/$pid/comm") (pid $pid) runs but $SOCKET does not answer; stop it or wait for it"
  done
  bins="$(bin_path)"
  export PATH="$bins:$PATH"
  if [ ! -x /usr/bin/docker-init ] && [ ! -e /usr/local/bin/docker-init ]; then
    tini="$(command -v tini-static)" || die "neither docker-init nor tini-static is installed; run: bash scripts/engine.sh install"
    ln -sf "$tini" /usr/local/bin/docker-init
  fi
  mkdir -p /etc/docker "$DATA_ROOT"
  [ -f /etc/docker/daemon.json ] || echo '{ "log-driver": "json-file", "log-opts": { "max-size": "10m", "max-file": "3" } }' >/etc/docker/daemon.json
  rm -f /var/run/containerd/containerd.sock "$SOCKET" /var/run/docker.pid
  # Own session and redirected streams: whatever waits for this script's output must not
  # wait for the daemons too.
  setsid containerd >"$LOG_DIR/containerd.log" 2>&1 </dev/null &
  echo $! >"$STATE_DIR/containerd.pid"
  touch "$STATE_DIR/started-by-us"
  for _ in $(seq 1 50); do
    if [ -S /var/run/containerd/containerd.sock ]; then break; fi
    sleep 0.2
  done
  if [ ! -S /var/run/containerd/containerd.sock ]; then
    log "engine: containerd did not open its socket within 10s; last lines of its log:"
    tail -n 20 "$LOG_DIR/containerd.log" >&2
    stop
    return 1
  fi
  setsid dockerd --data-root "$DATA_ROOT" --containerd /var/run/containerd/containerd.sock --host "unix://$SOCKET" \
    >"$LOG_DIR/dockerd.log" 2>&1 </dev/null &
  echo $! >"$STATE_DIR/dockerd.pid"
  for _ in $(seq 1 120); do
    if answers; then log "engine: started (data root $DATA_ROOT)"; return 0; fi
    sleep 0.5
  done
  log "engine: dockerd did not answer within 60s; last lines of its logs:"
  tail -n 40 "$LOG_DIR/dockerd.log" >&2
  tail -n 20 "$LOG_DIR/containerd.log" >&2
  stop
  return 1
}

stop() {
  [ -f "$STATE_DIR/started-by-us" ] || { log "engine: not started by this script; left running"; return 0; }
  local name pid
  for name in dockerd containerd; do
    # Only the process this script started (the pid file names it), still running that program.
    pid="$(live_pid "$STATE_DIR/$name.pid" "$name")"
    if [ -n "$pid" ]; then
      kill "$pid" 2>/dev/null || log "engine: $name (pid $pid) ended before SIGTERM"
      for _ in $(seq 1 60); do
        if ! kill -0 "$pid" 2>/dev/null; then break; fi
        sleep 0.5
      done
      if kill -0 "$pid" 2>/dev/null; then
        log "engine: $name (pid $pid) still runs 30s after SIGTERM; killing it"
        kill -9 "$pid" 2>/dev/null || log "engine: $name (pid $pid) ended before SIGKILL"
      fi
    fi
    rm -f "$STATE_DIR/$name.pid"
  done
  rm -f "$STATE_DIR/started-by-us"
  log "engine: stopped"
}

status() {
  local host=(--host "unix://$SOCKET")
  answers || { echo "engine: not running"; return 1; }
  command -v docker >/dev/null || PATH="$(bin_path):$PATH"
  docker "${host[@]}" version --format 'engine: Docker Engine {{.Server.Version}}, API {{.Server.APIVersion}}{{range .Server.Components}}{{if ne .Name "Engine"}}, {{.Name}} {{.Version}}{{end}}{{end}}'
  docker "${host[@]}" info --format 'engine: storage driver {{.Driver}}, cgroup {{.CgroupDriver}} v{{.CgroupVersion}}, data root {{.DockerRootDir}}'
  if [ -f "$STATE_DIR/started-by-us" ]; then echo "engine: started by scripts/engine.sh"; else echo "engine: not started by this script"; fi
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  status) status ;;
  env)
    # Nothing to add when no engine is installed here (one from elsewhere may answer).
    b="$(bin_path)"
    if [ -n "$b" ]; then echo "export PATH=\"$b:\$PATH\""; fi
    ;;
  *) die "usage: scripts/engine.sh install|start|stop|status|env" ;;
esac
