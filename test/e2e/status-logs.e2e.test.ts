import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { LocalBackend } from 'cdktf';
import { chooseEngine, dockerClient } from '../../cli/engine';
import { parseTimestamped } from '../../cli/log-lines';
import { loadStack } from '../../cli/project';
import { collectStatus, type StackStatus } from '../../cli/status';
import { ContainerImage, DockerApp, DockerStack, Duration, HealthCheck, Port, RestartPolicy, Service, Size, StackNetwork } from '../../constructs';
import { CdktfWorkdir } from './support/cdktf-cli';
import { docker, exec } from './support/docker-api';

// Given an eight-service stack deployed healthy on the local engine, the day-2 commands
// `status` and `logs` (the compiled CLI, as the package ships it) tell the truth about it:
// a healthy stack, an image tag moved after the deploy, a container killed, one OOM-killed,
// one crash-looping (caught while Docker waits to restart it), one that crashed until its
// restarts ran out, one turned unhealthy; logs of two services interleaved in time order, and
// `logs -f` streaming new lines.
const root = path.resolve(__dirname, '../..');
const stackName = 'day2';
/** This file's own name prefix (containers, network, image tag), so parallel runs never clash. */
const prefix = `sl${process.pid}`;
const localImages = process.env.CDS_IMAGE_PREFIX ?? 'cds-local';
/** A tag of our own for the python image, so the test can move it after the deploy. */
const ownTag = `${prefix}/py:1`;
const SERVICES = ['web', 'ticker-a', 'ticker-b', 'victim', 'hog', 'crasher', 'looper', 'sick'];
const ALL_SERVICES = SERVICES.length;
const BURST_LINES = 100_000;
let cli: CdktfWorkdir;
let webHostPort: number;

/** A host port nothing listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A Python program that waits for /tmp/go (created by `docker exec`), then runs `then`. */
const onGo = (then: string): string => `import os, sys, time\nwhile not os.path.exists('/tmp/go'): time.sleep(0.2)\n${then}`;
/** Prints `<tag> <n>` every 0.2 s, starting after `offset` seconds. */
const ticker = (tag: string, offset: number): string => `import time\ntime.sleep(${offset})\nfor i in range(10**9):\n    print(f'${tag} {i}', flush=True)\n    time.sleep(0.2)`;

beforeAll(async () => {
  webHostPort = await freePort();
  // The CLI as it is published: compiled to lib/cli.
  execOk('npx', ['tsc', '-p', 'tsconfig.build.json']);
  execOk('docker', ['tag', `${localImages}/python:3`, ownTag]);

  cli = new CdktfWorkdir(fs.mkdtempSync(path.join(os.tmpdir(), 'cds-day2-')));
  const app = new DockerApp({ outdir: cli.outdir });
  const stack = new DockerStack(app, stackName, { namePrefix: prefix });
  new LocalBackend(stack, { path: path.join(cli.workdir, `terraform.${stackName}.tfstate`) });
  const net = new StackNetwork(stack, 'net');
  const python = ContainerImage.fromRegistry(`${localImages}/python:3`);
  const quick = { interval: Duration.seconds(2), timeout: Duration.seconds(2), retries: 2, startPeriod: Duration.seconds(10) };
  const alive = HealthCheck.command(['true'], quick);
  const common = { networks: [{ network: net }], stopGracePeriod: Duration.seconds(1) };
  new Service(stack, 'web', {
    ...common,
    image: ContainerImage.fromRegistry(ownTag),
    command: ['python3', '-m', 'http.server', '8000'],
    healthCheck: HealthCheck.httpGet('/', { port: Port.tcp(8000), ...quick }),
    ports: [{ containerPort: Port.tcp(8000), hostPort: Port.tcp(webHostPort) }],
  });
  new Service(stack, 'ticker-a', { ...common, image: python, command: ['python3', '-c', ticker('a', 0)], healthCheck: alive });
  new Service(stack, 'ticker-b', { ...common, image: python, command: ['python3', '-c', ticker('b', 0.1)], healthCheck: alive });
  // Writes a burst of log lines at start (the logs throughput figure), then sleeps until killed.
  new Service(stack, 'victim', {
    ...common,
    image: python,
    command: ['python3', '-c', `import sys, time\nfor i in range(${BURST_LINES}): print(f'line {i} ' + 'x' * 40)\nsys.stdout.flush()\ntime.sleep(10**9)`],
    healthCheck: alive,
  });
  new Service(stack, 'hog', {
    ...common,
    image: python,
    command: ['python3', '-c', onGo("print('allocating 200 MB', flush=True)\nb = bytearray(200 * 1024 * 1024)\nprint('survived', flush=True)")],
    memoryLimit: Size.mebibytes(32),
    restartPolicy: RestartPolicy.never(),
    healthCheck: alive,
  });
  new Service(stack, 'crasher', {
    ...common,
    image: python,
    command: ['python3', '-c', onGo("print('crashing: exit 3', flush=True)\nsys.exit(3)")],
    restartPolicy: RestartPolicy.onFailure(2),
    healthCheck: alive,
  });
  // Crashes at every start once told to: Docker restarts it after 0.1, 0.2, 0.4 ... s, so it
  // spends most of its time "restarting" (bounded at 10, far more than the test waits for).
  new Service(stack, 'looper', {
    ...common,
    image: python,
    command: ['python3', '-c', onGo("print('looping: exit 4', flush=True)\nsys.exit(4)")],
    restartPolicy: RestartPolicy.onFailure(10),
    healthCheck: alive,
  });
  new Service(stack, 'sick', {
    ...common,
    image: python,
    command: ['python3', '-c', 'import time; time.sleep(10**9)'],
    healthCheck: HealthCheck.shell('if test -f /tmp/sick; then echo "flag /tmp/sick present"; exit 1; fi', ['test'], quick),
  });
  app.synth();
  cli.deploy(stackName);
});

