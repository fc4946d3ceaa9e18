import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LocalBackend } from 'cdktf';
import { ContainerImage, DockerApp, DockerStack, Duration, HealthCheck, Port, Postgres, Secret, Service, StackNetwork } from '../../constructs';
import { CdktfWorkdir } from './support/cdktf-cli';
import { containerState, docker, exec, removeVolume } from './support/docker-api';

// Given a Postgres password holding every character that has a meaning in a URL, when the stack
// is deployed for real, then clients given `connectionUrl` (psycopg in the demo app, psql) log
// in with it; and Terraform itself refuses a known default however it is spelled.
const stackName = 'secret-encoding';
const prefix = `cds-secenc-${process.pid}`;
const variable = 'cds_secenc_db_password';
const imagePrefix = process.env.CDS_IMAGE_PREFIX ?? 'cds-local';
// `@ / : % # ?` and a space are URL delimiters; `+` would read as a space if sent as is.
const password = `E2e p@ss/w:rd%#?+ ${randomBytes(6).toString('hex')}`;
const names = { db: `${prefix}-db`, app: `${prefix}-app`, psql: `${prefix}-psql`, data: `${prefix}-db-data` };
let cli: CdktfWorkdir;

beforeAll(() => {
  process.env[`TF_VAR_${variable}`] = password;
  cli = new CdktfWorkdir(fs.mkdtempSync(path.join(os.tmpdir(), 'cds-secenc-')));
  const app = new DockerApp({ outdir: cli.outdir });
  const stack = new DockerStack(app, stackName, { namePrefix: prefix });
  new LocalBackend(stack, { path: path.join(cli.workdir, `terraform.${stackName}.tfstate`) });
  const net = new StackNetwork(stack, 'net');
  const db = new Postgres(stack, 'db', {
    image: ContainerImage.fromRegistry(`${imagePrefix}/postgres:15`),
    password: Secret.fromVariable(variable),
    networks: [{ network: net }],
  });
  const quick = { interval: Duration.seconds(2), timeout: Duration.seconds(5), retries: 15, startPeriod: Duration.seconds(0) };
  // The demo app answers /health only once psycopg (libpq) has run `SELECT 1` with DATABASE_URL.
  new Service(stack, 'app', {
    image: ContainerImage.fromRegistry(`${imagePrefix}/demo-app:1`),
    healthCheck: HealthCheck.httpGet('/health', { port: Port.tcp(8000), ...quick }),
    secrets: { DATABASE_URL: db.connectionUrl },
    networks: [{ network: net }],
    dependsOn: [db],
  });
  // psql parses the URL itself too; healthy only once it logs in.
  new Service(stack, 'psql', {
    image: ContainerImage.fromRegistry(`${imagePrefix}/postgres:15`),
    command: ['sleep', 'infinity'],
    init: true,
    healthCheck: HealthCheck.shell('psql "$DATABASE_URL" -tAc "select 1"', ['psql'], quick),
    secrets: { DATABASE_URL: db.connectionUrl },
    networks: [{ network: net }],
    dependsOn: [db],
  });
  app.synth();
});

afterAll(async () => {
  delete process.env[`TF_VAR_${variable}`];
  if ((await containerState(names.db)).exists) cli.run(['destroy', stackName, '--auto-approve']);
  await removeVolume(names.data);
  fs.rmSync(cli.workdir, { recursive: true, force: true });
});

test('Terraform refuses a known default in another spelling (capitals, "_", a trailing newline) before creating anything', async () => {
  process.env[`TF_VAR_${variable}`] = 'Change_Me_In_Production\n';
  try {
    const result = cli.run(['diff', stackName]);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain(`TF_VAR_${variable} must be at least 12 characters`);
  } finally {
    process.env[`TF_VAR_${variable}`] = password;
  }
  expect((await containerState(names.db)).exists).toBe(false);
});

test('deploys with both clients healthy: each logged in with the percent-encoded URL', async () => {
  cli.deploy(stackName);
  for (const name of [names.db, names.app, names.psql]) {
    expect({ name, state: await containerState(name) }).toEqual({ name, state: expect.objectContaining({ running: true, health: 'healthy' }) });
  }
});

test('the URL in the container carries the password percent-encoded, and decodes back to it', async () => {
  const env = (await docker.getContainer(names.app).inspect()).Config.Env;
  const url = env.find((e) => e.startsWith('DATABASE_URL='))?.slice('DATABASE_URL='.length) ?? '';
  expect(url).toBe(`postgresql://app:${encodeURIComponent(password)}@db:5432/app`);
  expect(decodeURIComponent(new URL(url).password)).toBe(password);
});

test('psycopg and psql run a query as the user through DATABASE_URL', async () => {
  const viaPsycopg = await exec(names.app, ['python3', '-c', "import os, psycopg; print(psycopg.connect(os.environ['DATABASE_URL']).execute('select current_user').fetchone()[0])"]);
  expect({ exitCode: viaPsycopg.exitCode, output: viaPsycopg.output.trim() }).toEqual({ exitCode: 0, output: 'app' });
  const viaPsql = await exec(names.psql, ['sh', '-c', 'psql "$DATABASE_URL" -tAc "select current_user"']);
  expect({ exitCode: viaPsql.exitCode, output: viaPsql.output.trim() }).toEqual({ exitCode: 0, output: 'app' });
});

test('destroy removes the containers', async () => {
  cli.destroy(stackName);
  for (const name of [names.db, names.app, names.psql]) expect((await containerState(name)).exists).toBe(false);
});
