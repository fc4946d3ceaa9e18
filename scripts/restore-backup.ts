// `npm run restore -- <stack> [--dump <name>] [--database <name>] [--force] [--list] [--output <dir>]`:
// restores a Scheduler's backup into the stack's Postgres (cli/restore.ts does the work). The
// engine is dockerode's default: DOCKER_HOST, else the local socket.
import Docker from 'dockerode';
import { dockerRestoreEngine, formatDumps, findBackups, parseRestoreArguments, RestoreEngine, RestoreError, restoreBackup, stackLabelFromSynth } from '../cli/restore';

/** Where the command writes. */
export interface RestoreIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/**
 * Runs the command; resolves to its exit code: 0 done, 2 a RestoreError (printed as
 * `error: ...` and `fix: ...`). Other errors (bugs) are thrown.
 */
export async function main(argv: readonly string[], connect: () => RestoreEngine, io: RestoreIo): Promise<number> {
  try {
    const args = parseRestoreArguments(argv);
    const stack = stackLabelFromSynth(args.outdir, args.stack) ?? args.stack;
    const engine = connect();
    if (args.list) {
      io.out(formatDumps(await findBackups(engine, stack, args.database)));
      return 0;
    }
    await restoreBackup(engine, { ...args, stack }, (line) => io.out(`${line}\n`));
    return 0;
  } catch (error) {
    if (!RestoreError.isRestoreError(error)) throw error;
    io.err(`error: ${error.message}\nfix: ${error.fix}\n`);
    return 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2), () => dockerRestoreEngine(new Docker()), { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
