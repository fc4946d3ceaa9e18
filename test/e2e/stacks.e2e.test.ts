import { execFileSync } from 'child_process';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import * as https from 'https';
import * as os from 'os';
import * as path from 'path';
import { LocalBackend } from 'cdktf';
import { DockerApp } from '../../constructs';
import { SERVICE_LABELS } from '../../constructs/service';
import { addSeedStacks, loadStacksConfig, StackName, STACK_NAMES } from '../../stacks';
import { CdktfWorkdir } from './support/cdktf-cli';
import { docker, exec, removeVolume, waitForHealthy } from './support/docker-api';
import { get } from './support/http';

// Given each documented stack on the local images, when it is deployed for real, then every
// container is healthy, a diff right after shows nothing, and destroy leaves only the
// protected data volumes.
const prefix = `e2e${process.pid % 10000}`;
const stacks: readonly StackName[] = STACK_NAMES.filter((name) => name !== 'vibecoding-dev');
// Host ports far from the documented ones, so a developer's own services do not collide.
const hostPorts: Record<string, number> = {
  'vibecoding.nginx': 18080,
  'vibecoding.nginx-https': 18443,
  'mnemolite.api': 18081,
  'my-ia.app': 18082,
  'my-ia.frontend': 18083,
  'nexten.api': 18084,
  'arkalia.api': 18085,
};
const secretVariables = ['vibecoding_postgres_password', 'mnemolite_postgres_password', 'mnemolite_api_key', 'my_ia_api_key', 'my_ia_postgres_password'];
let cli: CdktfWorkdir;
// vibecoding's proxy terminates HTTPS with a self-signed certificate for localhost.
let certificateDirectory: string;
let certificate: string;

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
  // A self-signed certificate for localhost under the file names the proxy expects, readable
  // by uid 101 (the proxy's user): the directory and the files are world-readable.
  certificateDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'cds-certs-'));
  const fullchain = path.join(certificateDirectory, 'fullchain.pem');
  const privkey = path.join(certificateDirectory, 'privkey.pem');
  execFileSync(
    '/usr/bin/openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost', '-keyout', privkey, '-out', fullchain],
    { stdio: 'pipe' },
  );
  fs.chmodSync(certificateDirectory, 0o755);
  for (const file of [fullchain, privkey]) fs.chmodSync(file, 0o644);
  certificate = fs.readFileSync(fullchain, 'utf8');
  // Through a configuration file, so that loadStacksConfig's checks of the directory run too.
  const configFile = path.join(cli.workdir, 'stacks.config.json');
  fs.writeFileSync(configFile, JSON.stringify({ imageProfile: 'local', namePrefix: prefix, hostPorts, tls: { 'vibecoding.nginx': { certificateDirectory } } }, null, 2));
  const config = loadStacksConfig(cli.workdir, { CDS_CONFIG: configFile });
  const app = new DockerApp({ outdir: cli.outdir });
  for (const stack of addSeedStacks(app, config, stacks)) {
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
  fs.rmSync(certificateDirectory, { recursive: true, force: true });
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

  if (name === 'vibecoding') {
    test('HTTPS through the proxy answers 200 from the API; plain HTTP answers a 308 redirect to https', async () => {
      const secure = await get(https, { host: '127.0.0.1', port: hostPorts['vibecoding.nginx-https'], path: '/', ca: certificate, servername: 'localhost', headers: { host: 'localhost' } });
      expect({ status: secure.status, body: secure.body }).toEqual({ status: 200, body: expect.stringMatching(/"name":\s*"vibecoding-api"/) });
      const plain = await get(http, { host: '127.0.0.1', port: hostPorts['vibecoding.nginx'], path: '/', headers: { host: 'localhost' } });
      expect({ status: plain.status, location: plain.location }).toEqual({ status: 308, location: `https://localhost:${hostPorts['vibecoding.nginx-https']}/` });
    });
  }

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
