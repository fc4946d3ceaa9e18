// The zod schema behind NginxProxyProps: Service's props plus routes, ports, listeners, TLS
// and nginx's own settings, with the checks that look across them (each path once, each host
// port once, HTTPS only with TLS).
import { z } from 'zod';
import { Duration } from '../duration';
import { ProbeTool } from '../health-check';
import { Port } from '../port';
import { Service } from '../service';
import { absolutePath, duration, port, servicePropsSchema, size } from './service-schema';
import { addProblem, fix, zInstance } from './validation';

/** Most extra listeners a proxy takes (8081-8088 inside the container, below 8443). */
export const NGINX_MAX_LISTENERS = 8;
/** Path nginx answers itself with 200, for its own health check. */
export const NGINX_HEALTH_PATH = '/healthz';
/**
 * A location prefix: `/`, or `/segment/.../` with a trailing slash, so that `/api/` does not
 * also match `/apix`. Segments use URL-safe characters only.
 */
export const PROXY_ROUTE_PATH = /^\/(?:[A-Za-z0-9._~-]+\/)*$/;
/** Shortest `connectTimeout` or `readTimeout` accepted: a zero timeout is refused. */
export const PROXY_TIMEOUT_MIN = Duration.millis(1);
/** Longest `connectTimeout` or `readTimeout` accepted. */
export const PROXY_TIMEOUT_MAX = Duration.hours(1);

/** The `port` a kind exposes (PythonApi, ...), when it has one: a route's default upstreamPort. */
export function upstreamPortOf(upstream: Service): Port | undefined {
  const candidate: unknown = (upstream as unknown as { readonly port?: unknown }).port;
  return Port.isPort(candidate) ? candidate : undefined;
}

export const routeSchema = z
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
      addProblem(ctx, ['upstreamPort'], `missing: ${route.upstream.node.path} has no port property to infer it from`, 'give upstreamPort: Port.tcp(n), the port it listens on in its container');
    }
  });

/** Each path once within one list of routes. */
function checkDistinctPaths(routes: readonly { readonly path: string }[], at: readonly (string | number)[], ctx: z.RefinementCtx): void {
  const seen = new Map<string, number>();
  routes.forEach((route, index) => {
    const first = seen.get(route.path);
    if (first !== undefined) {
      addProblem(ctx, [...at, index, 'path'], `the same path as ${at.join('.')}[${first}]`, 'give each route its own path, or merge them');
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

const timeout = duration.refine((d) => d.compareTo(PROXY_TIMEOUT_MIN) >= 0 && d.compareTo(PROXY_TIMEOUT_MAX) <= 0, fix('an nginx timeout is between 1ms and 1h', 'use Duration.seconds(n)'));

export const nginxProxyPropsSchema = servicePropsSchema
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
    checkDistinctPaths(props.routes, ['routes'], ctx);
    (props.listeners ?? []).forEach((listener, index) => checkDistinctPaths(listener.routes, ['listeners', index, 'routes'], ctx));
    if (props.httpsPort && !props.tls) {
      addProblem(ctx, ['httpsPort'], 'an HTTPS port without tls', 'give tls: { certificateDirectory }, or remove httpsPort');
    }
    const https = props.httpsPort ?? (props.tls ? Port.tcp(443) : undefined);
    const http = props.httpPort ?? Port.tcp(80);
    if (https && https.equals(http)) {
      addProblem(ctx, ['httpsPort'], `the same host port as httpPort (${http})`, 'publish HTTP and HTTPS on different host ports');
    }
    const taken: { readonly port: Port; readonly field: string }[] = [{ port: http, field: 'httpPort' }, ...(https ? [{ port: https, field: 'httpsPort' }] : [])];
    (props.listeners ?? []).forEach((listener, index) => {
      const clash = taken.find((t) => t.port.equals(listener.hostPort));
      if (clash) {
        addProblem(ctx, ['listeners', index, 'hostPort'], `the same host port as ${clash.field} (${clash.port})`, 'give every listener its own host port');
      }
      taken.push({ port: listener.hostPort, field: `listeners[${index}].hostPort` });
    });
  });
