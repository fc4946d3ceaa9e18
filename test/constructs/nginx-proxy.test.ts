import { Testing } from 'cdktf';
import { ContainerImage, Cpu, DockerStack, Duration, HealthCheck, Port, ProbeTool, Service, Size, StackNetwork, ValidationError } from '../../constructs';
import { NginxProxy, NginxProxyProps, ProxyRoute } from '../../constructs/nginx-proxy';
import { PythonApi } from '../../constructs/python-api';
import { container, containerAddress, synth, validationMessages } from '../support/synth';
import { errorOf } from '../support/validation-error';

const appImage = ContainerImage.fromRegistry('python:3.12-slim');

/** A stack `test` with a network, a PythonApi `api` (port 8000) and a plain Service `worker` (port 9000). */
function fixture() {
  const stack = new DockerStack(Testing.app(), 'test');
  const network = new StackNetwork(stack, 'frontend');
  const api = new PythonApi(stack, 'api', { image: appImage, app: 'app.main:app', networks: [{ network }] });
  const worker = new Service(stack, 'worker', {
    image: ContainerImage.fromRegistry('example/worker:1.0.0'),
    healthCheck: HealthCheck.command(['true']),
    networks: [{ network }],
  });
  return { stack, network, api, worker };
}

type Fixture = ReturnType<typeof fixture>;

/** A proxy `proxy` in front of the fixture, synthesized with validations on. */
function synthProxy(props: (f: Fixture) => Partial<NginxProxyProps> = () => ({})) {
  const f = fixture();
  const proxy = new NginxProxy(f.stack, 'proxy', { routes: [{ path: '/', upstream: f.api }], networks: [{ network: f.network }], ...props(f) });
  const json = synth(f.stack);
  const c = container(json, 'test-proxy');
  const upload = (c.upload as { file: string; content: string }[]).find((u) => u.file === '/etc/nginx/nginx.conf');
  if (!upload) throw new Error('no nginx.conf upload');
  return { ...f, proxy, json, c, conf: upload.content };
}

/** Builds a proxy with `props`; returns the error it throws. */
function propsError(props: (f: Fixture) => Partial<NginxProxyProps>): ValidationError {
  const f = fixture();
  return errorOf(() => new NginxProxy(f.stack, 'proxy', { routes: [{ path: '/', upstream: f.api }], networks: [{ network: f.network }], ...props(f) }));
}

