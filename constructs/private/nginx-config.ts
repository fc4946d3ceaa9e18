// The nginx.conf renderer: plain settings in, the text of the file out. It knows nginx's
// syntax and nothing of constructs, so it is tested on its own (test/constructs/private/
// nginx-config.test.ts) and NginxProxy only translates its props into these settings.

/** One location: requests under `path` are passed to `host:port`. */
export interface NginxRoute {
  /** Location prefix: `/`, or `/a/b/` with a trailing slash. */
  readonly path: string;
  /** Upstream DNS name on a network shared with the proxy, resolved per request. */
  readonly host: string;
  /** Upstream port inside its container. */
  readonly port: number;
  /** Remove the prefix before passing the request on. */
  readonly stripPrefix: boolean;
  /** What answers, written in the comment above the location (the upstream's construct path). */
  readonly description: string;
}

/** A plain-HTTP server with routes of its own. */
export interface NginxListener {
  /** Port nginx listens on inside the container. */
  readonly listenPort: number;
  /** Host port mapped to it, written in the comment above the server. */
  readonly hostPort: number;
  readonly routes: readonly NginxRoute[];
}

/** HTTPS termination for the main routes. */
export interface NginxTls {
  /** Port nginx listens on for HTTPS inside the container. */
  readonly listenPort: number;
  /** Host port mapped to it; a redirect to another port than 443 names it. */
  readonly hostPort: number;
  /** Path of the certificate chain inside the container. */
  readonly certificateFile: string;
  /** Path of the private key inside the container. */
  readonly privateKeyFile: string;
  /** Answer plain HTTP with a permanent redirect to HTTPS (except the health path). */
  readonly redirectHttp: boolean;
}

export interface NginxConfigSettings {
  /** Named in the header comment: what the file was generated for. */
  readonly generatedFor: string;
  readonly workerProcesses: number;
  /** `client_max_body_size` in bytes; 0 removes the limit. */
  readonly clientMaxBodyBytes: number;
  /** `proxy_connect_timeout`, in milliseconds. */
  readonly connectTimeoutMillis: number;
  /** `proxy_read_timeout` and `proxy_send_timeout`, in milliseconds. */
  readonly readTimeoutMillis: number;
  /** DNS server asked per request, and how long its answers are kept. */
  readonly resolver: { readonly address: string; readonly validMillis: number };
  /** Path every server answers itself with 200, for the health check. */
  readonly healthPath: string;
  /** The main plain-HTTP server: its port inside the container and its routes. */
  readonly http: { readonly listenPort: number; readonly routes: readonly NginxRoute[] };
  /** HTTPS for the main routes. @default - HTTP only */
  readonly tls?: NginxTls;
  /** Further plain-HTTP servers, in order. */
  readonly listeners: readonly NginxListener[];
}

/** nginx time: whole seconds as `30s`, otherwise milliseconds. */
export function nginxTime(millis: number): string {
  return millis % 1000 === 0 ? `${millis / 1000}s` : `${millis}ms`;
}

/** nginx size: the largest exact unit (`10m`, `1g`, `512k`), or plain bytes (nginx has no `b` suffix). */
export function nginxSize(bytes: number): string {
  for (const [suffix, factor] of [['g', 1024 ** 3], ['m', 1024 ** 2], ['k', 1024]] as const) {
    if (bytes !== 0 && bytes % factor === 0) return `${bytes / factor}${suffix}`;
  }
  return `${bytes}`;
}

function indent(lines: readonly string[], depth: number): string[] {
  return lines.map((line) => (line === '' ? '' : `${'    '.repeat(depth)}${line}`));
}

function locationBlocks(routes: readonly NginxRoute[]): string[] {
  const lines: string[] = [];
  // Longest prefix first, for the reader: nginx itself picks the longest match whatever the order.
  for (const route of [...routes].sort((a, b) => b.path.length - a.path.length || a.path.localeCompare(b.path))) {
    const variable = `$upstream_${route.host.replace(/[^A-Za-z0-9]/g, '_')}_${route.port}`;
    lines.push(`# ${route.path} -> ${route.description}`);
    if (route.path !== '/') {
      const bare = route.path.slice(0, -1);
      lines.push(`location = ${bare} {`, `    return 308 ${route.path}$is_args$args;`, '}');
    }
    lines.push(`location ${route.path} {`);
    // The address sits in a variable so it is resolved per request (see `resolver`).
    lines.push(`    set ${variable} ${route.host}:${route.port};`);
    if (route.stripPrefix && route.path !== '/') {
      lines.push(`    rewrite ^${route.path.replace(/\./g, '\\.')}(.*)$ /$1 break;`);
    }
    lines.push(`    proxy_pass http://${variable};`, '}');
  }
  return lines;
}

function healthLocation(healthPath: string): string[] {
  return [`location = ${healthPath} {`, '    access_log off;', '    default_type text/plain;', '    return 200 "ok\\n";', '}'];
}

