import { Duration } from '../../constructs/duration';
import { formatProblem } from '../../constructs/errors';
import { HealthCheck, HealthCheckOptions, ProbeTool } from '../../constructs/health-check';
import { HEALTH_CHECK_LIMITS } from '../../constructs/limits';
import { Port } from '../../constructs/port';
import { problemOf, problemsOf } from '../support/factory-error';

const L = HEALTH_CHECK_LIMITS;
const ms = Duration.millis;
const check = (options: HealthCheckOptions): HealthCheck => HealthCheck.command(['true'], options);

// A value type: tested without a stack.
describe('HealthCheck', () => {
  describe('factories', () => {
    test('given a command, then it runs in exec form with the defaults', () => {
      const c = HealthCheck.command(['pg_isready', '-U', 'app']);
      expect(c.render()).toEqual({ test: ['CMD', 'pg_isready', '-U', 'app'], interval: '10s', timeout: '5s', retries: 3, startPeriod: '10s', startInterval: '1s' });
      expect(c.tools).toEqual(['pg_isready']);
    });

    test('given a shell line, then it runs through CMD-SHELL with sh and the named tools', () => {
      const c = HealthCheck.shell('test -f /tmp/ok', ['test']);
      expect(c.testCommand).toEqual(['CMD-SHELL', 'test -f /tmp/ok']);
      expect(c.tools).toEqual(['sh', 'test']);
    });

    test.each([
      [ProbeTool.PYTHON, ['CMD', 'python3', '-c', "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=5)"]],
      [ProbeTool.CURL, ['CMD', 'curl', '-fsS', '-o', '/dev/null', '--max-time', '5', 'http://127.0.0.1:8000/health']],
      [ProbeTool.WGET, ['CMD', 'wget', '-q', '-O', '/dev/null', '-T', '5', 'http://127.0.0.1:8000/health']],
    ])('given an HTTP probe with %s, then it GETs the path on 127.0.0.1', (tool, test) => {
      expect(HealthCheck.httpGet('/health', { port: Port.tcp(8000), tool }).testCommand).toEqual(test);
    });

    test('given a TCP probe, then bash opens the port by default and Python on request', () => {
      expect(HealthCheck.tcp(Port.tcp(6379)).testCommand).toEqual(['CMD', 'bash', '-c', 'exec 3<>/dev/tcp/127.0.0.1/6379']);
      expect(HealthCheck.tcp(Port.tcp(6379), { tool: ProbeTool.PYTHON }).tools).toEqual(['python3']);
    });

    test('given none, then nothing is rendered and it is marked as none', () => {
      expect(HealthCheck.none()).toMatchObject({ isNone: true, tools: [], startIntervalGiven: false });
      expect(HealthCheck.none().render()).toBeUndefined();
    });

    test('given a check, then its worst-case start is the start period plus retries x (interval + timeout)', () => {
      const c = check({ interval: Duration.seconds(10), timeout: Duration.seconds(5), retries: 3, startPeriod: Duration.seconds(40) });
      expect(c.worstCaseStart().toMilliseconds()).toBe(85_000);
    });

    test('given two checks differing in one option, then their hashes differ; equal checks hash alike', () => {
      expect(check({ retries: 3 }).hash()).toBe(check({}).hash());
      expect(check({ retries: 4 }).hash()).not.toBe(check({}).hash());
    });
  });

  describe('limits', () => {
    test.each([
      ['interval', L.intervalMinMillis, L.intervalMaxMillis],
      ['timeout', L.timeoutMinMillis, L.timeoutMaxMillis],
      ['startPeriod', L.startPeriodMinMillis, L.startPeriodMaxMillis],
    ] as const)('given %s at its minimum and its maximum, then both are accepted', (field, min, max) => {
      expect(check({ [field]: ms(min) })[field].toMilliseconds()).toBe(min);
      expect(check({ [field]: ms(max) })[field].toMilliseconds()).toBe(max);
    });

    test.each([
      ['interval', 'one millisecond below the minimum', L.intervalMinMillis - 1, 'below the minimum 1s; expected a Duration from 1s to 1h0m0s'],
      ['interval', 'one millisecond above the maximum', L.intervalMaxMillis + 1, 'above the maximum 1h0m0s; expected a Duration from 1s to 1h0m0s'],
      ['timeout', 'one millisecond below the minimum', L.timeoutMinMillis - 1, 'below the minimum 1s; expected a Duration from 1s to 10m0s'],
      ['timeout', 'one millisecond above the maximum', L.timeoutMaxMillis + 1, 'above the maximum 10m0s; expected a Duration from 1s to 10m0s'],
      ['startPeriod', 'one millisecond above the maximum', L.startPeriodMaxMillis + 1, 'above the maximum 1h0m0s; expected a Duration from 0s to 1h0m0s'],
    ] as const)('fails when %s is %s, naming the field and the range', (field, _what, millis, message) => {
      expect(problemOf(() => check({ [field]: ms(millis) }))).toMatchObject({ path: 'HealthCheck.command', field, value: ms(millis), message });
    });

    test('given no startInterval, then checks run every second during the start period', () => {
      expect(check({}).startInterval.toMilliseconds()).toBe(1_000);
      expect(check({}).render()).toMatchObject({ startInterval: '1s' });
    });

    test('given startInterval at its minimum, and at its maximum with an interval as long, then both are accepted', () => {
      expect(check({ startInterval: ms(L.startIntervalMinMillis) }).render()).toMatchObject({ startInterval: '100ms' });
      expect(check({ interval: ms(L.intervalMaxMillis), startInterval: ms(L.startIntervalMaxMillis) }).startInterval.toMilliseconds()).toBe(L.startIntervalMaxMillis);
    });

    test.each([
      ['one millisecond below the minimum', {}, L.startIntervalMinMillis - 1, 'below the minimum 100ms; expected a Duration from 100ms to 1h0m0s'],
      ['one millisecond above the maximum', { interval: ms(L.intervalMaxMillis) }, L.startIntervalMaxMillis + 1, 'above the maximum 1h0m0s; expected a Duration from 100ms to 1h0m0s'],
    ] as const)('fails when startInterval is %s, naming the field and the range', (_what, options, millis, message) => {
      expect(problemOf(() => check({ ...options, startInterval: ms(millis) }))).toMatchObject({ path: 'HealthCheck.command', field: 'startInterval', value: ms(millis), message });
    });

    test('given startInterval equal to interval, then it is accepted; one millisecond longer fails, naming both', () => {
      expect(check({ interval: Duration.seconds(5), startInterval: Duration.seconds(5) }).startInterval.toMilliseconds()).toBe(5_000);
      expect(problemOf(() => check({ interval: Duration.seconds(5), startInterval: ms(5_001) }))).toMatchObject({
        field: 'startInterval',
        message: expect.stringContaining('longer than interval 5s') as string,
        fix: 'use at most 5s, e.g. Duration.seconds(1)',
      });
    });

    test('given an engine that drops start_interval, then the check renders without it and hashes apart', () => {
      const c = check({});
      expect(c.render({ startInterval: false })).not.toHaveProperty('startInterval');
      expect(c.hash({ startInterval: false })).not.toBe(c.hash());
    });

    test.each([L.retriesMin, L.retriesMax])('given retries %d (a bound), then it is accepted', (retries) => {
      expect(check({ retries }).retries).toBe(retries);
    });

    test.each([
      ['one below the minimum', L.retriesMin - 1, 'below the minimum 1; expected a whole number from 1 to 100'],
      ['one above the maximum', L.retriesMax + 1, 'above the maximum 100; expected a whole number from 1 to 100'],
      ['a fraction', 1.5, 'not a whole number; expected a whole number from 1 to 100'],
      ['a string', '3', 'a string, not a number; expected a whole number from 1 to 100'],
    ])('fails when retries is %s', (_what, retries, message) => {
      expect(problemOf(() => check({ retries: retries as number }))).toMatchObject({ path: 'HealthCheck.command', field: 'retries', value: retries, message });
    });

    test('fails with every out-of-range option at once, each with its field', () => {
      const problems = problemsOf(() => check({ interval: Duration.hours(2), timeout: ms(0), startPeriod: Duration.hours(2), retries: 0 }));
      expect(problems.map((p) => [p.path, p.field])).toEqual([
        ['HealthCheck.command', 'interval'],
        ['HealthCheck.command', 'timeout'],
        ['HealthCheck.command', 'startPeriod'],
        ['HealthCheck.command', 'retries'],
      ]);
    });

    test.each([
      ['a string', '10s', 'a string, not a Duration', 'pass a Duration, e.g. Duration.parse("10s") or Duration.seconds(10)'],
      ['null', null, 'null, not a Duration', 'pass a Duration, e.g. Duration.seconds(10)'],
      ['a number', 10, 'a number, not a Duration', 'pass a Duration, e.g. Duration.seconds(10)'],
    ])('fails when interval is %s, with the Duration to write', (_what, interval, message, fix) => {
      expect(problemOf(() => check({ interval: interval as unknown as Duration }))).toMatchObject({ field: 'interval', value: interval, message, fix });
    });
  });

  describe('bad arguments', () => {
    test.each([
      ['an empty list', [], 'an empty command'],
      ['a blank program', [''], 'the program (argv[0]) is blank'],
      ['undefined', undefined, 'no command given'],
      ['null', null, 'no command given'],
      ['a string', 'pg_isready -U app', 'a string, not an argument list'],
      ['a list holding a number', ['sleep', 1], 'argument 1 is a number, not a string'],
    ])('fails when the command is %s', (_what, argv, message) => {
      const problem = problemOf(() => HealthCheck.command(argv as string[]));
      expect(problem).toMatchObject({ path: 'HealthCheck.command', field: 'argv', value: argv, message });
    });

    test('given a command line as one string, then the fix shows the list to write', () => {
      expect(problemOf(() => HealthCheck.command('pg_isready -U app' as unknown as string[])).fix).toBe('pass the program and its arguments as a list, e.g. ["pg_isready","-U","app"]');
    });

    test.each([
      ['empty', '', [], 'line', 'an empty shell line'],
      ['undefined', undefined, [], 'line', 'no shell line given'],
      ['not a string', 42, [], 'line', 'a number, not a string'],
      ['without a tools list', 'test -f /x', undefined, 'tools', 'not a list of program names'],
      ['with a tool that is not a string', 'test -f /x', [1], 'tools', 'not a list of program names'],
    ])('fails when a shell check is %s', (_what, line, tools, field, message) => {
      expect(problemOf(() => HealthCheck.shell(line as string, tools as string[]))).toMatchObject({ path: 'HealthCheck.shell', field, message });
    });

    test.each([
      ['a relative path', 'health', { port: Port.tcp(80) }, 'path', 'does not start with "/"'],
      ['a path with a space', '/a b', { port: Port.tcp(80) }, 'path', 'holds a space, a quote or a backslash, which the probe command cannot carry'],
      ['a path with a backslash', '/a\\b', { port: Port.tcp(80) }, 'path', 'holds a space, a quote or a backslash, which the probe command cannot carry'],
      ['no path', undefined, { port: Port.tcp(80) }, 'path', 'no path given'],
      ['no options', '/health', undefined, 'options', 'no options: the probe needs the port'],
      ['a port as a number', '/health', { port: 8000 }, 'port', 'a number, not a Port'],
      ['no port', '/health', {}, 'port', 'no port given'],
      ['a tool that is not a ProbeTool', '/health', { port: Port.tcp(80), tool: 'httpie' }, 'tool', 'not a ProbeTool'],
    ])('fails when an HTTP check has %s', (_what, path, options, field, message) => {
      expect(problemOf(() => HealthCheck.httpGet(path as string, options as never))).toMatchObject({ path: 'HealthCheck.httpGet', field, message });
    });

    test('given a port as a number, then the fix shows the Port to write', () => {
      expect(formatProblem(problemOf(() => HealthCheck.httpGet('/health', { port: 8000 as unknown as Port })))).toBe(
        '[props] HealthCheck.httpGet: port = 8000: a number, not a Port. Fix: pass Port.tcp(8000)',
      );
    });

    test.each([
      ['no port', undefined, undefined, 'port', 'no port given'],
      ['a port as a number', 8000, undefined, 'port', 'a number, not a Port'],
      ['a tool that cannot open a bare connection', Port.tcp(80), { tool: ProbeTool.CURL }, 'tool', 'curl cannot open a bare TCP connection'],
      ['null options', Port.tcp(80), null, 'options', 'null, not an options object'],
    ])('fails when a TCP check has %s', (_what, port, options, field, message) => {
      expect(problemOf(() => HealthCheck.tcp(port as Port, options as never))).toMatchObject({ path: 'HealthCheck.tcp', field, message });
    });

    test('fails with a bad argument and a bad option at once', () => {
      expect(problemsOf(() => HealthCheck.command([], { retries: 0 })).map((p) => p.field)).toEqual(['argv', 'retries']);
    });
  });

  describe('the fix each bad argument gets', () => {
    test.each([
      ['a shell check without a tools list', () => HealthCheck.shell('test -f /x', undefined as unknown as string[]), 'tools', 'list the programs the line calls, e.g. ["test", "find"], so a missing one is caught'],
      ['an HTTP check without options', () => HealthCheck.httpGet('/health', undefined as never), 'options', 'pass { port: Port.tcp(n) }, e.g. { port: Port.tcp(8000) }'],
      ['an HTTP check with null options', () => HealthCheck.httpGet('/health', null as never), 'options', 'pass an object, e.g. { port: Port.tcp(8000) }, or leave it out'],
      ['an HTTP check with a tool that is not a ProbeTool', () => HealthCheck.httpGet('/health', { port: Port.tcp(80), tool: 'httpie' as ProbeTool }), 'tool', 'use one of ProbeTool.PYTHON, ProbeTool.BASH, ProbeTool.CURL, ProbeTool.WGET'],
      ['an HTTP check without a path', () => HealthCheck.httpGet(undefined as unknown as string, { port: Port.tcp(80) }), 'path', 'pass the health endpoint\'s path, e.g. "/health"'],
      ['an HTTP check with a relative path', () => HealthCheck.httpGet('health', { port: Port.tcp(80) }), 'path', 'write "/health"'],
      ['an HTTP check with a quote in the path', () => HealthCheck.httpGet("/it's", { port: Port.tcp(80) }), 'path', 'percent-encode them, e.g. %20 for a space'],
      ['an HTTP check without a port', () => HealthCheck.httpGet('/health', {} as never), 'port', 'pass the port the service listens on in the container, e.g. Port.tcp(8000)'],
      ['a TCP check with null options', () => HealthCheck.tcp(Port.tcp(80), null as never), 'options', 'pass an object, e.g. { tool: ProbeTool.BASH }, or leave it out'],
      ['a TCP check with curl', () => HealthCheck.tcp(Port.tcp(80), { tool: ProbeTool.CURL }), 'tool', 'use ProbeTool.BASH or ProbeTool.PYTHON'],
      ['a TCP check with a port as a string', () => HealthCheck.tcp('6379' as unknown as Port), 'port', 'pass Port.tcp(n)'],
      ['a command check with an empty list', () => HealthCheck.command([]), 'argv', 'give the program and its arguments, e.g. ["pg_isready", "-U", "app"]'],
      ['a command check without a command', () => HealthCheck.command(undefined as unknown as string[]), 'argv', 'pass the program and its arguments, e.g. ["pg_isready", "-U", "app"]'],
      ['a command check with a blank program', () => HealthCheck.command([' ']), 'argv', 'give the program first, e.g. ["pg_isready", "-U", "app"]'],
      ['a command check with a number argument', () => HealthCheck.command(['sleep', 1 as unknown as string]), 'argv', 'pass every argument as a string, e.g. "1"'],
      ['a command check with null options', () => HealthCheck.command(['true'], null as never), 'options', 'pass an object, e.g. { interval: Duration.seconds(10), retries: 3 }, or leave it out'],
      ['a shell check with an empty line', () => HealthCheck.shell('', []), 'line', 'pass a shell line, e.g. "test -f /tmp/ready" (an unset environment variable reads as undefined: check that it is set)'],
    ])('given %s, then the fix says what to write', (_what, build, field, fix) => {
      expect(problemOf(build)).toMatchObject({ field, fix });
    });

    test.each([
      ['padded and with runs of spaces', '  pg_isready   -U app ', '["pg_isready","-U","app"]'],
      ['split by a tab', 'pg_isready\t-q', '["pg_isready","-q"]'],
    ])('given a command line as one string %s, then the fix lists its words', (_what, line, list) => {
      expect(problemOf(() => HealthCheck.command(line as unknown as string[])).fix).toBe(`pass the program and its arguments as a list, e.g. ${list}`);
    });

    test.each([
      ['a number', 42, 'a number, not an argument list'],
      ['an object', { program: 'true' }, 'an object, not an argument list'],
    ])('given a command that is %s, then it asks for the argument list', (_what, argv, message) => {
      expect(problemOf(() => HealthCheck.command(argv as unknown as string[]))).toMatchObject({ field: 'argv', message, fix: 'pass the program and its arguments, e.g. ["pg_isready", "-U", "app"]' });
    });

    test.each([
      ['the first', [42, 'x'], 'argument 0 is a number, not a string'],
      ['a later', ['sleep', true], 'argument 1 is a boolean, not a string'],
    ])('given a command whose %s argument is not a string, then it names that argument', (_what, argv, message) => {
      expect(problemOf(() => HealthCheck.command(argv as unknown as string[]))).toMatchObject({ field: 'argv', message });
    });

    test('given a null HTTP path or port, then each is reported as not given', () => {
      expect(problemOf(() => HealthCheck.httpGet(null as unknown as string, { port: Port.tcp(80) }))).toMatchObject({ field: 'path', message: 'no path given' });
      expect(problemOf(() => HealthCheck.httpGet('/health', { port: null as unknown as Port }))).toMatchObject({ field: 'port', message: 'no port given' });
    });

    test('given an HTTP path that is not text, then it asks for the path as text', () => {
      expect(problemOf(() => HealthCheck.httpGet(8000 as unknown as string, { port: Port.tcp(80) }))).toMatchObject({ field: 'path', message: 'a number, not a string', fix: 'pass the path as text, e.g. "/health"' });
    });

    test('given a port as an object, then it asks for a Port without a number to copy', () => {
      expect(problemOf(() => HealthCheck.httpGet('/health', { port: { number: 80 } as unknown as Port }))).toMatchObject({ field: 'port', message: 'an object, not a Port', fix: 'pass Port.tcp(n)' });
    });
  });

  describe('probes and the programs they need', () => {
    test.each([
      [ProbeTool.PYTHON, ['python3']],
      [ProbeTool.CURL, ['curl']],
      [ProbeTool.WGET, ['wget']],
      [ProbeTool.BASH, ['bash']],
    ])('given an HTTP probe with %s, then that program is the one the image must have', (tool, tools) => {
      expect(HealthCheck.httpGet('/health', { port: Port.tcp(8000), tool }).tools).toEqual(tools);
    });

    test('given a TCP probe with bash, asked for by name or by default, then bash opens the port', () => {
      for (const c of [HealthCheck.tcp(Port.tcp(6379)), HealthCheck.tcp(Port.tcp(6379), { tool: ProbeTool.BASH })]) {
        expect(c.testCommand).toEqual(['CMD', 'bash', '-c', 'exec 3<>/dev/tcp/127.0.0.1/6379']);
        expect(c.tools).toEqual(['bash']);
      }
    });

    test('given a TCP probe with Python, then Python opens and closes a connection to the port', () => {
      expect(HealthCheck.tcp(Port.tcp(6379), { tool: ProbeTool.PYTHON }).testCommand).toEqual([
        'CMD',
        'python3',
        '-c',
        "import socket; socket.create_connection(('127.0.0.1', 6379), timeout=3).close()",
      ]);
    });

    test('given a check, then it reads as its command in messages; none reads as none', () => {
      expect(String(HealthCheck.command(['pg_isready', '-U', 'app']))).toBe('HealthCheck(CMD pg_isready -U app)');
      expect(String(HealthCheck.none())).toBe('HealthCheck.none()');
    });

    // The hash is a label on every container: a change between releases would replace them all.
    test('given the default check and none, then their hashes are the ones earlier releases wrote', () => {
      expect(HealthCheck.command(['true']).hash()).toBe('fa7410a9d2eb48f1');
      expect(HealthCheck.none().hash()).toBe('30a0924a3360be68');
    });
  });

  describe('start-up timing', () => {
    test.each([
      ['an engine that probes at the start interval, with a start period', true, Duration.seconds(30), 500],
      ['an engine that probes at the start interval, without a start period', true, Duration.seconds(0), 7_000],
      ['an engine without start interval, with a start period', false, Duration.seconds(30), 7_000],
    ])('given %s, then the first probe comes at the right delay', (_what, startInterval, startPeriod, millis) => {
      const c = check({ interval: Duration.seconds(7), startInterval: ms(500), startPeriod });
      expect(c.firstProbeDelay({ startInterval }).toMilliseconds()).toBe(millis);
    });

    test('given a defaulted start interval below the least wanted, then it is raised to it, and again by a later call', () => {
      const raised = check({ interval: Duration.seconds(10) }).withDefaultStartIntervalAtLeast(Duration.seconds(2));
      expect(raised.startInterval.toMilliseconds()).toBe(2_000);
      expect(raised.withDefaultStartIntervalAtLeast(Duration.seconds(3)).startInterval.toMilliseconds()).toBe(3_000);
      expect(raised.render()).toMatchObject({ test: ['CMD', 'true'], interval: '10s', startInterval: '2s' });
    });

    test('given a least wanted above the interval, then the start interval is raised to the interval only', () => {
      expect(check({ interval: Duration.seconds(2) }).withDefaultStartIntervalAtLeast(Duration.seconds(5)).startInterval.toMilliseconds()).toBe(2_000);
    });

    test('given a defaulted start interval already at the least wanted, a given one, or none, then the same check comes back', () => {
      const atLeast = check({});
      expect(atLeast.withDefaultStartIntervalAtLeast(atLeast.startInterval)).toBe(atLeast);
      const given = check({ startInterval: ms(200) });
      expect(given.withDefaultStartIntervalAtLeast(Duration.seconds(2))).toBe(given);
      const none = HealthCheck.none();
      expect(none.withDefaultStartIntervalAtLeast(Duration.seconds(2))).toBe(none);
    });
  });
});
