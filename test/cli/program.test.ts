import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Writable } from 'stream';
import type Docker from 'dockerode';
import { App } from 'cdktf';
import { renderMermaid } from '../../cli/diagram';
import type { EngineChoice } from '../../cli/engine';
import { EXIT } from '../../cli/errors';
import { runCli, type CliIo } from '../../cli/program';
import type { StackStatus } from '../../cli/status';
import { ContainerImage, DockerApp, DockerStack, HealthCheck, Service, StackNetwork } from '../../constructs';
import { stackTopology } from '../../constructs/private/topology';
import { fakeDocker, IMAGE_ID, runningContainer, type FakeCalls, type FakeContainer } from './fake-engine';

let project: string;

beforeEach(() => {
  project = fs.mkdtempSync(path.join(os.tmpdir(), 'cds-cli-'));
});

afterEach(() => {
  fs.rmSync(project, { recursive: true, force: true });
});

/** What a test changes of the CLI's surroundings: a stand-in engine, Ctrl-C, a terminal. */
interface RunOptions {
  readonly connect?: CliIo['connect'];
  readonly interrupted?: Promise<void>;
  readonly isTTY?: boolean;
  readonly env?: NodeJS.ProcessEnv;
}

/** Runs the CLI in `project` and collects what it writes. */
async function runWith(options: RunOptions, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        append(chunk.toString());
        done();
      },
    });
  const out = Object.assign(sink((s) => (stdout += s)), { isTTY: options.isTTY });
  const code = await runCli([...argv, '--dir', project], {
    stdout: out,
    stderr: sink((s) => (stderr += s)),
    env: options.env ?? {},
    interrupted: options.interrupted ?? new Promise(() => undefined),
    connect: options.connect,
  });
  return { code, stdout, stderr };
}

function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runWith({}, ...argv);
}

/** Synthesizes a small stack into `<project>/<outdir>` with DockerApp; returns the stack. */
function synthShop(outdir = 'cdktf.out'): DockerStack {
  const app = new DockerApp({ outdir: path.join(project, outdir) });
  const stack = new DockerStack(app, 'shop');
  const net = new StackNetwork(stack, 'net', { internal: true });
  new Service(stack, 'api', { image: ContainerImage.fromRegistry('example/api:1.0.0'), healthCheck: HealthCheck.command(['true']), networks: [{ network: net }] });
  app.synth();
  return stack;
}