/** The whole nginx.conf for `s`. */
export function renderNginxConfig(s: NginxConfigSettings): string {
  const locations = locationBlocks(s.http.routes);
  const health = healthLocation(s.healthPath);
  const redirect = s.tls !== undefined && s.tls.redirectHttp;
  const httpsAuthority = s.tls && s.tls.hostPort !== 443 ? `$host:${s.tls.hostPort}` : '$host';
  const httpServer = [
    'server {',
    `    listen ${s.http.listenPort} default_server;`,
    '    server_name _;',
    '',
    ...indent(health, 1),
    '',
    ...(redirect ? indent(['location / {', `    return 308 https://${httpsAuthority}$request_uri;`, '}'], 1) : indent(locations, 1)),
    '}',
  ];
  const listenerServers = s.listeners.flatMap((listener) => [
    '',
    `# Host port ${listener.hostPort}`,
    'server {',
    `    listen ${listener.listenPort};`,
    '    server_name _;',
    '',
    ...indent(health, 1),
    '',
    ...indent(locationBlocks(listener.routes), 1),
    '}',
  ]);
  const httpsServer = s.tls
    ? [
        '',
        'server {',
        `    listen ${s.tls.listenPort} ssl default_server;`,
        '    server_name _;',
        `    ssl_certificate ${s.tls.certificateFile};`,
        `    ssl_certificate_key ${s.tls.privateKeyFile};`,
        '    ssl_protocols TLSv1.2 TLSv1.3;',
        '    ssl_prefer_server_ciphers off;',
        '    ssl_session_cache shared:TLS:10m;',
        '    ssl_session_timeout 1d;',
        '    ssl_session_tickets off;',
        '',
        ...indent(health, 1),
        '',
        ...indent(locations, 1),
        '}',
      ]
    : [];

  const http = [
    "log_format proxy '$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent '",
    "                 '\"$http_referer\" \"$http_user_agent\" upstream=$upstream_addr upstream_status=$upstream_status request_time=$request_time';",
    'access_log /dev/stdout proxy;',
    'server_tokens off;',
    'default_type application/octet-stream;',
    // Redirects keep the client's host and port (8080 inside is not 80 outside).
    'absolute_redirect off;',
    '',
    '# Writable by a non-root user.',
    'client_body_temp_path /tmp/nginx-client-body;',
    'proxy_temp_path /tmp/nginx-proxy;',
    'fastcgi_temp_path /tmp/nginx-fastcgi;',
    'uwsgi_temp_path /tmp/nginx-uwsgi;',
    'scgi_temp_path /tmp/nginx-scgi;',
    '',
    `# Docker's embedded DNS, asked per request (answers cached ${nginxTime(s.resolver.validMillis)}): nginx starts even when an`,
    '# upstream is not up yet, and follows a recreated upstream to its new address. A removed',
    "# container's address stays in the cache at most that long, and a connection to it waits",
    '# for proxy_connect_timeout before the next address is tried.',
    `resolver ${s.resolver.address} valid=${nginxTime(s.resolver.validMillis)} ipv6=off;`,
    'resolver_timeout 5s;',
    '',
    `client_max_body_size ${nginxSize(s.clientMaxBodyBytes)};`,
    'keepalive_timeout 65s;',
    `proxy_connect_timeout ${nginxTime(s.connectTimeoutMillis)};`,
    `proxy_send_timeout ${nginxTime(s.readTimeoutMillis)};`,
    `proxy_read_timeout ${nginxTime(s.readTimeoutMillis)};`,
    '',
    'map $http_upgrade $connection_upgrade {',
    '    default upgrade;',
    "    ''      close;",
    '}',
    '# A refused connection or a 502-504 (a container that is stopping, or not yet listening) is',
    '# retried on the next address the name resolves to: during an UpdateOrder.START_FIRST',
    '# update the old and the new container share the name. A request body already sent to a',
    '# non-idempotent (POST, PATCH) upstream is never sent twice.',
    'proxy_next_upstream error timeout http_502 http_503 http_504;',
    'proxy_next_upstream_tries 3;',
    'proxy_http_version 1.1;',
    'proxy_set_header Host $host;',
    'proxy_set_header X-Real-IP $remote_addr;',
    'proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
    'proxy_set_header X-Forwarded-Proto $scheme;',
    'proxy_set_header X-Forwarded-Host $host;',
    'proxy_set_header Upgrade $http_upgrade;',
    'proxy_set_header Connection $connection_upgrade;',
    '',
    ...httpServer,
    ...httpsServer,
    ...listenerServers,
  ];

  return [
    `# Generated by cdktf-docker-stacks for ${s.generatedFor}; changes here are overwritten on deploy.`,
    `worker_processes ${s.workerProcesses};`,
    'pid /tmp/nginx.pid;',
    'error_log stderr warn;',
    '',
    'events {',
    '    worker_connections 1024;',
    '}',
    '',
    'http {',
    ...indent(http, 1),
    '}',
    '',
  ].join('\n');
}
