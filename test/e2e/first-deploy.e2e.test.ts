import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FirstDeployNames, firstDeployNames, synthFirstDeploy } from './apps/first-deploy-stack';
import { CdktfWorkdir } from './support/cdktf-cli';
import { containerState, docker, exec, networkExists, removeVolume, volumeExists, waitForHealthy } from './support/docker-api';

// Given a two-service stack written on the generated bindings, when it is deployed, diffed,
// damaged, healed and destroyed for real, then every step is visible through the Docker API.
const stackName = 'first-deploy';
const names: FirstDeployNames = firstDeployNames(`cds-e2e-${process.pid}`);
const password = randomBytes(18).toString('base64url');
const imagePrefix = process.env.CDS_IMAGE_PREFIX ?? 'cds-local';
let cli: CdktfWorkdir;

async function psql(sql: string): Promise<string> {
  const result = await exec(names.database, ['psql', '-h', '127.0.0.1', '-U', 'app', '-d', 'app', '-tAc', sql], [`PGPASSWORD=${password}`]);
  if (result.exitCode !== 0) throw new Error(`psql failed (${result.exitCode}): ${result.output}`);
  return result.output.trim();
}

beforeAll(() => {
  cli = new CdktfWorkdir(fs.mkdtempSync(path.join(os.tmpdir(), 'cds-first-deploy-')));
  synthFirstDeploy(cli.outdir, stackName, { names, imagePrefix, dbPassword: password });
});

afterAll(async () => {
  // Leave the engine as we found it, whatever failed above.
  if ((await containerState(names.database)).exists || (await networkExists(names.network))) {
    cli.run(['destroy', stackName, '--auto-approve']);
  }
  await removeVolume(names.dataVolume);
  fs.rmSync(cli.workdir, { recursive: true, force: true });
});

test('deploy brings both containers up healthy', async () => {
  cli.deploy(stackName);

  for (const name of [names.database, names.dependent]) {
    const state = await containerState(name);
    expect(state).toMatchObject({ exists: true, running: true, health: 'healthy' });
  }
  expect(await networkExists(names.network)).toBe(true);
  expect(await volumeExists(names.dataVolume)).toBe(true);
});

test('the dependent container was started after the database was healthy', async () => {
  const db = await docker.getContainer(names.database).inspect();
  const dependent = await docker.getContainer(names.dependent).inspect();
  const healthyAt = db.State.Health?.Log.find((entry) => entry.ExitCode === 0)?.End;
  expect(healthyAt).toBeDefined();
  expect(Date.parse(dependent.Created)).toBeGreaterThanOrEqual(Date.parse(healthyAt as string));
});

test('the limits are applied as written', async () => {
  const db = await docker.getContainer(names.database).inspect();
  expect(db.HostConfig.Memory).toBe(512 * 1024 * 1024);
  expect(db.HostConfig.NanoCpus).toBe(1_000_000_000);
  expect(db.HostConfig.LogConfig).toEqual({ Type: 'json-file', Config: { 'max-file': '3', 'max-size': '10m' } });
});

test('a row written into Postgres is read back', async () => {
  await psql("CREATE TABLE proof (note text); INSERT INTO proof VALUES ('survives');");
  expect(await psql('SELECT note FROM proof')).toBe('survives');
});

test('diff reports no changes three times in a row after a clean deploy', () => {
  for (let i = 0; i < 3; i++) {
    expect(cli.diff(stackName)).toEqual({ kind: 'no-changes' });
  }
});

test('a killed dependent container is reported by diff and healed by deploy', async () => {
  await docker.getContainer(names.dependent).kill();
  expect((await containerState(names.dependent)).running).toBe(false);

  expect(cli.diff(stackName)).toMatchObject({ kind: 'changes' });

  cli.deploy(stackName);
  expect(await waitForHealthy(names.dependent)).toMatchObject({ running: true, health: 'healthy' });
  expect(cli.diff(stackName)).toEqual({ kind: 'no-changes' });
});

test('the row is still there after the heal', async () => {
  expect(await psql('SELECT note FROM proof')).toBe('survives');
});

test('destroy removes both containers and the network, and keeps the named volume', async () => {
  cli.destroy(stackName);

  expect((await containerState(names.database)).exists).toBe(false);
  expect((await containerState(names.dependent)).exists).toBe(false);
  expect(await networkExists(names.network)).toBe(false);
  expect(await volumeExists(names.dataVolume)).toBe(true);
});
