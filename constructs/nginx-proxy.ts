import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { z } from 'zod';
import { Cpu } from './cpu';
import { Duration } from './duration';
import { HealthCheck, ProbeTool } from './health-check';
import { ContainerImage } from './image';
import { Port } from './port';
import { absolutePath, duration, port, servicePropsSchema, size } from './private/service-schema';
import { formatProblem, ValidationError, ValidationProblem } from './errors';
import { childPath, fix, parseProps, zInstance } from './private/validation';
import { KindProps, Service } from './service';
import { Size } from './size';

/** Default image: the current stable line, Alpine variant (busybox wget, no curl, no bash). */
export const NGINX_DEFAULT_IMAGE = 'nginx:1.27-alpine';
/** Where the generated configuration is written; the path both the official and Debian builds read. */
export const NGINX_CONFIG_PATH = '/etc/nginx/nginx.conf';
/** Where `tls.certificateDirectory` is mounted, read-only. */
export const NGINX_CERTIFICATE_PATH = '/etc/nginx/certs';
/** Certificate chain file expected in `tls.certificateDirectory` (certbot's name). */
export const NGINX_CERTIFICATE_FILE = 'fullchain.pem';
/** Private key file expected in `tls.certificateDirectory` (certbot's name). */
export const NGINX_PRIVATE_KEY_FILE = 'privkey.pem';
/** Port nginx listens on for HTTP inside the container: above 1024, so no capability and no root. */
export const NGINX_HTTP_LISTEN_PORT = Port.tcp(8080);
/** Port nginx listens on for HTTPS inside the container. */
export const NGINX_HTTPS_LISTEN_PORT = Port.tcp(8443);
/** Port of the first extra listener inside the container; listener n listens on this + n. */
export const NGINX_FIRST_LISTENER_PORT = Port.tcp(8081);
/** Most extra listeners a proxy takes (8081-8088 inside the container, below 8443). */
export const NGINX_MAX_LISTENERS = 8;
/** Path nginx answers itself with 200, for its own health check. */
export const NGINX_HEALTH_PATH = '/healthz';
/** Uid:gid of the `nginx` user in the official images; nginx needs no passwd entry when not root. */
export const NGINX_DEFAULT_USER = '101:101';
/** Docker's embedded DNS server, present in every container on a user-defined network. */
export const DOCKER_DNS_RESOLVER = '127.0.0.11';
/** How long nginx keeps an answer of Docker's DNS: the longest a removed upstream's address is still tried. */
export const DNS_CACHE_VALIDITY = Duration.seconds(2);

/**
 * A location prefix: `/`, or `/segment/.../` with a trailing slash, so that `/api/` does not
 * also match `/apix`. Segments use URL-safe characters only.
 */
export const PROXY_ROUTE_PATH = /^\/(?:[A-Za-z0-9._~-]+\/)*$/;

/** One location of the proxy, sent to a service on a shared network. */
export interface ProxyRoute {
  /**
   * Location prefix, starting and ending with "/" (`/`, `/api/`). A request to the prefix
   * without its trailing slash (`/api`) is redirected to it.
   */
  readonly path: string;
  /** The service that answers; the proxy waits for it to be healthy before it starts. */
  readonly upstream: Service;
  /**
   * The upstream's port inside its container.
   * @default - the upstream's `port` property when it has one (PythonApi), else required
   */
  readonly upstreamPort?: Port;
  /**
   * Remove the prefix before passing the request on (`/api/items` reaches the upstream as `/items`).
   * @default false
   */
  readonly stripPrefix?: boolean;
}

/**
 * A further plain-HTTP entry point of the proxy, with routes of its own: e.g. an API's own
 * host port, held by the proxy so that the API can be replaced behind it without the port
 * going away (UpdateOrder.START_FIRST).
 */
export interface ProxyListener {
  /** Host port; mapped to a port from 8081 up inside the container. */
  readonly hostPort: Port;
  /** Locations served on this port; at least one, each path once. */
  readonly routes: readonly ProxyRoute[];
}

