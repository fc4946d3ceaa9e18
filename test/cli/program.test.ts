import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Writable } from 'stream';
import { App } from 'cdktf';
import { renderMermaid } from '../../cli/diagram';
import { EXIT } from '../../cli/errors';
import { runCli } from '../../cli/program';
import { ContainerImage, DockerApp, DockerStack, HealthCheck, Service, StackNetwork } from '../../constructs';
import { stackTopology } from '../../constructs/private/topology';

let project: string;

beforeEach(() => {
  project = fs.mkdtempSync(path.join(os.tmpdir(), 'cds-cli-'));
});

afterEach(() => {
  fs.rmSync(project, { recursive: true, force: true });
});

/** Runs the CLI in `project` and collects what it writes. */
async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        append(chunk.toString());
        done();
      },
    });
  const code = await runCli([...argv, '--dir', project], {
    stdout: sink((s) => (stdout += s)),
    stderr: sink((s) => (stderr += s)),
    env: {},
    interrupted: new Promise(() => undefined),
  });
  return { code, stdout, stderr };
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
