import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LocalBackend } from 'cdktf';
import { dockerRestoreEngine, restoreBackup } from '../../cli/restore';
import { ContainerImage, CronRunner, CronSchedule, DockerApp, DockerStack, Duration, Postgres, Scheduler, StackNetwork } from '../../constructs';
import { SCHEDULER_BACKUP_LABELS } from '../../constructs/scheduler';
import { CdktfWorkdir } from './support/cdktf-cli';
import { docker, engineLeftovers, exec, removeVolume } from './support/docker-api';

// The backup drill on a real engine: a Postgres and a Scheduler backing it up (retention 2);
// rows written, a backup run now (the job's script, not waiting for cron), the stack destroyed
// and its data volume removed, the stack redeployed empty, the newest dump restored with the
// user's command (npm run restore), the rows back. Also: retention prunes, a failed backup
// turns the scheduler unhealthy and its health output names the error and the last good
// backup, and the restore refuses a database that is not empty unless --force. Each step's
// time is printed; nothing asserts on time.
const stackName = 'backup';
const prefix = `br${process.pid % 100000}`;
const root = path.resolve(__dirname, '../..');
const images = process.env.CDS_IMAGE_PREFIX ?? 'cds-local';
const dbContainer = `${prefix}-db`;
const cronContainer = `${prefix}-cron`;
const dataVolume = `${prefix}-db-data`;
const ROWS = 5000;
let cli: CdktfWorkdir;
let backupJob: string;
const figures: Record<string, number> = {};

/** Times a step, prints it and keeps it for the summary. */
async function timed<T>(what: string, step: () => T | Promise<T>): Promise<T> {
  const start = Date.now();
  try {
    return await step();
  } finally {
    figures[what] = (Date.now() - start) / 1000;
    console.log(`${what}: ${figures[what].toFixed(1)} s`);
  }
}

/** Everything this suite may leave on the engine: containers, networks and volumes under its prefix. */
const leftovers = () => engineLeftovers(`${prefix}-`);

/** SQL over the database container's socket, as the owner (local connections are trusted). */
async function psql(sql: string): Promise<string> {
  const result = await exec(dbContainer, ['psql', '-h', '127.0.0.1', '-U', 'app', '-d', 'app', '-v', 'ON_ERROR_STOP=1', '-tAc', sql]);
  expect({ sql, exitCode: result.exitCode, output: result.exitCode === 0 ? '' : result.output }).toEqual({ sql, exitCode: 0, output: '' });
  return result.output.trim();
}

async function dumps(): Promise<string[]> {
  const listing = await exec(cronContainer, ['ls', '-1', '/backups']);
  return listing.output
    .split('\n')
    .filter((f) => f.endsWith('.dump'))
    .sort();
}

/** Runs the backup job now, as cron would; a second apart, as dump names are to the second. */
async function backupNow(): Promise<{ exitCode: number; output: string }> {
  await new Promise((resolve) => setTimeout(resolve, 1100));
  return exec(cronContainer, [backupJob]);
}

/**
 * The scheduler's health and its last probe's output, once it reads `want` and the output
 * matches `output` (a probe from before the last step may still be the last one), or the
 * deadline passes.
 */
async function health(want: string, output = /[^]/, timeoutMs = 30_000): Promise<{ status: string | undefined; output: string }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const info = await docker.getContainer(cronContainer).inspect();
    const state = { status: info.State.Health?.Status, output: info.State.Health?.Log?.at(-1)?.Output ?? '' };
    if ((state.status === want && output.test(state.output)) || Date.now() > deadline) return state;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The user's command: npm run restore (the package's CLI from source, run the same way). */
function restoreCommand(...args: string[]): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'cli/main.ts'), 'restore', stackName, '--output', cli.outdir, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: process.env,
    timeout: 120_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

