import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { LocalBackend, TerraformStack } from 'cdktf';
import { runImportCompose } from '../../cli/import-compose';
import { DockerApp } from '../../constructs';
import { fromCompose } from '../../constructs/compose-import/from-compose';
import { Service, SERVICE_LABELS } from '../../constructs/service';
import { CdktfWorkdir } from './support/cdktf-cli';
import { docker, engineLeftovers, removeVolume } from './support/docker-api';
import { get } from './support/http';

// Given three multi-service compose files on the local images (test/fixtures/compose-import/
// e2e-*), imported two ways: shop and jobs (two files merged) through fromCompose in an app,
// assistant through the CLI's `import --out` and the TypeScript file it writes; when the three
// stacks are deployed with `cdktf deploy`, then every container runs healthy (seen through the
// Docker API), the recognised images run as their kinds (Postgres, Redis, ChromaDb, Ollama, and
// an NginxProxy from the routes in x-cdktf-proxy),
// `cdktf diff` shows no change, and `cdktf destroy` leaves only the data volumes, which the
// suite then removes. Everything is named under this suite's own prefix; host ports from 31000.
const prefix = `cimp${process.pid % 10000}`;
const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'compose-import');
const STACKS = ['shop', 'jobs', 'assistant'] as const;
type StackId = (typeof STACKS)[number];
const PORTS = { shopApi: 31000, shopProxy: 31001, assistant: 31002 };
/** The stand-ins of scripts/images.sh, tagged under this suite's prefix with the repository names the import recognises. */
const TAGS = [
  { from: 'cds-local/chroma-standin:1', repo: `${prefix}/chroma` },
  { from: 'cds-local/ollama-standin:1', repo: `${prefix}/ollama` },
];
/** Inside the repository, so the written stack resolves the library; removed after. */
const GENERATED = path.resolve(__dirname, '..', `.generated-compose-import-e2e-${process.pid}`);

let cli: CdktfWorkdir;
const namePrefixes = new Map<StackId, string>();
const kindsByStack = new Map<StackId, Record<string, string>>();
/** Containers each stack runs (replicas counted), from its services. */
const containerCounts = new Map<StackId, number>();
let cliOutput = '';
/**
 * The Postgres passwords, given to the import as compose's variables: each becomes a Terraform
 * variable of the same name (Secret.fromVariable), so the deploy gets it through TF_VAR_<name>.
 */
const PASSWORDS = { SHOP_DB_PASSWORD: randomBytes(18).toString('base64url'), ASSISTANT_DB_PASSWORD: randomBytes(18).toString('base64url') };

const leftovers = () => engineLeftovers(`${prefix}-`);

async function stackContainers(id: StackId) {
  return docker.listContainers({ all: true, filters: { label: [`${SERVICE_LABELS.stack}=${namePrefixes.get(id)}`] } });
}