afterAll(async () => {
  if (cli) {
    cli.run(['destroy', stackName, '--auto-approve']);
    fs.rmSync(cli.workdir, { recursive: true, force: true });
  }
  await docker
    .getImage(ownTag)
    .remove({ noprune: true })
    .catch(() => undefined);
});

function execOk(command: string, args: readonly string[]): string {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

interface Run {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** Runs the compiled CLI in the deploy's working directory (it reads cdktf.out there). */
function cds(...args: string[]): Run {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [path.join(root, 'lib/cli/main.js'), ...args, '--dir', cli.workdir], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 256 * 1024 * 1024 });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

function statusJson(): { run: Run; status: StackStatus } {
  const run = cds('status', stackName, '--json');
  return { run, status: JSON.parse(run.stdout) as StackStatus };
}

function byService(status: StackStatus): Record<string, StackStatus['containers'][number]> {
  return Object.fromEntries(status.containers.map((c) => [c.service, c]));
}

async function until<T>(what: string, probe: () => T, done: (value: T) => boolean, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = probe();
  while (!done(value)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value, null, 2).slice(0, 4000)}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    value = probe();
  }
  return value;
}

test('a healthy stack: status shows every service running healthy, with its ports and image, and exits 0', async () => {
  // Health checks that are still starting make status fail: wait for all to pass (deploy waited for each once).
  const { run, status } = await until('every container healthy', statusJson, (s) => s.status.ok);

  expect(run.status).toBe(0);
  expect(status.containers.map((c) => c.service).sort()).toEqual([...SERVICES].sort());
  for (const c of status.containers) {
    expect(c).toMatchObject({ declared: true, state: 'running', health: 'healthy', restartCount: 0, oomKilled: false, ok: true, problems: [], image: { state: 'current' } });
    expect(c.image.deployedId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(c.uptimeSeconds).toBeGreaterThanOrEqual(0);
    expect(c.lastProbe?.exitCode).toBe(0);
  }
  const web = byService(status).web;
  expect(web).toMatchObject({ container: `${prefix}-web`, ports: [{ hostIp: '127.0.0.1', hostPort: webHostPort, containerPort: 8000, protocol: 'tcp' }], image: { synthesized: ownTag } });

  const table = cds('status', stackName);
  expect(table.status).toBe(0);
  expect(table.stdout).toContain(`${stackName} on unix:///var/run/docker.sock: all ${ALL_SERVICES} containers running healthy`);
  expect(table.stdout).toMatch(new RegExp(`web +${prefix}-web +running +healthy +0 +- +\\S+ +${ownTag.replace(/[./]/g, '\\$&')} +127\\.0\\.0\\.1:${webHostPort}->8000/tcp`));

  // Latency of a whole status run (a new process: start-up, synthesized JSON, engine calls),
  // and of the engine calls alone (in this process, client loaded).
  const median = (xs: number[]): string => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)].toFixed(0);
  const runs = Array.from({ length: 7 }, () => cds('status', stackName, '--json').ms);
  const client = await dockerClient(chooseEngine(undefined, undefined, {}));
  const json = loadStack(cli.outdir, stackName).json;
  const calls: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t = process.hrtime.bigint();
    await collectStatus(client, stackName, json, 'local');
    calls.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const version = cds('--version').ms;
  console.log(`status of a ${ALL_SERVICES}-service stack: whole run median ${median(runs)} ms (7 runs; \`--version\` alone ${version.toFixed(0)} ms), engine calls median ${median(calls)} ms`);
});

