#!/usr/bin/env bash
# Checks the nginx.conf that NginxProxy (constructs/nginx-proxy.ts) generates against a real
# nginx binary, by hand (the unit tests only assert on the text):
#
#   1. `nginx -t` accepts every variant: HTTP only, prefix stripping, an extra listener, TLS
#      with and without the HTTP redirect, odd sizes and timeouts; and the proxy of every seed
#      stack (stacks/), vibecoding with and without TLS.
#   2. The HTTP variant runs as a non-root user: it starts while no upstream and no DNS server
#      exist (answering 502 on routes and 200 on /healthz), then, once a stand-in for Docker's
#      DNS (every name -> 127.0.0.1) and two Python upstreams are up, it proxies with the
#      forwarding headers, strips prefixes, redirects `/prefix` to `/prefix/` and serves an
#      extra listener. Both probe commands the construct can render (wget, bash) pass against it.
#   3. The TLS variant serves HTTPS with a self-signed certificate and redirects HTTP to HTTPS.
#
# Listen ports, the resolver address, the pid file and the temporary paths are rewritten to
# free ports and a scratch directory; everything else is the generated file as is.
#
#   scripts/check-nginx-conf.sh        needs nginx, python3, curl, wget, openssl (CDS_TEST_TOOLS
#                                      in lib.sh; npm run setup:local-engine installs them);
#                                      run as root it drops to uid 65534.
# Run by the unit tests (test/scripts/scripts.test.ts).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

for spec in "${CDS_TEST_TOOLS[@]}"; do
  command -v "${spec%%:*}" >/dev/null ||
    die "${spec%%:*} is not installed: run npm run setup:local-engine, or apt-get install ${spec#*:}"
done

WORK="$(mktemp -d)"
chmod 755 "$WORK"
# Test fixtures (nginx, a DNS stand-in, upstreams): children of this script with their streams
# redirected, killed here at exit.
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

FAILURES=0
pass() { log "ok   $*"; }
fail() { log "FAIL $*"; FAILURES=$((FAILURES + 1)); }
expect_eq() { # NAME ACTUAL EXPECTED
  if [ "$2" = "$3" ]; then pass "$1"; else fail "$1: got '$2', expected '$3'"; fi
}
expect_contains() { # NAME HAYSTACK NEEDLE
  if [[ "$2" == *"$3"* ]]; then pass "$1"; else fail "$1: '$3' not in: $2"; fi
}

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
UP_API="$(free_port)"
UP_WORKER="$(free_port)"
HTTP="$(free_port)"
HTTPS="$(free_port)"
LISTENER="$(free_port)"
DNS="$(free_port)"

# --- 1. Generate the variants and the seed stacks' proxies with the library itself ---------
cat >"$WORK/generate.ts" <<TS
import * as fs from 'fs';
import { App } from '$CDS_ROOT/node_modules/cdktf';
import { ContainerImage, Cpu, DockerStack, Duration, HealthCheck, Port, ProbeTool, Service, Size, StackNetwork } from '$CDS_ROOT/constructs';
import { NginxProxy, NginxProxyProps } from '$CDS_ROOT/constructs/nginx-proxy';
import { AsgiServer, PythonApi } from '$CDS_ROOT/constructs/python-api';
import { addSeedStacks, StackName, STACK_NAMES, StacksConfig } from '$CDS_ROOT/stacks';