describe('cdktf-docker-stacks diagram', () => {
  test('given a synthesized app, when diagram runs, then it prints the Mermaid graph of the stack\'s construct tree', async () => {
    const stack = synthShop();

    const result = await run('diagram', 'shop');

    expect(result).toEqual({ code: EXIT.ok, stdout: renderMermaid(stackTopology(stack)), stderr: '' });
    expect(result.stdout).toContain('subgraph net1 ["shop-net (internal)"]');
  });

  test("given cdktf.json names another output directory, then the stacks are read from there", async () => {
    fs.writeFileSync(path.join(project, 'cdktf.json'), JSON.stringify({ app: 'true', output: 'out' }));
    synthShop('out');

    expect((await run('diagram', 'shop')).code).toBe(EXIT.ok);
  });

  test('fails when nothing was synthesized, saying how to fix it', async () => {
    const result = await run('diagram', 'shop');

    expect(result.code).toBe(EXIT.error);
    expect(result.stderr).toBe(`error: nothing synthesized: ${path.join(project, 'cdktf.out', 'manifest.json')} not found\nfix: run \`npx cdktf synth\` first, or pass --synth\n`);
  });

  test('fails when the stack is unknown, listing the stacks there are', async () => {
    synthShop();

    const result = await run('diagram', 'shopp');

    expect(result.code).toBe(EXIT.error);
    expect(result.stderr).toContain('error: no stack "shopp" in');
    expect(result.stderr).toContain('fix: use one of: shop\n');
  });

  test("fails when the app was synthesized with cdktf's plain App, which writes no topology", async () => {
    const app = new App({ outdir: path.join(project, 'cdktf.out') });
    new Service(new DockerStack(app, 'plain'), 'api', { image: ContainerImage.fromRegistry('example/api:1.0.0'), healthCheck: HealthCheck.command(['true']) });
    app.synth();

    const result = await run('diagram', 'plain');

    expect(result.code).toBe(EXIT.error);
    expect(result.stderr).toContain('error: no topology for stack "plain"');
  });

  test('given --synth, when diagram runs, then the app command of cdktf.json writes into the output directory first', async () => {
    // Given an app command that copies a synthesized output into CDKTF_OUTDIR, as an app does
    const source = fs.mkdtempSync(path.join(os.tmpdir(), 'cds-cli-src-'));
    const app = new DockerApp({ outdir: source });
    new Service(new DockerStack(app, 'copied'), 'api', { image: ContainerImage.fromRegistry('example/api:1.0.0'), healthCheck: HealthCheck.command(['true']) });
    app.synth();
    fs.writeFileSync(path.join(project, 'app.js'), `require('fs').cpSync(${JSON.stringify(source)}, process.env.CDKTF_OUTDIR, { recursive: true });`);
    fs.writeFileSync(path.join(project, 'cdktf.json'), JSON.stringify({ app: 'node app.js' }));

    // When
    const result = await run('diagram', 'copied', '--synth');
    fs.rmSync(source, { recursive: true, force: true });

    // Then
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toContain('svc_api["api<br/>example/api:1.0.0"]');
  });

  test('fails when the app command fails under --synth', async () => {
    fs.writeFileSync(path.join(project, 'cdktf.json'), JSON.stringify({ app: 'exit 3' }));

    const result = await run('diagram', 'shop', '--synth');

    expect(result.code).toBe(EXIT.error);
    expect(result.stderr).toContain('error: the app command failed (exit code 3): exit 3');
  });

  test('fails when --synth finds no cdktf.json', async () => {
    const result = await run('diagram', 'shop', '--synth');

    expect(result.code).toBe(EXIT.error);
    expect(result.stderr).toContain(`error: no app command: ${path.join(project, 'cdktf.json')} not found`);
  });
});

describe('cdktf-docker-stacks status and logs (without an engine)', () => {
  test('fails when the engine cannot be reached, naming it', async () => {
    synthShop();

    const result = await run('status', 'shop', '--host', `unix://${path.join(project, 'no-such.sock')}`);

    expect(result.code).toBe(EXIT.error);
    expect(result.stderr).toContain(`error: cannot reach the Docker engine at unix://${path.join(project, 'no-such.sock')} (from --host)`);
  });

  test.each([
    [['status', 'shop', '--watch', '--interval', '0'], '--interval 0 is not a number of seconds above 0'],
    [['logs', 'shop', '--since', 'yesterday'], '--since yesterday is neither a duration nor a time'],
    [['logs', 'shop', '--tail', '-1'], '--tail -1 is not a number of lines'],
  ])('fails when an option is out of range: %j', async (argv, message) => {
    synthShop();

    const result = await run(...argv, '--host', `unix://${path.join(project, 'no-such.sock')}`);

    expect(result.code).toBe(EXIT.error);
    expect(result.stderr).toContain(`error: ${message}`);
  });

  test('fails on an unknown command, with commander\'s message', async () => {
    const result = await run('stauts', 'shop');

    expect(result.code).toBe(EXIT.error);
    expect(result.stderr).toMatch(/unknown command 'stauts'/);
  });
});

test('--version prints the package version', async () => {
  const { version } = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as { version: string };

  expect(await run('--version')).toEqual({ code: EXIT.ok, stdout: `${version}\n`, stderr: '' });
});

