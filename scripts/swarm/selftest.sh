# shellcheck shell=bash
# Sourced by scripts/swarm.sh selftest: proves the cluster does what the Swarm tests rely on.
#  1. a 3-replica service (image by digest from the registry, health check, dnsrr, host-mode
#     port, at most one task per node) converges: three tasks, three nodes, all healthy;
#  2. the overlay network carries traffic between nodes: tasks.NAME gives 3 addresses from a
#     container on each node, and node1's task reaches node3's task over TCP;
#  3. the host-mode port answers on every node's address (from another node's namespace);
#  4. a node label constraint puts a service on the pinned node;
#  5. (reported, not required) whether a VIP service answers: it does not on a kernel without IPVS.
# Everything is checked through the manager's Docker API, and each task's health through its
# own node's API. Services and the network are removed at the end, also on failure.

ST_NET=cds-selftest
ST_WEB=cds-selftest-web
ST_PIN=cds-selftest-pinned
ST_VIP=cds-selftest-vip
ST_PORT="${CDS_SWARM_SELFTEST_PORT:-18080}"
ST_TIMEOUT="${CDS_SWARM_SELFTEST_TIMEOUT:-120}"
st_start=$SECONDS
st_failures=0

api() { curl -fsS --max-time 10 --unix-socket "$(node_sock node1)" "http://docker/v1.45$1"; }
pass() { echo "ok   $*"; }
fail() { echo "FAIL $*"; st_failures=$((st_failures + 1)); }
urlencode() { jq -rn --arg v "$1" '$v | @uri'; }

cleanup_selftest() {
  dk node1 service rm "$ST_WEB" "$ST_PIN" "$ST_VIP" >/dev/null 2>&1 || true
  # The network goes once the tasks have left it.
  for _ in $(seq 1 60); do
    dk node1 network rm "$ST_NET" >/dev/null 2>&1 && break
    dk node1 network inspect "$ST_NET" >/dev/null 2>&1 || break
    sleep 0.5
  done
}

# running_tasks SERVICE: "nodeID containerID state" for each task Swarm wants running.
running_tasks() {
  api "/tasks?filters=$(urlencode "{\"service\":[\"$1\"],\"desired-state\":[\"running\"]}")" |
    jq -r '.[] | "\(.NodeID) \(.Status.ContainerStatus.ContainerID // "-") \(.Status.State)"'
}

# wait_running SERVICE COUNT: until COUNT tasks are in state running (with a health check,
# Swarm reports a task running only once its container is healthy).
wait_running() {
  local svc="$1" want="$2" deadline=$((SECONDS + ST_TIMEOUT)) n
  while [ "$SECONDS" -lt "$deadline" ]; do
    n="$(running_tasks "$svc" | awk '$3 == "running"' | wc -l)"
    [ "$n" = "$want" ] && return 0
    sleep 1
  done
  running_tasks "$svc" >&2
  api "/tasks?filters=$(urlencode "{\"service\":[\"$svc\"]}")" | jq -r '.[] | "  task \(.ID[0:12]) on \(.NodeID[0:12]): \(.Status.State) \(.Status.Err // "")"' >&2
  return 1
}

node_name() { api "/nodes/$1" | jq -r '.Description.Hostname'; }

trap cleanup_selftest EXIT
healthy >/dev/null || die "the cluster is not healthy: $(healthy || true); run scripts/swarm.sh up"
cleanup_selftest
python_image="$(jq -r '."'"$CDS_IMAGE_PREFIX"'/python:3"' "$RUN/images.json")"
[ "$python_image" != null ] || die "no $CDS_IMAGE_PREFIX/python:3 in $RUN/images.json"
log "swarm selftest: image $python_image"

dk node1 network create --driver overlay --attachable "$ST_NET" >/dev/null
# A plain HTTP server, and a probe the image can run (python, no curl).
probe='import socket; socket.create_connection(("127.0.0.1", 8000), 2)'
dk node1 service create --detach --quiet --init --name "$ST_WEB" --replicas 3 --replicas-max-per-node 1 \
  --endpoint-mode dnsrr --network "$ST_NET" --publish "mode=host,target=8000,published=$ST_PORT" \
  --health-cmd "python3 -c '$probe'" --health-interval 2s --health-timeout 2s --health-retries 3 \
  "$python_image" python3 -m http.server 8000 >/dev/null
dk node1 service create --detach --quiet --init --name "$ST_PIN" --replicas 1 \
  --constraint "node.labels.$NODE_LABEL==node3" --network "$ST_NET" \
  "$python_image" python3 -c 'import time; time.sleep(3600)' >/dev/null
dk node1 service create --detach --quiet --init --name "$ST_VIP" --replicas 1 --network "$ST_NET" \
  "$python_image" python3 -m http.server 8000 >/dev/null

# 1. three healthy tasks on three nodes
if wait_running "$ST_WEB" 3; then
  pass "$ST_WEB: 3 tasks running after $((SECONDS - st_start))s"
else
  fail "$ST_WEB: not 3 running tasks within ${ST_TIMEOUT}s"
fi
declare -A task_on=()   # node name -> container ID
while read -r node_id container state; do
  [ "$state" = running ] || continue
  task_on[$(node_name "$node_id")]="$container"
done < <(running_tasks "$ST_WEB")
if [ "${#task_on[@]}" = 3 ] && [ -n "${task_on[node1]:-}" ] && [ -n "${task_on[node2]:-}" ] && [ -n "${task_on[node3]:-}" ]; then
  pass "$ST_WEB: one task on each of node1, node2, node3"
else
  fail "$ST_WEB: tasks on [${!task_on[*]}], expected node1 node2 node3"
fi
for n in "${!task_on[@]}"; do
  health="$(dk "$n" inspect --format '{{.State.Health.Status}}' "${task_on[$n]}" 2>/dev/null || echo missing)"
  if [ "$health" = healthy ]; then pass "$ST_WEB on $n: container healthy"; else fail "$ST_WEB on $n: container $health"; fi
done

# 2. overlay: name resolution from each node, TCP from node1's task to node3's
expected="$(api "/tasks?filters=$(urlencode "{\"service\":[\"$ST_WEB\"],\"desired-state\":[\"running\"]}")" |
  jq -r --arg net "$ST_NET" '.[] | .NetworksAttachments[] | select(.Network.Spec.Name == $net) | .Addresses[0] | split("/")[0]' | sort | tr '\n' ' ')"
