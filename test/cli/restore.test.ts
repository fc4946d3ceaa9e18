import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  EngineContainer,
  ExecResult,
  formatDumps,
  RestoreEngine,
  RestoreError,
  restoreBackup,
  stackLabelFromSynth,
} from '../../cli/restore';
import { SCHEDULER_BACKUP_LABELS } from '../../constructs/scheduler';
import { SERVICE_LABELS } from '../../constructs/service';

const STACK = 'shop';
const JOB = '/etc/cds-cron/jobs/backup-db.sh';

function scheduler(overrides: { name?: string; state?: string; database?: string; stack?: string } = {}): EngineContainer {
  return {
    name: overrides.name ?? 'shop-cron',
    state: overrides.state ?? 'running',
    labels: {
      [SERVICE_LABELS.stack]: overrides.stack ?? STACK,
      [SCHEDULER_BACKUP_LABELS.host]: 'db',
      [SCHEDULER_BACKUP_LABELS.user]: 'app',
      [SCHEDULER_BACKUP_LABELS.database]: overrides.database ?? 'app',
      [SCHEDULER_BACKUP_LABELS.job]: JOB,
    },
  };
}

const database: EngineContainer = { name: 'shop-db', state: 'running', labels: { [SERVICE_LABELS.stack]: STACK } };

/** `ls -ln /backups` as GNU ls prints it. */
function listing(files: Record<string, number>): string {
  return `total 12\n${Object.entries(files)
    .map(([name, bytes]) => `-rw-r--r-- 1 0 0 ${bytes} Dec  1 03:00 ${name}`)
    .join('\n')}\n`;
}

const ok = (stdout = ''): ExecResult => ({ exitCode: 0, stdout, stderr: '' });
const failed = (stderr: string, exitCode = 1): ExecResult => ({ exitCode, stdout: '', stderr });

interface FakeOptions {
  containers?: readonly EngineContainer[];
  files?: Record<string, number>;
  /** Relations counted before the restore, then after. */
  relations?: readonly [number, number];
  unreadable?: readonly string[];
  restore?: ExecResult;
}

/** An engine with one stack; every exec is recorded. */
function fakeEngine(options: FakeOptions = {}) {
  const containers = options.containers ?? [database, scheduler()];
  const execs: { container: string; argv: readonly string[] }[] = [];
  let counts = 0;
  const engine: RestoreEngine = {
    containers: (labels) =>
      Promise.resolve(
        containers.filter((c) =>
          labels.every((l) => {
            const [key, value] = l.split('=');
            return value === undefined ? c.labels[key] !== undefined : c.labels[key] === value;
          }),
        ),
      ),
    exec: (container, argv) => {
      execs.push({ container, argv });
      if (argv[0] === 'ls') return Promise.resolve(ok(listing(options.files ?? { 'app-20260101T030000Z.dump': 2048, 'app-20260102T030000Z.dump': 4096, 'app.last-good': 60 })));
      if (argv[0] === 'psql') return Promise.resolve(ok(`${(options.relations ?? [0, 3])[counts++ === 0 ? 0 : 1]}\n`));
      if (argv[0] === 'pg_restore' && argv[1] === '--list') {
        return Promise.resolve(options.unreadable?.some((u) => argv[2].endsWith(u)) ? failed('pg_restore: error: could not read input file: end of file') : ok(';\n; Archive created\n'));
      }
      if (argv[0] === 'pg_restore') return Promise.resolve(options.restore ?? ok());
      return Promise.resolve(failed(`unexpected ${argv.join(' ')}`, 127));
    },
  };
  return { engine, execs, restores: () => execs.filter((e) => e.argv[0] === 'pg_restore' && e.argv[1] !== '--list') };
}

async function errorOf(promise: Promise<unknown>): Promise<RestoreError> {
  try {
    await promise;
  } catch (error) {
    if (RestoreError.isRestoreError(error)) return error;
    throw error;
  }
  throw new Error('expected a RestoreError');
}

