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
current() { readlink -f "$ENGINE_ROOT/current" 2>/dev/null || true; }
bin_path() { local c; c="$(current)"; [ -n "$c" ] && echo "$c/usr/bin:$c/usr/sbin:$c/usr/libexec/docker/cli-plugins"; }

ensure_system_packages() {
  local missing=()
  command -v runc >/dev/null || missing+=(runc)
  command -v iptables >/dev/null || missing+=(iptables)
  [ -x /usr/bin/docker-init ] || command -v tini-static >/dev/null || missing+=(tini)
  command -v ip >/dev/null || missing+=(iproute2)
  command -v pgrep >/dev/null || missing+=(procps)
  command -v xz >/dev/null || missing+=(xz-utils)
  command -v curl >/dev/null || missing+=(curl)
  if [ "${#missing[@]}" -gt 0 ]; then
    log "engine: installing from bookworm: ${missing[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

install_trixie() {
  local tmp versions key target
  tmp="$(mktemp -d)"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main" >"$tmp/sources.list"
  mkdir -p "$tmp/lists/partial" "$tmp/archives/partial"
  local apt_opts=(-o "Dir::Etc::SourceList=$tmp/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$tmp/lists" -o "Dir::Cache::Archives=$tmp/archives" -o Debug::NoLocking=1 -o APT::Sandbox::User=root)
  apt-get "${apt_opts[@]}" update -qq >/dev/null
  versions="$(for p in "${PACKAGES[@]}"; do apt-cache "${apt_opts[@]}" show --no-all-versions "$p" | awk -v p="$p" '/^Version:/{print p"="$2; exit}'; done)"
  key="$(echo "$versions" | sha256sum | cut -c1-12)"
  target="$ENGINE_ROOT/trixie-$key"
  if [ -f "$target/.complete" ]; then
    log "engine: reused $target"
  else
    (cd "$tmp/archives" && apt-get "${apt_opts[@]}" download "${PACKAGES[@]}" >/dev/null)
    rm -rf "$target" && mkdir -p "$target"
    for deb in "$tmp"/archives/*.deb; do dpkg-deb -x "$deb" "$target"; done
    echo "$versions" >"$target/VERSIONS"
    touch "$target/.complete"
    log "engine: unpacked $(echo "$versions" | tr '\n' ' ')into $target"
  fi
  ln -sfn "$target" "$ENGINE_ROOT/current"
  rm -rf "$tmp"
}

install_bookworm_fallback() {
  log "engine: WARNING: the trixie route failed; falling back to bookworm's docker.io (Engine 20.10, end of life)"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker.io >/dev/null
  mkdir -p "$ENGINE_ROOT/bookworm/usr"
  ln -sfn /usr/bin "$ENGINE_ROOT/bookworm/usr/bin"
  echo "docker.io=$(dpkg-query -W -f '${Version}' docker.io)" >"$ENGINE_ROOT/bookworm/VERSIONS"
  ln -sfn "$ENGINE_ROOT/bookworm" "$ENGINE_ROOT/current"
}

install() {
  ensure_system_packages
  if [ -f "$(current)/.complete" ] && [ "${CDS_ENGINE_REFRESH:-0}" != 1 ]; then
    # Pinned by the cache: a re-run needs no network. CDS_ENGINE_REFRESH=1 looks for updates.
    log "engine: reused $(current)"
  else
    install_trixie || install_bookworm_fallback
  fi
  # The compose plugin, where every docker CLI looks for it.
  local c; c="$(current)"
  if [ -x "$c/usr/libexec/docker/cli-plugins/docker-compose" ]; then
    mkdir -p "$HOME/.docker/cli-plugins"
    ln -sfn "$c/usr/libexec/docker/cli-plugins/docker-compose" "$HOME/.docker/cli-plugins/docker-compose"
  fi
  cat "$c/VERSIONS"
}

start() {
  # Probed with the docker CLI: on PATH, else the engine's own, installed first when there is
  # neither (the probe cannot tell then).
  if ! answers; then [ -n "$(current)" ] || install; fi
  if answers; then
    log "engine: an engine already answers on $SOCKET; reusing it"
    rm -f "$STATE_DIR/started-by-us"
    return 0
  fi
  local bins; bins="$(bin_path)"
  export PATH="$bins:$PATH"
  [ -x /usr/bin/docker-init ] || { command -v tini-static >/dev/null && ln -sf "$(command -v tini-static)" /usr/local/bin/docker-init; }
  mkdir -p /etc/docker "$DATA_ROOT"
  [ -f /etc/docker/daemon.json ] || echo '{ "log-driver": "json-file", "log-opts": { "max-size": "10m", "max-file": "3" } }' >/etc/docker/daemon.json
  rm -f /var/run/containerd/containerd.sock "$SOCKET" /var/run/docker.pid
  # Own session and redirected streams: whatever waits for this script's output must not
  # wait for the daemons too.
  setsid containerd >"$LOG_DIR/containerd.log" 2>&1 </dev/null &
  echo $! >"$STATE_DIR/containerd.pid"
  for _ in $(seq 1 50); do [ -S /var/run/containerd/containerd.sock ] && break; sleep 0.2; done
  setsid dockerd --data-root "$DATA_ROOT" --containerd /var/run/containerd/containerd.sock --host "unix://$SOCKET" \
    >"$LOG_DIR/dockerd.log" 2>&1 </dev/null &
  echo $! >"$STATE_DIR/dockerd.pid"
  touch "$STATE_DIR/started-by-us"
  for _ in $(seq 1 120); do
    if answers; then log "engine: started (data root $DATA_ROOT)"; return 0; fi
    sleep 0.5
  done
  log "engine: dockerd did not answer within 60s; last lines of its logs:"
  tail -n 40 "$LOG_DIR/dockerd.log" >&2 || true
  tail -n 20 "$LOG_DIR/containerd.log" >&2 || true
  stop
  return 1
}

stop() {
  [ -f "$STATE_DIR/started-by-us" ] || { log "engine: not started by this script; left running"; return 0; }
  local name pid
  for name in dockerd containerd; do
    pid="$(cat "$STATE_DIR/$name.pid" 2>/dev/null || true)"
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
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
  env) b="$(bin_path)"; [ -n "$b" ] && echo "export PATH=\"$b:\$PATH\"" || true ;;
  *) die "usage: scripts/engine.sh install|start|stop|status|env" ;;
esac