describe('NginxProxy defaults', () => {
  test('given one route, when synthesized, then nginx runs as uid 101 without capabilities, published on 0.0.0.0:80', () => {
    const { c } = synthProxy();

    expect(c.command).toEqual(['nginx', '-e', 'stderr', '-c', '/etc/nginx/nginx.conf', '-g', 'daemon off;']);
    expect(c).toMatchObject({ user: '101:101', capabilities: { drop: ['ALL'], add: [] }, cpus: '0.5', memory: 128, stop_signal: 'SIGQUIT', stop_timeout: 15 });
    expect(c.ports).toEqual([{ internal: 8080, external: 80, ip: '0.0.0.0', protocol: 'tcp' }]);
    expect(c.mounts).toBeUndefined();
  });

  test('given the defaults, when synthesized, then the health check GETs /healthz on 8080 with wget, not curl', () => {
    const { c } = synthProxy();

    expect(c.healthcheck).toEqual({ test: ['CMD', 'wget', '-q', '-O', '/dev/null', '-T', '5', 'http://127.0.0.1:8080/healthz'], interval: '10s', timeout: '5s', retries: 3, start_period: '5s', start_interval: '1s' });
    expect((c.healthcheck as { test: string[] }).test.join(' ')).not.toMatch(/curl|requests/);
  });

  test('given one route, when synthesized, then the uploaded nginx.conf is the whole file, non-root ready', () => {
    const { conf, proxy } = synthProxy();

    expect(conf).toBe(proxy.configuration);
    for (const line of [
      'worker_processes 1;',
      'pid /tmp/nginx.pid;',
      'error_log stderr warn;',
      'access_log /dev/stdout proxy;',
      'client_body_temp_path /tmp/nginx-client-body;',
      'proxy_temp_path /tmp/nginx-proxy;',
      'listen 8080 default_server;',
      'client_max_body_size 10m;',
      'proxy_connect_timeout 5s;',
      'proxy_read_timeout 60s;',
      'proxy_send_timeout 60s;',
    ]) {
      expect(conf).toContain(line);
    }
    expect(conf).not.toMatch(/^\s*user\s/m);
    expect(conf).not.toContain('include ');
  });

  test('given one route, when synthesized, then the upstream is resolved per request through Docker DNS', () => {
    const { conf } = synthProxy();

    expect(conf).toContain('resolver 127.0.0.11 valid=2s ipv6=off;');
    expect(conf).toContain('location / {\n            set $upstream_api_8000 api:8000;\n            proxy_pass http://$upstream_api_8000;\n        }');
    // An upstream {} block would be resolved once at start: nginx would not start without it.
    expect(conf).not.toMatch(/^\s*upstream\s/m);
  });

  test('given one route, when synthesized, then the forwarding headers are set', () => {
    const { conf } = synthProxy();

    for (const header of ['Host $host', 'X-Real-IP $remote_addr', 'X-Forwarded-For $proxy_add_x_forwarded_for', 'X-Forwarded-Proto $scheme']) {
      expect(conf).toContain(`proxy_set_header ${header};`);
    }
  });

  test('given one route, when synthesized, then nginx answers /healthz itself', () => {
    const { conf } = synthProxy();

    expect(conf).toContain('location = /healthz {\n            access_log off;\n            default_type text/plain;\n            return 200 "ok\\n";\n        }');
  });

  test('given upstreams, when synthesized, then the proxy is created only after every upstream container', () => {
    const { json, c } = synthProxy((f) => ({
      routes: [
        { path: '/', upstream: f.api },
        { path: '/scrape/', upstream: f.worker, upstreamPort: Port.tcp(9000) },
        { path: '/docs/', upstream: f.api },
      ],
    }));

    expect(c.depends_on).toEqual([containerAddress(json, 'test-api'), containerAddress(json, 'test-worker')]);
  });

  test('given an upstream with replicas, when synthesized, then the proxy waits for every replica', () => {
    const f = fixture();
    const scaled = new PythonApi(f.stack, 'scaled', { image: appImage, app: 'app.main:app', replicas: 2, networks: [{ network: f.network }] });
    new NginxProxy(f.stack, 'proxy', { routes: [{ path: '/', upstream: scaled }], networks: [{ network: f.network }] });
    const json = synth(f.stack);

    expect(container(json, 'test-proxy').depends_on).toEqual([containerAddress(json, 'test-scaled-1'), containerAddress(json, 'test-scaled-2')]);
  });

  test('given the defaults, when the stack is validated, then no rule objects', () => {
    const f = fixture();
    new NginxProxy(f.stack, 'proxy', { routes: [{ path: '/', upstream: f.api }], networks: [{ network: f.network }] });

    expect(validationMessages(f.stack)).toEqual([]);
  });
});

