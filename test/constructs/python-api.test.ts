import { ContainerImage, Cpu, Duration, HealthCheck, Port, Size, StackNetwork } from '../../constructs';
import { ASGI_WORKERS_MAX, ASGI_WORKERS_MIN } from '../../constructs/limits';
import { AsgiServer, PythonApi, PythonApiProps } from '../../constructs/python-api';
import { container, newStack, synth, validationMessages } from '../support/synth';
import { errorOf } from '../support/validation-error';
import { problemOf, problemsOf } from '../support/factory-error';

const image = ContainerImage.fromRegistry('python:3.12-slim');

/** A PythonApi `api` in a fresh stack `test`, synthesized with validations on. */
function synthApi(props: Partial<PythonApiProps> = {}) {
  const stack = newStack();
  const api = new PythonApi(stack, 'api', { image, app: 'app.main:app', ...props });
  return { api, c: container(synth(stack), 'test-api') };
}

const withProps = (props: Partial<PythonApiProps>) => () => new PythonApi(newStack(), 'api', { image, app: 'app.main:app', ...props });

describe('AsgiServer', () => {
  test('given uvicorn with defaults, when rendered, then it serves on every interface with one worker', () => {
    expect(AsgiServer.uvicorn().command('app.main:app', Port.tcp(8000))).toEqual(['uvicorn', 'app.main:app', '--host', '0.0.0.0', '--port', '8000', '--workers', '1']);
  });

  test('given gunicorn with 4 workers (seed 002), when rendered, then uvicorn workers run under gunicorn with a graceful timeout', () => {
    expect(AsgiServer.gunicorn({ workers: 4 }).command('app.main:app', Port.tcp(8000))).toEqual([
      'gunicorn',
      'app.main:app',
      '-k',
      'uvicorn.workers.UvicornWorker',
      '-w',
      '4',
      '-b',
      '0.0.0.0:8000',
      '--graceful-timeout',
      '25',
      '--access-logfile',
      '-',
      '--worker-tmp-dir',
      '/dev/shm',
    ]);
  });

  test('given gunicorn with its own worker class and graceful timeout, when rendered, then both are used', () => {
    const command = AsgiServer.gunicorn({ workers: 2, gracefulTimeout: Duration.seconds(40), workerClass: 'uvicorn_worker.UvicornWorker' }).command('main:app', Port.tcp(9000));
    expect(command.slice(0, 10)).toEqual(['gunicorn', 'main:app', '-k', 'uvicorn_worker.UvicornWorker', '-w', '2', '-b', '0.0.0.0:9000', '--graceful-timeout', '40']);
  });

  test.each([ASGI_WORKERS_MIN, ASGI_WORKERS_MAX])('given %d workers (a bound), then the options have no problem', (workers) => {
    expect(AsgiServer.uvicorn({ workers }).problems()).toEqual([]);
    expect(AsgiServer.gunicorn({ workers }).problems()).toEqual([]);
  });

  test.each([ASGI_WORKERS_MIN - 1, ASGI_WORKERS_MAX + 1, 2.5, Number.NaN])('fails when workers is %d: problems() names the field and command() throws a ValidationError', (workers) => {
    const server = AsgiServer.gunicorn({ workers });
    expect(server.problems().map((p) => p.field)).toEqual(['workers']);
    expect(problemOf(() => server.command('app.main:app', Port.tcp(8000)))).toMatchObject({
      path: 'AsgiServer.gunicorn',
      field: 'workers',
      message: 'gunicorn workers must be a whole number from 1 to 64',
    });
  });

  test.each([
    ['not module:attribute', 'app.main', 'not an ASGI target "module:attribute"'],
    ['not set', undefined, 'no ASGI target given'],
    ['not a string', 42, 'a number, not a string'],
  ])('fails when the app is %s, naming AsgiServer.command and the field', (_what, app, message) => {
    const problem = problemOf(() => AsgiServer.uvicorn().command(app as string, Port.tcp(8000)));
    expect(problem).toMatchObject({ path: 'AsgiServer.command', field: 'app', message });
    expect(problem.value).toEqual(app);
  });

  test('fails when the port is not a Port, naming AsgiServer.command and the field', () => {
    expect(problemOf(() => AsgiServer.uvicorn().command('app.main:app', 8000 as unknown as Port))).toMatchObject({ path: 'AsgiServer.command', field: 'port', value: 8000, fix: 'pass Port.tcp(8000)' });
  });

  test('fails with bad workers and a bad app at once', () => {
    expect(problemsOf(() => AsgiServer.uvicorn({ workers: 0 }).command('bad', Port.tcp(8000))).map((p) => `${p.path} ${p.field}`)).toEqual(['AsgiServer.uvicorn workers', 'AsgiServer.command app']);
  });

  test.each([
    ['uvicorn', () => AsgiServer.uvicorn(null as never)],
    ['gunicorn', () => AsgiServer.gunicorn(undefined as never)],
  ])('fails when the %s options are not an object, with a ValidationError', (program, make) => {
    expect(problemOf(make)).toMatchObject({ path: `AsgiServer.${program}`, field: 'options' });
  });

  test.each([
    ['uvicorn with null options', () => AsgiServer.uvicorn(null as never), 'null, not an options object', 'pass an object, e.g. { workers: 2 }, or leave it out'],
    ['gunicorn without options', () => AsgiServer.gunicorn(undefined as never), 'no options: gunicorn needs its workers', 'pass { workers: n }, e.g. { workers: 4 }'],
    ['gunicorn with null options', () => AsgiServer.gunicorn(null as never), 'null, not an options object', 'pass an object, e.g. { workers: 4 }, or leave it out'],
  ])('given %s, then the problem says what to pass', (_what, make, message, fix) => {
    expect(problemOf(make)).toMatchObject({ field: 'options', message, fix });
  });

  test('fails when gunicorn\'s graceful timeout is zero, with the whole-seconds problem', () => {
    expect(AsgiServer.gunicorn({ workers: 2, gracefulTimeout: Duration.seconds(0) }).problems()).toEqual([
      { field: 'gracefulTimeout', message: 'gunicorn counts its graceful timeout in whole seconds, at least 1', fix: 'use Duration.seconds(n) with n >= 1' },
    ]);
  });

  test.each(['UvicornWorker', 'x uvicorn.workers.UvicornWorker', 'uvicorn.workers.UvicornWorker x', 'uvicorn..UvicornWorker'])('fails when the worker class is "%s"', (workerClass) => {
    expect(AsgiServer.gunicorn({ workers: 2, workerClass }).problems()).toEqual([
      { field: 'workerClass', message: 'not a dotted Python class path', fix: 'write module.Class, e.g. "uvicorn.workers.UvicornWorker"' },
    ]);
  });

  test.each([
    ['not set', undefined, 'pass an ASGI target, e.g. "app.main:app" (an unset environment variable reads as undefined: check that it is set)'],
    ['not module:attribute', 'app.main', 'write the dotted module, a colon and the attribute, e.g. "app.main:app"'],
  ])('given an app %s, then the fix shows an ASGI target', (_what, app, fix) => {
    expect(problemOf(() => AsgiServer.uvicorn().command(app as string, Port.tcp(8000))).fix).toBe(fix);
  });

  test.each([
    ['undefined', undefined, 'nothing, not a Port', 'pass Port.tcp(n)'],
    ['null', null, 'nothing, not a Port', 'pass Port.tcp(n)'],
    ['a string', '8000', 'a string, not a Port', 'pass Port.tcp(n)'],
    ['a number', 8000, 'a number, not a Port', 'pass Port.tcp(8000)'],
  ])('fails when the port is %s, with what it is and the Port to pass', (_what, port, message, fix) => {
    expect(problemOf(() => AsgiServer.uvicorn().command('app.main:app', port as unknown as Port))).toMatchObject({ field: 'port', message, fix });
  });

  test('given a server, then it reads as its factory call in messages', () => {
    expect(String(AsgiServer.uvicorn({ workers: 2 }))).toBe('AsgiServer.uvicorn({ workers: 2 })');
    expect(String(AsgiServer.gunicorn({ workers: 4 }))).toBe('AsgiServer.gunicorn({ workers: 4, gracefulTimeout: 25s })');
  });

  test('the default stop grace period outlasts the graceful timeout', () => {
    expect(AsgiServer.uvicorn().defaultStopGracePeriod().toSecondsCeil()).toBe(30);
    expect(AsgiServer.gunicorn({ workers: 2 }).defaultStopGracePeriod().toSecondsCeil()).toBe(30);
    expect(AsgiServer.gunicorn({ workers: 2, gracefulTimeout: Duration.seconds(60) }).defaultStopGracePeriod().toSecondsCeil()).toBe(65);
  });
});