const out = process.argv[2];
const variants: Record<string, Omit<NginxProxyProps, 'routes'>> = {
  http: {},
  tls: { tls: { certificateDirectory: '/srv/certs' } },
  'tls-no-redirect': {
    tls: { certificateDirectory: '/srv/certs', redirectHttp: false },
    httpsPort: Port.tcp(8443),
    clientMaxBodySize: Size.bytes(0),
    connectTimeout: Duration.millis(1500),
    readTimeout: Duration.minutes(5),
  },
  'big-body-2-cpus': { clientMaxBodySize: Size.gibibytes(1), cpuLimit: Cpu.cores(2), probeTool: ProbeTool.BASH },
};
const result: Record<string, { conf: string; probes: Record<string, readonly string[]> }> = {};
for (const [name, props] of Object.entries(variants)) {
  const stack = new DockerStack(new App({ outdir: out }), 'check');
  const net = new StackNetwork(stack, 'frontend');
  const api = new PythonApi(stack, 'api', { image: ContainerImage.fromRegistry('example/api:1.0.0'), app: 'app.main:app', server: AsgiServer.gunicorn({ workers: 2 }), port: Port.tcp($UP_API), networks: [{ network: net }] });
  const worker = new Service(stack, 'scrape-worker', { image: ContainerImage.fromRegistry('example/worker:1.0.0'), healthCheck: HealthCheck.command(['true']), networks: [{ network: net }] });
  const proxy = new NginxProxy(stack, 'proxy', {
    ...props,
    routes: [
      { path: '/', upstream: api },
      { path: '/scrape/', upstream: worker, upstreamPort: Port.tcp($UP_WORKER), stripPrefix: true },
      { path: '/v1.0/docs/', upstream: api, stripPrefix: true },
    ],
    listeners: [{ hostPort: Port.tcp(9081), routes: [{ path: '/', upstream: worker, upstreamPort: Port.tcp($UP_WORKER) }] }],
    networks: [{ network: net }],
  });
  const probes: Record<string, readonly string[]> = {};
  for (const tool of [ProbeTool.WGET, ProbeTool.BASH]) {
    probes[tool] = HealthCheck.httpGet('/healthz', { port: Port.tcp(8080), tool }).testCommand;
  }
  result[name] = { conf: proxy.configuration, probes };
  fs.writeFileSync(\`\${out}/\${name}.conf\`, proxy.configuration);
}
fs.writeFileSync(\`\${out}/probes.json\`, JSON.stringify(result.http.probes));

// Every proxy of the seed stacks, as deployed (vibecoding's also with TLS).
const seeds: [string, StacksConfig, StackName[]][] = [
  ['', {}, [...STACK_NAMES]],
  ['-tls', { tls: { 'vibecoding.nginx': { certificateDirectory: '/srv/certs' } } }, ['vibecoding']],
];
let seedProxies = 0;
for (const [suffix, config, names] of seeds) {
  for (const stack of addSeedStacks(new App({ outdir: out }), config, names)) {
    for (const proxy of stack.node.findAll().filter((c): c is NginxProxy => c instanceof NginxProxy)) {
      fs.writeFileSync(\`\${out}/seed-\${proxy.node.path.replace(/\\//g, '-')}\${suffix}.conf\`, proxy.configuration);
      seedProxies += 1;
    }
  }
}
if (seedProxies === 0) throw new Error('no NginxProxy found in the seed stacks');
TS
generate() { cd "$CDS_ROOT" && npx --no-install ts-node --transpile-only --project "$CDS_ROOT/tsconfig.json" "$WORK/generate.ts" "$WORK"; }
step generate generate

# A self-signed certificate under the file names the construct documents.
mkdir -p "$WORK/certs"
quietly "$WORK/openssl.log" openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost \
  -keyout "$WORK/certs/privkey.pem" -out "$WORK/certs/fullchain.pem"
chmod 644 "$WORK/certs/"*.pem

# Rewrites what differs between a container and this host; nothing else. `nginx -t` binds the
# listen ports too: 8080, 8443 and the first extra listener (8081) go to the ports the checks
# use, any other to a free port.
localise() { # IN OUT
  local ports port to rules=()
  ports="$(grep -oE '^\s*listen [0-9]+[ ;]' "$1" | grep -oE '[0-9]+' | sort -u)"
  while IFS= read -r port; do
    case "$port" in
      8080) to="$HTTP" ;;
      8443) to="$HTTPS" ;;
      8081) to="$LISTENER" ;;
      *) to="$(free_port)" ;;
    esac
    rules+=(-e "s#^\(\s*\)listen $port\([ ;]\)#\1listen 127.0.0.1:$to\2#")
  done <<<"$ports"
  sed "${rules[@]}" \
      -e "s#/etc/nginx/certs/#$WORK/certs/#g" \
      -e "s#resolver 127.0.0.11 #resolver 127.0.0.1:$DNS #" \
      -e "s#/tmp/nginx#$WORK/run/nginx#g" \
      "$1" >"$2"
  if grep -qE '^\s*listen [0-9]+[ ;]' "$2"; then die "localise left a listen port of $1 unmapped"; fi
}
mkdir -p "$WORK/run"
chmod 1777 "$WORK/run"

# --- 2. Syntax of every variant ------------------------------------------------------------
for conf in "$WORK"/*.conf; do
  name="$(basename "$conf" .conf)"
  localise "$conf" "$WORK/run/$name.conf"
  if out="$(nginx -t -e stderr -c "$WORK/run/$name.conf" -g 'daemon off;' 2>&1)"; then
    pass "nginx -t accepts the '$name' variant"
  else
    fail "nginx -t rejects the '$name' variant: $out"
    sed -n '1,400p' "$conf" >&2
  fi
done
chmod 644 "$WORK/run/"*.conf
# `nginx -t` as root leaves a root-owned pid file and temp directories behind.
rm -rf "$WORK/run/nginx"*

# --- 3. Run the HTTP variant as a non-root user ---------------------------------------------
# Run as root, the checks drop to uid/gid 65534 (nobody), as the container runs as 101.
AS_USER=()
EXPECTED_UID="$(id -u)"
if [ "$EXPECTED_UID" = 0 ]; then
  AS_USER=(setpriv --reuid=65534 --regid=65534 --clear-groups --)
  EXPECTED_UID=65534
fi
# Started in this shell (not in a step, whose subshell would lose PIDS).
start_nginx() { # NAME
  : >"$WORK/run/$1.log"
  chmod 666 "$WORK/run/$1.log"
  # A simple command, not a function: $! is then nginx's own pid (setpriv execs it).
  "${AS_USER[@]}" nginx -e stderr -c "$WORK/run/$1.conf" -g 'daemon off;' >"$WORK/run/$1.log" 2>&1 </dev/null &
  PIDS+=("$!")
}
wait_healthz() { # NAME: until /healthz answers (15 s at most); prints nginx's log when it never does
  for _ in $(seq 150); do
    if curl -fsS --max-time 2 -o /dev/null "http://127.0.0.1:$HTTP/healthz" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  cat "$WORK/run/$1.log" >&2
  return 1
}
stop_nginx() {
  local pid="${PIDS[-1]}"
  kill -QUIT "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  unset 'PIDS[-1]'
}
status() { curl -s --max-time 10 -o /dev/null -w '%{http_code}' "$@"; }

start_nginx http
step 'nginx answers (no upstream, no DNS yet)' wait_healthz http
master="${PIDS[-1]}"
master_uid="$(ps -o uid= -p "$master" | tr -d ' ')"
expect_eq 'nginx runs as a non-root user' "$master_uid" "$EXPECTED_UID"
expect_eq '/healthz answers 200 while upstreams are down' "$(status "http://127.0.0.1:$HTTP/healthz")" 200
expect_eq 'a route answers 502 while its upstream is down' "$(status "http://127.0.0.1:$HTTP/")" 502

# Probe commands exactly as the health check renders them, with this host's port.
for tool in wget bash; do
  # Assigned first: a failure of `mapfile < <(python3 ...)` would go unnoticed.
  probe="$(python3 -c "import json,sys; [print(a.replace('127.0.0.1:8080', '127.0.0.1:$HTTP').replace('/127.0.0.1/8080', '/127.0.0.1/$HTTP')) for a in json.load(open(sys.argv[1]))[sys.argv[2]][1:]]" "$WORK/probes.json" "$tool")"
  mapfile -t argv <<<"$probe"
  if "${AS_USER[@]}" "${argv[@]}" >/dev/null 2>&1; then pass "the $tool health probe passes"; else fail "the $tool health probe fails: ${argv[*]}"; fi
done

# A stand-in for Docker's embedded DNS: every A question is answered with 127.0.0.1.
cat >"$WORK/dns.py" <<'PY'
import socket, struct, sys
sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.bind(("127.0.0.1", int(sys.argv[1])))
while True:
    data, peer = sock.recvfrom(512)
    end = 12
    while data[end] != 0:
        end += data[end] + 1
    question = data[12:end + 5]
    qtype = struct.unpack(">H", data[end + 1:end + 3])[0]
    answers = struct.pack(">HHHIH", 0xC00C, 1, 1, 10, 4) + socket.inet_aton("127.0.0.1") if qtype == 1 else b""
    header = data[:2] + struct.pack(">HHHHH", 0x8180, 1, 1 if answers else 0, 0, 0)
    sock.sendto(header + question + answers, peer)
PY
# An upstream that answers with what it received.
cat >"$WORK/echo.py" <<'PY'
import json, sys
from http.server import BaseHTTPRequestHandler, HTTPServer
class Echo(BaseHTTPRequestHandler):
    def do_GET(self):
        body = json.dumps({"name": sys.argv[2], "path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
HTTPServer(("127.0.0.1", int(sys.argv[1])), Echo).serve_forever()
PY
python3 "$WORK/dns.py" "$DNS" >/dev/null 2>&1 </dev/null & PIDS=("$!" "${PIDS[@]}")
python3 "$WORK/echo.py" "$UP_API" api >/dev/null 2>&1 </dev/null & PIDS=("$!" "${PIDS[@]}")
python3 "$WORK/echo.py" "$UP_WORKER" worker >/dev/null 2>&1 </dev/null & PIDS=("$!" "${PIDS[@]}")
for _ in $(seq 50); do
  if [ "$(status "http://127.0.0.1:$HTTP/")" = 200 ]; then break; fi
  sleep 0.2
done

field() { python3 -c "import json,sys; d = json.load(sys.stdin); print(eval(sys.argv[1]))" "$1"; }
root="$(curl -s --max-time 10 -H 'Host: shop.example' "http://127.0.0.1:$HTTP/items?page=2")"
expect_eq '/ reaches the api once it is up' "$(field 'd["name"]' <<<"$root")" api
expect_eq '/ passes the path and query unchanged' "$(field 'd["path"]' <<<"$root")" '/items?page=2'
expect_eq 'Host is the client host' "$(field 'd["headers"]["host"]' <<<"$root")" shop.example
expect_eq 'X-Real-IP is set' "$(field 'd["headers"]["x-real-ip"]' <<<"$root")" 127.0.0.1
expect_eq 'X-Forwarded-For is set' "$(field 'd["headers"]["x-forwarded-for"]' <<<"$root")" 127.0.0.1
expect_eq 'X-Forwarded-Proto is http' "$(field 'd["headers"]["x-forwarded-proto"]' <<<"$root")" http
scrape="$(curl -s --max-time 10 "http://127.0.0.1:$HTTP/scrape/jobs/7?x=1")"
expect_eq '/scrape/ reaches the worker' "$(field 'd["name"]' <<<"$scrape")" worker
expect_eq '/scrape/ strips its prefix and keeps the query' "$(field 'd["path"]' <<<"$scrape")" '/jobs/7?x=1'
docs="$(curl -s --max-time 10 "http://127.0.0.1:$HTTP/v1.0/docs/openapi.json")"
expect_eq '/v1.0/docs/ (a dot in the prefix) strips its prefix' "$(field 'd["path"]' <<<"$docs")" '/openapi.json'
expect_eq '/v1.0xdocs/ is not taken for /v1.0/docs/' "$(field 'd["path"]' <<<"$(curl -s --max-time 10 "http://127.0.0.1:$HTTP/v1.0xdocs/a")")" '/v1.0xdocs/a'
expect_eq '/scrape without slash: 308' "$(status "http://127.0.0.1:$HTTP/scrape?x=1")" 308
expect_eq '/scrape redirects to /scrape/ keeping the query' "$(curl -s --max-time 10 -o /dev/null -w '%{redirect_url}' "http://127.0.0.1:$HTTP/scrape?x=1")" "http://127.0.0.1:$HTTP/scrape/?x=1"
listener="$(curl -s --max-time 10 "http://127.0.0.1:$LISTENER/jobs")"
expect_eq 'the extra listener reaches its own upstream' "$(field 'd["name"]' <<<"$listener")" worker
expect_eq 'the extra listener passes the path unchanged' "$(field 'd["path"]' <<<"$listener")" /jobs
expect_eq 'the extra listener answers /healthz itself' "$(status "http://127.0.0.1:$LISTENER/healthz")" 200
expect_contains 'the access log reaches stdout with the upstream address' "$(cat "$WORK/run/http.log")" "upstream=127.0.0.1:$UP_WORKER"
stop_nginx

# --- 4. Run the TLS variant -----------------------------------------------------------------
start_nginx tls
step 'nginx with TLS answers' wait_healthz tls
expect_eq 'HTTP redirects to HTTPS with 308' "$(status "http://127.0.0.1:$HTTP/items")" 308
expect_eq 'the redirect keeps host and path' "$(curl -s --max-time 10 -o /dev/null -w '%{redirect_url}' -H 'Host: shop.example' "http://127.0.0.1:$HTTP/items?a=1")" 'https://shop.example/items?a=1'
expect_eq '/healthz still answers 200 on HTTP' "$(status "http://127.0.0.1:$HTTP/healthz")" 200
secure="$(curl -sk --max-time 10 "https://127.0.0.1:$HTTPS/items")"
expect_eq 'HTTPS reaches the api' "$(field 'd["name"]' <<<"$secure")" api
expect_eq 'X-Forwarded-Proto is https' "$(field 'd["headers"]["x-forwarded-proto"]' <<<"$secure")" https
stop_nginx

if [ "$FAILURES" -gt 0 ]; then die "$FAILURES check(s) failed"; fi
log "all nginx configuration checks passed ($(nginx -v 2>&1))"