/** HTTPS termination. */
export interface ProxyTls {
  /**
   * Absolute host directory holding `fullchain.pem` (certificate and chain) and `privkey.pem`
   * (key), certbot's file names. Mounted read-only at /etc/nginx/certs. The files must be
   * regular files readable by the proxy's user (uid 101 by default): certbot's `live/<domain>/`
   * holds symbolic links into `../../archive/`, which do not resolve inside the container, so
   * copy the files (e.g. from a certbot deploy hook) into this directory.
   */
  readonly certificateDirectory: string;
  /**
   * Answer plain HTTP with a permanent redirect to HTTPS (except `/healthz`).
   * @default true
   */
  readonly redirectHttp?: boolean;
}

export interface NginxProxyProps extends KindProps {
  /** Locations and the services behind them; at least one, each path once. */
  readonly routes: readonly ProxyRoute[];
  /**
   * Host port for HTTP, mapped to nginx's port 8080.
   * @default Port.tcp(80)
   */
  readonly httpPort?: Port;
  /**
   * Host port for HTTPS, mapped to nginx's port 8443; needs `tls`.
   * @default - Port.tcp(443) with `tls`, none without
   */
  readonly httpsPort?: Port;
  /**
   * Further plain-HTTP host ports, each with its own routes (at most NGINX_MAX_LISTENERS).
   * @default - none
   */
  readonly listeners?: readonly ProxyListener[];
  /**
   * HTTPS termination with certificates from a host directory.
   * @default - HTTP only
   */
  readonly tls?: ProxyTls;
  /**
   * Program the health check runs inside the container: busybox `wget` is in the official
   * Alpine image (which has no bash); use ProbeTool.BASH for Debian-based images without wget.
   * @default ProbeTool.WGET
   */
  readonly probeTool?: ProbeTool;
  /**
   * Largest request body accepted (`client_max_body_size`); `Size.bytes(0)` removes the limit.
   * @default Size.mebibytes(10)
   */
  readonly clientMaxBodySize?: Size;
  /**
   * Time to establish a connection to an upstream (`proxy_connect_timeout`).
   * @default Duration.seconds(5)
   */
  readonly connectTimeout?: Duration;
  /**
   * Longest silence between two reads from, or writes to, an upstream (`proxy_read_timeout`,
   * `proxy_send_timeout`); raise it for slow endpoints.
   * @default Duration.seconds(60)
   */
  readonly readTimeout?: Duration;
  /**
   * Publish the ports on all host addresses: the proxy is the stack's entry point.
   * @default true
   */
  readonly public?: boolean;
  /**
   * nginx image.
   * @default ContainerImage.fromRegistry("nginx:1.27-alpine")
   */
  readonly image?: ContainerImage;
  /**
   * Health check: nginx answers /healthz itself, so it is healthy without any upstream.
   * @default - GET /healthz on 8080 with `probeTool`, every 10 s, timeout 5 s, 3 retries, after a 5 s start period
   */
  readonly healthCheck?: HealthCheck;
  /**
   * Container command. `-e stderr`: nginx otherwise opens its compiled-in error log before
   * reading the configuration, which a non-root user may not write.
   * @default - `nginx -e stderr -c /etc/nginx/nginx.conf -g "daemon off;"`
   */
  readonly command?: readonly string[];
  /**
   * User (uid:gid) nginx runs as; it listens on 8080/8443, so it needs no capability.
   * @default "101:101"
   */
  readonly user?: string;
  /**
   * CPU limit; `worker_processes` is its ceiling.
   * @default Cpu.cores(0.5)
   */
  readonly cpuLimit?: Cpu;
  /**
   * Memory limit; swap is disabled.
   * @default Size.mebibytes(128)
   */
  readonly memoryLimit?: Size;
  /**
   * Signal sent to stop nginx: SIGQUIT lets open requests finish.
   * @default "SIGQUIT"
   */
  readonly stopSignal?: 'SIGTERM' | 'SIGINT' | 'SIGQUIT' | 'SIGKILL' | 'SIGHUP' | 'SIGUSR1' | 'SIGUSR2';
  /**
   * Time open requests get on stop before nginx is killed.
   * @default Duration.seconds(15)
   */
  readonly stopGracePeriod?: Duration;
}