beforeAll(async () => {
  expect(await leftovers()).toEqual({ containers: [], networks: [], volumes: [] });
  cli = new CdktfWorkdir(fs.mkdtempSync(path.join(os.tmpdir(), 'cds-backup-')));
  const app = new DockerApp({ outdir: cli.outdir });
  const stack = new DockerStack(app, stackName, { namePrefix: prefix });
  new LocalBackend(stack, { path: path.join(cli.workdir, `terraform.${stackName}.tfstate`) });
  const net = new StackNetwork(stack, 'net');
  const image = ContainerImage.fromRegistry(`${images}/postgres:15`);
  const db = new Postgres(stack, 'db', { image, networks: [{ network: net }] });
  const scheduler = new Scheduler(stack, 'cron', {
    image,
    runner: CronRunner.DEBIAN_CRON,
    backup: { database: db, schedule: CronSchedule.daily({ hour: 3 }), retention: 2 },
    // The default check, probed every second, so a failure shows at once.
    healthCheck: Scheduler.healthCheck({ interval: Duration.seconds(1), retries: 1, startPeriod: Duration.seconds(5) }),
    networks: [{ network: net }],
  });
  backupJob = `/etc/cds-cron/jobs/${scheduler.jobs[0].name}.sh`;
  app.synth();
});

afterAll(async () => {
  if ((await leftovers()).containers.length > 0) cli.run(['destroy', stackName, '--auto-approve']);
  for (const volume of (await leftovers()).volumes) await removeVolume(volume);
  fs.rmSync(cli.workdir, { recursive: true, force: true });
  console.log(`backup drill figures (s): ${JSON.stringify(Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, Number(v.toFixed(1))])))}`);
});

test('the stack deploys healthy, with no backup yet, and the scheduler is labelled with the job the restore names', async () => {
  await timed('deploy', () => cli.deploy(stackName));
  expect(await health('healthy')).toEqual({ status: 'healthy', output: 'no good backup of app yet (schedule 0 3 * * *)\n' });
  const labels = (await docker.getContainer(cronContainer).inspect()).Config.Labels;
  expect(labels[SCHEDULER_BACKUP_LABELS.job]).toBe(backupJob);
});

test('a backup run now makes a dump, and the health output gives its age', async () => {
  await psql(`CREATE TABLE notes (id int PRIMARY KEY, body text); INSERT INTO notes SELECT n, 'note ' || n FROM generate_series(1, ${ROWS}) n`);
  const run = await timed('backup run now', () => exec(cronContainer, [backupJob]));
  expect(run).toEqual({ exitCode: 0, output: expect.stringContaining('cron job backup-db: ok') });
  expect(await dumps()).toEqual([expect.stringMatching(/^app-\d{8}T\d{6}Z\.dump$/)]);
  const lastGood = /^last good backup of app: \S+Z \(\d+ s ago\), \/backups\/app-\d{8}T\d{6}Z\.dump, \d+ bytes\n$/;
  const probed = await timed('backup -> health output names it', () => health('healthy', lastGood));
  expect(probed).toEqual({ status: 'healthy', output: expect.stringMatching(lastGood) });
});

test('retention 2: after three more backups only the newest two dumps are kept', async () => {
  const before = await dumps();
  for (let i = 1; i <= 3; i++) {
    await psql(`INSERT INTO notes VALUES (${ROWS + i}, 'after backup ${i}')`);
    expect((await backupNow()).exitCode).toBe(0);
  }
  const kept = await dumps();
  expect(kept).toHaveLength(2);
  expect(kept.some((d) => before.includes(d))).toBe(false);
});

test('a backup that fails (wrong password) turns the scheduler unhealthy, naming the error and the last good backup; a good one heals it', async () => {
  const kept = await dumps();
  await psql("ALTER USER app PASSWORD 'not-the-stack-password'");
  const failed = await backupNow();
  expect(failed.exitCode).not.toBe(0);
  expect(failed.output).toContain('cron job backup-db: FAILED');
  const unhealthy = await timed('failed backup -> unhealthy', () => health('unhealthy', /FAILED/));
  expect(unhealthy.status).toBe('unhealthy');
  expect(unhealthy.output.split('\n')).toEqual([
    expect.stringMatching(/^backup of app FAILED at \S+Z \(\d+ s ago\): exit \d+: .*password authentication failed for user "app"/),
    expect.stringMatching(/^last good backup of app: \S+Z \(\d+ s ago\)/),
    '',
  ]);
  expect(await dumps()).toEqual(kept);

  // The database's own password again, from its environment: the test never reads it.
  const reset = await exec(dbContainer, ['sh', '-c', `psql -h 127.0.0.1 -U app -d app -v ON_ERROR_STOP=1 -c "ALTER USER app PASSWORD '$POSTGRES_PASSWORD'"`]);
  expect(reset.exitCode).toBe(0);
  expect((await backupNow()).exitCode).toBe(0);
  expect(await health('healthy', /^last good backup/)).toEqual({ status: 'healthy', output: expect.stringMatching(/^last good backup of app: /) });
});