describe('restoreBackup', () => {
  test('given an empty database and two dumps, when restored with no dump named, then the newest is restored in one transaction, in the scheduler', async () => {
    const { engine, restores } = fakeEngine();
    const lines: string[] = [];
    const result = await restoreBackup(engine, { stack: STACK }, (l) => lines.push(l));
    expect(result).toMatchObject({ dump: { name: 'app-20260102T030000Z.dump', time: '2026-01-02T03:00:00Z', bytes: 4096 }, relationsBefore: 0, relationsAfter: 3, replaced: false });
    expect(restores()).toEqual([
      {
        container: 'shop-cron',
        argv: ['pg_restore', '-h', 'db', '-U', 'app', '-d', 'app', '-w', '--no-owner', '--exit-on-error', '--single-transaction', '/backups/app-20260102T030000Z.dump'],
      },
    ]);
    expect(lines[0]).toBe('restoring app-20260102T030000Z.dump (2026-01-02T03:00:00Z, 4096 bytes) into "app" at db');
    expect(lines[1]).toMatch(/^restored app-20260102T030000Z.dump into "app": 3 tables, views and sequences \(\d+\.\d s\)$/);
  });

  test('given a dump named, when restored, then that one is restored', async () => {
    const { engine, restores } = fakeEngine();
    await restoreBackup(engine, { stack: STACK, dump: 'app-20260101T030000Z.dump' });
    expect(restores()[0].argv.at(-1)).toBe('/backups/app-20260101T030000Z.dump');
  });

  test('given the newest dump is unreadable (truncated), when restored with no dump named, then it is skipped with a note and the next one restored', async () => {
    const { engine, restores } = fakeEngine({ unreadable: ['app-20260102T030000Z.dump'] });
    const lines: string[] = [];
    const result = await restoreBackup(engine, { stack: STACK }, (l) => lines.push(l));
    expect(result.dump.name).toBe('app-20260101T030000Z.dump');
    expect(restores()).toHaveLength(1);
    expect(lines[0]).toBe('skipping app-20260102T030000Z.dump: not a readable pg_dump archive (pg_restore: error: could not read input file: end of file)');
  });

  test('given a database with tables and --force, when restored, then the objects the dump holds are dropped and recreated', async () => {
    const { engine, restores } = fakeEngine({ relations: [5, 5] });
    const result = await restoreBackup(engine, { stack: STACK, force: true });
    expect(result.replaced).toBe(true);
    expect(restores()[0].argv).toEqual(expect.arrayContaining(['--clean', '--if-exists', '--single-transaction']));
  });

  test('given two backed-up databases and --database, when restored, then the chosen one is restored by its scheduler', async () => {
    const { engine, restores } = fakeEngine({ containers: [scheduler(), scheduler({ name: 'shop-cron-2', database: 'orders' })], files: { 'orders-20260101T030000Z.dump': 10 } });
    await restoreBackup(engine, { stack: STACK, database: 'orders' });
    expect(restores()[0]).toMatchObject({ container: 'shop-cron-2', argv: expect.arrayContaining(['-d', 'orders', '/backups/orders-20260101T030000Z.dump']) });
  });

  test('given a restore, then no command carries a password: pg_restore and psql read PGPASSWORD from the container and never prompt (-w)', async () => {
    const { engine, execs } = fakeEngine();
    await restoreBackup(engine, { stack: STACK });
    const clients = execs.filter((e) => e.argv[0] === 'psql' || (e.argv[0] === 'pg_restore' && e.argv[1] !== '--list'));
    expect(clients.every((e) => e.argv.includes('-w'))).toBe(true);
    expect(execs.some((e) => e.argv.some((a) => /PGPASSWORD|password=/i.test(a)))).toBe(false);
  });

  test('fails when the database holds tables and --force is not given, naming both ways out, and restores nothing', async () => {
    const { engine, restores } = fakeEngine({ relations: [4, 4] });
    const error = await errorOf(restoreBackup(engine, { stack: STACK }));
    expect(error.message).toBe('database "app" of stack "shop" is not empty: it holds 4 tables, views or sequences');
    expect(error.fix).toContain('pass --force');
    expect(error.fix).toContain('remove the data volume and redeploy');
    expect(restores()).toEqual([]);
  });

  test('fails when the stack is not on the engine, naming the stacks that are', async () => {
    const { engine } = fakeEngine({ containers: [database, scheduler(), { name: 'blog-web', state: 'running', labels: { [SERVICE_LABELS.stack]: 'blog' } }] });
    const error = await errorOf(restoreBackup(engine, { stack: 'shpo' }));
    expect(error.message).toBe('no container of stack "shpo" on this engine');
    expect(error.fix).toBe('name a deployed stack (blog, shop), or deploy "shpo" first (npx cdktf deploy shpo)');
  });

  test('fails when no stack at all is deployed, saying to deploy it', async () => {
    const { engine } = fakeEngine({ containers: [] });
    const error = await errorOf(restoreBackup(engine, { stack: STACK }));
    expect(error.fix).toBe('deploy the stack first (npx cdktf deploy shop); no stack is deployed on this engine');
  });

  test('fails when the stack has no scheduler with a backup, saying how to add one', async () => {
    const { engine } = fakeEngine({ containers: [database] });
    const error = await errorOf(restoreBackup(engine, { stack: STACK }));
    expect(error.message).toBe('stack "shop" has no scheduler with a backup (containers: shop-db)');
    expect(error.fix).toContain('give a Scheduler of the stack a `backup`');
  });

  test('fails when the scheduler is not running, saying to deploy', async () => {
    const { engine } = fakeEngine({ containers: [database, scheduler({ state: 'exited' })] });
    const error = await errorOf(restoreBackup(engine, { stack: STACK }));
    expect(error.message).toBe('the scheduler container shop-cron is exited, not running: the restore runs pg_restore in it');
    expect(error.fix).toBe('deploy the stack (npx cdktf deploy shop) so that it runs, then restore again');
  });

  test('fails when there is no dump yet, giving the command that makes one now', async () => {
    const { engine } = fakeEngine({ files: { 'other-20260101T030000Z.dump': 1, 'app-20260101T030000Z.dump.partial': 1 } });
    const error = await errorOf(restoreBackup(engine, { stack: STACK }));
    expect(error.message).toBe('no dump of database "app" in /backups of shop-cron');
    expect(error.fix).toBe(`run one now: docker exec shop-cron ${JOB}`);
  });

  test('fails when the dump named is not there, listing the newest', async () => {
    const { engine, restores } = fakeEngine();
    const error = await errorOf(restoreBackup(engine, { stack: STACK, dump: 'app-20250101T030000Z.dump' }));
    expect(error.message).toBe('no dump "app-20250101T030000Z.dump" in /backups of shop-cron');
    expect(error.fix).toBe('choose one of app-20260102T030000Z.dump, app-20260101T030000Z.dump, or leave --dump out for the newest');
    expect(restores()).toEqual([]);
  });

  test('fails when the dump named is unreadable, saying to choose another', async () => {
    const { engine } = fakeEngine({ unreadable: ['app-20260101T030000Z.dump'] });
    const error = await errorOf(restoreBackup(engine, { stack: STACK, dump: 'app-20260101T030000Z.dump' }));
    expect(error.message).toBe('app-20260101T030000Z.dump is not a readable pg_dump archive: pg_restore: error: could not read input file: end of file');
  });

  test('fails when every dump is unreadable', async () => {
    const { engine } = fakeEngine({ unreadable: ['.dump'] });
    const error = await errorOf(restoreBackup(engine, { stack: STACK }));
    expect(error.message).toBe('none of the 2 dumps of "app" in shop-cron is a readable pg_dump archive');
  });

  test('fails when the stack backs up two databases and none is chosen, naming them', async () => {
    const { engine } = fakeEngine({ containers: [scheduler(), scheduler({ name: 'shop-cron-2', database: 'orders' })] });
    const error = await errorOf(restoreBackup(engine, { stack: STACK }));
    expect(error.message).toBe('stack "shop" backs up 2 databases: app, orders');
    expect(error.fix).toBe('choose one with --database app');
  });

  test('fails when the database chosen is not backed up', async () => {
    const { engine } = fakeEngine();
    const error = await errorOf(restoreBackup(engine, { stack: STACK, database: 'orders' }));
    expect(error).toMatchObject({ message: 'stack "shop" backs up no database "orders"', fix: 'choose one it backs up: --database app' });
  });

  test('fails when the database cannot be reached, before pg_restore runs', async () => {
    const { engine, restores } = fakeEngine();
    const unreachable: RestoreEngine = {
      containers: (labels) => engine.containers(labels),
      exec: (container, argv) => (argv[0] === 'psql' ? Promise.resolve(failed('psql: error: could not translate host name "db" to address')) : engine.exec(container, argv)),
    };
    const error = await errorOf(restoreBackup(unreachable, { stack: STACK }));
    expect(error.message).toBe('cannot query database "app" at db as app from shop-cron: psql: error: could not translate host name "db" to address');
    expect(restores()).toEqual([]);
  });

  test('fails when pg_restore fails, with its last error lines, saying nothing was changed', async () => {
    const { engine } = fakeEngine({ restore: failed('pg_restore: error: could not execute query: ERROR:  relation "notes" already exists\nCommand was: CREATE TABLE notes') });
    const error = await errorOf(restoreBackup(engine, { stack: STACK }));
    expect(error.message).toBe(
      'pg_restore of app-20260102T030000Z.dump into "app" failed (exit 1), nothing was changed (one transaction): pg_restore: error: could not execute query: ERROR:  relation "notes" already exists / Command was: CREATE TABLE notes',
    );
  });

  test.each(['../etc/passwd', 'app-2026.dump', '/backups/app-20260101T030000Z.dump', 'app-20260101T030000Z.dump.partial'])('fails when --dump is %p, not a dump file name, before the engine is asked', async (dump) => {
    const { engine, execs } = fakeEngine();
    const error = await errorOf(restoreBackup(engine, { stack: STACK, dump }));
    expect(error.message).toBe(`--dump ${JSON.stringify(dump)} is not a dump file name`);
    expect(error.fix).toContain('<database>-<YYYYMMDD>T<HHMMSS>Z.dump');
    expect(execs).toEqual([]);
  });

  test('fails when no stack is given', async () => {
    const error = await errorOf(restoreBackup(fakeEngine().engine, { stack: ' ' }));
    expect(error.message).toBe('no stack given');
  });

  test('given an error, then the command line recognises it as its own (name CliError, with a fix)', async () => {
    const error = await errorOf(restoreBackup(fakeEngine().engine, { stack: '' }));
    expect({ name: error.name, fix: typeof error.fix }).toEqual({ name: 'CliError', fix: 'string' });
  });
});

