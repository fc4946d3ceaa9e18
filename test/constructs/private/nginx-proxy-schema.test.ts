import { ContainerImage, Duration, HealthCheck, Port, PythonApi, Service } from '../../../constructs';
import { NGINX_HEALTH_PATH, NGINX_MAX_LISTENERS, nginxProxyPropsSchema, PROXY_ROUTE_PATH, PROXY_TIMEOUT_MAX, PROXY_TIMEOUT_MIN, upstreamPortOf } from '../../../constructs/private/nginx-proxy-schema';
import { newStack } from '../../support/synth';

// The schema on its own: the limits at their bounds and the checks across fields, as zod issues
// (NginxProxy turns them into a ValidationError; test/constructs/nginx-proxy.test.ts covers that).

function upstreams() {
  const stack = newStack();
  const api = new PythonApi(stack, 'api', { image: ContainerImage.fromRegistry('example/api:1.0.0'), app: 'app.main:app' });
  const worker = new Service(stack, 'worker', { image: ContainerImage.fromRegistry('example/worker:1.0.0'), healthCheck: HealthCheck.command(['true']) });
  return { api, worker };
}

/** The issues of parsing `props` with one route to a PythonApi, as `path: message`. */
function issues(props: (u: ReturnType<typeof upstreams>) => Record<string, unknown> = () => ({})): string[] {
  const u = upstreams();
  const result = nginxProxyPropsSchema.safeParse({ routes: [{ path: '/', upstream: u.api }], ...props(u) });
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message.split('. Fix: ')[0]}`);
}

/** The issues of parsing `props`, as `path: message. Fix: fix`, whole. */
function problems(props: (u: ReturnType<typeof upstreams>) => Record<string, unknown>): string[] {
  const result = nginxProxyPropsSchema.safeParse(props(upstreams()));
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

const listener = (port: number, upstream: Service) => ({ hostPort: Port.tcp(port), routes: [{ path: '/', upstream }] });

describe('nginxProxyPropsSchema', () => {
  describe('route paths', () => {
    test.each(['/', '/api/', '/a.b/c_d/~e-f/'])('given the path %p, then it is a location prefix', (path) => {
      expect(PROXY_ROUTE_PATH.test(path)).toBe(true);
      expect(issues((u) => ({ routes: [{ path, upstream: u.api }] }))).toEqual([]);
    });

    test.each(['', 'api/', '/api', '//', '/a b/', '/a?b/'])('fails when the path is %p', (path) => {
      expect(issues((u) => ({ routes: [{ path, upstream: u.api }] }))).toEqual(['routes.0.path: not a location prefix']);
    });

    test("fails when a route takes the proxy's own health path", () => {
      expect(issues((u) => ({ routes: [{ path: `${NGINX_HEALTH_PATH}/`, upstream: u.api }] }))).toEqual([`routes.0.path: ${NGINX_HEALTH_PATH} is the proxy's own health check`]);
    });

    test('fails when a path repeats, naming the first route with it', () => {
      expect(issues((u) => ({ routes: [{ path: '/', upstream: u.api }, { path: '/a/', upstream: u.api }, { path: '/', upstream: u.api }] }))).toEqual(['routes.2.path: the same path as routes[0]']);
    });
  });

  describe('upstream ports', () => {
    test('given a PythonApi, then its port is the default upstream port; a plain Service has none', () => {
      const u = upstreams();

      expect(upstreamPortOf(u.api)?.number).toBe(8000);
      expect(upstreamPortOf(u.worker)).toBeUndefined();
    });

    test('fails when the upstream has no port and none is given', () => {
      expect(issues((u) => ({ routes: [{ path: '/', upstream: u.worker }] }))).toEqual([expect.stringMatching(/^routes\.0\.upstreamPort: missing: test\/worker has no port property/)]);
      expect(issues((u) => ({ routes: [{ path: '/', upstream: u.worker, upstreamPort: Port.tcp(9000) }] }))).toEqual([]);
    });
  });

  describe('timeouts', () => {
    test.each([
      ['the minimum', PROXY_TIMEOUT_MIN],
      ['the maximum', PROXY_TIMEOUT_MAX],
    ])('given connect and read timeouts at %s, then they are accepted', (_what, timeout) => {
      expect(issues(() => ({ connectTimeout: timeout, readTimeout: timeout }))).toEqual([]);
    });

    test.each([
      ['one step below the minimum', Duration.millis(PROXY_TIMEOUT_MIN.toMilliseconds() - 1)],
      ['one step above the maximum', PROXY_TIMEOUT_MAX.plus(Duration.millis(1))],
    ])('fails when the timeouts are %s', (_what, timeout) => {
      expect(issues(() => ({ connectTimeout: timeout, readTimeout: timeout }))).toEqual(['connectTimeout: an nginx timeout is between 1ms and 1h', 'readTimeout: an nginx timeout is between 1ms and 1h']);
    });
  });

  describe('ports and listeners', () => {
    test(`given ${NGINX_MAX_LISTENERS} listeners (the maximum), then they are accepted`, () => {
      expect(issues((u) => ({ listeners: Array.from({ length: NGINX_MAX_LISTENERS }, (_, i) => listener(9000 + i, u.api)) }))).toEqual([]);
    });

    test(`fails when there are ${NGINX_MAX_LISTENERS + 1} listeners`, () => {
      expect(issues((u) => ({ listeners: Array.from({ length: NGINX_MAX_LISTENERS + 1 }, (_, i) => listener(9000 + i, u.api)) }))).toEqual([`listeners: more than ${NGINX_MAX_LISTENERS} listeners`]);
    });

    test('fails when HTTPS is asked for without tls', () => {
      expect(issues(() => ({ httpsPort: Port.tcp(8443) }))).toEqual(['httpsPort: an HTTPS port without tls']);
    });

    test('fails when tls takes its default HTTPS port 443 and HTTP is moved onto it', () => {
      expect(issues(() => ({ httpPort: Port.tcp(443), tls: { certificateDirectory: '/certs' } }))).toEqual(['httpsPort: the same host port as httpPort (443/tcp)']);
    });

    test('fails when a listener takes the default HTTP port, or the port of an earlier listener', () => {
      expect(issues((u) => ({ listeners: [listener(80, u.api), listener(9000, u.api), listener(9000, u.api)] }))).toEqual([
        'listeners.0.hostPort: the same host port as httpPort (80/tcp)',
        'listeners.2.hostPort: the same host port as listeners[1].hostPort (9000/tcp)',
      ]);
    });

    test('fails when a listener repeats a path within its own routes, but not when it repeats a path of the main routes', () => {
      expect(issues((u) => ({ listeners: [{ hostPort: Port.tcp(9000), routes: [{ path: '/', upstream: u.api }, { path: '/', upstream: u.api }] }] }))).toEqual(['listeners.0.routes.1.path: the same path as listeners.0.routes[0]']);
    });
  });

  describe('every problem names its fix', () => {
    const route = (u: ReturnType<typeof upstreams>) => ({ path: '/', upstream: u.api });
    test.each<[string, (u: ReturnType<typeof upstreams>) => Record<string, unknown>, string]>([
      ['a path that is no location prefix', (u) => ({ routes: [{ path: '/api', upstream: u.api }] }),
        'routes.0.path: not a location prefix. Fix: start and end it with "/" and use letters, digits, ".", "_", "~" or "-" between, e.g. "/api/"'],
      ['the health path', (u) => ({ routes: [{ path: `${NGINX_HEALTH_PATH}/`, upstream: u.api }] }),
        `routes.0.path: ${NGINX_HEALTH_PATH} is the proxy's own health check. Fix: route another path`],
      ['an upstream that is no Service', () => ({ routes: [{ path: '/', upstream: { node: {} } }] }),
        'routes.0.upstream: not a Service. Fix: pass the Service construct that answers this path'],
      ['an upstream without a port', (u) => ({ routes: [{ path: '/', upstream: u.worker }] }),
        'routes.0.upstreamPort: missing: test/worker has no port property to infer it from. Fix: give upstreamPort: Port.tcp(n), the port it listens on in its container'],
      ['a repeated path', (u) => ({ routes: [route(u), route(u)] }),
        'routes.1.path: the same path as routes[0]. Fix: give each route its own path, or merge them'],
      ['no routes', () => ({ routes: [] }),
        'routes: no routes. Fix: give at least one route, e.g. { path: "/", upstream: api }'],
      ['a listener without routes', (u) => ({ routes: [route(u)], listeners: [{ hostPort: Port.tcp(9000), routes: [] }] }),
        'listeners.0.routes: a listener without routes. Fix: give at least one route, e.g. { path: "/", upstream: api }'],
      ['too many listeners', (u) => ({ routes: [route(u)], listeners: Array.from({ length: NGINX_MAX_LISTENERS + 1 }, (_, i) => listener(9000 + i, u.api)) }),
        `listeners: more than ${NGINX_MAX_LISTENERS} listeners. Fix: serve several paths on one listener, or run a second proxy`],
      ['a zero timeout', (u) => ({ routes: [route(u)], readTimeout: Duration.millis(0) }),
        'readTimeout: an nginx timeout is between 1ms and 1h. Fix: use Duration.seconds(n)'],
      ['an unknown probe tool', (u) => ({ routes: [route(u)], probeTool: 'netcat' }),
        'probeTool: not a ProbeTool. Fix: use ProbeTool.WGET (official Alpine image) or ProbeTool.BASH'],
      ['an HTTPS port without tls', (u) => ({ routes: [route(u)], httpsPort: Port.tcp(8443) }),
        'httpsPort: an HTTPS port without tls. Fix: give tls: { certificateDirectory }, or remove httpsPort'],
      ['HTTP and HTTPS on one port', (u) => ({ routes: [route(u)], httpPort: Port.tcp(8443), httpsPort: Port.tcp(8443), tls: { certificateDirectory: '/certs' } }),
        'httpsPort: the same host port as httpPort (8443/tcp). Fix: publish HTTP and HTTPS on different host ports'],
      ['a listener on the HTTPS port', (u) => ({ routes: [route(u)], tls: { certificateDirectory: '/certs' }, listeners: [listener(443, u.api)] }),
        'listeners.0.hostPort: the same host port as httpsPort (443/tcp). Fix: give every listener its own host port'],
    ])('fails for %s, with the whole message and fix', (_what, props, problem) => {
      expect(problems(props)).toEqual([problem]);
    });
  });
});