beforeAll(async () => {
  // The engine is shared: start only from a clean slate under this prefix.
  expect(await leftovers()).toEqual({ containers: [], networks: [], volumes: [] });
  for (const { from, repo } of TAGS) await docker.getImage(from).tag({ repo, tag: '1' });
  // The cdktf CLI runs with this process' environment (support/cdktf-cli.ts).
  for (const [name, value] of Object.entries(PASSWORDS)) process.env[`TF_VAR_${name}`] = value;
  cli = new CdktfWorkdir(fs.mkdtempSync(path.join(os.tmpdir(), 'cds-compose-import-')));
  const app = new DockerApp({ outdir: cli.outdir });
  const stacks: TerraformStack[] = [];

  // shop: one file, through fromCompose.
  const shop = fromCompose(app, 'shop', {
    files: [path.join(FIXTURES, 'e2e-shop', 'compose.yaml')],
    environment: { SHOP_DB_PASSWORD: PASSWORDS.SHOP_DB_PASSWORD, SHOP_API_PORT: String(PORTS.shopApi), SHOP_PROXY_PORT: String(PORTS.shopProxy) },
    namePrefix: `${prefix}-shop`,
  });
  // jobs: two files merged, through fromCompose.
  const jobs = fromCompose(app, 'jobs', {
    files: [path.join(FIXTURES, 'e2e-queue', 'compose.yaml'), path.join(FIXTURES, 'e2e-queue', 'override.yaml')],
    environment: {},
    namePrefix: `${prefix}-jobs`,
  });
  for (const [id, imported] of [['shop', shop], ['jobs', jobs]] as const) {
    stacks.push(imported.stack);
    namePrefixes.set(id, imported.stack.namePrefix);
    kindsByStack.set(id, Object.fromEntries(Object.entries(imported.kinds).map(([name, k]) => [name, k.kind])));
  }

  // assistant: the CLI writes the stack as TypeScript; the file, as written but for the module
  // it imports the library from, is the stack deployed.
  fs.mkdirSync(GENERATED, { recursive: true });
  const out = path.join(GENERATED, 'assistant.ts');
  const chunks: string[] = [];
  const io = { stdout: { write: (t: string) => chunks.push(t) }, stderr: { write: (t: string) => chunks.push(t) } };
  const env = { IMAGES: prefix, ASSISTANT_PROJECT: `${prefix}-assistant`, ASSISTANT_DB_PASSWORD: PASSWORDS.ASSISTANT_DB_PASSWORD, ASSISTANT_PORT: String(PORTS.assistant) };
  const status = runImportCompose(path.join(FIXTURES, 'e2e-ai', 'compose.yaml'), { out }, { ...io, env });
  cliOutput = chunks.join('');
  expect({ status, output: status === 0 ? '' : cliOutput }).toEqual({ status: 0, output: '' });
  const library = path.relative(GENERATED, path.resolve(__dirname, '..', '..', 'constructs')).replace(/\\/g, '/');
  fs.writeFileSync(out, fs.readFileSync(out, 'utf8').replace(/from "cdktf-docker-stacks";/, `from ${JSON.stringify(library)};`));
  const generated = require(out) as { AssistantStack: new (scope: DockerApp, id: string) => TerraformStack & { namePrefix: string } };
  const assistant = new generated.AssistantStack(app, 'assistant');
  stacks.push(assistant);
  namePrefixes.set('assistant', assistant.namePrefix);

  for (const stack of stacks) containerCounts.set(stack.node.id as StackId, stack.node.findAll().filter((c): c is Service => Service.isService(c)).flatMap((c) => c.containerNames).length);
  for (const stack of stacks) new LocalBackend(stack, { path: path.join(cli.workdir, `terraform.${stack.node.id}.tfstate`) });
  app.synth();
});

