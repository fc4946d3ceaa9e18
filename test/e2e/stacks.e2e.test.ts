import { execFileSync } from 'child_process';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import * as https from 'https';
import * as os from 'os';
import * as path from 'path';
import { App, LocalBackend } from 'cdktf';
import { DockerApp } from '../../constructs';
import { SERVICE_LABELS } from '../../constructs/service';
import { addSeedStacks, hostPortsOf, loadStacksConfig, StackName, STACK_NAMES } from '../../stacks';
import { CdktfWorkdir, parsePlanSummary, PlanSummary } from './support/cdktf-cli';
import { docker, engineLeftovers, exec, removeVolume, waitForHealthy } from './support/docker-api';
import { get } from './support/http';

// Given all six documented stacks on the local images, side by side on one engine, when they
// are deployed together for real, then every container is healthy, a diff of each shows
// nothing, a container killed in each stack is reported and healed by one deploy with the data
// kept, and one destroy leaves only the protected data volumes.
const prefix = `e2e${process.pid % 10000}`;
const stacks: readonly StackName[] = STACK_NAMES;
// The documented default ports shifted by one offset: the same layout (what the defaults share,
// they share here too), away from a developer's own services and from the other e2e suites.
const PORT_OFFSET = 20000;
// `cdktf deploy/destroy --parallelism`: every stack at once. Deploys mostly wait for health
// checks, so even on 2 cores this is the fastest (docs/DEVELOPING.md has the timings).
const PARALLELISM = stacks.length;
// `cdktf diff` takes one stack a run; all six side by side took 35-38 s a round on 2 cores,
// three at a time 69-72 s.
const DIFF_CONCURRENCY = stacks.length;
// One container per stack to kill, none of them a database: a stateless one where there is one.
const VICTIMS: Readonly<Record<StackName, string>> = {
  vibecoding: 'worker',
  'vibecoding-dev': 'redis',
  mnemolite: 'worker',
  'my-ia': 'ollama',
  nexten: 'matching-worker-bulk',
  arkalia: 'api',
};
const secretVariables = ['vibecoding_postgres_password', 'mnemolite_postgres_password', 'mnemolite_api_key', 'my_ia_api_key', 'my_ia_postgres_password'];
let cli: CdktfWorkdir;
let hostPorts: Record<string, number>;
// vibecoding's proxy terminates HTTPS with a self-signed certificate for localhost.
let certificateDirectory: string;
let certificate: string;

const stackPrefix = (name: StackName) => `${prefix}-${name}`;

async function stackContainers(name: StackName) {
  return docker.listContainers({ all: true, filters: { label: [`${SERVICE_LABELS.stack}=${stackPrefix(name)}`] } });
}

/** Everything this suite may leave on the engine: containers, networks and volumes under its prefix. */
const leftovers = () => engineLeftovers(`${prefix}-`);

/** `cdktf diff` of every stack (it takes one stack a run), DIFF_CONCURRENCY runs at a time; each summary, by stack. */
async function diffAll(): Promise<Record<string, PlanSummary>> {
  const summaries: Record<string, PlanSummary> = {};
  const queue = [...stacks];
  const worker = async (): Promise<void> => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      const result = await cli.runAsync(['diff', name]);
      if (result.status !== 0) throw new Error(`cdktf diff ${name} exited ${result.status}:\n${result.output.slice(-6000)}`);
      summaries[name] = parsePlanSummary(result.output);
    }
  };
  await Promise.all(Array.from({ length: DIFF_CONCURRENCY }, worker));
  return Object.fromEntries(stacks.map((name) => [name, summaries[name]]));
}

/** Times a step and prints it, so the suite's log shows where the minutes go. */
async function timed<T>(what: string, step: () => T | Promise<T>): Promise<T> {
  const start = Date.now();
  try {
    return await step();
  } finally {
    console.log(`${what}: ${((Date.now() - start) / 1000).toFixed(1)} s`);
  }
}

async function psql(name: StackName, sql: string): Promise<string> {
  const db = `${stackPrefix(name)}-postgres`;
  const env = (await docker.getContainer(db).inspect()).Config.Env;
  const read = (key: string) => env.find((e) => e.startsWith(`${key}=`))?.slice(key.length + 1) ?? '';
  const result = await exec(db, ['psql', '-h', '127.0.0.1', '-U', read('POSTGRES_USER'), '-d', read('POSTGRES_DB'), '-tAc', sql]);
  expect({ db, exitCode: result.exitCode, output: result.exitCode === 0 ? '' : result.output }).toEqual({ db, exitCode: 0, output: '' });
  return result.output.trim();
}

beforeAll(async () => {
  // The engine is shared: start only from a clean slate under this prefix.
  expect(await leftovers()).toEqual({ containers: [], networks: [], volumes: [] });
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
  const tls = { 'vibecoding.nginx': { certificateDirectory } };
  // Every host port the stacks ask for, HTTPS included, read from the stacks themselves.
  const defaults = addSeedStacks(new App(), { imageProfile: 'local', tls }).flatMap(hostPortsOf);
  hostPorts = Object.fromEntries(defaults.map((p) => [p.key, p.defaultPort + PORT_OFFSET]));
  // Through a configuration file, so that loadStacksConfig's checks of the directory run too.
  const configFile = path.join(cli.workdir, 'stacks.config.json');
  fs.writeFileSync(configFile, JSON.stringify({ imageProfile: 'local', namePrefix: prefix, hostPorts, tls }, null, 2));
  const config = loadStacksConfig(cli.workdir, { CDS_CONFIG: configFile });
  // All six in one DockerApp: its app rules pass, or nothing is written.
  const app = new DockerApp({ outdir: cli.outdir });
  for (const stack of addSeedStacks(app, config, stacks)) {
    new LocalBackend(stack, { path: path.join(cli.workdir, `terraform.${stack.node.id}.tfstate`) });
  }
  app.synth();
});

