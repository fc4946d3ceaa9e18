#!/usr/bin/env bash
# A three-node Docker Swarm on this one machine, for the Swarm target's end-to-end tests.
#
#   scripts/swarm.sh up          build the cluster (or reuse a healthy one) and push the local images
#   scripts/swarm.sh down        stop everything `up` started and remove every trace of it
#   scripts/swarm.sh env         print the exports the tests need (DOCKER_HOST, registry, image digests)
#   scripts/swarm.sh status      nodes, registry and pushed images
#   scripts/swarm.sh selftest    a 3-replica service spread over the nodes, overlay traffic, placement
#   scripts/swarm.sh node-stop N / node-start N   stop or restart node N's engine (node loss tests)
#   scripts/swarm.sh snapshot FILE    record the machine state `leftovers` compares against
#   scripts/swarm.sh leftovers [FILE] fail if anything of the cluster is left (and, given FILE, show
#                                     what else changed since the snapshot)
#
# Each node is a containerd + dockerd pair (the Engine that scripts/engine.sh unpacked) in its
# own network namespace, with its own data root, exec root, pid file, socket and containerd
# root/state/address. The namespaces hang off one Linux bridge on a private /24; a registry
# (Debian's docker-registry, distribution 2.8) runs in a namespace of its own on that subnet.
# The host has no address on the bridge: it reaches the engines through their unix sockets and
# every TCP connection stays between the namespaces made here.
#
# Environment:
#   CDS_SWARM_SUBNET    the test /24 (default 10.213.7.0/24): registry .2, nodes .11 .12 .13
#   CDS_SWARM_MANAGERS  1 (default: one manager, two workers) or 3 (three managers, for quorum)
#   CDS_SWARM_RUN       sockets, pid files, logs (default /run/cds-swarm)
#   CDS_SWARM_SOURCE    the engine the cds-local images are saved from (default unix:///var/run/docker.sock)
#   CDS_SWARM_NODES_SIZE  size cap of the tmpfs holding the three data roots (default 8g)
#   CDS_SWARM_KEEP_FAILED=1  leave a cluster whose `up` failed in place, to look at its logs
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SUBNET="${CDS_SWARM_SUBNET:-10.213.7.0/24}"
MANAGERS="${CDS_SWARM_MANAGERS:-1}"
RUN="${CDS_SWARM_RUN:-/run/cds-swarm}"
SOURCE_HOST="${CDS_SWARM_SOURCE:-unix:///var/run/docker.sock}"
SWARM_CACHE="$CDS_CACHE/swarm"
REGISTRY_STORE="$SWARM_CACHE/registry"         # kept: pushing unchanged images again is a no-op
REGISTRY_PKG="$SWARM_CACHE/registry-pkg"       # docker-registry unpacked from Debian's package
NODES_DATA="$SWARM_CACHE/nodes"                # throw-away: a tmpfs, unmounted by down
NODES_SIZE="${CDS_SWARM_NODES_SIZE:-8g}"       # cap of that tmpfs (pages are used only as written)
BRIDGE=cds-swarm0
NETNS_PREFIX=cds-swarm-
NODES=(node1 node2 node3)
NODE_LABEL=cds.node
IMAGE_EXCLUDE="${CDS_IMAGE_PREFIX}/debian-base"  # the shared base layer, never run as a service

case "$SUBNET" in
  *.0/24) PREFIX="${SUBNET%.0/24}" ;;
  *) die "CDS_SWARM_SUBNET must be a /24 written a.b.c.0/24, got '$SUBNET'" ;;
esac
case "$MANAGERS" in 1 | 3) ;; *) die "CDS_SWARM_MANAGERS must be 1 or 3, got '$MANAGERS'" ;; esac
REGISTRY_IP="$PREFIX.2"
REGISTRY="$REGISTRY_IP:5000"