const routeSchema = z
  .object({
    path: z
      .string()
      .regex(PROXY_ROUTE_PATH, fix('not a location prefix', 'start and end it with "/" and use letters, digits, ".", "_", "~" or "-" between, e.g. "/api/"'))
      .refine((path) => path !== `${NGINX_HEALTH_PATH}/`, fix(`${NGINX_HEALTH_PATH} is the proxy's own health check`, 'route another path')),
    upstream: zInstance(Service.isService, fix('not a Service', 'pass the Service construct that answers this path')),
    upstreamPort: port.optional(),
    stripPrefix: z.boolean().optional(),
  })
  .strict()
  .superRefine((route, ctx) => {
    if (route.upstreamPort === undefined && Service.isService(route.upstream) && upstreamPortOf(route.upstream) === undefined) {
      ctx.addIssue({ code: 'custom', path: ['upstreamPort'], message: fix(`missing: ${route.upstream.node.path} has no port property to infer it from`, 'give upstreamPort: Port.tcp(n), the port it listens on in its container') });
    }
  });

/** Each path once within one list of routes. */
function checkDistinctPaths(routes: readonly { readonly path: string }[], at: readonly (string | number)[], ctx: z.RefinementCtx): void {
  const seen = new Map<string, number>();
  routes.forEach((route, index) => {
    const first = seen.get(route.path);
    if (first !== undefined) {
      ctx.addIssue({ code: 'custom', path: [...at, index, 'path'], message: fix(`the same path as ${at.join('.')}[${first}]`, 'give each route its own path, or merge them') });
    }
    seen.set(route.path, first ?? index);
  });
}

const listenerSchema = z
  .object({
    hostPort: port,
    routes: z.array(routeSchema).min(1, fix('a listener without routes', 'give at least one route, e.g. { path: "/", upstream: api }')),
  })
  .strict();

const timeout = duration.refine((d) => !d.isZero() && d.compareTo(Duration.hours(1)) <= 0, fix('an nginx timeout is between 1ms and 1h', 'use Duration.seconds(n)'));

const propsSchema = servicePropsSchema
  .partial()
  .extend({
    routes: z.array(routeSchema).min(1, fix('no routes', 'give at least one route, e.g. { path: "/", upstream: api }')),
    httpPort: port.optional(),
    httpsPort: port.optional(),
    listeners: z.array(listenerSchema).max(NGINX_MAX_LISTENERS, fix(`more than ${NGINX_MAX_LISTENERS} listeners`, 'serve several paths on one listener, or run a second proxy')).optional(),
    tls: z.object({ certificateDirectory: absolutePath, redirectHttp: z.boolean().optional() }).strict().optional(),
    probeTool: z.enum(ProbeTool, { message: fix('not a ProbeTool', 'use ProbeTool.WGET (official Alpine image) or ProbeTool.BASH') }).optional(),
    clientMaxBodySize: size.optional(),
    connectTimeout: timeout.optional(),
    readTimeout: timeout.optional(),
  })
  .strict()
  .superRefine((props, ctx) => {
    checkDistinctPaths(props.routes ?? [], ['routes'], ctx);
    (props.listeners ?? []).forEach((listener, index) => checkDistinctPaths(listener.routes, ['listeners', index, 'routes'], ctx));
    if (props.httpsPort && !props.tls) {
      ctx.addIssue({ code: 'custom', path: ['httpsPort'], message: fix('an HTTPS port without tls', 'give tls: { certificateDirectory }, or remove httpsPort') });
    }
    const https = props.httpsPort ?? (props.tls ? Port.tcp(443) : undefined);
    const http = props.httpPort ?? Port.tcp(80);
    if (https && https.equals(http)) {
      ctx.addIssue({ code: 'custom', path: ['httpsPort'], message: fix(`the same host port as httpPort (${http})`, 'publish HTTP and HTTPS on different host ports') });
    }
    const taken: { readonly port: Port; readonly field: string }[] = [{ port: http, field: 'httpPort' }, ...(https ? [{ port: https, field: 'httpsPort' }] : [])];
    (props.listeners ?? []).forEach((listener, index) => {
      const clash = taken.find((t) => t.port.equals(listener.hostPort));
      if (clash) {
        ctx.addIssue({ code: 'custom', path: ['listeners', index, 'hostPort'], message: fix(`the same host port as ${clash.field} (${clash.port})`, 'give every listener its own host port') });
      }
      taken.push({ port: listener.hostPort, field: `listeners[${index}].hostPort` });
    });
  });

/** The `port` a kind exposes (PythonApi, ...), when it has one. */
function upstreamPortOf(upstream: Service): Port | undefined {
  const candidate: unknown = (upstream as unknown as { readonly port?: unknown }).port;
  return Port.isPort(candidate) ? candidate : undefined;
}