afterAll(async () => {
  if ((await leftovers()).containers.length > 0) cli.run(['destroy', ...stacks, '--auto-approve', '--parallelism', String(PARALLELISM)]);
  for (const volume of (await leftovers()).volumes) await removeVolume(volume);
  fs.rmSync(cli.workdir, { recursive: true, force: true });
  fs.rmSync(certificateDirectory, { recursive: true, force: true });
});

test('all six stacks deploy together on one engine, every container running and healthy', async () => {
  await timed(`deploy of ${stacks.length} stacks, --parallelism ${PARALLELISM}`, () => cli.runOk(['deploy', ...stacks, '--auto-approve', '--parallelism', String(PARALLELISM)]));
  for (const name of stacks) {
    const containers = await stackContainers(name);
    expect({ name, count: containers.length > 0 }).toEqual({ name, count: true });
    for (const c of containers) {
      const info = await docker.getContainer(c.Id).inspect();
      expect({ name: info.Name, running: info.State.Running, health: info.State.Health?.Status }).toEqual({ name: info.Name, running: true, health: 'healthy' });
    }
  }
});

test('every published host port answers HTTP, each from its own stack', async () => {
  const apps: Record<string, string> = { 'nexten.api': 'nexten-api', 'arkalia.api': 'arkalia-api', 'mnemolite.api': 'mnemolite-api', 'my-ia.app': 'my-ia', 'my-ia.frontend': 'my-ia' };
  for (const [key, name] of Object.entries(apps)) {
    const answer = await get(http, { host: '127.0.0.1', port: hostPorts[key], path: '/' });
    expect({ key, status: answer.status, body: answer.body }).toEqual({ key, status: 200, body: expect.stringMatching(new RegExp(`"name":\\s*"${name}"`)) });
  }
});

test("vibecoding's HTTPS answers 200 from the API; plain HTTP answers a 308 redirect to https", async () => {
  const secure = await get(https, { host: '127.0.0.1', port: hostPorts['vibecoding.nginx-https'], path: '/', ca: certificate, servername: 'localhost', headers: { host: 'localhost' } });
  expect({ status: secure.status, body: secure.body }).toEqual({ status: 200, body: expect.stringMatching(/"name":\s*"vibecoding-api"/) });
  const plain = await get(http, { host: '127.0.0.1', port: hostPorts['vibecoding.nginx'], path: '/', headers: { host: 'localhost' } });
  expect({ status: plain.status, location: plain.location }).toEqual({ status: 308, location: `https://localhost:${hostPorts['vibecoding.nginx-https']}/` });
});

test('a diff of each stack right after the deploy shows no changes', async () => {
  const diffs = await timed('diff of every stack', diffAll);
  expect(diffs).toEqual(Object.fromEntries(stacks.map((name) => [name, { kind: 'no-changes' }])));
});

test('a container killed in each stack is reported by its diff and healed by one deploy, data kept', async () => {
  const withDatabase = stacks.filter((name) => name !== 'nexten' && name !== 'arkalia');
  for (const name of withDatabase) await psql(name, `CREATE TABLE IF NOT EXISTS e2e_proof (note text); INSERT INTO e2e_proof VALUES ('kept in ${name}')`);
  const victims = stacks.map((name) => `${stackPrefix(name)}-${VICTIMS[name]}`);
  for (const victim of victims) await docker.getContainer(victim).kill();

  const reported = await timed('diff of every stack, one container killed in each', diffAll);
  expect(Object.values(reported).map((d) => d.kind)).toEqual(stacks.map(() => 'changes'));
  await timed('healing deploy of every stack', () => cli.runOk(['deploy', ...stacks, '--auto-approve', '--parallelism', String(PARALLELISM)]));
  for (const victim of victims) expect({ victim, ...(await waitForHealthy(victim, 120_000)) }).toMatchObject({ victim, running: true, health: 'healthy' });
  expect(await diffAll()).toEqual(Object.fromEntries(stacks.map((name) => [name, { kind: 'no-changes' }])));
  for (const name of withDatabase) expect(await psql(name, 'SELECT note FROM e2e_proof')).toBe(`kept in ${name}`);
});

test('one destroy of all six leaves nothing behind but the protected data volumes', async () => {
  const volumesBefore = (await leftovers()).volumes;
  expect(volumesBefore.length).toBeGreaterThan(0);
  await timed(`destroy of ${stacks.length} stacks`, () => cli.runOk(['destroy', ...stacks, '--auto-approve', '--parallelism', String(PARALLELISM)]));
  expect(await leftovers()).toEqual({ containers: [], networks: [], volumes: volumesBefore });
});
