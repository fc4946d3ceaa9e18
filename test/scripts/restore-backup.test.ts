import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { EngineContainer, RestoreEngine } from '../../cli/restore';
import { SCHEDULER_BACKUP_LABELS } from '../../constructs/scheduler';
import { SERVICE_LABELS } from '../../constructs/service';
import { main } from '../../scripts/restore-backup';

// The user's entry (npm run restore): arguments in, lines and an exit code out.
const scheduler: EngineContainer = {
  name: 'staging-shop-cron',
  state: 'running',
  labels: {
    [SERVICE_LABELS.stack]: 'staging-shop',
    [SCHEDULER_BACKUP_LABELS.host]: 'db',
    [SCHEDULER_BACKUP_LABELS.user]: 'app',
    [SCHEDULER_BACKUP_LABELS.database]: 'app',
    [SCHEDULER_BACKUP_LABELS.job]: '/etc/cds-cron/jobs/backup-db.sh',
  },
};

/** One stack, `staging-shop`, with one dump and an empty database. */
function engine(): RestoreEngine {
  return {
    containers: (labels) => Promise.resolve(labels.every((l) => l === SERVICE_LABELS.stack || l === `${SERVICE_LABELS.stack}=staging-shop`) ? [scheduler] : []),
    exec: (_container, argv) => {
      if (argv[0] === 'ls') return Promise.resolve({ exitCode: 0, stdout: '-rw-r--r-- 1 0 0 2048 Dec  1 03:00 app-20260101T030000Z.dump\n', stderr: '' });
      if (argv[0] === 'psql') return Promise.resolve({ exitCode: 0, stdout: '0\n', stderr: '' });
      return Promise.resolve({ exitCode: 0, stdout: '', stderr: '' });
    },
  };
}

async function run(argv: readonly string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, engine, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cds-restore-script-'));
  // The synth output maps the stack's name (shop) to its prefix on the engine (staging-shop).
  fs.mkdirSync(path.join(dir, 'stacks', 'shop'), { recursive: true });
  const json = { resource: { docker_container: { cron: { name: 'staging-shop-cron', labels: [{ label: SERVICE_LABELS.stack, value: 'staging-shop' }] } } } };
  fs.writeFileSync(path.join(dir, 'stacks', 'shop', 'cdk.tf.json'), JSON.stringify(json));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

test('given the stack name cdktf knows, when restored, then the prefix from the synth output is used and progress is printed', async () => {
  const { code, out, err } = await run(['shop', '--output', dir]);
  expect({ code, err }).toEqual({ code: 0, err: '' });
  expect(out).toMatch(/^restoring app-20260101T030000Z\.dump \(2026-01-01T03:00:00Z, 2048 bytes\) into "app" at db\nrestored app-20260101T030000Z\.dump into "app": 0 tables, views and sequences \(\d+\.\d s\)\n$/);
});

test('given --list, then the dumps are printed, newest first', async () => {
  expect(await run(['shop', '--list', '--output', dir])).toEqual({ code: 0, out: 'app-20260101T030000Z.dump  2026-01-01T03:00:00Z  2048 bytes  (newest)\n', err: '' });
});

test('fails with exit 2, the error and its fix when the stack is unknown', async () => {
  expect(await run(['blog', '--output', dir])).toEqual({
    code: 2,
    out: '',
    err: 'error: no container of stack "blog" on this engine\nfix: name a deployed stack (staging-shop), or deploy "blog" first (npx cdktf deploy blog)\n',
  });
});

test('fails with exit 2 and the usage when the arguments are wrong', async () => {
  const { code, err } = await run(['shop', '--frce']);
  expect(code).toBe(2);
  expect(err).toBe('error: unknown option --frce\nfix: usage: npm run restore -- <stack> [--dump <name>] [--database <name>] [--force] [--list] [--output <synth dir>]\n');
});