describe('PythonApi defaults', () => {
  test('given only an image and an app, when synthesized, then uvicorn serves it on 8000 as a non-root user', () => {
    const { api, c } = synthApi();

    expect(c.command).toEqual(['uvicorn', 'app.main:app', '--host', '0.0.0.0', '--port', '8000', '--workers', '1']);
    expect(c).toMatchObject({ user: '10001:10001', cpus: '1.0', memory: 512, memory_swap: 512, stop_timeout: 30, destroy_grace_seconds: 30 });
    expect(c.env).toEqual(['PYTHONUNBUFFERED=1']);
    expect(c.ports).toBeUndefined();
    expect(api.port.number).toBe(8000);
    expect(api.url).toBe('http://api:8000');
  });

  test('given the defaults, when synthesized, then the health check GETs /health with the standard library only', () => {
    const { c } = synthApi();

    expect(c.healthcheck).toEqual({
      test: ['CMD', 'python3', '-c', "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=5)"],
      interval: '10s',
      timeout: '5s',
      retries: 3,
      start_period: '40s',
      start_interval: '1s',
    });
    const test = (c.healthcheck as { test: string[] }).test.join(' ');
    expect(test).not.toMatch(/curl|wget|requests/);
    // 40s start + 3 x (10s + 5s) + 30s margin
    expect(c.wait_timeout).toBe(115);
  });

  test('given a slim Python image, when synthesized with validations, then no stack rule objects to the probe', () => {
    const stack = newStack();
    const net = new StackNetwork(stack, 'frontend');
    new PythonApi(stack, 'api', { image, app: 'app.main:app', networks: [{ network: net }] });

    expect(validationMessages(stack)).toEqual([]);
  });
});