describe('NginxProxy routes', () => {
  test('given a PythonApi upstream without upstreamPort, then its own port is used', () => {
    const f = fixture();
    const app = new PythonApi(f.stack, 'app', { image: appImage, app: 'app.main:app', port: Port.tcp(8080), networks: [{ network: f.network }] });
    const proxy = new NginxProxy(f.stack, 'proxy', { routes: [{ path: '/', upstream: app }], networks: [{ network: f.network }] });

    expect(proxy.configuration).toContain('set $upstream_app_8080 app:8080;');
    expect(proxy.routes[0].upstreamPort.number).toBe(8080);
  });

  test('given a prefix route, then /prefix redirects to /prefix/ and the prefix is kept', () => {
    const { conf } = synthProxy((f) => ({ routes: [{ path: '/scrape/', upstream: f.worker, upstreamPort: Port.tcp(9000) }] }));

    expect(conf).toContain('location = /scrape {\n            return 308 /scrape/$is_args$args;\n        }');
    expect(conf).toContain('location /scrape/ {\n            set $upstream_worker_9000 worker:9000;\n            proxy_pass http://$upstream_worker_9000;\n        }');
    expect(conf).toContain('absolute_redirect off;');
  });

  test('given stripPrefix, then the prefix is rewritten away before proxying, dots escaped', () => {
    const { conf } = synthProxy((f) => ({ routes: [{ path: '/v1.0/api/', upstream: f.api, stripPrefix: true }] }));

    expect(conf).toContain('    rewrite ^/v1\\.0/api/(.*)$ /$1 break;\n            proxy_pass http://$upstream_api_8000;');
  });

  test('given stripPrefix on "/", then there is nothing to rewrite', () => {
    const { conf } = synthProxy((f) => ({ routes: [{ path: '/', upstream: f.api, stripPrefix: true }] }));

    expect(conf).not.toContain('rewrite');
  });

  test('given a route added later, then it lands in nginx.conf and in depends_on', () => {
    const f = fixture();
    const proxy = new NginxProxy(f.stack, 'proxy', { routes: [{ path: '/', upstream: f.api }], networks: [{ network: f.network }] });
    proxy.addRoute({ path: '/scrape/', upstream: f.worker, upstreamPort: Port.tcp(9000), stripPrefix: true });
    const json = synth(f.stack);
    const c = container(json, 'test-proxy');

    expect((c.upload as { content: string }[])[0].content).toContain('set $upstream_worker_9000 worker:9000;');
    expect(c.depends_on).toContain(containerAddress(json, 'test-worker'));
  });

  test('fails when a route added later repeats a path, naming the construct path and routes', () => {
    const f = fixture();
    const proxy = new NginxProxy(f.stack, 'proxy', { routes: [{ path: '/', upstream: f.api }], networks: [{ network: f.network }] });

    expect(() => proxy.addRoute({ path: '/', upstream: f.worker, upstreamPort: Port.tcp(9000) })).toThrow('test/proxy: routes = "/": this path is already routed. Fix: give each route its own path, or merge them');
    expect(errorOf(() => proxy.addRoute({ path: '/', upstream: f.worker, upstreamPort: Port.tcp(9000) })).problems).toEqual([expect.objectContaining({ ruleId: 'props', path: 'test/proxy', field: 'routes', value: '/' })]);
  });

  test('fails when a route added later has a bad path', () => {
    const f = fixture();
    const proxy = new NginxProxy(f.stack, 'proxy', { routes: [{ path: '/', upstream: f.api }], networks: [{ network: f.network }] });

    expect(() => proxy.addRoute({ path: 'api/', upstream: f.api })).toThrow('test/proxy: route.path = "api/": not a location prefix');
  });
});

describe('NginxProxy options', () => {
  test('given public: false, when synthesized, then the port is published on 127.0.0.1 only', () => {
    const { c } = synthProxy(() => ({ public: false }));

    expect(c.ports).toEqual([{ internal: 8080, external: 80, ip: '127.0.0.1', protocol: 'tcp' }]);
  });

  test('given another HTTP host port, when synthesized, then it maps to 8080', () => {
    const { c } = synthProxy(() => ({ httpPort: Port.tcp(3000) }));

    expect(c.ports).toEqual([{ internal: 8080, external: 3000, ip: '0.0.0.0', protocol: 'tcp' }]);
  });

  test('given tls, when synthesized, then 443 maps to 8443, the certificates are mounted read-only and HTTP redirects', () => {
    const { c, conf } = synthProxy(() => ({ tls: { certificateDirectory: '/srv/certs' } }));

    expect(c.ports).toEqual([
      { internal: 8080, external: 80, ip: '0.0.0.0', protocol: 'tcp' },
      { internal: 8443, external: 443, ip: '0.0.0.0', protocol: 'tcp' },
    ]);
    expect(c.mounts).toEqual([{ type: 'bind', source: '/srv/certs', target: '/etc/nginx/certs', read_only: true }]);
    expect(conf).toContain('listen 8443 ssl default_server;');
    expect(conf).toContain('ssl_certificate /etc/nginx/certs/fullchain.pem;');
    expect(conf).toContain('ssl_certificate_key /etc/nginx/certs/privkey.pem;');
    expect(conf).toContain('location / {\n            return 308 https://$host$request_uri;\n        }');
    // /healthz stays on HTTP, for the health check; the routes are served on HTTPS only.
    expect(conf.match(/location = \/healthz/g)).toHaveLength(2);
    expect(conf.match(/set \$upstream_api_8000/g)).toHaveLength(1);
  });

  test('given tls on another HTTPS host port, then the redirect names that port', () => {
    const { c, conf } = synthProxy(() => ({ tls: { certificateDirectory: '/srv/certs' }, httpsPort: Port.tcp(8443) }));

    expect(c.ports).toContainEqual({ internal: 8443, external: 8443, ip: '0.0.0.0', protocol: 'tcp' });
    expect(conf).toContain('return 308 https://$host:8443$request_uri;');
  });

  test('given tls without the redirect, then both servers proxy the routes', () => {
    const { conf } = synthProxy(() => ({ tls: { certificateDirectory: '/srv/certs', redirectHttp: false } }));

    expect(conf).not.toContain('return 308 https://');
    expect(conf.match(/set \$upstream_api_8000/g)).toHaveLength(2);
  });

  test('given the local Debian image, when probeTool is BASH, then the health check uses bash', () => {
    const { c } = synthProxy(() => ({ image: ContainerImage.fromRegistry('cds-local/nginx:1'), probeTool: ProbeTool.BASH }));

    expect((c.healthcheck as { test: string[] }).test.slice(0, 3)).toEqual(['CMD', 'bash', '-c']);
    expect((c.healthcheck as { test: string[] }).test[3]).toContain('/dev/tcp/127.0.0.1/8080');
  });

  test('given a CPU limit of 2, then nginx runs 2 workers, not one per host CPU', () => {
    const { conf } = synthProxy(() => ({ cpuLimit: Cpu.cores(2) }));

    expect(conf).toContain('worker_processes 2;');
  });

  test('given body size and timeouts, then nginx gets them in its own units', () => {
    const { conf } = synthProxy(() => ({ clientMaxBodySize: Size.gibibytes(1), connectTimeout: Duration.millis(1500), readTimeout: Duration.minutes(5) }));

    expect(conf).toContain('client_max_body_size 1g;');
    expect(conf).toContain('proxy_connect_timeout 1500ms;');
    expect(conf).toContain('proxy_read_timeout 300s;');
  });

  test('given no body size limit, then client_max_body_size is 0', () => {
    const { conf } = synthProxy(() => ({ clientMaxBodySize: Size.bytes(0) }));

    expect(conf).toContain('client_max_body_size 0;');
  });

  test("given the user's own service props, then they override the kind's defaults", () => {
    const { c } = synthProxy(() => ({ user: 'www-data', memoryLimit: Size.mebibytes(256), stopGracePeriod: Duration.seconds(30) }));

    expect(c).toMatchObject({ user: 'www-data', memory: 256, stop_timeout: 30 });
  });
});

