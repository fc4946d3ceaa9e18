import { spawnSync } from 'child_process';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LocalBackend } from 'cdktf';
import { DockerApp } from '../../constructs';
import { SERVICE_LABELS } from '../../constructs/service';
import { addSeedStacks, LOCAL_IMAGES } from '../../stacks';
import { CdktfWorkdir, CliResult } from './support/cdktf-cli';
import { docker, exec, removeVolume } from './support/docker-api';
import { RequestLoop, RequestLoopSummary } from './support/request-loop';

// Seed 004's zero-downtime switch, for real: my-ia's app is UpdateOrder.START_FIRST. Given the
// stack deployed and a client sending requests through the frontend proxy on both of its host
// ports, when the app's image changes (an upgrade, a rollback, a broken build), then the new
// container starts beside the old one and the old one goes only once the new one is healthy:
// no request fails, and a new container that never turns healthy leaves the old one serving.
const prefix = `zd${process.pid % 10000}`;
const stackPrefix = `${prefix}-my-ia`;
const ports = { app: 18182, frontend: 18183 };
const urls = [`http://127.0.0.1:${ports.app}/`, `http://127.0.0.1:${ports.frontend}/`];
const appImage = (version: string) => `cds-e2e/my-ia-app:${version}`;
let cli: CdktfWorkdir;

/** The demo app with APP_VERSION set, committed as a new image (no registry, no build). */
async function commitAppImage(version: string, changes: readonly string[]): Promise<void> {
  const base = await docker.createContainer({ Image: LOCAL_IMAGES.app, Cmd: ['true'] });
  try {
    await base.commit({ repo: 'cds-e2e/my-ia-app', tag: version, changes: [`ENV APP_VERSION=${version}`, ...changes] });
  } finally {
    await base.remove({ force: true });
  }
}

function synthesize(appVersion: string): void {
  const app = new DockerApp({ outdir: cli.outdir });
  const [stack] = addSeedStacks(app, { imageProfile: 'local', namePrefix: prefix, hostPorts: { 'my-ia.app': ports.app, 'my-ia.frontend': ports.frontend }, images: { app: appImage(appVersion) } }, ['my-ia']);
  new LocalBackend(stack, { path: path.join(cli.workdir, 'terraform.my-ia.tfstate') });
  app.synth();
}

