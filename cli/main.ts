#!/usr/bin/env node
// The `cdktf-docker-stacks` command (package.json `bin`): day-2 commands for the stacks of a
// cdktf project, run from its directory. See README "Day-2 commands".
import { runCli } from './program';

/** Once interrupted, how long a command may take to finish what it prints before the process ends anyway. */
const GRACE_MS = 2000;

const interrupted = new Promise<void>((resolve) => {
  process.once('SIGINT', () => resolve());
  process.once('SIGTERM', () => resolve());
});
// Listening for SIGINT turns off Node's default exit on Ctrl-C: a command stuck on the engine
// (a read without a timeout, a stream that never ends) must still end when asked.
void interrupted.then(() => setTimeout(() => process.exit(130), GRACE_MS));

// `logs | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

/** Exits once stdout has taken everything written (a pipe may still hold a large log). */
function exit(code: number): void {
  process.stdout.write('', () => process.exit(code));
}

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, interrupted }).then(
  // Exit explicitly: the Docker client's idle connections would otherwise keep the process alive.
  exit,
  (error: unknown) => {
    // runCli reports every error itself; this is the last resort (a failure writing its output).
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    exit(2);
  },
);