engine_bins() {
  local c; c="$(readlink -f "$CDS_CACHE/engine/current" 2>/dev/null || true)"
  [ -n "$c" ] && [ -x "$c/usr/sbin/dockerd" ] || return 1
  echo "$c/usr/bin:$c/usr/sbin:$c/usr/libexec/docker/cli-plugins"
}

node_index() { echo "${1#node}"; }
node_ip() { echo "$PREFIX.$((10 + $(node_index "$1")))"; }
node_netns() { echo "$NETNS_PREFIX$1"; }
node_sock() { echo "$RUN/$1/docker.sock"; }
node_host() { echo "unix://$(node_sock "$1")"; }
veth_of() { echo "cdsw-$1"; }     # host side; at most 15 characters
REG_NETNS="${NETNS_PREFIX}registry"
REG_VETH=cdsw-registry

# docker CLI against one node (or the source engine with `src`).
dk() {
  local target="$1"; shift
  if [ "$target" = src ]; then DOCKER_HOST="$SOURCE_HOST" docker "$@"; else DOCKER_HOST="$(node_host "$target")" docker "$@"; fi
}
answers() { curl -fsS --max-time 3 --unix-socket "$(node_sock "$1")" http://docker/_ping >/dev/null 2>&1; }
# A command inside one of our namespaces (network only: the host's mounts and cgroups stay).
in_ns() { local ns="$1"; shift; nsenter --net="/var/run/netns/$ns" -- "$@"; }
registry_answers() { in_ns "$REG_NETNS" curl -fsS --max-time 3 "http://$REGISTRY/v2/" >/dev/null 2>&1; }

pid_alive() { local p; p="$(cat "$1" 2>/dev/null || true)"; [ -n "$p" ] && kill -0 "$p" 2>/dev/null; }

# start_daemon NETNS HOSTNAME PIDFILE LOG CMD...: a daemon in its own session, its streams in a
# log file, inside our network namespace and a UTS namespace of its own (so Swarm sees the node
# names, not this machine's), with the pid of the daemon itself recorded (exec all the way).
start_daemon() {
  local ns="$1" name="$2" pidfile="$3" logfile="$4"; shift 4
  # shellcheck disable=SC2016
  setsid unshare --uts -- bash -c 'echo $$ >"$1"; hostname "$2"; ns="$3"; shift 3; exec nsenter --net="/var/run/netns/$ns" -- "$@"' \
    start-daemon "$pidfile" "$name" "$ns" "$@" </dev/null >"$logfile" 2>&1 &
  for _ in $(seq 1 50); do [ -s "$pidfile" ] && return 0; sleep 0.1; done
  die "no pid recorded for $*"
}

# stop_pid PIDFILE: SIGTERM, wait up to $2 seconds, then SIGKILL; only the recorded pid.
stop_pid() {
  local pidfile="$1" grace="${2:-30}" pid
  pid="$(cat "$pidfile" 2>/dev/null || true)"
  [ -n "$pid" ] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 $((grace * 5))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then log "swarm: pid $pid ($pidfile) ignored SIGTERM for ${grace}s; SIGKILL"; kill -9 "$pid" 2>/dev/null || true; fi
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$pidfile"
}

# ---------------------------------------------------------------------------------------------
# network

# The host engine's FORWARD policy is DROP and bridged frames go through iptables
# (bridge-nf-call-iptables = 1): without this rule the nodes cannot reach each other.
IPT_RULE=(-i "$BRIDGE" -o "$BRIDGE" -j ACCEPT)

setup_network() {
  [ -d /run/netns ] && mountpoint -q /run/netns || echo 1 >"$RUN/netns-mount-ours"  # `ip netns add` mounts /run/netns
  ip link add "$BRIDGE" type bridge
  ip link set "$BRIDGE" up
  local n
  for n in "${NODES[@]}" registry; do
    local ns veth ip
    if [ "$n" = registry ]; then ns="$REG_NETNS"; veth="$REG_VETH"; ip="$REGISTRY_IP"; else ns="$(node_netns "$n")"; veth="$(veth_of "$n")"; ip="$(node_ip "$n")"; fi
    ip netns add "$ns"
    ip link add "$veth" type veth peer name eth0 netns "$ns"
    ip link set "$veth" master "$BRIDGE" up
    ip -n "$ns" link set lo up
    ip -n "$ns" addr add "$ip/24" dev eth0
    ip -n "$ns" link set eth0 up
  done
  if ! iptables -w -n -L DOCKER-USER >/dev/null 2>&1; then
    # No engine made the chain (yet): make it and its jump, and remove both on down if still ours alone.
    iptables -w -N DOCKER-USER
    iptables -w -I FORWARD -j DOCKER-USER
    echo 1 >"$RUN/docker-user-ours"
  fi
  iptables -w -I DOCKER-USER "${IPT_RULE[@]}"
  echo 1 >"$RUN/iptables-rule"
}

teardown_network() {
  if [ -f "$RUN/iptables-rule" ] || iptables -w -C DOCKER-USER "${IPT_RULE[@]}" 2>/dev/null; then
    while iptables -w -D DOCKER-USER "${IPT_RULE[@]}" 2>/dev/null; do :; done
    rm -f "$RUN/iptables-rule"
  fi
  if [ -f "$RUN/docker-user-ours" ]; then
    # Only when nothing else (a host engine started meanwhile) has put rules in it.
    if [ "$(iptables -w -S DOCKER-USER | grep -c '^-A')" = 0 ]; then
      iptables -w -D FORWARD -j DOCKER-USER 2>/dev/null || true
      iptables -w -X DOCKER-USER 2>/dev/null || true
    fi
    rm -f "$RUN/docker-user-ours"
  fi
  local ns
  for ns in "${NODES[@]/#/$NETNS_PREFIX}" "$REG_NETNS"; do
    if [ -e "/var/run/netns/$ns" ]; then ip netns del "$ns"; fi
  done
  local veth
  for veth in "${NODES[@]/#/cdsw-}" "$REG_VETH" "$BRIDGE"; do
    # The host end of a veth goes by itself once its namespace is deleted, possibly between
    # the check and the delete: only a link still there afterwards is a failure.
    if ip link show "$veth" >/dev/null 2>&1; then ip link del "$veth" 2>/dev/null || ! ip link show "$veth" >/dev/null 2>&1; fi
  done
  if [ -f "$RUN/netns-mount-ours" ]; then
    if [ -z "$(ls -A /run/netns 2>/dev/null)" ] && mountpoint -q /run/netns; then umount /run/netns; fi
    rm -f "$RUN/netns-mount-ours"
  fi
  return 0
}

# ---------------------------------------------------------------------------------------------
# registry

registry_bin() {
  if [ -x /usr/bin/docker-registry ]; then echo /usr/bin/docker-registry; return; fi
  if [ ! -x "$REGISTRY_PKG/usr/bin/docker-registry" ]; then
    # `apt-get install` would run the package's init script, which starts a registry on every
    # host address: unpack the package instead, like the engine.
    local tmp; tmp="$(mktemp -d)"
    log "swarm: fetching Debian's docker-registry package"
    (cd "$tmp" && apt-get download docker-registry >/dev/null 2>&1) || { apt-get update -qq >/dev/null && (cd "$tmp" && apt-get download docker-registry >/dev/null); }
    rm -rf "$REGISTRY_PKG" && mkdir -p "$REGISTRY_PKG"
    dpkg-deb -x "$tmp"/docker-registry_*.deb "$REGISTRY_PKG"
    dpkg-deb -f "$tmp"/docker-registry_*.deb Version >"$REGISTRY_PKG/VERSION"
    rm -rf "$tmp"
  fi
  echo "$REGISTRY_PKG/usr/bin/docker-registry"
}

start_registry() {
  local bin; bin="$(registry_bin)"
  mkdir -p "$REGISTRY_STORE" "$RUN/registry"
  cat >"$RUN/registry/config.yml" <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $REGISTRY_STORE
  delete:
    enabled: true
http:
  addr: $REGISTRY
YAML
  start_daemon "$REG_NETNS" registry "$RUN/registry/registry.pid" "$RUN/registry/registry.log" "$bin" serve "$RUN/registry/config.yml"
  for _ in $(seq 1 50); do registry_answers && return 0; sleep 0.2; done
  tail -n 20 "$RUN/registry/registry.log" >&2 || true
  die "the registry did not answer on $REGISTRY"
}

# ---------------------------------------------------------------------------------------------
# nodes

write_node_config() {
  local n="$1" dir="$RUN/$1" data="$NODES_DATA/$1"
  mkdir -p "$dir/containerd" "$data/containerd" "$data/docker"
  cat >"$dir/containerd.toml" <<TOML
version = 2
root = "$data/containerd"
state = "$dir/containerd-state"
# Docker needs none of the Kubernetes plugin; it would also listen on a TCP port.
disabled_plugins = ["io.containerd.grpc.v1.cri"]
[grpc]
  address = "$dir/containerd/containerd.sock"
[ttrpc]
  address = "$dir/containerd/containerd.sock.ttrpc"
[debug]
  address = ""
[metrics]
  address = ""
[plugins."io.containerd.internal.v1.opt"]
  path = "$data/containerd/opt"
TOML
  # Its own file: the host's /etc/docker/daemon.json belongs to the host engine.
  cat >"$dir/daemon.json" <<JSON
{
  "data-root": "$data/docker",
  "exec-root": "$dir/exec",
  "pidfile": "$dir/docker.pid",
  "hosts": ["unix://$dir/docker.sock"],
  "containerd": "$dir/containerd/containerd.sock",
  "insecure-registries": ["$REGISTRY"],
  "cgroup-parent": "/cds-swarm-$n",
  "labels": ["$NODE_LABEL=$n"],
  "log-driver": "json-file",
  "log-opts": { "max-size": "10m", "max-file": "3" }
}
JSON
}

start_node() {
  local n="$1" dir="$RUN/$1" ns; ns="$(node_netns "$1")"
  write_node_config "$n"
  rm -f "$dir/containerd/containerd.sock" "$dir/docker.sock"
  start_daemon "$ns" "$n" "$dir/containerd.pid" "$dir/containerd.log" containerd --config "$dir/containerd.toml"
  for _ in $(seq 1 100); do [ -S "$dir/containerd/containerd.sock" ] && break; sleep 0.1; done
  [ -S "$dir/containerd/containerd.sock" ] || { tail -n 20 "$dir/containerd.log" >&2; die "$n: containerd did not start"; }
  start_daemon "$ns" "$n" "$dir/dockerd.pid" "$dir/dockerd.log" dockerd --config-file "$dir/daemon.json"
}

wait_node() {
  local n="$1"
  for _ in $(seq 1 120); do answers "$n" && return 0; pid_alive "$RUN/$n/dockerd.pid" || break; sleep 0.25; done
  tail -n 30 "$RUN/$n/dockerd.log" >&2 || true
  die "$n: dockerd did not answer on $(node_sock "$n")"
}

stop_node() {
  local n="$1"
  local start=$SECONDS
  # dockerd stops its containers on SIGTERM (no live-restore); then its containerd.
  stop_pid "$RUN/$n/dockerd.pid" 60
  local dockerd_s=$((SECONDS - start))
  stop_pid "$RUN/$n/containerd.pid" 30
  log "swarm: $n: dockerd stopped in ${dockerd_s}s, containerd in $((SECONDS - start - dockerd_s))s"
}

start_engines() {
  local n
  for n in "${NODES[@]}"; do start_node "$n"; done
  for n in "${NODES[@]}"; do wait_node "$n"; done
}

form_swarm() {
  dk node1 swarm init --advertise-addr "$(node_ip node1)" --listen-addr "$(node_ip node1):2377" >/dev/null
  local role=worker; [ "$MANAGERS" = 3 ] && role=manager
  local token; token="$(dk node1 swarm join-token -q "$role")"
  local n
  for n in node2 node3; do
    dk "$n" swarm join --token "$token" --advertise-addr "$(node_ip "$n")" --listen-addr "$(node_ip "$n"):2377" "$(node_ip node1):2377" >/dev/null
  done
  for n in "${NODES[@]}"; do
    dk node1 node update --label-add "$NODE_LABEL=$n" "$(dk "$n" info --format '{{.Swarm.NodeID}}')" >/dev/null
  done
  echo "$MANAGERS" >"$RUN/managers"
}

# healthy: every daemon answers, three Ready nodes in one swarm with the asked number of
# managers, the registry answers. Prints the reason when not.
healthy() {
  [ -d "$RUN" ] || { echo "no cluster ($RUN is absent)"; return 1; }
  local n
  for n in "${NODES[@]}"; do answers "$n" || { echo "$n does not answer"; return 1; }; done
  registry_answers || { echo "the registry does not answer"; return 1; }
  iptables -w -C DOCKER-USER "${IPT_RULE[@]}" 2>/dev/null || { echo "the bridge rule is missing from DOCKER-USER"; return 1; }
  [ "$(cat "$RUN/managers" 2>/dev/null)" = "$MANAGERS" ] || { echo "built with $(cat "$RUN/managers" 2>/dev/null || echo '?') manager(s), $MANAGERS asked"; return 1; }
  local ready
  ready="$(dk node1 node ls --format '{{.Status}} {{.ManagerStatus}}' 2>/dev/null | awk '$1 == "Ready"' | wc -l)" || true
  [ "$ready" = 3 ] || { echo "$ready of 3 nodes ready"; return 1; }
  return 0
}

# ---------------------------------------------------------------------------------------------
# images

# manifest_of REPO TAG: the digest the registry's storage holds for REPO:TAG, if its config
# is the image ID $3 and every blob is there (the storage is the cache; no request needed).
stored_digest() {
  local repo="$1" tag="$2" id="$3" v2="$REGISTRY_STORE/docker/registry/v2"
  local link="$v2/repositories/$repo/_manifests/tags/$tag/current/link" digest manifest
  [ -f "$link" ] || return 1
  digest="$(cat "$link")"
  manifest="$v2/blobs/sha256/${digest:7:2}/${digest#sha256:}/data"
  [ -f "$manifest" ] || return 1
  [ "$(jq -r .config.digest "$manifest")" = "$id" ] || return 1
  local blob
  for blob in $(jq -r '.layers[].digest' "$manifest"); do
    [ -f "$v2/blobs/sha256/${blob:7:2}/${blob#sha256:}/data" ] || return 1
  done
  echo "$digest"
}

push_images() {
  local refs=() ids=() ref id stale=()
  while read -r ref id; do
    case "$ref" in *'<none>'* | "$IMAGE_EXCLUDE":*) continue ;; esac
    refs+=("$ref"); ids+=("$id")
  done < <(dk src images --no-trunc --format '{{.Repository}}:{{.Tag}} {{.ID}}' --filter "reference=$CDS_IMAGE_PREFIX/*")
  [ "${#refs[@]}" -gt 0 ] || die "no $CDS_IMAGE_PREFIX/* image on $SOURCE_HOST: run scripts/images.sh build first"
  local i
  for i in "${!refs[@]}"; do
    stored_digest "${refs[$i]%:*}" "${refs[$i]##*:}" "${ids[$i]}" >/dev/null || stale+=("$i")
  done
  if [ "${#stale[@]}" -gt 0 ]; then
    local names=()
    for i in "${stale[@]}"; do names+=("${refs[$i]}"); done
    log "swarm: pushing ${names[*]} to $REGISTRY through node1"
    # One save for all: the shared base layer travels once.
    dk src save "${names[@]}" | dk node1 load -q >/dev/null
    for ref in "${names[@]}"; do
      dk node1 tag "$ref" "$REGISTRY/$ref"
      dk node1 push -q "$REGISTRY/$ref" >/dev/null
    done
  else
    log "swarm: the registry already holds all ${#refs[@]} images"
  fi
  # The digests, from the storage: a service must name its image by digest, as every node pulls.
  {
    echo '{'
    local sep=''
    for i in "${!refs[@]}"; do
      local digest
      digest="$(stored_digest "${refs[$i]%:*}" "${refs[$i]##*:}" "${ids[$i]}")" || die "${refs[$i]}: not in the registry after the push"
      printf '%s  "%s": "%s"' "$sep" "${refs[$i]}" "$REGISTRY/${refs[$i]%:*}@$digest"
      sep=$',\n'
    done
    printf '\n}\n'
  } >"$RUN/images.json.tmp"
  mv "$RUN/images.json.tmp" "$RUN/images.json"
}

# ---------------------------------------------------------------------------------------------
# commands

up() {
  local reason
  if reason="$(healthy)"; then
    log "swarm: reusing the healthy cluster (3 nodes, $MANAGERS manager(s))"
    step "swarm images" push_images
    return 0
  fi
  if [ -d "$RUN" ] || ip link show "$BRIDGE" >/dev/null 2>&1; then
    log "swarm: rebuilding: $reason"
    down
  fi
  if ! command -v jq >/dev/null; then
    log "swarm: installing jq from Debian's packages"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends jq; } >/dev/null || die "jq is missing and could not be installed"
  fi
  # Fail before building anything when there is nothing to push.
  dk src version >/dev/null 2>&1 || die "the engine holding the $CDS_IMAGE_PREFIX images does not answer at $SOURCE_HOST (scripts/engine.sh start)"
  [ -n "$(dk src images -q --filter "reference=$CDS_IMAGE_PREFIX/*")" ] || die "no $CDS_IMAGE_PREFIX/* image at $SOURCE_HOST: run scripts/images.sh build first"
  local bins
  bins="$(engine_bins)" || { bash "$CDS_ROOT/scripts/engine.sh" install >/dev/null; bins="$(engine_bins)"; } || die "no engine: scripts/engine.sh install failed"
  export PATH="$bins:$PATH"
  # A half-built cluster is torn down (its logs were printed by whatever failed), unless kept.
  trap 'rc=$?; trap - EXIT; if [ "$rc" != 0 ] && [ "${CDS_SWARM_KEEP_FAILED:-0}" != 1 ]; then log "swarm: up failed; removing what it started"; down; fi; exit "$rc"' EXIT
  mkdir -p "$RUN" "$NODES_DATA"
  # The data roots are throw-away: on a tmpfs, down frees them at once (removing the image
  # layers of three engines from disk took over a minute here).
  mount -t tmpfs -o "size=$NODES_SIZE,mode=0711" cds-swarm-nodes "$NODES_DATA"
  step "swarm network" setup_network
  step "swarm registry" start_registry
  step "swarm engines" start_engines
  step "swarm join" form_swarm
  step "swarm images" push_images
  trap - EXIT
  log "swarm: up: $(dk node1 node ls --format '{{.Hostname}}/{{.ManagerStatus}}' | tr '\n' ' ')registry $REGISTRY"
}

# Everything of ours: by recorded pid first, then whatever our paths, cgroups or network
# namespaces still hold (those can only be processes this script started or their children).
our_pids() {
  local inodes=() ns
  for ns in "${NODES[@]/#/$NETNS_PREFIX}" "$REG_NETNS"; do
    if [ -e "/var/run/netns/$ns" ]; then inodes+=("net:[$(stat -L -c %i "/var/run/netns/$ns")]"); fi
  done
  {
    # Daemons of ours whose namespace is already gone: named by our paths in their arguments
    # (only these programs: a `tail -f` of a node's log is not ours to stop).
    grep -l -s -F -e "$RUN/" -e "$NODES_DATA/" /proc/[0-9]*/cmdline | sed 's/^/cmd /' || true
    grep -l -s ':/cds-swarm-node' /proc/[0-9]*/cgroup | sed 's/^/any /' || true
    # An `if`, not `[ ] &&`: with no namespace left the list's status would fail the pipeline.
    if [ "${#inodes[@]}" -gt 0 ]; then find /proc/[0-9]*/ns/net -maxdepth 0 -printf '%p %l\n' 2>/dev/null | grep -F "${inodes[@]/#/-e}" | sed 's/^/any /' || true; fi
  } | awk -v self="$$" '{ split($2, p, "/"); if (p[3] != self) print $1, p[3] }' | sort -u -k2,2n | while read -r how pid; do
    [ -d "/proc/$pid" ] || continue   # grep races with processes ending
    if [ "$how" = cmd ]; then
      case "$(cat "/proc/$pid/comm" 2>/dev/null)" in dockerd | containerd | containerd-shim* | docker-registry | docker-proxy) ;; *) continue ;; esac
    fi
    echo "$pid"
  done
  return 0
}

