import { execFileSync } from 'child_process';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { adopt } from '../../cli/adopt';
import { ContainerImage, DockerApp, DockerStack, Duration, HealthCheck, Postgres, Secret, Service, StackNetwork, StateBackend } from '../../constructs';
import { DEFAULT_STATE_DIRECTORY, defaultSchemaName, PG_CONNECTION_VARIABLE } from '../../constructs/state-backend';
import { CdktfWorkdir } from './support/cdktf-cli';
import { containerState, docker, exec, removeVolume } from './support/docker-api';

// Where a stack's state lives on a real deploy through the cdktf CLI: the local backend's
// private directory (modes, and no secret in a file anyone else can read).

const prefix = `st${process.pid}`;
const imagePrefix = process.env.CDS_IMAGE_PREFIX ?? 'cds-local';
const variable = 'cds_st_api_token';
const quick = { interval: Duration.seconds(1), timeout: Duration.seconds(3), retries: 30, startPeriod: Duration.seconds(0) };
let savedUmask: number;

beforeAll(() => {
  // The usual umask: Terraform creates files 0666 less it, so 0644 unless told otherwise.
  savedUmask = process.umask(0o022);
});
afterAll(() => {
  process.umask(savedUmask);
});

/**
 * A one-container stack whose container gets `TOKEN` from TF_VAR_<variable>; with
 * `readyAfterSeconds`, the container turns healthy only then, so an apply (which waits for it)
 * holds the state lock at least that long.
 */
function tokenStack(app: DockerApp, id: string, stateBackend: StateBackend, readyAfterSeconds = 0): DockerStack {
  const stack = new DockerStack(app, id, { namePrefix: `${prefix}-${id}`, stateBackend });
  new Service(stack, 'api', {
    image: ContainerImage.fromRegistry(`${imagePrefix}/postgres:15`),
    command: ['sh', '-c', `sleep ${readyAfterSeconds}; touch /tmp/ready; exec sleep infinity`],
    init: true,
    healthCheck: HealthCheck.command(['test', '-f', '/tmp/ready'], quick),
    secrets: { TOKEN: Secret.fromVariable(variable) },
  });
  return stack;
}

interface FileSeen {
  readonly file: string;
  readonly mode: string;
  /** Whether a user other than the owner (and group) can open it: o+r, and o+x on every directory from the project down. */
  readonly othersCanRead: boolean;
}

/** Every regular file under `root`, with its mode and whether another user can read it (the project directory itself taken as 0755). */
function filesUnder(root: string): FileSeen[] {
  const seen: FileSeen[] = [];
  const walk = (directory: string, reachable: boolean) => {
    for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
      const full = path.join(directory, entry.name);
      const stat = fs.lstatSync(full);
      if (entry.isDirectory()) walk(full, reachable && (stat.mode & 0o001) !== 0);
      else if (entry.isFile()) seen.push({ file: path.relative(root, full), mode: (stat.mode & 0o777).toString(8), othersCanRead: reachable && (stat.mode & 0o004) !== 0 });
    }
  };
  walk(root, true);
  return seen;
}

/** What `file` holds; for a zip archive (a Terraform plan file: prior state and planned values, deflated), its entries unpacked. */
function contentOf(file: string): Buffer {
  const bytes = fs.readFileSync(file);
  return bytes.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1')) ? execFileSync('unzip', ['-p', file], { maxBuffer: 256 * 1024 * 1024 }) : bytes;
}

/** The files under `root` that hold `secret`, with what others can do with them. */
function filesHolding(root: string, secret: string): FileSeen[] {
  return filesUnder(root).filter((f) => contentOf(path.join(root, f.file)).includes(secret));
}

const modeOf = (target: string) => (fs.statSync(target).mode & 0o777).toString(8);

