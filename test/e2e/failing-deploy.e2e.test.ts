import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LocalBackend } from 'cdktf';
import { ContainerImage, DockerApp, DockerStack, Duration, HealthCheck, Port, Service, StackNetwork } from '../../constructs';
import { CdktfWorkdir } from './support/cdktf-cli';
import { containerState, docker } from './support/docker-api';

// Given a service that crashes at start (seed 000's restart loops), when it is deployed, then
// the deploy fails within the health check's bounded wait, restarts stop at the bound, and
// scripts/deploy.sh prints the container's own last log lines.
const stackName = 'crashing';
const prefix = `cds-crash-${process.pid}`;
const root = path.resolve(__dirname, '../..');
let cli: CdktfWorkdir;

beforeAll(() => {
  cli = new CdktfWorkdir(fs.mkdtempSync(path.join(os.tmpdir(), 'cds-crash-')));
  const app = new DockerApp({ outdir: cli.outdir });
  const stack = new DockerStack(app, stackName, { namePrefix: prefix });
  // Named after the stack: cdktf refuses to run next to a plain `terraform.tfstate`.
  new LocalBackend(stack, { path: path.join(cli.workdir, `terraform.${stackName}.tfstate`) });
  const net = new StackNetwork(stack, 'net');
  new Service(stack, 'api', {
    image: ContainerImage.fromRegistry(`${process.env.CDS_IMAGE_PREFIX ?? 'cds-local'}/python:3`),
    command: ['python3', '-c', "import sys; print('boom: ModuleNotFoundError: torch', flush=True); sys.exit(3)"],
    healthCheck: HealthCheck.httpGet('/health', { port: Port.tcp(8000), interval: Duration.seconds(1), timeout: Duration.seconds(1), retries: 2, startPeriod: Duration.seconds(0) }),
    networks: [{ network: net }],
  });
  app.synth();
});

afterAll(async () => {
  if ((await containerState(`${prefix}-api`)).exists) cli.run(['destroy', stackName, '--auto-approve']);
  fs.rmSync(cli.workdir, { recursive: true, force: true });
});

test('the deploy fails (it does not hang: wait_timeout is derived from the check) and shows the crash from the container logs', async () => {
  const result = spawnSync('bash', [path.join(root, 'scripts/deploy.sh'), stackName, '--auto-approve', '--skip-synth', '--skip-provider-lock', '--no-color'], {
    cwd: cli.workdir,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
    timeout: 10 * 60 * 1000,
  });
  const output = `${result.stdout}${result.stderr}`;

  expect(result.status).not.toBe(0);
  expect(output).toContain('failed to be in healthy state');
  expect(output).toContain(`${prefix}-api: exited`);
  expect(output).toContain('boom: ModuleNotFoundError: torch');

  const state = await containerState(`${prefix}-api`);
  expect(state.running).toBe(false);
  expect(state.restartCount).toBe(5);
  const info = await docker.getContainer(`${prefix}-api`).inspect();
  expect(info.HostConfig.RestartPolicy).toEqual({ Name: 'on-failure', MaximumRetryCount: 5 });
});

test('destroy removes the failed container', async () => {
  cli.destroy(stackName);

  expect(await containerState(`${prefix}-api`)).toMatchObject({ exists: false });
});