describe('NginxProxy validation', () => {
  test.each(['api/', '/api', 'api', '', '/a b/', '/api//', '/(.*)/'])('fails when a route path is "%s", naming the construct path and the field', (path) => {
    const error = propsError((f) => ({ routes: [{ path, upstream: f.api }] }));

    expect(error.problems).toEqual([expect.objectContaining({ path: 'test/proxy', field: 'routes.0.path', value: path, message: 'not a location prefix' })]);
  });

  test.each(['/', '/api/', '/v1.0/api/', '/a_b~c-d/'])('given the route path "%s", then it is accepted', (path) => {
    expect(synthProxy((f) => ({ routes: [{ path, upstream: f.api }] })).conf).toContain(`location ${path} {`);
  });

  test('fails when two routes share a path', () => {
    const error = propsError((f) => ({ routes: [{ path: '/api/', upstream: f.api }, { path: '/', upstream: f.api }, { path: '/api/', upstream: f.worker, upstreamPort: Port.tcp(9000) }] }));

    expect(error.message).toContain('test/proxy: routes.2.path = "/api/": the same path as routes[0]. Fix: give each route its own path, or merge them');
  });

  test('fails when a route takes the health check path', () => {
    const error = propsError((f) => ({ routes: [{ path: '/healthz/', upstream: f.api }] }));

    expect(error.problems.map((p) => [p.path, p.field])).toEqual([['test/proxy', 'routes.0.path']]);
  });

  test('fails when there is no route', () => {
    const error = propsError(() => ({ routes: [] }));

    expect(error.message).toContain('test/proxy: routes = []: no routes');
  });

  test('fails when the upstream port cannot be inferred', () => {
    const error = propsError((f) => ({ routes: [{ path: '/', upstream: f.worker }] }));

    expect(error.message).toContain('test/proxy: routes.0.upstreamPort = (not set): missing: test/worker has no port property to infer it from');
  });

  test('fails when the upstream is not a Service', () => {
    const error = propsError(() => ({ routes: [{ path: '/', upstream: { hostname: 'api' } as unknown as Service, upstreamPort: Port.tcp(80) }] }));

    expect(error.problems.map((p) => p.field)).toEqual(['routes.0.upstream']);
  });

  test('fails when an HTTPS port is given without tls', () => {
    const error = propsError(() => ({ httpsPort: Port.tcp(443) }));

    expect(error.message).toContain('test/proxy: httpsPort = 443/tcp: an HTTPS port without tls');
  });

  test('fails when HTTP and HTTPS share a host port', () => {
    const error = propsError(() => ({ httpPort: Port.tcp(443), tls: { certificateDirectory: '/srv/certs' } }));

    expect(error.problems.map((p) => p.field)).toEqual(['httpsPort']);
  });

  test('fails when the certificate directory is relative', () => {
    const error = propsError(() => ({ tls: { certificateDirectory: 'certs' } }));

    expect(error.message).toContain('test/proxy: tls.certificateDirectory = "certs": not an absolute path');
  });

  test.each([Duration.seconds(0), Duration.hours(2)])('fails when the read timeout is %s', (readTimeout) => {
    const error = propsError(() => ({ readTimeout }));

    expect(error.problems.map((p) => p.field)).toEqual(['readTimeout']);
  });

  test('fails when the probe tool is not a ProbeTool', () => {
    const error = propsError(() => ({ probeTool: 'nc' as ProbeTool }));

    expect(error.problems.map((p) => p.field)).toEqual(['probeTool']);
  });

  test('fails at synth when an upstream shares no network with the proxy', () => {
    const f = fixture();
    const elsewhere = new StackNetwork(f.stack, 'elsewhere', { internal: true });
    const db = new PythonApi(f.stack, 'hidden', { image: appImage, app: 'app.main:app', networks: [{ network: elsewhere }] });
    new NginxProxy(f.stack, 'proxy', { routes: [{ path: '/', upstream: f.api }, { path: '/hidden/', upstream: db }], networks: [{ network: f.network }] });

    expect(validationMessages(f.stack)).toEqual([
      '[CDS-PROXY-UPSTREAM-UNREACHABLE] test/proxy: routes = "/hidden/": test/hidden shares no network with the proxy, so "hidden" does not resolve. Fix: connect both to a common network (networks: [{ network }])',
    ]);
    expect(() => Testing.synth(f.stack, true)).toThrow(/CDS-PROXY-UPSTREAM-UNREACHABLE/);
  });

  test('fails at synth when an upstream has no health check (the dependency rule)', () => {
    const f = fixture();
    const blind = new Service(f.stack, 'blind', { image: ContainerImage.fromRegistry('example/blind:1.0.0'), healthCheck: HealthCheck.none(), networks: [{ network: f.network }] });
    const route: ProxyRoute = { path: '/', upstream: blind, upstreamPort: Port.tcp(80) };
    new NginxProxy(f.stack, 'proxy', { routes: [route], networks: [{ network: f.network }] });

    expect(validationMessages(f.stack).filter((m) => m.startsWith('[CDS-DEPENDS-NO-HEALTHCHECK]'))).toEqual([expect.stringContaining('test/proxy: dependsOn = "test/blind"')]);
  });

  test('fails at synth when two public proxies take port 80 (the port rule)', () => {
    const f = fixture();
    new NginxProxy(f.stack, 'one', { routes: [{ path: '/', upstream: f.api }], networks: [{ network: f.network }] });
    new NginxProxy(f.stack, 'two', { routes: [{ path: '/', upstream: f.api }], networks: [{ network: f.network }] });

    expect(validationMessages(f.stack)).toContain('[CDS-PORT-COLLISION] test/two: ports = "0.0.0.0:80/tcp": already published by test/one on 0.0.0.0:80. Fix: give one of them another hostPort');
  });
});