our_mounts() {
  # Deepest first, so nested mounts go before their parents.
  awk -v run="$RUN" -v data="$NODES_DATA" -v pfx="/run/netns/$NETNS_PREFIX" \
    '$2 == run || index($2, run "/") == 1 || $2 == data || index($2, data "/") == 1 || index($2, pfx) == 1 { print $2 }' /proc/mounts |
    awk '{ print length($0), $0 }' | sort -rn | cut -d' ' -f2-
}

our_cgroups() {
  local n
  for n in "${NODES[@]}"; do find /sys/fs/cgroup -mindepth 2 -maxdepth 2 -type d -name "cds-swarm-$n" 2>/dev/null; done
}

stop_all() {
  local n jobs=()
  for n in "${NODES[@]}"; do
    [ -d "$RUN/$n" ] || continue
    stop_node "$n" &
    jobs+=("$!")
  done
  # Only these jobs: when up's failure handler calls down, the daemons are children too.
  [ "${#jobs[@]}" = 0 ] || wait "${jobs[@]}"
  stop_pid "$RUN/registry/registry.pid" 10
  local pids
  pids="$(our_pids | tr '\n' ' ')"
  if [ -n "${pids// /}" ]; then
    log "swarm: still running after the recorded pids stopped: $pids; SIGTERM, then SIGKILL"
    # shellcheck disable=SC2086
    kill $pids 2>/dev/null || true; sleep 2
    pids="$(our_pids | tr '\n' ' ')"
    # shellcheck disable=SC2086
    [ -n "${pids// /}" ] && { kill -9 $pids 2>/dev/null || true; sleep 1; }
  fi
  return 0
}