describe('PythonApi props', () => {
  test('given gunicorn with 4 workers (seed 002), when synthesized, then the command and the stop grace period follow it', () => {
    const { c } = synthApi({ server: AsgiServer.gunicorn({ workers: 4, gracefulTimeout: Duration.seconds(40) }) });

    expect((c.command as string[]).slice(0, 10)).toEqual(['gunicorn', 'app.main:app', '-k', 'uvicorn.workers.UvicornWorker', '-w', '4', '-b', '0.0.0.0:8000', '--graceful-timeout', '40']);
    expect(c.stop_timeout).toBe(45);
  });

  test('given port 8080 and /healthz (seed 004), when synthesized, then the command, the probe and the url use them', () => {
    const { api, c } = synthApi({ port: Port.tcp(8080), healthPath: '/healthz' });

    expect(c.command).toContain('8080');
    expect((c.healthcheck as { test: string[] }).test[3]).toContain("'http://127.0.0.1:8080/healthz'");
    expect(api.url).toBe('http://api:8080');
  });

  test('given a host port, when synthesized, then the API port is published on 127.0.0.1', () => {
    const { c } = synthApi({ hostPort: Port.tcp(18000) });

    expect(c.ports).toEqual([{ internal: 8000, external: 18000, ip: '127.0.0.1', protocol: 'tcp' }]);
  });

  test('given a host port on a public service, when synthesized, then it is published on 0.0.0.0', () => {
    const { c } = synthApi({ hostPort: Port.tcp(18000), public: true });

    expect(c.ports).toEqual([{ internal: 8000, external: 18000, ip: '0.0.0.0', protocol: 'tcp' }]);
  });

  test("given the user's own service props, when synthesized, then they override the kind's defaults", () => {
    const { api, c } = synthApi({
      user: 'app',
      cpuLimit: Cpu.cores(0.5),
      memoryLimit: Size.gibibytes(1),
      stopGracePeriod: Duration.seconds(50),
      environment: { PYTHONUNBUFFERED: '0', APP_NAME: 'shop' },
      healthCheck: HealthCheck.command(['python3', '-c', 'print(1)']),
      command: ['python3', '-m', 'app'],
    });

    expect(c).toMatchObject({ user: 'app', cpus: '0.5', memory: 1024, stop_timeout: 50, command: ['python3', '-m', 'app'] });
    expect(c.env).toEqual(['APP_NAME=shop', 'PYTHONUNBUFFERED=0']);
    expect(c.healthcheck).toMatchObject({ test: ['CMD', 'python3', '-c', 'print(1)'] });
    expect(api.healthCheck.testCommand).toEqual(['CMD', 'python3', '-c', 'print(1)']);
  });

  test('given a stop grace period just longer than the graceful timeout, then it is accepted', () => {
    const { c } = synthApi({ server: AsgiServer.gunicorn({ workers: 2 }), stopGracePeriod: Duration.seconds(26) });

    expect(c.stop_timeout).toBe(26);
  });
});