/**
 * nginx as the stack's reverse proxy, configured from typed routes.
 *
 * - The whole `nginx.conf` is generated and uploaded at /etc/nginx/nginx.conf (see
 *   `configuration`); images' own site files are not read.
 * - Upstream names are resolved per request through Docker's DNS (`resolver 127.0.0.11
 *   valid=2s`, the address in a variable) rather than in `upstream {}` blocks, which nginx
 *   resolves once at start and refuses to start without: the proxy starts even when an
 *   upstream is not up yet, and follows a recreated upstream to its new address.
 * - Runs as uid 101 (the official images' `nginx` user) with no capabilities: it listens on
 *   8080/8443 inside the container (host 80/443 are mapped there), and keeps its pid file and
 *   temporary files under /tmp.
 * - Health: `GET /healthz`, answered by nginx itself, with `probeTool`.
 * - Waits for every upstream to be healthy before it starts; published on 0.0.0.0 unless
 *   `public: false`.
 */
export class NginxProxy extends Service {
  /** Host port for HTTP. */
  readonly httpPort: Port;
  /** Host port for HTTPS, when TLS is on. */
  readonly httpsPort: Port | undefined;
  /** HTTPS settings, when TLS is on. */
  readonly tls: ProxyTls | undefined;

  private readonly routeList: Required<ProxyRoute>[] = [];
  private readonly listenerList: RenderedListener[] = [];
  private readonly settings: { readonly workerProcesses: number; readonly clientMaxBodySize: Size; readonly connectTimeout: Duration; readonly readTimeout: Duration };

  constructor(scope: Construct, id: string, props: NginxProxyProps) {
    const p = parseProps(childPath(scope, id), propsSchema, props) as NginxProxyProps;
    const {
      routes,
      httpPort = Port.tcp(80),
      tls,
      httpsPort = tls ? Port.tcp(443) : undefined,
      listeners = [],
      probeTool = ProbeTool.WGET,
      clientMaxBodySize = Size.mebibytes(10),
      connectTimeout = Duration.seconds(5),
      readTimeout = Duration.seconds(60),
      ...serviceProps
    } = p;
    super(scope, id, {
      image: ContainerImage.fromRegistry(NGINX_DEFAULT_IMAGE),
      healthCheck: HealthCheck.httpGet(NGINX_HEALTH_PATH, {
        port: NGINX_HTTP_LISTEN_PORT,
        tool: probeTool,
        interval: Duration.seconds(10),
        timeout: Duration.seconds(5),
        retries: 3,
        startPeriod: Duration.seconds(5),
      }),
      // `-e stderr`: nginx otherwise opens its compiled-in error log before reading the
      // configuration, which a non-root user may not write.
      command: ['nginx', '-e', 'stderr', '-c', NGINX_CONFIG_PATH, '-g', 'daemon off;'],
      user: NGINX_DEFAULT_USER,
      public: true,
      cpuLimit: Cpu.cores(0.5),
      memoryLimit: Size.mebibytes(128),
      // SIGQUIT is nginx's graceful shutdown: open requests finish.
      stopSignal: 'SIGQUIT',
      stopGracePeriod: Duration.seconds(15),
      ...serviceProps,
      ports: [
        ...(serviceProps.ports ?? []),
        { containerPort: NGINX_HTTP_LISTEN_PORT, hostPort: httpPort },
        ...(httpsPort ? [{ containerPort: NGINX_HTTPS_LISTEN_PORT, hostPort: httpsPort }] : []),
        ...listeners.map((listener, index) => ({ containerPort: listenerPort(index), hostPort: listener.hostPort })),
      ],
      bindMounts: [...(serviceProps.bindMounts ?? []), ...(tls ? [{ source: tls.certificateDirectory, target: NGINX_CERTIFICATE_PATH, readOnly: true }] : [])],
    });
    // Rendered at synth, once routes added later with addRoute() are known too.
    this.addFile({ path: NGINX_CONFIG_PATH, content: Lazy.stringValue({ produce: () => this.configuration }) });
    this.httpPort = httpPort;
    this.httpsPort = httpsPort;
    this.tls = tls;
    // nginx's `auto` counts the host's CPUs, not the container's limit: 64 workers in 0.5 core.
    this.settings = { workerProcesses: Math.max(1, Math.ceil((serviceProps.cpuLimit ?? Cpu.cores(0.5)).toCores())), clientMaxBodySize, connectTimeout, readTimeout };
    for (const route of routes) this.addRoute(route);
    listeners.forEach((listener, index) => {
      const rendered: RenderedListener = { hostPort: listener.hostPort, containerPort: listenerPort(index), routes: listener.routes.map(withDefaults) };
      this.listenerList.push(rendered);
      for (const route of rendered.routes) this.addDependency(route.upstream);
    });
    this.node.addValidation({ validate: () => this.unreachableUpstreams().map(formatProblem) });
  }

