// A command run by a benchmark: its wall-clock time, exit status and output.
import { spawnSync } from 'child_process';

export interface Timed {
  readonly seconds: number;
  readonly status: number | null;
  readonly output: string;
}

/** How long a command may run, and the signal that ends it after that. */
export interface CommandLimit {
  readonly timeoutMs: number;
  readonly killSignal: NodeJS.Signals;
}

/** Runs `command` and times it; never throws for a failing command. */
export function timedRun(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, limit: CommandLimit): Timed {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: limit.timeoutMs, killSignal: limit.killSignal, maxBuffer: 64 * 1024 * 1024 });
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Like timedRun, but throws with the command's last output when it exits non-zero. */
export function mustRunTimed(what: string, command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, limit: CommandLimit): Timed {
  const result = timedRun(command, args, cwd, env, limit);
  if (result.status !== 0) throw new Error(`${what} exited ${result.status}:\n${result.output.slice(-4000)}`);
  return result;
}