describe('local backend: state private in .state/ of the project', () => {
  const id = 'local';
  const container = `${prefix}-${id}-api`;
  const tokens = [`st-token-${randomBytes(8).toString('hex')}`, `st-token-${randomBytes(8).toString('hex')}`];
  let cli: CdktfWorkdir;
  let stateDirectory: string;

  beforeAll(() => {
    cli = new CdktfWorkdir(fs.mkdtempSync(path.join(os.tmpdir(), 'cds-st-local-')));
    // A project checkout: readable by everyone, as git leaves it.
    fs.chmodSync(cli.workdir, 0o755);
    stateDirectory = path.join(cli.workdir, DEFAULT_STATE_DIRECTORY);
    const app = new DockerApp({ outdir: cli.outdir });
    tokenStack(app, id, StateBackend.local({ directory: stateDirectory }));
    app.synth();
  });

  afterAll(async () => {
    delete process.env[`TF_VAR_${variable}`];
    if ((await containerState(container)).exists) {
      process.env[`TF_VAR_${variable}`] = tokens[1];
      cli.run(['destroy', id, '--auto-approve']);
      delete process.env[`TF_VAR_${variable}`];
    }
    fs.rmSync(cli.workdir, { recursive: true, force: true });
  });

  test('synth creates .state/ with mode 0700 and the empty state file and backup with 0600, before Terraform runs', () => {
    expect([modeOf(stateDirectory), modeOf(path.join(stateDirectory, `terraform.${id}.tfstate`)), modeOf(path.join(stateDirectory, `terraform.${id}.tfstate.backup`))]).toEqual(['700', '600', '600']);
  });

  test('after a deploy, two diffs (their plan files) and a second deploy that replaces the secret: .state/ is 0700, the state and its backup 0600, and no file others can read holds either secret', async () => {
    process.env[`TF_VAR_${variable}`] = tokens[0];
    cli.deploy(id);
    expect(cli.diff(id)).toEqual({ kind: 'no-changes' });
    process.env[`TF_VAR_${variable}`] = tokens[1];
    // The plan `cdktf diff` leaves in cdktf.out/stacks/<id>/ now holds both secrets.
    expect(cli.diff(id)).toEqual({ kind: 'changes', add: 1, change: 0, destroy: 1 });
    cli.deploy(id);
    expect((await docker.getContainer(container).inspect()).Config.Env).toContain(`TOKEN=${tokens[1]}`);

    const state = filesUnder(stateDirectory);
    console.log(`after two deploys (umask 022): cdktf.out ${modeOf(cli.outdir)}, .state ${modeOf(stateDirectory)}; ${state.map((f) => `${f.file} ${f.mode}`).join(', ')}`);
    expect(modeOf(stateDirectory)).toBe('700');
    // The plan file (0644, Terraform's own mode) is there; the directory keeps others out.
    expect(modeOf(cli.outdir)).toBe('700');
    expect(state).toEqual(expect.arrayContaining([expect.objectContaining({ file: `terraform.${id}.tfstate`, mode: '600' }), expect.objectContaining({ file: `terraform.${id}.tfstate.backup`, mode: '600' })]));
    // The backup holds the state before the second deploy: the first secret.
    expect(fs.readFileSync(path.join(stateDirectory, `terraform.${id}.tfstate.backup`), 'utf8')).toContain(tokens[0]);
    expect(fs.readFileSync(path.join(stateDirectory, `terraform.${id}.tfstate`), 'utf8')).toContain(tokens[1]);
    for (const token of tokens) {
      const holding = filesHolding(cli.workdir, token);
      console.log(`files holding secret ${tokens.indexOf(token) + 1}: ${holding.map((f) => `${f.file} ${f.mode}`).join(', ')}`);
      expect(holding.filter((f) => f.othersCanRead)).toEqual([]);
    }
  });

  test('destroy leaves the state directory private', () => {
    cli.destroy(id);
    expect(modeOf(stateDirectory)).toBe('700');
    expect(filesUnder(stateDirectory).filter((f) => f.othersCanRead)).toEqual([]);
  });
});