describe('NginxProxy listeners', () => {
  test('given a listener, when synthesized, then its host port maps to 8081 and it serves its own routes', () => {
    const { c, conf } = synthProxy((f) => ({ public: false, listeners: [{ hostPort: Port.tcp(9000), routes: [{ path: '/', upstream: f.worker, upstreamPort: Port.tcp(9000) }] }] }));

    expect(c.ports).toEqual([
      { internal: 8080, external: 80, ip: '127.0.0.1', protocol: 'tcp' },
      { internal: 8081, external: 9000, ip: '127.0.0.1', protocol: 'tcp' },
    ]);
    const listener = conf.slice(conf.indexOf('listen 8081;'));
    expect(listener).toContain('set $upstream_worker_9000 worker:9000;');
    expect(listener).toContain('location = /healthz {');
    expect(conf.slice(0, conf.indexOf('listen 8081;'))).not.toContain('worker:9000');
  });

  test('given two listeners, then they take 8081 and 8082, and the proxy waits for every upstream', () => {
    const { c, json, proxy } = synthProxy((f) => ({
      listeners: [
        { hostPort: Port.tcp(9000), routes: [{ path: '/', upstream: f.worker, upstreamPort: Port.tcp(9000) }] },
        { hostPort: Port.tcp(9001), routes: [{ path: '/api/', upstream: f.api }] },
      ],
    }));

    expect((c.ports as { internal: number }[]).map((p) => p.internal)).toEqual([8080, 8081, 8082]);
    expect(proxy.listeners.map((l) => [l.hostPort.number, l.containerPort.number, l.routes.map((r) => [r.path, r.upstream.serviceName, r.upstreamPort.number, r.stripPrefix])])).toEqual([
      [9000, 8081, [['/', 'worker', 9000, false]]],
      [9001, 8082, [['/api/', 'api', 8000, false]]],
    ]);
    expect(c.depends_on).toEqual(expect.arrayContaining([containerAddress(json, 'test-api'), containerAddress(json, 'test-worker')]));
  });

  test('given any route, then a refused connection is retried on the next address of the name', () => {
    const { conf } = synthProxy();

    expect(conf).toContain('proxy_next_upstream error timeout http_502 http_503 http_504;');
    expect(conf).toContain('proxy_next_upstream_tries 3;');
  });

  test('fails when a listener reuses the HTTP, the HTTPS or another listener\'s host port', () => {
    const error = propsError((f) => ({
      tls: { certificateDirectory: '/srv/certs' },
      listeners: [
        { hostPort: Port.tcp(80), routes: [{ path: '/', upstream: f.api }] },
        { hostPort: Port.tcp(443), routes: [{ path: '/', upstream: f.api }] },
        { hostPort: Port.tcp(9000), routes: [{ path: '/', upstream: f.api }] },
        { hostPort: Port.tcp(9000), routes: [{ path: '/', upstream: f.api }] },
      ],
    }));

    expect(error.problems.map((p) => [p.field, p.message])).toEqual([
      ['listeners.0.hostPort', 'the same host port as httpPort (80/tcp)'],
      ['listeners.1.hostPort', 'the same host port as httpsPort (443/tcp)'],
      ['listeners.3.hostPort', 'the same host port as listeners[2].hostPort (9000/tcp)'],
    ]);
  });

  test('fails when a listener has no routes or repeats a path', () => {
    const error = propsError((f) => ({
      listeners: [
        { hostPort: Port.tcp(9000), routes: [] },
        { hostPort: Port.tcp(9001), routes: [{ path: '/', upstream: f.api }, { path: '/', upstream: f.worker, upstreamPort: Port.tcp(9000) }] },
      ],
    }));

    expect(error.problems.map((p) => [p.path, p.field])).toEqual([
      ['test/proxy', 'listeners.0.routes'],
      ['test/proxy', 'listeners.1.routes.1.path'],
    ]);
  });

  test('fails when there are more listeners than NGINX_MAX_LISTENERS', () => {
    const error = propsError((f) => ({ listeners: Array.from({ length: 9 }, (_, i) => ({ hostPort: Port.tcp(9000 + i), routes: [{ path: '/', upstream: f.api }] })) }));

    expect(error.message).toContain('test/proxy: listeners');
    expect(error.message).toContain('more than 8 listeners');
  });

  test("fails validation when a listener's upstream shares no network with the proxy", () => {
    const f = fixture();
    const elsewhere = new StackNetwork(f.stack, 'elsewhere');
    const lonely = new Service(f.stack, 'lonely', { image: ContainerImage.fromRegistry('example/worker:1.0.0'), healthCheck: HealthCheck.command(['true']), networks: [{ network: elsewhere }] });
    new NginxProxy(f.stack, 'proxy', { routes: [{ path: '/', upstream: f.api }], networks: [{ network: f.network }], listeners: [{ hostPort: Port.tcp(9000), routes: [{ path: '/', upstream: lonely, upstreamPort: Port.tcp(9000) }] }] });

    expect(validationMessages(f.stack).join('\n')).toMatch(/CDS-PROXY-UPSTREAM-UNREACHABLE.*test\/lonely shares no network with the proxy/);
  });
});