unmount_all() {
  local m
  while read -r m; do
    [ -n "$m" ] || continue
    umount "$m" 2>/dev/null || umount -l "$m"
  done < <(our_mounts | grep -v "^/run/netns/")
}

remove_files() {
  local cg
  for cg in $(our_cgroups); do find "$cg" -depth -type d -exec rmdir {} \; 2>/dev/null || true; done
  rm -rf "$NODES_DATA" "$RUN"
}

down() {
  step "swarm stop" stop_all
  step "swarm unmount" unmount_all
  step "swarm network teardown" teardown_network
  step "swarm remove files" remove_files
}

print_env() {
  [ -f "$RUN/images.json" ] || die "no cluster: run scripts/swarm.sh up"
  echo "export DOCKER_HOST=$(node_host node1)"
  echo "export CDS_DOCKER_HOST=$(node_host node1)"
  echo "export CDS_SWARM_REGISTRY=$REGISTRY"
  echo "export CDS_SWARM_IMAGES=$RUN/images.json"
  echo "export CDS_SWARM_MANAGERS=$(cat "$RUN/managers")"
  local n
  for n in "${NODES[@]}"; do echo "export CDS_SWARM_${n^^}_HOST=$(node_host "$n")"; echo "export CDS_SWARM_${n^^}_IP=$(node_ip "$n")"; done
  echo "export CDS_SWARM_NODE_LABEL=$NODE_LABEL"
}