describe('cdktf-docker-stacks status --watch (a stand-in engine)', () => {
  /** The shop stack's one container, answering `inspect` with whatever `answer` returns. */
  function shopEngine(answer: FakeContainer['inspect'], calls?: FakeCalls): { connect: (engine: EngineChoice) => Promise<Docker>; engines: EngineChoice[] } {
    const engines: EngineChoice[] = [];
    const docker = fakeDocker([{ name: 'shop-api', stack: 'shop', service: 'api', inspect: answer }], { 'example/api:1.0.0': IMAGE_ID }, calls);
    return {
      engines,
      connect: (engine) => {
        engines.push(engine);
        return Promise.resolve(docker);
      },
    };
  }

  const checks = (stdout: string): StackStatus[] => stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as StackStatus);

  test('given --count 3, when status --watch --json runs, then it prints three checks, one JSON line each, and exits 0', async () => {
    synthShop();
    const calls = { list: 0, inspect: 0 };
    const { connect, engines } = shopEngine(() => runningContainer('shop-api'), calls);

    const result = await runWith({ connect }, 'status', 'shop', '--watch', '--json', '--interval', '0.01', '--count', '3');

    expect(result.code).toBe(EXIT.ok);
    expect(result.stderr).toBe('');
    expect(checks(result.stdout).map((c) => [c.stack, c.ok, c.containers.map((x) => x.container)])).toEqual(Array(3).fill(['shop', true, ['shop-api']]));
    expect(calls.inspect).toBe(3);
    expect(engines[0]).toEqual({ address: undefined, source: 'default' });
  });

  test('given Ctrl-C while it waits for the next check, then it stops at once and exits with the last check\'s code', async () => {
    synthShop();
    let interrupt: () => void = () => undefined;
    const interrupted = new Promise<void>((resolve) => (interrupt = resolve));
    // The check finds the container unhealthy; the user presses Ctrl-C while the command waits for the next.
    const { connect } = shopEngine(() => {
      setTimeout(interrupt, 50);
      return runningContainer('shop-api', 'unhealthy');
    });
    const started = Date.now();

    // An interval of an hour: only the interrupt can end the wait.
    const result = await runWith({ connect, interrupted }, 'status', 'shop', '--watch', '--json', '--interval', '3600');

    expect(Date.now() - started).toBeLessThan(4000);
    expect(checks(result.stdout).map((c) => c.ok)).toEqual([false]);
    expect(result.code).toBe(EXIT.unhealthy);
  });

  test('given the last check healthy after an unhealthy one, then the exit code follows the last check', async () => {
    synthShop();
    let n = 0;
    const { connect } = shopEngine(() => runningContainer('shop-api', ++n === 1 ? 'starting' : 'healthy'));

    const result = await runWith({ connect }, 'status', 'shop', '--watch', '--json', '--interval', '0.01', '--count', '2');

    expect(checks(result.stdout).map((c) => c.ok)).toEqual([false, true]);
    expect(result.code).toBe(EXIT.ok);
  });

  test('given Ctrl-C while a check waits for a hung engine, then it ends without a verdict, exit code 130', async () => {
    synthShop();
    let interrupt: () => void = () => undefined;
    const interrupted = new Promise<void>((resolve) => (interrupt = resolve));
    const { connect } = shopEngine(() => {
      setImmediate(interrupt);
      return new Promise<never>(() => undefined);
    });

    const result = await runWith({ connect, interrupted }, 'status', 'shop', '--watch', '--timeout', '3600');

    expect(result).toEqual({ code: EXIT.interrupted, stdout: '', stderr: '' });
  });

  test('fails when the engine does not answer within --timeout, naming the engine and the fix', async () => {
    synthShop();
    const { connect } = shopEngine(() => new Promise<never>(() => undefined));

    const result = await runWith({ connect }, 'status', 'shop', '--timeout', '0.05');

    expect(result.code).toBe(EXIT.error);
    expect(result.stderr).toBe('error: the Docker engine at unix:///var/run/docker.sock (from default) did not answer within 0.05 s\nfix: check that it runs (`docker info`), or allow more time with --timeout\n');
  });

  test('given a terminal, then each check of --watch redraws the screen; without one, checks are separated by a blank line', async () => {
    synthShop();
    const { connect } = shopEngine(() => runningContainer('shop-api'));

    const tty = await runWith({ connect, isTTY: true, env: { NO_COLOR: '1' } }, 'status', 'shop', '--watch', '--interval', '0.01', '--count', '2');
    const pipe = await runWith({ connect }, 'status', 'shop', '--watch', '--interval', '0.01', '--count', '2');

    expect(tty.stdout.split('\x1b[2J\x1b[H')).toHaveLength(3);
    expect(pipe.stdout).not.toContain('\x1b');
    expect(pipe.stdout.split('shop on unix:///var/run/docker.sock: all 1 containers running healthy')).toHaveLength(3);
    expect(pipe.stdout).toContain('\n\nshop on ');
  });

  test.each([
    [['--watch', '--count', '0'], '--count 0 is not a whole number of checks above 0', 'pass e.g. --count 10, or leave it out to watch until Ctrl-C'],
    [['--watch', '--count', '1.5'], '--count 1.5 is not a whole number of checks above 0', 'pass e.g. --count 10, or leave it out to watch until Ctrl-C'],
    [['--count', '3'], '--count 3 applies only with --watch', 'add --watch, or leave --count out'],
    [['--timeout', '0'], '--timeout 0 is not a number of seconds above 0', 'pass e.g. --timeout 30'],
    [['--timeout', 'soon'], '--timeout soon is not a number of seconds above 0', 'pass e.g. --timeout 30'],
    [['--watch', '--interval', 'x'], '--interval x is not a number of seconds above 0', 'pass e.g. --interval 2'],
  ])('fails when status gets %j, before it asks the engine', async (argv, message, fix) => {
    synthShop();
    const calls = { list: 0, inspect: 0 };
    const { connect } = shopEngine(() => runningContainer('shop-api'), calls);

    const result = await runWith({ connect }, 'status', 'shop', ...argv);

    expect(result).toEqual({ code: EXIT.error, stdout: '', stderr: `error: ${message}\nfix: ${fix}\n` });
    expect(calls.list).toBe(0);
  });
});

