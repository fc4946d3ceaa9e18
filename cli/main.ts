#!/usr/bin/env node
// The `cdktf-docker-stacks` command (package.json `bin`): day-2 commands for the stacks of a
// cdktf project, run from its directory. See README "Day-2 commands".
import { runCli } from './program';

const interrupted = new Promise<void>((resolve) => {
  process.once('SIGINT', () => resolve());
  process.once('SIGTERM', () => resolve());
});

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, interrupted }).then(
  // Exit at once: the Docker client's idle connections would otherwise keep the process alive.
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  },
);
