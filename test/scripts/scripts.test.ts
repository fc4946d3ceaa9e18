import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// The shell scripts under scripts/, run for real with bash: the step runner keeps errexit in
// force, the base image's archive fails when tar fails, scripts/ is clean under shellcheck, and
// the nginx.conf NginxProxy renders passes a real nginx (scripts/check-nginx-conf.sh). The host
// programs they need (CDS_TEST_TOOLS in scripts/lib.sh) are installed by
// `npm run setup:local-engine`; a missing one fails the test, naming it.
const root = path.resolve(__dirname, '..', '..');
const lib = path.join(root, 'scripts', 'lib.sh');
let scratch: string;

beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cds-scripts-'));
});

afterAll(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
});

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `script` with bash, after sourcing scripts/lib.sh (or `source`), with caches in the scratch directory. */
function bash(script: string, options: { source?: string; env?: NodeJS.ProcessEnv } = {}): Run {
  const result = spawnSync('bash', ['-c', `source "$1"\n${script}`, 'test', options.source ?? lib], {
    encoding: 'utf8',
    env: { ...process.env, CDS_CACHE: path.join(scratch, 'cache'), CDS_LOCAL: path.join(scratch, 'local'), ...options.env },
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The log lines of a run, without their time stamps; step durations read "Ns" (bash's SECONDS may tick during a short step). */
function logLines(run: Run): string[] {
  return run.stderr
    .split('\n')
    .filter(Boolean)
    .map((line) => line.replace(/^\[\d\d:\d\d:\d\d\] /, '').replace(/ (in|after) \d+s$/, ' $1 Ns'));
}

describe('scripts/lib.sh step', () => {
  test('given a step whose first command fails, when it runs, then it stops there and the step reports its name, duration and exit status', () => {
    const run = bash(`
      two_commands() { (exit 3); echo "second command" >&2; }
      step "two commands" two_commands
      echo "after the step" >&2
    `);

    expect(run.status).toBe(3);
    expect(logLines(run)).toEqual(["step 'two commands': start", "step 'two commands': FAILED (exit 3) after Ns"]);
  });

  test('given a step that succeeds, then it reports its duration and the script goes on', () => {
    const run = bash(`
      fine() { true; echo "inside" >&2; }
      step "fine" fine
      echo "after the step" >&2
    `);

    expect(run.status).toBe(0);
    expect(logLines(run)).toEqual(["step 'fine': start", 'inside', "step 'fine': done in Ns", 'after the step']);
  });

  test('given a failure deep inside a step (a nested function, a pipeline, a command substitution), then the step fails there', () => {
    const run = bash(`
      inner() { false | cat; echo "pipeline ignored" >&2; }
      outer() { inner; echo "inner ignored" >&2; }
      substitution() { local x; x="$(false; echo y)"; echo "substitution ignored: $x" >&2; }
      status_into a outer
      status_into b substitution
      echo "statuses $a $b" >&2
    `);

    expect(run.status).toBe(0);
    expect(logLines(run)).toEqual(['statuses 1 1']);
  });

  test('given a step called as a condition (where bash ignores errexit), then it refuses to run instead of running without errexit', () => {
    const run = bash(`
      two_commands() { false; echo "second command" >&2; }
      step "two commands" two_commands || echo "handled" >&2
      echo "after the step" >&2
    `);

    expect(run.status).toBe(1);
    expect(run.stderr).not.toContain('second command');
    expect(run.stderr).not.toContain('after the step');
    expect(run.stderr).toContain('called from a condition (if, while, &&, ||, !), where errexit cannot apply inside');
  });

  test('given quietly around a failing function, then it stops at the failure and prints the end of the log', () => {
    const log = path.join(scratch, 'quietly.log');
    const run = bash(`
      noisy() { echo "line one"; echo "the error" >&2; (exit 4); echo "went on"; }
      quietly "${log}" noisy
    `);

    expect(run.status).toBe(4);
    expect(fs.readFileSync(log, 'utf8')).toBe('line one\nthe error\n');
    expect(logLines(run)).toEqual([`'noisy' failed (exit 4); last lines of ${log}:`, 'line one', 'the error']);
  });

  test('engine_answers is false, quickly, when nothing listens on DOCKER_HOST', () => {
    const run = bash(`if engine_answers; then echo answers; else echo silent; fi`, { env: { DOCKER_HOST: `unix://${path.join(scratch, 'no-engine.sock')}` } });

    expect({ status: run.status, stdout: run.stdout }).toEqual({ status: 0, stdout: 'silent\n' });
  });
});

describe('scripts/images.sh', () => {
  const images = path.join(root, 'scripts', 'images.sh');

  test('given a tar that fails half-way, when the rootfs is archived, then the step fails (pipefail), not only when zstd does', () => {
    const bin = path.join(scratch, 'failing-tar');
    fs.mkdirSync(bin, { recursive: true });
    // Writes part of an archive, then fails, as tar does on an unreadable file.
    fs.writeFileSync(path.join(bin, 'tar'), '#!/bin/sh\nhead -c 10240 /dev/zero\necho "tar: ./etc/shadow: Cannot open: Permission denied" >&2\nexit 2\n', { mode: 0o755 });
    const out = path.join(scratch, 'base.tar.zst');
    const run = bash(`step "archive rootfs" archive_rootfs "${scratch}" "${out}"`, { source: images, env: { PATH: `${bin}:${process.env.PATH}` } });

    expect(run.status).toBe(2);
    expect(logLines(run)).toContain("step 'archive rootfs': FAILED (exit 2) after Ns");
  });

  test('sourced, it defines its functions without running a command', () => {
    const run = bash(`declare -F archive_rootfs import_base image_recipe_hash >/dev/null && echo defined`, { source: images });

    expect({ status: run.status, stdout: run.stdout }).toEqual({ status: 0, stdout: 'defined\n' });
  });
});

describe('scripts/ under shellcheck', () => {
  test('every script is clean (each disable is justified inline)', () => {
    const scripts = (fs.readdirSync(path.join(root, 'scripts'), { recursive: true }) as string[])
      .filter((f) => f.endsWith('.sh') && !f.includes('node_modules'))
      .map((f) => path.join('scripts', f));
    const result = spawnSync('shellcheck', ['--format=gcc', ...scripts], { cwd: root, encoding: 'utf8' });

    if (result.error) throw new Error(`shellcheck could not run (${result.error.message}): run npm run setup:local-engine, or apt-get install shellcheck`);
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
  });
});

describe('scripts/check-nginx-conf.sh', () => {
  test(
    'the nginx.conf NginxProxy renders (variants and every seed stack proxy) passes nginx -t, and nginx serves it as documented',
    () => {
      const result = spawnSync('bash', [path.join(root, 'scripts', 'check-nginx-conf.sh')], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, CDS_CACHE: path.join(scratch, 'cache'), CDS_LOCAL: path.join(scratch, 'local') },
        timeout: 180_000,
      });
      const output = `${result.stdout}${result.stderr}`;

      // The whole log on failure: it names each failed check.
      expect({ status: result.status, failures: output.split('\n').filter((line) => / FAIL |error:/.test(line)) }).toEqual({ status: 0, failures: [] });
      expect(output).toContain("nginx -t accepts the 'seed-vibecoding-nginx-tls' variant");
      expect(output).toContain("nginx -t accepts the 'seed-my-ia-frontend' variant");
      expect(output).toContain('all nginx configuration checks passed');
    },
    200_000,
  );
});