  /**
   * Adds a location. Its upstream joins the services the proxy waits for; a path already
   * routed throws.
   */
  addRoute(route: ProxyRoute): void {
    const r = parseProps(this, z.object({ route: routeSchema }).strict(), { route }).route as ProxyRoute;
    if (this.routeList.some((existing) => existing.path === r.path)) {
      throw new ValidationError([{ ruleId: 'props', path: this.node.path, field: 'routes', value: r.path, message: 'this path is already routed', fix: 'give each route its own path, or merge them' }]);
    }
    this.routeList.push(withDefaults(r));
    this.addDependency(r.upstream);
  }

  /** The routes of the main listener (`httpPort`, and `httpsPort` with TLS), in the order they were added. */
  get routes(): readonly Required<ProxyRoute>[] {
    return this.routeList;
  }

  /** The extra listeners, with their ports inside the container. */
  get listeners(): readonly RenderedListener[] {
    return this.listenerList;
  }

  /** The generated nginx.conf, as uploaded to /etc/nginx/nginx.conf. */
  get configuration(): string {
    return renderConfiguration({ ...this.settings, routes: this.routeList, listeners: this.listenerList, tls: this.tls, httpsPort: this.httpsPort, path: this.node.path });
  }

  /** Routes whose upstream shares no network with the proxy: the name would not resolve. */
  private unreachableUpstreams(): ValidationProblem[] {
    const mine = new Set(this.networks.map((a) => a.network));
    return [...this.routeList, ...this.listenerList.flatMap((l) => l.routes)]
      .filter((r) => !r.upstream.networks.some((a) => mine.has(a.network)))
      .map((r) => ({
        ruleId: 'CDS-PROXY-UPSTREAM-UNREACHABLE',
        path: this.node.path,
        field: 'routes',
        value: r.path,
        message: `${r.upstream.node.path} shares no network with the proxy, so "${r.upstream.hostname}" does not resolve`,
        fix: `connect both to a common network (networks: [{ network }])`,
      }));
  }
}

/** An extra listener as rendered: its host port, its port inside the container, its routes. */
export interface RenderedListener {
  readonly hostPort: Port;
  readonly containerPort: Port;
  readonly routes: readonly Required<ProxyRoute>[];
}

function listenerPort(index: number): Port {
  return Port.tcp(NGINX_FIRST_LISTENER_PORT.number + index);
}

function withDefaults(route: ProxyRoute): Required<ProxyRoute> {
  return { path: route.path, upstream: route.upstream, upstreamPort: route.upstreamPort ?? (upstreamPortOf(route.upstream) as Port), stripPrefix: route.stripPrefix ?? false };
}

interface RenderSettings {
  readonly path: string;
  readonly workerProcesses: number;
  readonly clientMaxBodySize: Size;
  readonly connectTimeout: Duration;
  readonly readTimeout: Duration;
  readonly routes: readonly Required<ProxyRoute>[];
  readonly listeners: readonly RenderedListener[];
  readonly tls: ProxyTls | undefined;
  readonly httpsPort: Port | undefined;
}