test('status --watch --json prints one line per check until Ctrl-C, and exits with the last check\'s code', async () => {
  const child = spawn(process.execPath, [path.join(root, 'lib/cli/main.js'), 'status', stackName, '--watch', '--json', '--interval', '0.5', '--dir', cli.workdir]);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const started = Date.now();
  while (output.split('\n').length < 4 && Date.now() - started < 10_000) await new Promise((resolve) => setTimeout(resolve, 50));

  child.kill('SIGINT');

  expect(await exited).toBe(0);
  const checks = output.trimEnd().split('\n').map((line) => JSON.parse(line) as StackStatus);
  expect(checks.length).toBeGreaterThanOrEqual(3);
  expect(checks.every((c) => c.ok && c.containers.length === ALL_SERVICES)).toBe(true);
  expect(new Set(checks.map((c) => c.checkedAt)).size).toBe(checks.length);
});

test(`logs of a container that wrote ${BURST_LINES} lines: every line, in order (throughput)`, () => {
  const one = cds('logs', stackName, 'victim');
  const all = cds('logs', stackName);

  expect(one.status).toBe(0);
  const lines = one.stdout.trimEnd().split('\n');
  expect(lines).toHaveLength(BURST_LINES);
  expect(lines[0]).toBe(`victim | line 0 ${'x'.repeat(40)}`);
  expect(lines[BURST_LINES - 1]).toBe(`victim | line ${BURST_LINES - 1} ${'x'.repeat(40)}`);
  const allLines = all.stdout.trimEnd().split('\n').length;
  expect(allLines).toBeGreaterThan(BURST_LINES);
  console.log(`logs throughput: ${BURST_LINES} lines of one container in ${one.ms.toFixed(0)} ms (${Math.round(BURST_LINES / (one.ms / 1000))} lines/s); the whole stack, ${allLines} lines merged, in ${all.ms.toFixed(0)} ms`);
});

test('an image tag moved after the deploy: status says the container runs an outdated image, without failing', () => {
  // Given the tag the stack references now names another image
  execOk('docker', ['tag', `${localImages}/redis:7`, ownTag]);

  // When
  const { run, status } = statusJson();

  // Then
  const web = byService(status).web;
  expect(run.status).toBe(0);
  expect(web.image.state).toBe('outdated');
  expect(web.image.synthesizedId).not.toBe(web.image.deployedId);
  expect(web.notes).toEqual([expect.stringMatching(new RegExp(`^runs image [0-9a-f]{12}, but ${ownTag.replace(/[./]/g, '\\$&')} is now [0-9a-f]{12}: a deploy replaces the container$`))]);
});

test('logs: two services interleaved in time order, each line prefixed with its service', () => {
  const run = cds('logs', stackName, 'ticker-a', 'ticker-b', '--timestamps', '--since', '10m');

  expect(run.status).toBe(0);
  const lines = run.stdout.trimEnd().split('\n');
  const parsed = lines.map((l) => /^(ticker-[ab]) \| (\S+) ([ab]) (\d+)$/.exec(l));
  expect(parsed.every((m) => m !== null)).toBe(true);
  const entries = parsed.map((m) => ({ source: m![1], timestamp: m![2], tag: m![3], n: Number(m![4]) }));
  // Each prefix matches its service's own output.
  expect(entries.every((e) => e.source === `ticker-${e.tag}`)).toBe(true);
  // Time order across the two services (the timestamps are the engine's).
  const keys = entries.map((e) => parseTimestamped(`${e.timestamp} x`)?.key ?? '');
  expect(keys).toEqual([...keys].sort());
  // Interleaved: the services alternate, not one block after the other.
  const switches = entries.filter((e, i) => i > 0 && e.source !== entries[i - 1].source).length;
  expect(switches).toBeGreaterThan(entries.length / 2);
  // And within each service nothing is lost or reordered.
  for (const tag of ['a', 'b']) {
    const ns = entries.filter((e) => e.tag === tag).map((e) => e.n);
    expect(ns).toEqual(Array.from({ length: ns.length }, (_, i) => ns[0] + i));
  }
});

test('logs -f streams a line written after it started, within 5 s, and ends on Ctrl-C', async () => {
  const child = spawn(process.execPath, [path.join(root, 'lib/cli/main.js'), 'logs', stackName, 'ticker-a', '-f', '--tail', '1', '--dir', cli.workdir], { env: { ...process.env, NO_COLOR: '1' } });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  // The first line is the tail of the history; wait for one more, written after that.
  const started = Date.now();
  const numbers = (): number[] => [...output.matchAll(/^ticker-a \| a (\d+)$/gm)].map((m) => Number(m[1]));
  while (numbers().length < 3 && Date.now() - started < 5000) await new Promise((resolve) => setTimeout(resolve, 50));
  const streamedMs = Date.now() - started;

  child.kill('SIGINT');
  const code = await exited;
  expect(numbers().length).toBeGreaterThanOrEqual(3);
  expect(numbers()).toEqual(Array.from({ length: numbers().length }, (_, i) => numbers()[0] + i));
  expect(streamedMs).toBeLessThan(5000);
  expect(code).toBe(0);
  console.log(`logs -f: history and two new lines within ${streamedMs} ms`);
});