afterAll(async () => {
  try {
    if (cli && (await leftovers()).containers.length > 0) cli.run(['destroy', ...STACKS, '--auto-approve', '--parallelism', String(STACKS.length)]);
    // What a failed destroy left (the engine is shared: only names under this suite's prefix).
    const left = await leftovers();
    for (const name of left.containers) await docker.getContainer(name.replace(/^\//, '')).remove({ force: true }).catch(() => undefined);
    for (const name of left.networks) await docker.getNetwork(name).remove().catch(() => undefined);
    for (const volume of (await leftovers()).volumes) await removeVolume(volume);
    for (const { repo } of TAGS) await docker.getImage(`${repo}:1`).remove().catch(() => undefined);
  } finally {
    for (const name of Object.keys(PASSWORDS)) delete process.env[`TF_VAR_${name}`];
    // Even when the engine went away mid-way: the files are this suite's own.
    fs.rmSync(GENERATED, { recursive: true, force: true });
    if (cli) fs.rmSync(cli.workdir, { recursive: true, force: true });
  }
  expect(await leftovers()).toEqual({ containers: [], networks: [], volumes: [] });
});

test('recognised images become kinds, the rest Services; the CLI says what each became', () => {
  expect(kindsByStack.get('shop')).toEqual({ db: 'Postgres', cache: 'Redis', api: 'Service', proxy: 'NginxProxy' });
  expect(kindsByStack.get('jobs')).toEqual({ queue: 'Redis', worker: 'Service', monitor: 'Service' });
  expect(cliOutput).toMatch(/^services\.vectors: ChromaDb /m);
  expect(cliOutput).toMatch(/^services\.llm: Ollama /m);
  expect(cliOutput).toMatch(/^services\.db: Postgres /m);
  const written = fs.readFileSync(path.join(GENERATED, 'assistant.ts'), 'utf8');
  expect(written).toMatch(/new ChromaDb\(this, "vectors"[\s\S]*new Ollama\(this, "llm"[\s\S]*new Postgres\(this, "db"/);
  // The passwords compose read from variables stay variables: in neither the code nor the synthesized Terraform.
  expect(written).toContain('password: Secret.fromVariable("ASSISTANT_DB_PASSWORD")');
  const synthesized = fs.readdirSync(path.join(cli.outdir, 'stacks')).map((stack) => fs.readFileSync(path.join(cli.outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
  expect(synthesized).toHaveLength(STACKS.length);
  for (const text of [written, ...synthesized]) for (const password of Object.values(PASSWORDS)) expect(text).not.toContain(password);
});

test('the three imported stacks deploy, every container running and healthy', async () => {
  cli.runOk(['deploy', ...STACKS, '--auto-approve', '--parallelism', String(STACKS.length)]);
  for (const id of STACKS) {
    const containers = await stackContainers(id);
    expect({ id, count: containers.length }).toEqual({ id, count: containerCounts.get(id) });
    expect(containers.length).toBeGreaterThanOrEqual(4);
    for (const c of containers) {
      const info = await docker.getContainer(c.Id).inspect();
      expect({ name: info.Name, running: info.State.Running, health: info.State.Health?.Status }).toEqual({ name: info.Name, running: true, health: 'healthy' });
    }
  }
});

test('the kinds run as the compose files say, with what the kinds add', async () => {
  const inspect = (name: string) => docker.getContainer(name).inspect();
  const db = await inspect(`${prefix}-shop-db`);
  expect(db.Config.Env).toEqual(expect.arrayContaining(['POSTGRES_USER=shop', 'POSTGRES_DB=orders', 'POSTGRES_INITDB_ARGS=--data-checksums', `POSTGRES_PASSWORD=${PASSWORDS.SHOP_DB_PASSWORD}`]));
  expect(db.Config.Healthcheck?.Test).toEqual(['CMD', 'pg_isready', '-h', '127.0.0.1', '-U', 'shop', '-d', 'orders']);
  expect(db.Mounts.map((m) => [m.Name, m.Destination])).toEqual([[`${prefix}-shop-db-data`, '/var/lib/postgresql/data']]);
  const cache = await inspect(`${prefix}-shop-cache`);
  expect(cache.Config.Cmd).toEqual(['redis-server', '--port', '6379', '--dir', '/data', '--appendonly', 'yes', '--appendfsync', 'everysec', '--maxmemory', String(64 * 1024 ** 2), '--maxmemory-policy', 'allkeys-lru']);
  const vectors = await inspect(`${prefix}-assistant-vectors`);
  expect(vectors.Mounts.map((m) => [m.Name, m.Destination])).toEqual([[`${prefix}-assistant-vectors-data`, '/data']]);
  const proxy = await inspect(`${prefix}-shop-proxy`);
  expect({ user: proxy.Config.User, ports: proxy.HostConfig.PortBindings }).toEqual({ user: '101:101', ports: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: String(PORTS.shopProxy) }] } });
  // The published ports answer on loopback; the proxy passes / on to the api.
  const direct = await get(http, { host: '127.0.0.1', port: PORTS.shopApi, path: '/' });
  expect(direct.status).toBe(200);
  expect((await get(http, { host: '127.0.0.1', port: PORTS.shopProxy, path: '/healthz' })).status).toBe(200);
  expect(await get(http, { host: '127.0.0.1', port: PORTS.shopProxy, path: '/' })).toMatchObject({ status: 200, body: direct.body });
  expect((await get(http, { host: '127.0.0.1', port: PORTS.assistant, path: '/' })).status).toBe(200);
});

test('cdktf diff shows no change for any of the three', () => {
  for (const id of STACKS) expect({ id, diff: cli.diff(id) }).toEqual({ id, diff: { kind: 'no-changes' } });
});

test('cdktf destroy removes every container and network, leaving only the data volumes', async () => {
  const volumesBefore = (await leftovers()).volumes;
  cli.runOk(['destroy', ...STACKS, '--auto-approve', '--parallelism', String(STACKS.length)]);
  const after = await leftovers();
  expect({ containers: after.containers, networks: after.networks }).toEqual({ containers: [], networks: [] });
  expect(after.volumes.every((v) => volumesBefore.includes(v))).toBe(true);
  for (const volume of after.volumes) await removeVolume(volume);
  expect(await leftovers()).toEqual({ containers: [], networks: [], volumes: [] });
});
