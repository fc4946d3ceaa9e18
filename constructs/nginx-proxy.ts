import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { z } from 'zod';
import { Cpu } from './cpu';
import { Duration } from './duration';
import { HealthCheck, ProbeTool } from './health-check';
import { ContainerImage } from './image';
import { PROXY_DNS_CACHE_VALIDITY_MILLIS } from './limits';
import { Port } from './port';
import { formatProblem, ValidationError, ValidationProblem } from './errors';
import { brand } from './private/brand';
import { terraformLiteral } from './private/terraform-literal';
import { NginxRoute, renderNginxConfig } from './private/nginx-config';
import { NGINX_HEALTH_PATH, nginxProxyPropsSchema, routeSchema, upstreamPortOf } from './private/nginx-proxy-schema';
import { childPath, parseProps } from './private/validation';
import { proxyUpstreamUnreachable } from './rules/proxy-upstream-unreachable';
import { KindProps, Service } from './service';
import { Size } from './size';

export { NGINX_HEALTH_PATH, NGINX_MAX_LISTENERS, PROXY_ROUTE_PATH } from './private/nginx-proxy-schema';

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
/** Uid:gid of the `nginx` user in the official images; nginx needs no passwd entry when not root. */
export const NGINX_DEFAULT_USER = '101:101';
/** Docker's embedded DNS server, present in every container on a user-defined network. */
export const DOCKER_DNS_RESOLVER = '127.0.0.11';
/** How long nginx keeps an answer of Docker's DNS: the longest a removed upstream's address is still tried. */
export const DNS_CACHE_VALIDITY = Duration.millis(PROXY_DNS_CACHE_VALIDITY_MILLIS);

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
    const p = parseProps(childPath(scope, id), nginxProxyPropsSchema, props) as NginxProxyProps;
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
    this.addFile({ path: NGINX_CONFIG_PATH, content: Lazy.stringValue({ produce: () => terraformLiteral(this.configuration) }) });
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
    brand(this, 'NginxProxy');
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
    const { workerProcesses, clientMaxBodySize, connectTimeout, readTimeout } = this.settings;
    return renderNginxConfig({
      generatedFor: this.node.path,
      workerProcesses,
      clientMaxBodyBytes: clientMaxBodySize.toBytes(),
      connectTimeoutMillis: connectTimeout.toMilliseconds(),
      readTimeoutMillis: readTimeout.toMilliseconds(),
      resolver: { address: DOCKER_DNS_RESOLVER, validMillis: DNS_CACHE_VALIDITY.toMilliseconds() },
      healthPath: NGINX_HEALTH_PATH,
      http: { listenPort: NGINX_HTTP_LISTEN_PORT.number, routes: this.routeList.map(toNginxRoute) },
      tls:
        // Stryker disable next-line LogicalOperator: equivalent (httpsPort is set exactly when tls is: the schema refuses it without tls, and it defaults to 443 with)
        this.tls && this.httpsPort
          ? {
              listenPort: NGINX_HTTPS_LISTEN_PORT.number,
              hostPort: this.httpsPort.number,
              certificateFile: `${NGINX_CERTIFICATE_PATH}/${NGINX_CERTIFICATE_FILE}`,
              privateKeyFile: `${NGINX_CERTIFICATE_PATH}/${NGINX_PRIVATE_KEY_FILE}`,
              redirectHttp: this.tls.redirectHttp ?? true,
            }
          : undefined,
      listeners: this.listenerList.map((l) => ({ listenPort: l.containerPort.number, hostPort: l.hostPort.number, routes: l.routes.map(toNginxRoute) })),
    });
  }

  /** Routes whose upstream shares no network with the proxy: the name would not resolve. */
  private unreachableUpstreams(): ValidationProblem[] {
    const mine = new Set(this.networks.map((a) => a.network));
    return [...this.routeList, ...this.listenerList.flatMap((l) => l.routes)]
      .filter((r) => !r.upstream.networks.some((a) => mine.has(a.network)))
      .map((r) => ({
        ruleId: proxyUpstreamUnreachable.id,
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
  /** Host port the listener is published on. */
  readonly hostPort: Port;
  /** Port nginx listens on inside the container (NGINX_FIRST_LISTENER_PORT + its index). */
  readonly containerPort: Port;
  /** Its routes, with their defaults filled in. */
  readonly routes: readonly Required<ProxyRoute>[];
}

function listenerPort(index: number): Port {
  return Port.tcp(NGINX_FIRST_LISTENER_PORT.number + index);
}

function withDefaults(route: ProxyRoute): Required<ProxyRoute> {
  return { path: route.path, upstream: route.upstream, upstreamPort: route.upstreamPort ?? (upstreamPortOf(route.upstream) as Port), stripPrefix: route.stripPrefix ?? false };
}

/** A route as the renderer takes it: plain data, no construct. */
function toNginxRoute(route: Required<ProxyRoute>): NginxRoute {
  return { path: route.path, host: route.upstream.hostname, port: route.upstreamPort.number, stripPrefix: route.stripPrefix, description: route.upstream.node.path };
}