status() {
  local reason
  if reason="$(healthy)"; then echo "swarm: healthy, registry $REGISTRY"; else echo "swarm: not healthy: $reason"; fi
  [ -d "$RUN" ] || return 1
  local n
  for n in "${NODES[@]}"; do
    if answers "$n"; then
      echo "$n: $(dk "$n" version --format 'Engine {{.Server.Version}}, API {{.Server.APIVersion}}') at $(node_sock "$n"), $(node_ip "$n")"
    else
      echo "$n: not answering"
    fi
  done
  if answers node1; then dk node1 node ls --format 'table {{.Hostname}}\t{{.Status}}\t{{.Availability}}\t{{.ManagerStatus}}' || true; fi
  [ -f "$RUN/images.json" ] && cat "$RUN/images.json"
  memory
  [ -n "${reason:-}" ] && return 1 || return 0
}

pss_kib() { awk '/^Pss:/ { print $2; exit }' "/proc/$1/smaps_rollup" 2>/dev/null || echo 0; }

# Memory of the cluster: each node's daemons and shims (proportional set size, so the engine
# binaries the three nodes share count once), its containers (their cgroup, without page
# cache), the registry, and the tmpfs holding the three data roots.
memory() {
  local n pid total=0
  for n in "${NODES[@]}"; do
    local daemons=0 shims=0 nshims=0 containers=0
    while read -r pid; do
      [ -n "$pid" ] && daemons=$((daemons + $(pss_kib "$pid")))
    done < <(cat "$RUN/$n/dockerd.pid" "$RUN/$n/containerd.pid" 2>/dev/null || true)
    for pid in $(pgrep -f -- "-address $RUN/$n/containerd/containerd.sock" || true); do shims=$((shims + $(pss_kib "$pid"))); nshims=$((nshims + 1)); done
    local stat=/sys/fs/cgroup/memory/cds-swarm-$n/memory.stat
    [ -f "$stat" ] && containers=$(($(awk '$1 == "total_rss" { print $2 }' "$stat") / 1024))
    echo "memory $n: dockerd+containerd $((daemons / 1024)) MiB, $nshims shim(s) $((shims / 1024)) MiB, containers $((containers / 1024)) MiB (rss)"
    total=$((total + daemons + shims + containers))
  done
  local reg; reg=$(pss_kib "$(cat "$RUN/registry/registry.pid" 2>/dev/null || echo 0)")
  echo "memory registry: $((reg / 1024)) MiB"
  echo "memory data roots (tmpfs $NODES_DATA): $(df -m --output=used "$NODES_DATA" | tail -n 1 | tr -d ' ') MiB"
  echo "memory total without the tmpfs: $(((total + reg) / 1024)) MiB"
}

node_cmd() {
  local action="$1" n="${2:-}"
  case "$n" in node1 | node2 | node3) ;; *) die "usage: scripts/swarm.sh $action node1|node2|node3" ;; esac
  [ -d "$RUN/$n" ] || die "no cluster: run scripts/swarm.sh up"
  if [ "$action" = node-stop ]; then
    stop_node "$n"; log "swarm: $n stopped"
  else
    answers "$n" && { log "swarm: $n already answers"; return 0; }
    local bins; bins="$(engine_bins)" || die "no engine binaries"
    export PATH="$bins:$PATH"
    start_node "$n"; wait_node "$n"; log "swarm: $n started"
  fi
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  env) print_env ;;
  status) status ;;
  selftest) source "$CDS_ROOT/scripts/swarm/selftest.sh" ;;
  node-stop | node-start) node_cmd "$@" ;;
  snapshot | leftovers) source "$CDS_ROOT/scripts/swarm/leftovers.sh" ;;
  *) die "usage: scripts/swarm.sh up|down|env|status|selftest|node-stop N|node-start N|snapshot FILE|leftovers [FILE]" ;;
esac