describe('pg backend: one state shared by two machines, locked', () => {
  const id = 'shared';
  const container = `${prefix}-${id}-api`;
  const database = `${prefix}-pg`;
  const schema = defaultSchemaName(`${prefix}-${id}`);
  const password = `st-pg-${randomBytes(8).toString('hex')}`;
  const tokens = [`st-token-${randomBytes(8).toString('hex')}`, `st-token-${randomBytes(8).toString('hex')}`];
  // Two checkouts of one project, as on two laptops or CI runners: each synthesizes and runs cdktf itself.
  const machines: CdktfWorkdir[] = [];
  /** How long an apply holds the lock at least: the container turns healthy only after this. */
  const READY_AFTER_SECONDS = 10;

  const psql = async (sql: string) => {
    const result = await exec(database, ['psql', '-U', 'postgres', '-h', '127.0.0.1', '-tAc', sql], [`PGPASSWORD=${password}`]);
    if (result.exitCode !== 0) throw new Error(`psql failed: ${result.output}`);
    return result.output.trim();
  };
  const runBoth = (args: readonly string[]) => Promise.all(machines.map((m) => m.runAsync(args)));

  beforeAll(async () => {
    // A PostgreSQL for the state, owned by this test, published on a loopback port the engine picks.
    const pg = await docker.createContainer({
      name: database,
      Image: `${imagePrefix}/postgres:15`,
      Env: [`POSTGRES_PASSWORD=${password}`],
      Labels: { 'cds-e2e': prefix },
      HostConfig: { PortBindings: { '5432/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] } },
    });
    await pg.start();
    const port = (await pg.inspect()).NetworkSettings.Ports['5432/tcp']?.[0]?.HostPort;
    // The image's first start runs a server on the socket only; TCP answers once the real one is up.
    const deadline = Date.now() + 60_000;
    while ((await exec(database, ['pg_isready', '-h', '127.0.0.1', '-U', 'postgres'])).exitCode !== 0) {
      if (Date.now() > deadline) throw new Error('the state database did not become ready');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    process.env[PG_CONNECTION_VARIABLE] = `postgres://postgres:${password}@127.0.0.1:${port}/postgres?sslmode=disable`;
    for (const name of ['a', 'b']) {
      const machine = new CdktfWorkdir(fs.mkdtempSync(path.join(os.tmpdir(), `cds-st-${name}-`)));
      fs.chmodSync(machine.workdir, 0o755);
      const app = new DockerApp({ outdir: machine.outdir });
      tokenStack(app, id, StateBackend.postgres(), READY_AFTER_SECONDS);
      app.synth();
      machines.push(machine);
    }
  });

  afterAll(async () => {
    delete process.env.TF_CLI_ARGS_apply;
    if ((await containerState(container)).exists) {
      process.env[`TF_VAR_${variable}`] = tokens[1];
      machines[0]?.run(['destroy', id, '--auto-approve']);
    }
    delete process.env[`TF_VAR_${variable}`];
    delete process.env[PG_CONNECTION_VARIABLE];
    await docker
      .getContainer(database)
      .remove({ force: true, v: true })
      .catch(() => undefined);
    for (const machine of machines) fs.rmSync(machine.workdir, { recursive: true, force: true });
  });

  test('cdk.tf.json names only the schema: the connection string comes from PG_CONN_STR', () => {
    const json = JSON.parse(fs.readFileSync(path.join(machines[0].outdir, 'stacks', id, 'cdk.tf.json'), 'utf8')) as { terraform: { backend: unknown } };
    expect(json.terraform.backend).toEqual({ pg: { schema_name: schema } });
  });

  test('two deploys at once: one applies, the other fails on the lock with Terraform\'s message, and the state is consistent', async () => {
    process.env[`TF_VAR_${variable}`] = tokens[0];
    // The first run creates the schema and table (what a team does once): two first runs at once would race on CREATE.
    expect(machines[0].diff(id)).toEqual({ kind: 'changes', add: 2, change: 0, destroy: 0 });
    const results = await runBoth(['deploy', id, '--auto-approve']);
    console.log(`two deploys at once: exit codes ${results.map((r) => r.status).join(', ')}`);
    const [won, lost] = results[0].status === 0 ? results : [results[1], results[0]];
    expect([won.status, lost.status === 0]).toEqual([0, false]);
    expect(lost.output).toContain('Error acquiring the state lock');
    console.log(`the refused deploy said: ${/Error: Error acquiring the state lock[\s\S]{0,400}/.exec(lost.output)?.[0].replace(/\s+/g, ' ')}`);
    for (const machine of machines) expect(machine.diff(id)).toEqual({ kind: 'no-changes' });
  });

  test('two deploys at once with -lock-timeout (TF_CLI_ARGS_apply): the second waits, then finds the first one\'s change applied; one replacement, diffs clean', async () => {
    process.env[`TF_VAR_${variable}`] = tokens[1];
    process.env.TF_CLI_ARGS_apply = '-lock-timeout=120s';
    try {
      const started = Date.now();
      const results = await runBoth(['deploy', id, '--auto-approve']);
      console.log(`two deploys with -lock-timeout=120s: exit codes ${results.map((r) => r.status).join(', ')} in ${Math.round((Date.now() - started) / 1000)} s`);
      expect(results.map((r) => r.status)).toEqual([0, 0]);
      const summaries = results.map((r) => /Apply complete! Resources: (\d+) added, (\d+) changed, (\d+) destroyed/.exec(r.output)?.slice(1).join('/') ?? (/No changes\./.test(r.output) ? 'no changes' : 'none'));
      console.log(`their applies: ${summaries.join(', ')}`);
      // Without the lock, both would have planned the replacement on the old state.
      expect([...summaries].sort()).toEqual(['0/0/0', '1/0/1']);
    } finally {
      delete process.env.TF_CLI_ARGS_apply;
    }
    expect((await docker.getContainer(container).inspect()).Config.Env).toContain(`TOKEN=${tokens[1]}`);
    for (const machine of machines) expect(machine.diff(id)).toEqual({ kind: 'no-changes' });
  });

  test('the state is in Postgres only: no state file on either machine, no connection string in any file; the state row holds the secret', async () => {
    for (const machine of machines) {
      const files = filesUnder(machine.workdir);
      expect(files.filter((f) => /tfstate/.test(path.basename(f.file)) && !f.file.includes(`.terraform${path.sep}`))).toEqual([]);
      expect(filesHolding(machine.workdir, password)).toEqual([]);
      for (const token of tokens) expect(filesHolding(machine.workdir, token).filter((f) => f.othersCanRead)).toEqual([]);
    }
    const rows = await psql(`select name, length(data) from "${schema}".states`);
    console.log(`state rows in schema ${schema}: ${rows}`);
    expect(rows).toMatch(/^default\|\d+$/);
    expect(await psql(`select position('${tokens[1]}' in data) > 0 from "${schema}".states where name = 'default'`)).toBe('t');
  });

  test('destroy through the shared state removes the container', async () => {
    process.env[`TF_VAR_${variable}`] = tokens[1];
    machines[1].destroy(id);
    expect((await containerState(container)).exists).toBe(false);
  });
});

describe('adopt: a lost state rebuilt from what runs on the engine', () => {
  const id = 'adopt';
  const names = { db: `${prefix}-${id}-db`, client: `${prefix}-${id}-client`, network: `${prefix}-${id}-net`, data: `${prefix}-${id}-db-data` };
  let cli: CdktfWorkdir;
  let stateDirectory: string;
  const containerIds = async () => Promise.all([names.db, names.client].map(async (name) => (await docker.getContainer(name).inspect()).Id));

  beforeAll(() => {
    cli = new CdktfWorkdir(fs.mkdtempSync(path.join(os.tmpdir(), 'cds-st-adopt-')));
    stateDirectory = path.join(cli.workdir, DEFAULT_STATE_DIRECTORY);
    const app = new DockerApp({ outdir: cli.outdir });
    const stack = new DockerStack(app, id, { namePrefix: `${prefix}-${id}`, stateBackend: StateBackend.local({ directory: stateDirectory }) });
    const net = new StackNetwork(stack, 'net');
    // A generated password: only the state and the containers know it.
    const db = new Postgres(stack, 'db', { image: ContainerImage.fromRegistry(`${imagePrefix}/postgres:15`), networks: [{ network: net }] });
    new Service(stack, 'client', {
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
    if ((await containerState(names.db)).exists) cli.run(['destroy', id, '--auto-approve']);
    for (const name of [names.db, names.client]) {
      await docker
        .getContainer(name)
        .remove({ force: true })
        .catch(() => undefined);
    }
    await docker
      .getNetwork(names.network)
      .remove()
      .catch(() => undefined);
    await removeVolume(names.data);
    fs.rmSync(cli.workdir, { recursive: true, force: true });
  });

  test('deploy, a row written, the state deleted: the next diff would create everything again', async () => {
    cli.deploy(id);
    const write = await exec(names.db, ['psql', '-U', 'app', '-d', 'app', '-v', 'ON_ERROR_STOP=1', '-c', "create table kept (v text); insert into kept values ('before adopt')"]);
    expect(write.exitCode).toBe(0);
    for (const file of fs.readdirSync(stateDirectory)) fs.rmSync(path.join(stateDirectory, file));
    expect(cli.diff(id)).toEqual({ kind: 'changes', add: 5, change: 0, destroy: 0 });
  });

  test('adopt imports the containers, the network and the generated password; the diff is then clean, nothing was recreated and the row is there', async () => {
    const before = await containerIds();
    const lines: string[] = [];
    const report = await adopt({ stack: id, outdir: cli.outdir, log: (line) => lines.push(line) });
    console.log(`adopt:\n${lines.join('\n')}`);
    expect(report.imported.map((i) => i.address.split('.')[0]).sort()).toEqual(['docker_container', 'docker_container', 'docker_network', 'random_password']);
    expect(report.created.map((a) => a.split('.')[0])).toEqual(['docker_image']);
    expect(JSON.stringify(report)).not.toMatch(/POSTGRES_PASSWORD=/);
    expect(cli.diff(id)).toEqual({ kind: 'no-changes' });
    expect(await containerIds()).toEqual(before);
    const read = await exec(names.db, ['psql', '-U', 'app', '-d', 'app', '-tAc', 'select v from kept']);
    expect(read.output.trim()).toBe('before adopt');
    // The rebuilt state is private like any other.
    expect(modeOf(stateDirectory)).toBe('700');
    expect(modeOf(path.join(stateDirectory, `terraform.${id}.tfstate`))).toBe('600');
  });

  test('adopt refuses a stack whose state is not lost', async () => {
    await expect(adopt({ stack: id, outdir: cli.outdir })).rejects.toThrow(/is not lost/);
  });
});
