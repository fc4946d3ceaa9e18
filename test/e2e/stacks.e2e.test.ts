import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LocalBackend } from 'cdktf';
import { DockerApp, SERVICE_LABELS } from '../../constructs';
import { addSeedStacks, StackName, STACK_NAMES } from '../../stacks';
import { CdktfWorkdir } from './support/cdktf-cli';
import { docker, exec, removeVolume, waitForHealthy } from './support/docker-api';

// Given each documented stack on the local images, when it is deployed for real, then every
// container is healthy, a diff right after shows nothing, and destroy leaves only the
// protected data volumes.
const prefix = `e2e${process.pid % 10000}`;
const stacks: readonly StackName[] = STACK_NAMES.filter((name) => name !== 'vibecoding-dev');
// Host ports far from the documented ones, so a developer's own services do not collide.
const hostPorts: Record<string, number> = {
  'vibecoding.nginx': 18080,
  'mnemolite.api': 18081,
  'my-ia.app': 18082,
  'my-ia.frontend': 18083,
  'nexten.api': 18084,
  'arkalia.api': 18085,
};
const secretVariables = ['vibecoding_postgres_password', 'mnemolite_postgres_password', 'mnemolite_api_key', 'my_ia_api_key'];
let cli: CdktfWorkdir;

async function stackContainers(stackPrefix: string) {
  return docker.listContainers({ all: true, filters: { label: [`${SERVICE_LABELS.stack}=${stackPrefix}`] } });
}

async function stackVolumes(stackPrefix: string): Promise<string[]> {
  const { Volumes } = await docker.listVolumes();
  return (Volumes ?? [])
    .map((v) => v.Name)
    .filter((name) => name.startsWith(`${stackPrefix}-`))
    .sort();
}

beforeAll(() => {
  for (const variable of secretVariables) process.env[`TF_VAR_${variable}`] = randomBytes(18).toString('base64url');
  cli = new CdktfWorkdir(fs.mkdtempSync(path.join(os.tmpdir(), 'cds-stacks-')));
  const app = new DockerApp({ outdir: cli.outdir });
  for (const stack of addSeedStacks(app, { imageProfile: 'local', namePrefix: prefix, hostPorts }, stacks)) {
    new LocalBackend(stack, { path: path.join(cli.workdir, `terraform.${stack.node.id}.tfstate`) });
  }
  app.synth();
});

afterAll(async () => {
  for (const name of stacks) {
    const stackPrefix = `${prefix}-${name}`;
    if ((await stackContainers(stackPrefix)).length > 0) cli.run(['destroy', name, '--auto-approve']);
    for (const volume of await stackVolumes(stackPrefix)) await removeVolume(volume);
  }
  fs.rmSync(cli.workdir, { recursive: true, force: true });
});

describe.each(stacks)('stack %s', (name) => {
  const stackPrefix = `${prefix}-${name}`;

  test('deploys with every container running and healthy', async () => {
    cli.deploy(name);
    const containers = await stackContainers(stackPrefix);
    expect(containers.length).toBeGreaterThan(0);
    for (const c of containers) {
      const info = await docker.getContainer(c.Id).inspect();
      expect({ name: info.Name, running: info.State.Running, health: info.State.Health?.Status }).toEqual({ name: info.Name, running: true, health: 'healthy' });
    }
  });

  test('a diff right after the deploy shows no changes', () => {
    expect(cli.diff(name)).toEqual({ kind: 'no-changes' });
  });

  test('a killed container is reported by diff and healed by the next deploy, data kept', async () => {
    const containers = await stackContainers(stackPrefix);
    const postgres = containers.find((c) => c.Labels[SERVICE_LABELS.service] === 'postgres');
    const victim = containers.find((c) => !['postgres', 'redis'].includes(c.Labels[SERVICE_LABELS.service]));
    expect(victim).toBeDefined();
    const victimName = (victim?.Names[0] ?? '').replace(/^\//, '');
    const psql = async (sql: string) => {
      const db = postgres?.Names[0].replace(/^\//, '') ?? '';
      const user = (await docker.getContainer(db).inspect()).Config.Env.find((e) => e.startsWith('POSTGRES_USER='))?.split('=')[1] ?? '';
      const database = (await docker.getContainer(db).inspect()).Config.Env.find((e) => e.startsWith('POSTGRES_DB='))?.split('=')[1] ?? '';
      const result = await exec(db, ['psql', '-h', '127.0.0.1', '-U', user, '-d', database, '-tAc', sql]);
      expect(result.exitCode).toBe(0);
      return result.output.trim();
    };
    if (postgres) await psql("CREATE TABLE IF NOT EXISTS e2e_proof (note text); INSERT INTO e2e_proof VALUES ('kept')");

    await docker.getContainer(victimName).kill();
    expect(cli.diff(name)).toMatchObject({ kind: 'changes' });
    cli.deploy(name);
    expect(await waitForHealthy(victimName, 120_000)).toMatchObject({ running: true, health: 'healthy' });
    expect(cli.diff(name)).toEqual({ kind: 'no-changes' });
    if (postgres) expect(await psql('SELECT note FROM e2e_proof')).toBe('kept');
  });

  test('destroy leaves nothing behind but the protected data volumes', async () => {
    const volumesBefore = await stackVolumes(stackPrefix);
    cli.destroy(name);
    expect(await stackContainers(stackPrefix)).toEqual([]);
    const networks = await docker.listNetworks({ filters: { name: [stackPrefix] } });
    expect(networks.map((n) => n.Name)).toEqual([]);
    expect(await stackVolumes(stackPrefix)).toEqual(volumesBefore);
  });
});