describe('cdktf-docker-stacks: bad input is one error with its fix, never a stack trace', () => {
  const noEngine = (): Promise<Docker> => Promise.reject(new Error('the engine must not be asked'));

  test.each([['status'], ['logs']])('fails when %s names an unknown stack, listing the stacks there are', async (command) => {
    synthShop();

    const result = await runWith({ connect: noEngine }, command, 'shopp');

    expect(result).toEqual({ code: EXIT.error, stdout: '', stderr: `error: no stack "shopp" in ${path.join(project, 'cdktf.out')}\nfix: use one of: shop\n` });
  });

  test.each([['status'], ['logs']])('fails when %s finds nothing synthesized, saying to synthesize', async (command) => {
    const result = await runWith({ connect: noEngine }, command, 'shop');

    expect(result).toEqual({ code: EXIT.error, stdout: '', stderr: `error: nothing synthesized: ${path.join(project, 'cdktf.out', 'manifest.json')} not found\nfix: run \`npx cdktf synth\` first, or pass --synth\n` });
  });

  test('fails when logs names unknown services, listing the services of the stack', async () => {
    synthShop();
    const docker = fakeDocker([], {});

    const result = await runWith({ connect: () => Promise.resolve(docker) }, 'logs', 'shop', 'api', 'wbe', 'db');

    expect(result).toEqual({ code: EXIT.error, stdout: '', stderr: 'error: no service "wbe", "db" in the stack\nfix: use one of: api\n' });
  });

  test('fails when the stack has no container on the engine, naming the engine and how to deploy', async () => {
    synthShop();
    const docker = fakeDocker([], {});

    const result = await runWith({ connect: () => Promise.resolve(docker) }, 'logs', 'shop');

    expect(result).toEqual({
      code: EXIT.error,
      stdout: '',
      stderr: 'error: no container of stack "shop" on unix:///var/run/docker.sock\nfix: deploy it (`npx cdktf deploy shop`), or point --host / CDS_DOCKER_HOST at the engine it runs on\n',
    });
  });

  test.each([['yesterday'], ['10 m'], ['10x'], ['-5m'], ['2024-13-45'], ['']])('fails when logs gets --since %j', async (since) => {
    synthShop();

    const result = await runWith({ connect: noEngine }, 'logs', 'shop', '--since', since);

    expect(result).toEqual({
      code: EXIT.error,
      stdout: '',
      stderr: `error: --since ${since} is neither a duration nor a time\nfix: pass e.g. --since 10m, --since 2h, or --since 2024-05-01T10:00:00Z\n`,
    });
  });

  test.each([
    ['manifest.json', (out: string) => path.join(out, 'manifest.json')],
    ["the stack's cdk.tf.json", (out: string) => path.join(out, 'stacks', 'shop', 'cdk.tf.json')],
  ])('fails when %s is not valid JSON, naming the file and saying to synthesize again', async (_what, file) => {
    synthShop();
    const broken = file(path.join(project, 'cdktf.out'));
    fs.writeFileSync(broken, '{"stacks": ');

    const result = await runWith({ connect: noEngine }, 'status', 'shop');

    expect(result.code).toBe(EXIT.error);
    expect(result.stderr).toMatch(new RegExp(`^error: ${escape(broken)} is not valid JSON: .+\\nfix: synthesize again: \`npx cdktf synth\`, or pass --synth\\n$`));
  });

  test('fails with the message and no stack trace when the engine answers with an error', async () => {
    synthShop();
    const failing = { listContainers: () => Promise.reject(Object.assign(new Error('(HTTP code 500) server error - layer store is broken'), { statusCode: 500 })) } as unknown as Docker;

    const result = await runWith({ connect: () => Promise.resolve(failing) }, 'status', 'shop');

    expect(result).toEqual({
      code: EXIT.error,
      stdout: '',
      stderr: 'error: the Docker engine at unix:///var/run/docker.sock failed: (HTTP code 500) server error - layer store is broken\nfix: check the engine (`docker info`, its log); CDS_DEBUG=1 prints the stack trace\n',
    });
  });

  test('given CDS_DEBUG=1, then an unexpected failure prints its stack trace too', async () => {
    synthShop();
    const failing = { listContainers: () => Promise.reject(new TypeError('boom')) } as unknown as Docker;

    const result = await runWith({ connect: () => Promise.resolve(failing), env: { CDS_DEBUG: '1' } }, 'status', 'shop');

    expect(result.code).toBe(EXIT.error);
    expect(result.stderr).toContain('TypeError: boom\n    at ');
  });

  test.each([
    [['status'], "missing required argument 'stack'"],
    [['status', 'shop', '--jsn'], "unknown option '--jsn'"],
    [['stauts', 'shop'], "unknown command 'stauts'"],
  ])('fails when the command line is %j, with the usage as the fix', async (argv, message) => {
    const result = await run(...argv);

    expect(result.code).toBe(EXIT.error);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`error: ${message}`);
    expect(result.stderr).toMatch(/\nfix: see `cdktf-docker-stacks (status )?--help`\n$/);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('cdktf-docker-stacks export-compose', () => {
  test('fails when the project has no cdktf.json, through the CLI, with the error and its fix and exit 2', async () => {
    const result = await run('export-compose', 'shop');

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`error: no cdktf.json in ${project}\nfix: run the command in the project directory, or pass --dir\n`);
  });

  test('is listed in the help with its options', async () => {
    const result = await runWith({}, 'export-compose', '--help');

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--file <file>');
    expect(result.stdout).toContain('compose file');
  });
});

describe('cdktf-docker-stacks restore', () => {
  test('fails when the stack was never synthesized, naming the fix, with exit 2', async () => {
    const result = await run('restore', 'nowhere', '--list');

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: nothing synthesized: .*\nfix: /);
  });

  test.each([['--force'], ['--dump', 'app-20260101T030000Z.dump']])('given --list with %s, then it is refused before the engine is asked, with exit 2', async (...flags) => {
    synthShop();
    const result = await runWith({ connect: () => Promise.reject(new Error('the engine must not be asked')) }, 'restore', 'shop', '--list', ...flags);

    expect(result).toMatchObject({ code: 2, stderr: 'error: --list only lists the dumps\nfix: leave --force and --dump out with --list\n' });
  });

  test('given a synthesized stack with no scheduler, when the engine has none, then the error says so and exits 2', async () => {
    synthShop();
    const result = await runWith({ connect: () => Promise.resolve(fakeDocker([], {})) }, 'restore', 'shop', '--list');

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: .*\nfix: /);
  });
});

describe('cdktf-docker-stacks adopt', () => {
  test('fails when the stack was never synthesized, naming the fix, with exit 2', async () => {
    const result = await run('adopt', 'shop');

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: nothing synthesized: .*\nfix: /);
  });
});

describe('cdktf-docker-stacks deploy, diff and destroy', () => {
  test.each(['deploy', 'diff', 'destroy'])('%s is listed in the help with --skip-synth and --lock-timeout', async (command) => {
    const result = await runWith({}, command, '--help');

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--skip-synth');
    expect(result.stdout).toContain('--lock-timeout <duration>');
  });
});