resolve='import socket; print(" ".join(sorted({a[4][0] for a in socket.getaddrinfo("tasks.'"$ST_WEB"'", 8000, proto=socket.IPPROTO_TCP)})))'
for n in node1 node2 node3; do
  [ -n "${task_on[$n]:-}" ] || { fail "overlay from $n: no task there"; continue; }
  got="$(dk "$n" exec "${task_on[$n]}" python3 -c "$resolve" 2>&1 | tr -s ' \n' ' ')"
  if [ "$(echo "$got" | wc -w)" = 3 ] && [ "$(echo "$got" | tr ' ' '\n' | sort | tr '\n' ' ' | xargs)" = "$(echo "$expected" | xargs)" ]; then
    pass "overlay from $n: tasks.$ST_WEB -> $got"
  else
    fail "overlay from $n: tasks.$ST_WEB -> '$got', expected the 3 task addresses '$expected'"
  fi
done
if [ -n "${task_on[node1]:-}" ] && [ -n "${task_on[node3]:-}" ]; then
  node3_addr="$(dk node3 inspect --format "{{(index .NetworkSettings.Networks \"$ST_NET\").IPAddress}}" "${task_on[node3]}")"
  get='import sys, urllib.request; print(urllib.request.urlopen("http://'"$node3_addr"':8000/", timeout=5).status)'
  got="$(dk node1 exec "${task_on[node1]}" python3 -c "$get" 2>&1 | tail -n 1)"
  if [ "$got" = 200 ]; then pass "overlay TCP: node1's task -> node3's task ($node3_addr:8000) answered 200"; else fail "overlay TCP: node1's task -> $node3_addr:8000: $got"; fi
fi

# 3. host-mode published port on each node, from the next node's namespace
for n in node1 node2 node3; do
  from="node$(( $(node_index "$n") % 3 + 1 ))"
  code="$(in_ns "$(node_netns "$from")" curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://$(node_ip "$n"):$ST_PORT/" || true)"
  if [ "$code" = 200 ]; then pass "host-mode port: $(node_ip "$n"):$ST_PORT ($n) answered 200 from $from"; else fail "host-mode port: $(node_ip "$n"):$ST_PORT ($n) from $from: '$code'"; fi
done

# 4. placement by node label
if wait_running "$ST_PIN" 1; then
  pinned="$(node_name "$(running_tasks "$ST_PIN" | awk '$3 == "running" { print $1 }')")"
  if [ "$pinned" = node3 ]; then pass "$ST_PIN: placed on node3 by node.labels.$NODE_LABEL==node3"; else fail "$ST_PIN: on $pinned, expected node3"; fi
else
  fail "$ST_PIN: not running within ${ST_TIMEOUT}s"
fi

# 5. VIP (Swarm's default endpoint mode): reported only
if wait_running "$ST_VIP" 1 2>/dev/null && [ -n "${task_on[node1]:-}" ]; then
  vip_get='import urllib.request
try:
    print(urllib.request.urlopen("http://'"$ST_VIP"':8000/", timeout=5).status)
except Exception as e:
    print(repr(e))'
  got="$(dk node1 exec "${task_on[node1]}" python3 -c "$vip_get" 2>&1 | tail -n 1)"
  echo "info VIP: $ST_VIP:8000 from node1's task: $got (needs IPVS; the tests use dnsrr)"
fi

st_time=$((SECONDS - st_start))
memory   # with the selftest's five tasks running
cleanup_selftest
trap - EXIT
if [ "$st_failures" = 0 ]; then
  echo "swarm selftest: passed in ${st_time}s"
else
  echo "swarm selftest: $st_failures check(s) failed (${st_time}s)"
  exit 1
fi
