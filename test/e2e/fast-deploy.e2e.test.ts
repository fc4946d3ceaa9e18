import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { containerState, docker, removeVolume, waitForHealthy } from './support/docker-api';

// `cdktf-docker-stacks deploy|diff|destroy` run Terraform directly on the synthesized stack,
// without the cdktf CLI. Given a project (test/fixtures/fast-app), when it is deployed, then
// every container runs healthy; a diff right after is empty (exit 0); a killed container shows
// as a change (exit 1); a deploy heals it; destroy removes the container and keeps the volume.
const root = path.resolve(__dirname, '..', '..');
const prefix = `fast${process.pid % 10000}`;
const container = `${prefix}-web`;
let project: string;

function cli(...args: string[]): { status: number | null; output: string; seconds: number } {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'cli', 'main.ts'), ...args, '--dir', project], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, FAST_PREFIX: prefix, FAST_STATE: path.join(project, 'terraform.fast.tfstate'), CHECKPOINT_DISABLE: '1' },
    timeout: 300_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}`, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

beforeAll(() => {
  project = fs.mkdtempSync(path.join(os.tmpdir(), 'cds-fast-'));
  // The app command runs in the project directory; tsx is resolved from this repository.
  fs.writeFileSync(path.join(project, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: `node --import ${JSON.stringify(require.resolve('tsx'))} ${JSON.stringify(path.join(root, 'test', 'fixtures', 'fast-app', 'app.ts'))}` }));
});

afterAll(async () => {
  if ((await containerState(container)).exists) cli('destroy', 'fast');
  await removeVolume(`${prefix}-data`);
  fs.rmSync(project, { recursive: true, force: true });
});

test('deploy applies the stack and returns once the container is healthy', async () => {
  const deploy = cli('deploy', 'fast');
  console.log(`cdktf-docker-stacks deploy (cold): ${deploy.seconds.toFixed(1)} s`);
  expect({ status: deploy.status, output: deploy.output }).toEqual({ status: 0, output: expect.stringContaining('Apply complete!') as string });
  expect(await containerState(container)).toEqual(expect.objectContaining({ running: true, health: 'healthy' }));
});

test('diff right after the deploy has no changes and exits 0', () => {
  const diff = cli('diff', 'fast');
  console.log(`cdktf-docker-stacks diff (no-op): ${diff.seconds.toFixed(1)} s`);
  expect({ status: diff.status, output: diff.output }).toEqual({ status: 0, output: expect.stringContaining('No changes.') as string });
});

test('diff shows a killed container as a change and exits 1; deploy heals it', async () => {
  await docker.getContainer(container).kill();
  const diff = cli('diff', 'fast', '--skip-synth');
  // The provider reads a stopped container back with must_run false: an update in place.
  expect({ status: diff.status, output: diff.output }).toEqual({ status: 1, output: expect.stringMatching(/Plan: 0 to add, 1 to change, 0 to destroy/) as string });
  expect(cli('deploy', 'fast', '--skip-synth').status).toBe(0);
  // An update in place starts the container again; the provider waits for health only on create.
  expect(await waitForHealthy(container)).toEqual(expect.objectContaining({ running: true, health: 'healthy' }));
});

test('destroy removes the container and keeps the data volume', async () => {
  expect(cli('destroy', 'fast').status).toBe(0);
  expect((await containerState(container)).exists).toBe(false);
  expect((await docker.getVolume(`${prefix}-data`).inspect()).Name).toBe(`${prefix}-data`);
});