test('a container killed, one OOM-killed, one crash-looping, one crashed to its bound, one unhealthy: status shows each truthfully and exits 1', async () => {
  // Given
  await docker.getContainer(`${prefix}-victim`).kill();
  await exec(`${prefix}-hog`, ['touch', '/tmp/go']);
  await exec(`${prefix}-crasher`, ['touch', '/tmp/go']);
  await exec(`${prefix}-looper`, ['touch', '/tmp/go']);
  await exec(`${prefix}-sick`, ['touch', '/tmp/sick']);

  // When the engine has seen it all through (restarts back off: 100 ms, 200 ms)
  const { run, status } = await until(
    'the failures to settle',
    statusJson,
    ({ status: s }) => {
      const c = byService(s);
      return (
        c.hog.state === 'exited' &&
        c.crasher.state === 'exited' &&
        c.crasher.restartCount === 2 &&
        c.looper.state === 'restarting' &&
        c.looper.restartCount >= 3 &&
        c.sick.health === 'unhealthy' &&
        c.victim.state === 'exited'
      );
    },
  );

  // Then
  const c = byService(status);
  expect(run.status).toBe(1);
  expect(status.ok).toBe(false);
  expect(c.victim).toMatchObject({ state: 'exited', exitCode: 137, oomKilled: false, ok: false });
  expect(c.victim.problems[0]).toMatch(/^exited: exited with code 137, killed \(SIGKILL: docker kill, or the engine stopping it\) \d+s ago$/);
  expect(c.hog).toMatchObject({ state: 'exited', exitCode: 137, oomKilled: true, restartCount: 0, ok: false, memoryLimitBytes: 32 * 1024 * 1024 });
  expect(c.hog.problems[0]).toMatch(/^exited: exited with code 137, killed by the kernel: out of memory \(memory limit 32 MiB\) \d+s ago$/);
  expect(c.crasher).toMatchObject({ state: 'exited', exitCode: 3, oomKilled: false, restartCount: 2, ok: false });
  expect(c.crasher.problems).toEqual([expect.stringMatching(/^exited: exited with code 3 \d+s ago$/), 'gave up after 2 restarts']);
  expect(c.looper).toMatchObject({ state: 'restarting', exitCode: 4, oomKilled: false, ok: false });
  expect(c.looper.uptimeSeconds).toBeUndefined();
  expect(c.looper.problems).toEqual([`restarting after it exited with code 4 (restart ${c.looper.restartCount})`]);
  expect(c.sick).toMatchObject({ state: 'running', health: 'unhealthy', ok: false, lastProbe: { exitCode: 1, output: 'flag /tmp/sick present' } });
  expect(c.sick.problems).toEqual(['unhealthy: last probe exited 1: flag /tmp/sick present']);
  for (const healthy of ['web', 'ticker-a', 'ticker-b']) expect(c[healthy]).toMatchObject({ state: 'running', health: 'healthy', ok: true });

  const table = cds('status', stackName);
  expect(table.status).toBe(1);
  expect(table.stdout).toContain(`3 of ${ALL_SERVICES} containers running healthy`);
  expect(table.stdout).toMatch(/looper +\S+ +(restarting|running) +\S+ +\d+ +(4|-) /);
  expect(table.stdout).toMatch(/hog +\S+ +exited +\S+ +0 +137 OOM /);
  expect(table.stdout).toContain(`crasher (${prefix}-crasher):\n  exited: exited with code 3`);

  // The crash loop's log holds every run: the first and both restarts.
  const logs = cds('logs', stackName, 'crasher', 'hog', 'looper');
  expect(logs.stdout.match(/^crasher \| crashing: exit 3$/gm)).toHaveLength(3);
  expect(logs.stdout.match(/^looper +\| looping: exit 4$/gm)?.length).toBeGreaterThanOrEqual(4);
  expect(logs.stdout).toMatch(/^hog +\| allocating 200 MB$/m);
  expect(logs.stdout).not.toContain('survived');
});

test('fails with exit 2 and the list of services when logs names an unknown one', () => {
  const run = cds('logs', stackName, 'wbe');

  expect(run.status).toBe(2);
  expect(run.stderr).toBe(`error: no service "wbe" in the stack\nfix: use one of: ${[...SERVICES].sort().join(', ')}\n`);
});