describe('formatDumps', () => {
  test('given dumps, then one line each, newest first and marked', () => {
    const source = { stack: STACK, container: 'shop-cron', host: 'db', user: 'app', database: 'app', backupJob: JOB, dumps: [
      { name: 'app-20260102T030000Z.dump', time: '2026-01-02T03:00:00Z', bytes: 4096 },
      { name: 'app-20260101T030000Z.dump', time: '2026-01-01T03:00:00Z', bytes: 20 },
    ] };
    expect(formatDumps(source)).toBe('app-20260102T030000Z.dump  2026-01-02T03:00:00Z  4096 bytes  (newest)\napp-20260101T030000Z.dump  2026-01-01T03:00:00Z    20 bytes\n');
  });
});

describe('stackLabelFromSynth', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cds-restore-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("given a synthesized stack with a name prefix, then its containers' stack label is returned", () => {
    fs.mkdirSync(path.join(dir, 'stacks', 'vibecoding'), { recursive: true });
    const json = { resource: { docker_container: { db: { name: 'staging-vibecoding-postgres', labels: [{ label: SERVICE_LABELS.stack, value: 'staging-vibecoding' }] } } } };
    fs.writeFileSync(path.join(dir, 'stacks', 'vibecoding', 'cdk.tf.json'), JSON.stringify(json));
    expect(stackLabelFromSynth(dir, 'vibecoding')).toBe('staging-vibecoding');
  });

  test('given no synth output for the stack, then undefined (the name is used as the label)', () => {
    expect(stackLabelFromSynth(dir, 'vibecoding')).toBeUndefined();
  });
});