/** nginx time: whole seconds as `30s`, otherwise milliseconds. */
function nginxTime(d: Duration): string {
  const ms = d.toMilliseconds();
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/** nginx size: `10m`, `1g`, `512k`, or plain bytes (nginx has no `b` suffix). */
function nginxSize(s: Size): string {
  const text = s.toDockerString();
  return text.endsWith('b') ? text.slice(0, -1) : text;
}

function indent(lines: readonly string[], depth: number): string[] {
  return lines.map((line) => (line === '' ? '' : `${'    '.repeat(depth)}${line}`));
}

function locationBlocks(routes: readonly Required<ProxyRoute>[]): string[] {
  const lines: string[] = [];
  // Longest prefix first, for the reader: nginx itself picks the longest match whatever the order.
  for (const route of [...routes].sort((a, b) => b.path.length - a.path.length || a.path.localeCompare(b.path))) {
    const variable = `$upstream_${route.upstream.hostname.replace(/[^A-Za-z0-9]/g, '_')}_${route.upstreamPort.number}`;
    lines.push(`# ${route.path} -> ${route.upstream.node.path}`);
    if (route.path !== '/') {
      const bare = route.path.slice(0, -1);
      lines.push(`location = ${bare} {`, `    return 308 ${route.path}$is_args$args;`, '}');
    }
    lines.push(`location ${route.path} {`);
    // The address sits in a variable so it is resolved per request (see `resolver`).
    lines.push(`    set ${variable} ${route.upstream.hostname}:${route.upstreamPort.number};`);
    if (route.stripPrefix && route.path !== '/') {
      lines.push(`    rewrite ^${route.path.replace(/\./g, '\\.')}(.*)$ /$1 break;`);
    }
    lines.push(`    proxy_pass http://${variable};`, '}');
  }
  return lines;
}

function healthLocation(): string[] {
  return [`location = ${NGINX_HEALTH_PATH} {`, '    access_log off;', '    default_type text/plain;', '    return 200 "ok\\n";', '}'];
}

function renderConfiguration(s: RenderSettings): string {
  const locations = locationBlocks(s.routes);
  const redirect = s.tls !== undefined && (s.tls.redirectHttp ?? true);
  const httpsAuthority = s.httpsPort && s.httpsPort.number !== 443 ? `$host:${s.httpsPort.number}` : '$host';
  const httpServer = [
    'server {',
    `    listen ${NGINX_HTTP_LISTEN_PORT.number} default_server;`,
    '    server_name _;',
    '',
    ...indent(healthLocation(), 1),
    '',
    ...(redirect ? indent(['location / {', `    return 308 https://${httpsAuthority}$request_uri;`, '}'], 1) : indent(locations, 1)),
    '}',
  ];
  const listenerServers = s.listeners.flatMap((listener) => [
    '',
    `# Host port ${listener.hostPort.number}`,
    'server {',
    `    listen ${listener.containerPort.number};`,
    '    server_name _;',
    '',
    ...indent(healthLocation(), 1),
    '',
    ...indent(locationBlocks(listener.routes), 1),
    '}',
  ]);
  const httpsServer = s.tls
    ? [
        '',
        'server {',
        `    listen ${NGINX_HTTPS_LISTEN_PORT.number} ssl default_server;`,
        '    server_name _;',
        `    ssl_certificate ${NGINX_CERTIFICATE_PATH}/${NGINX_CERTIFICATE_FILE};`,
        `    ssl_certificate_key ${NGINX_CERTIFICATE_PATH}/${NGINX_PRIVATE_KEY_FILE};`,
        '    ssl_protocols TLSv1.2 TLSv1.3;',
        '    ssl_prefer_server_ciphers off;',
        '    ssl_session_cache shared:TLS:10m;',
        '    ssl_session_timeout 1d;',
        '    ssl_session_tickets off;',
        '',
        ...indent(healthLocation(), 1),
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
    "# Docker's embedded DNS, asked per request (answers cached 2s): nginx starts even when an",
    '# upstream is not up yet, and follows a recreated upstream to its new address. A removed',
    "# container's address stays in the cache at most that long, and a connection to it waits",
    '# for proxy_connect_timeout before the next address is tried.',
    `resolver ${DOCKER_DNS_RESOLVER} valid=${nginxTime(DNS_CACHE_VALIDITY)} ipv6=off;`,
    'resolver_timeout 5s;',
    '',
    `client_max_body_size ${nginxSize(s.clientMaxBodySize)};`,
    'keepalive_timeout 65s;',
    `proxy_connect_timeout ${nginxTime(s.connectTimeout)};`,
    `proxy_send_timeout ${nginxTime(s.readTimeout)};`,
    `proxy_read_timeout ${nginxTime(s.readTimeout)};`,
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
    `# Generated by cdktf-docker-stacks for ${s.path}; changes here are overwritten on deploy.`,
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