describe('PythonApi validation', () => {
  test.each([ASGI_WORKERS_MIN, ASGI_WORKERS_MAX])('given %d workers (a bound), then both servers are accepted', (workers) => {
    expect(synthApi({ server: AsgiServer.uvicorn({ workers }) }).c.command).toContain(String(workers));
    expect(synthApi({ server: AsgiServer.gunicorn({ workers }) }).c.command).toContain(String(workers));
  });

  test.each([
    ['uvicorn', ASGI_WORKERS_MIN - 1],
    ['uvicorn', ASGI_WORKERS_MAX + 1],
    ['gunicorn', ASGI_WORKERS_MIN - 1],
    ['gunicorn', ASGI_WORKERS_MAX + 1],
    ['gunicorn', 1.5],
  ] as const)('fails when %s runs %d workers, naming the construct path and server.workers', (program, workers) => {
    const server = program === 'uvicorn' ? AsgiServer.uvicorn({ workers }) : AsgiServer.gunicorn({ workers });
    const error = errorOf(withProps({ server }));

    expect(error.problems).toEqual([
      expect.objectContaining({ path: 'test/api', field: 'server.workers', value: workers, message: `${program} workers must be a whole number from 1 to 64` }),
    ]);
    expect(error.message).toContain(`test/api: server.workers = ${workers}: ${program} workers must be a whole number from 1 to 64. Fix: use AsgiServer.${program}({ workers: n })`);
  });

  test.each(['app.main', 'app/main:app', 'app.main:', ':app', '1app:app', 'app main:app', '', 'main:app.', 'x main:app'])('fails when the app is "%s"', (app) => {
    const error = errorOf(withProps({ app }));

    expect(error.problems.map((p) => [p.path, p.field])).toEqual([['test/api', 'app']]);
    expect(error.message).toContain('not an ASGI target "module:attribute". Fix: write the dotted module, a colon and the attribute, e.g. "app.main:app"');
  });

  test.each(['app.main:app', 'main:app', 'service.web:create_app', 'pkg.mod:factory.app'])('given the app "%s", then it is accepted', (app) => {
    expect(synthApi({ app }).c.command).toContain(app);
  });

  test('fails when the app is missing', () => {
    const error = errorOf(() => new PythonApi(newStack(), 'api', { image } as PythonApiProps));

    expect(error.message).toContain('test/api: app = (not set): missing: the ASGI app to serve. Fix: give app: "module:attribute", e.g. "app.main:app"');
  });

  test('fails when the image is missing: there is no generic Python app image', () => {
    const error = errorOf(() => new PythonApi(newStack(), 'api', { app: 'app.main:app' } as PythonApiProps));

    expect(error.problems.map((p) => p.field)).toEqual(['image']);
  });

  test.each(['health', '/he alth', "/health'", '/health"', 'x/health'])('fails when healthPath is "%s"', (healthPath) => {
    const error = errorOf(withProps({ healthPath }));

    expect(error.message).toContain(`test/api: healthPath = ${JSON.stringify(healthPath)}: not an HTTP path. Fix: start with "/" and use no spaces, quotes or backslashes, e.g. "/health"`);
  });

  test.each([25, 10])('fails when the stop grace period (%ds) does not outlast gunicorn\'s 25s graceful timeout', (seconds) => {
    const error = errorOf(withProps({ server: AsgiServer.gunicorn({ workers: 2 }), stopGracePeriod: Duration.seconds(seconds) }));

    expect(error.problems).toEqual([
      expect.objectContaining({
        path: 'test/api',
        field: 'stopGracePeriod',
        message: "not longer than gunicorn's graceful timeout (25s): Docker would kill the workers mid-drain",
        fix: 'use at least 30s, or shorten gracefulTimeout',
      }),
    ]);
  });

  test('fails when gunicorn\'s graceful timeout is not whole seconds', () => {
    const error = errorOf(withProps({ server: AsgiServer.gunicorn({ workers: 2, gracefulTimeout: Duration.millis(1500) }) }));

    expect(error.problems.map((p) => p.field)).toEqual(['server.gracefulTimeout']);
  });

  test('fails when the server is not an AsgiServer, with the factories to use', () => {
    expect(errorOf(withProps({ server: 'uvicorn' as unknown as AsgiServer })).problems).toEqual([
      expect.objectContaining({ path: 'test/api', field: 'server', message: 'not an AsgiServer', fix: 'use AsgiServer.uvicorn({ workers }) or AsgiServer.gunicorn({ workers })' }),
    ]);
  });

  test('fails when a prop is misspelt', () => {
    const error = errorOf(withProps({ healthpath: '/health' } as Partial<PythonApiProps>));

    expect(error.problems).toEqual([expect.objectContaining({ path: 'test/api', field: '(props)', fix: expect.stringContaining('remove healthpath') })]);
  });

  test('fails with every problem at once', () => {
    const error = errorOf(withProps({ app: 'main', server: AsgiServer.uvicorn({ workers: 0 }), healthPath: 'x' }));

    expect(error.problems.map((p) => p.field).sort()).toEqual(['app', 'healthPath', 'server.workers']);
  });

  test('fails when two replicas would publish one host port', () => {
    expect(withProps({ replicas: 2, hostPort: Port.tcp(18000) })).toThrow(/test\/api: ports = 8000\/tcp: 2 replicas cannot publish one host port/);
  });
});
