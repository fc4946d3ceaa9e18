# shellcheck shell=bash
# Sourced by scripts/swarm.sh (snapshot | leftovers): proves that `down` leaves nothing behind.
#
#   snapshot FILE     writes the machine's interfaces, network namespaces, iptables rules (filter
#                     and nat), mounts, cgroups, shim sockets and processes to FILE
#   leftovers [FILE]  exits 1 if anything of the cluster remains: an interface, namespace,
#                     iptables rule, mount, cgroup, process or directory of ours. Given FILE (a
#                     snapshot taken before `up`), also lists everything else that appeared
#                     since; that is only a failure with CDS_SWARM_LEFTOVERS_STRICT=1, as other
#                     work on the shared host engine changes these too.

# Kernel threads ([kworker/...]) and this script's own processes come and go: left out.
snapshot_processes() {
  ps -eo pid=,ppid=,args= | awk -v self="$$" '$1 != self && $2 != self && $3 !~ /^\[/ { $1 = ""; $2 = ""; sub(/^ +/, ""); print }' |
    grep -v -e 'ps -eo pid=' -e 'swarm.sh \(snapshot\|leftovers\)' | sort
}

write_snapshot() {
  echo "## links"; ip -o link | awk -F': ' '{ sub(/@.*/, "", $2); print $2 }' | sort
  echo "## netns"; ip netns list | awk '{ print $1 }' | sort
  echo "## iptables"; { iptables -w -S | sed 's/^/filter /'; iptables -w -t nat -S | sed 's/^/nat /'; } | sort
  echo "## mounts"; awk '{ print $1, $2, $3 }' /proc/mounts | sort
  echo "## cgroups"; find /sys/fs/cgroup -mindepth 1 -maxdepth 3 -type d 2>/dev/null | sort
  echo "## shim-sockets"; find /run/containerd/s -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort || true
  echo "## processes"; snapshot_processes
}

section() { awk -v s="## $2" '/^## / { on = ($0 == s); next } on' "$1"; }

# Lines that can only be ours, whatever else runs on the machine. Each `|| true`: a grep that
# finds nothing is the good case, not a failure (pipefail and inherit_errexit are on).
ours_now() {
  local cur="$1"
  section "$cur" links | grep -E "^($BRIDGE|cdsw-)" | sed 's/^/interface: /' || true
  section "$cur" netns | grep -E "^$NETNS_PREFIX" | sed 's/^/network namespace: /' || true
  section "$cur" iptables | grep -F -- "$BRIDGE" | sed 's/^/iptables: /' || true
  section "$cur" mounts | awk -v run="$RUN" -v data="$NODES_DATA" -v pfx="/run/netns/$NETNS_PREFIX" \
    '$2 == run || index($2, run "/") == 1 || $2 == data || index($2, data "/") == 1 || index($2, pfx) == 1' | sed 's/^/mount: /' || true
  section "$cur" cgroups | grep -E '/cds-swarm-node[0-9]+' | sed 's/^/cgroup: /' || true
  section "$cur" processes | grep -F -e "$RUN/" -e "$NODES_DATA/" -e "$REGISTRY_PKG/" | sed 's/^/process: /' || true
  local pid
  for pid in $(our_pids); do echo "process (in our cgroup or namespace): $(tr "\\0" " " 2>/dev/null <"/proc/$pid/cmdline")"; done
  if [ -e "$RUN" ]; then echo "directory: $RUN"; fi
  if [ -e "$NODES_DATA" ]; then echo "directory: $NODES_DATA"; fi
  return 0
}

case "$1" in
  snapshot)
    [ -n "${2:-}" ] || die "usage: scripts/swarm.sh snapshot FILE"
    write_snapshot >"$2"
    log "swarm: snapshot written to $2"
    ;;
  leftovers)
    cur="$(mktemp)"
    trap 'rm -f "$cur"' EXIT
    write_snapshot >"$cur"
    found="$(ours_now "$cur")"
    rc=0
    if [ -n "$found" ]; then
      echo "LEFT BEHIND by the cluster:"; printf '  %s\n' "${found//$'\n'/$'\n'  }"; rc=1
    else
      echo "nothing of the cluster is left (interfaces, namespaces, iptables, mounts, cgroups, processes, directories)"
    fi
    if [ -n "${2:-}" ]; then
      [ -f "$2" ] || die "no snapshot at $2"
      others=0
      for s in links netns iptables mounts cgroups shim-sockets processes; do
        # What ended since is no trace (other work's containers come and go): additions only.
        added="$(comm -13 <(section "$2" "$s" | sort) <(section "$cur" "$s" | sort) | cut -c1-200)"
        if [ -z "$added" ]; then echo "$s: nothing added since the snapshot"; continue; fi
        echo "$s: $(echo "$added" | wc -l) line(s) added since the snapshot, none named like ours (other work on this machine?):"
        echo "$added" | head -n 20 | sed 's/^/  + /'
        [ "$s" = processes ] || others=1
      done
      if [ "$others" = 1 ] && [ "${CDS_SWARM_LEFTOVERS_STRICT:-0}" = 1 ]; then
        echo "strict: interfaces, namespaces, iptables, mounts, cgroups or shim sockets differ from the snapshot"; rc=1
      fi
    fi
    exit "$rc"
    ;;
esac