async function appContainers() {
  const found = await docker.listContainers({ all: true, filters: { label: [`${SERVICE_LABELS.stack}=${stackPrefix}`, `${SERVICE_LABELS.service}=app`] } });
  return Promise.all(found.map(async (c) => {
    const info = await docker.getContainer(c.Id).inspect();
    return { name: info.Name.replace(/^\//, ''), running: info.State.Running, health: info.State.Health?.Status, version: info.Config.Env.find((e) => e.startsWith('APP_VERSION='))?.slice('APP_VERSION='.length) };
  }));
}

/** Deploys `appVersion` while a client keeps sending requests; prints what the client saw. */
async function deployUnderLoad(appVersion: string): Promise<{ deploy: CliResult; load: RequestLoopSummary }> {
  synthesize(appVersion);
  const loop = new RequestLoop(urls);
  loop.start();
  const deploy = await cli.runAsync(['deploy', 'my-ia', '--auto-approve']);
  // A little longer, so requests right after the old container is gone are counted too.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const load = await loop.stop();
  console.log(
    `deploy ${appVersion}: exit ${deploy.status}, ${load.records.length} requests, ${load.failures.length} failed, ` +
      `versions seen ${load.versions.join(' -> ')}, slowest ${load.maxLatencyMs} ms, ${load.records.filter((r) => r.latencyMs > 1000).length} over 1 s` +
      (load.failures.length > 0 ? `\n${load.failures.slice(0, 10).map((f) => `  ${f.at} ms ${f.url}: ${f.status ?? f.error}`).join('\n')}` : ''),
  );
  return { deploy, load };
}

beforeAll(async () => {
  for (const variable of ['my_ia_api_key', 'my_ia_postgres_password']) process.env[`TF_VAR_${variable}`] = randomBytes(18).toString('base64url');
  cli = new CdktfWorkdir(fs.mkdtempSync(path.join(os.tmpdir(), 'cds-zero-downtime-')));
  await commitAppImage('v1', []);
  await commitAppImage('v2', []);
  // Seed 004's own failure ("No module named 'app'"): the package is not importable from the working directory.
  await commitAppImage('broken', ['WORKDIR /tmp']);
  synthesize('v1');
  cli.deploy('my-ia');
});

afterAll(async () => {
  if ((await docker.listContainers({ all: true, filters: { label: [`${SERVICE_LABELS.stack}=${stackPrefix}`] } })).length > 0) cli.run(['destroy', 'my-ia', '--auto-approve']);
  const { Volumes } = await docker.listVolumes();
  for (const volume of (Volumes ?? []).filter((v) => v.Name.startsWith(`${stackPrefix}-`))) await removeVolume(volume.Name);
  for (const version of ['v1', 'v2', 'broken']) await docker.getImage(appImage(version)).remove({ force: true }).catch(() => undefined);
  fs.rmSync(cli.workdir, { recursive: true, force: true });
});

test('an upgrade starts the new app beside the old one and swaps without a failed request', async () => {
  const [before] = await appContainers();
  expect(before).toMatchObject({ running: true, health: 'healthy', version: 'v1' });

  const { deploy, load } = await deployUnderLoad('v2');

  expect(deploy.status).toBe(0);
  expect(load.records.length).toBeGreaterThan(100);
  expect(load.failures).toEqual([]);
  expect(load.versions).toEqual(['v1', 'v2']);
  expect(load.records.slice(-10).map((r) => r.version)).toEqual(Array(10).fill('v2'));
  const after = await appContainers();
  expect(after).toEqual([expect.objectContaining({ running: true, health: 'healthy', version: 'v2' })]);
  expect(after[0].name).not.toBe(before.name);
  expect(cli.diff('my-ia')).toEqual({ kind: 'no-changes' });
});

test('a rollback to the tagged previous image is the same zero-downtime swap', async () => {
  const { deploy, load } = await deployUnderLoad('v1');

  expect(deploy.status).toBe(0);
  expect(load.failures).toEqual([]);
  expect(load.versions).toEqual(['v2', 'v1']);
  expect(await appContainers()).toEqual([expect.objectContaining({ running: true, health: 'healthy', version: 'v1' })]);
  expect(cli.diff('my-ia')).toEqual({ kind: 'no-changes' });
});

test('a new app that never turns healthy fails the deploy and the old one keeps serving', async () => {
  const { deploy, load } = await deployUnderLoad('broken');

  expect(deploy.status).not.toBe(0);
  expect(deploy.output).toMatch(/failed to be in healthy state/);
  expect(load.failures).toEqual([]);
  expect(load.versions).toEqual(['v1']);
  const containers = await appContainers();
  expect(containers.filter((c) => c.version === 'v1')).toEqual([expect.objectContaining({ running: true, health: 'healthy' })]);
  expect(containers.filter((c) => c.version === 'broken')).toHaveLength(1);
  expect(cli.diff('my-ia')).toMatchObject({ kind: 'changes' });
  // What scripts/deploy.sh prints after a failed deploy finds the new generation and shows its
  // own last words (uvicorn's, on stderr).
  const diagnosis = spawnSync('node', [path.resolve(__dirname, '../../scripts/diagnose-stack.js'), 'my-ia', cli.outdir], { encoding: 'utf8' });
  expect(diagnosis.stdout).toMatch(new RegExp(`- ${stackPrefix}-app-[0-9a-f]{6}: `));
  expect(diagnosis.stdout).toContain("ModuleNotFoundError: No module named 'app'");
});

test('deploying a good image after the failure swaps again and removes the failed container', async () => {
  const { deploy, load } = await deployUnderLoad('v2');

  expect(deploy.status).toBe(0);
  expect(load.failures).toEqual([]);
  expect(load.versions).toEqual(['v1', 'v2']);
  expect(await appContainers()).toEqual([expect.objectContaining({ running: true, health: 'healthy', version: 'v2' })]);
  expect(cli.diff('my-ia')).toEqual({ kind: 'no-changes' });
});

test('destroy keeps the data volumes, and a deploy after it opens the same database', async () => {
  const psql = async (sql: string) => {
    const result = await exec(`${stackPrefix}-postgres`, ['psql', '-h', '127.0.0.1', '-U', 'myia', '-d', 'myia', '-tAc', sql]);
    expect(result.exitCode).toBe(0);
    return result.output.trim();
  };
  await psql("CREATE TABLE IF NOT EXISTS e2e_proof (note text); INSERT INTO e2e_proof VALUES ('kept')");

  cli.destroy('my-ia');
  expect(await docker.listContainers({ all: true, filters: { label: [`${SERVICE_LABELS.stack}=${stackPrefix}`] } })).toEqual([]);
  cli.deploy('my-ia');

  // The app is healthy only when it reaches the database with the password from the environment.
  expect(await appContainers()).toEqual([expect.objectContaining({ running: true, health: 'healthy', version: 'v2' })]);
  expect(await psql('SELECT note FROM e2e_proof')).toBe('kept');
});