test('the drill: data volume destroyed, stack redeployed empty, newest dump restored with npm run restore, rows back', async () => {
  const expected = await psql('SELECT count(*) || \' \' || max(id) FROM notes');
  expect(expected).toBe(`${ROWS + 3} ${ROWS + 3}`);
  const newest = (await dumps()).at(-1);
  const drillStart = Date.now();

  await timed('destroy', () => cli.destroy(stackName));
  await removeVolume(dataVolume);
  expect((await leftovers()).volumes).toEqual([`${prefix}-cron-backups`]);
  await timed('redeploy (empty database)', () => cli.deploy(stackName));
  expect(await psql("SELECT count(*) FROM pg_tables WHERE tablename = 'notes'")).toBe('0');

  const restored = await timed('restore (npm run restore)', () => restoreCommand());
  expect(restored).toEqual({ status: 0, output: expect.stringContaining(`restoring ${newest}`) });
  expect(await psql('SELECT count(*) || \' \' || max(id) FROM notes')).toBe(expected);
  figures['drill: destroy to rows back'] = (Date.now() - drillStart) / 1000;
  console.log(`drill, destroy to rows back: ${figures['drill: destroy to rows back'].toFixed(1)} s`);
});

test('fails when the database is not empty and --force is not given; --force replaces what the dump holds', async () => {
  await psql("DELETE FROM notes WHERE id <= 10; INSERT INTO notes VALUES (-1, 'written after the backup')");
  const refused = restoreCommand();
  expect(refused.status).toBe(2);
  expect(refused.output).toContain('error: database "app" of stack');
  expect(refused.output).toContain('is not empty');
  expect(refused.output).toContain('fix: to replace what the dump holds, pass --force');
  expect(await psql('SELECT count(*) FROM notes WHERE id = -1')).toBe('1');

  const forced = await timed('restore --force over a changed database', () => restoreBackup(dockerRestoreEngine(docker), { stack: prefix, force: true }));
  expect(forced.replaced).toBe(true);
  expect(await psql('SELECT count(*) || \' \' || min(id) FROM notes')).toBe(`${ROWS + 3} 1`);
});

test('--list prints the two dumps kept, newest first; a dump named that is not there fails, naming them', () => {
  const listed = restoreCommand('--list');
  expect(listed.status).toBe(0);
  expect(listed.output.trim().split('\n')).toEqual([
    expect.stringMatching(/^app-\d{8}T\d{6}Z\.dump {2}\S+Z +\d+ bytes {2}\(newest\)$/),
    expect.stringMatching(/^app-\d{8}T\d{6}Z\.dump {2}\S+Z +\d+ bytes$/),
  ]);
  const missing = restoreCommand('--dump', 'app-20000101T000000Z.dump');
  expect(missing.status).toBe(2);
  expect(missing.output).toContain('error: no dump "app-20000101T000000Z.dump" in /backups');
  expect(missing.output).toMatch(/fix: choose one of app-\d{8}T\d{6}Z\.dump, app-\d{8}T\d{6}Z\.dump, or leave --dump out for the newest/);
});

test('destroy, and the volumes removed, leave nothing under the prefix', async () => {
  await timed('final destroy', () => cli.destroy(stackName));
  for (const volume of (await leftovers()).volumes) await removeVolume(volume);
  expect(await leftovers()).toEqual({ containers: [], networks: [], volumes: [] });
});
