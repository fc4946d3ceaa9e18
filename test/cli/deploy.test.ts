import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Writable } from 'stream';
import type Docker from 'dockerode';
import type { EngineChoice } from '../../cli/engine';
import { deployStack, destroyStack, diffStack, type TerraformCommandOptions } from '../../cli/deploy';
import { EXIT } from '../../cli/errors';

// deploy, diff and destroy run Terraform in the synthesized stack's directory, without the
// cdktf CLI. Here Terraform is a stand-in script on PATH that records its calls and exits as
// told, and the app command writes a minimal synth.
let project: string;
let bin: string;
let log: string;

beforeEach(() => {
  project = fs.mkdtempSync(path.join(os.tmpdir(), 'cds-deploy-'));
  bin = path.join(project, 'bin');
  log = path.join(project, 'terraform.log');
  fs.mkdirSync(bin);
  fs.writeFileSync(
    path.join(bin, 'terraform'),
    '#!/bin/sh\necho "$(basename "$PWD") $*" >> "$FAKE_TF_LOG"\necho "terraform $1 says hello"\neval "exit \\${FAKE_TF_EXIT_$1:-0}"\n',
    { mode: 0o755 },
  );
  const synth = `const fs=require('fs'),p=require('path');const o=process.env.CDKTF_OUTDIR;fs.mkdirSync(p.join(o,'stacks','shop'),{recursive:true});fs.writeFileSync(p.join(o,'manifest.json'),JSON.stringify({stacks:{shop:{synthesizedStackPath:'stacks/shop/cdk.tf.json',workingDirectory:'stacks/shop'}}}));fs.writeFileSync(p.join(o,'stacks','shop','cdk.tf.json'),'{}');fs.writeFileSync(p.join(o,'synthesized'),'yes');`;
  fs.writeFileSync(path.join(project, 'synth.js'), synth);
  fs.writeFileSync(path.join(project, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: 'node synth.js' }));
});

afterEach(() => {
  fs.rmSync(project, { recursive: true, force: true });
});

function run(command: typeof deployStack, exits: Record<string, number> = {}, overrides: Partial<TerraformCommandOptions> = {}, name = 'shop', searchPath = `${bin}:${process.env.PATH ?? ''}`) {
  let stdout = '';
  let stderr = '';
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        append(chunk.toString());
        done();
      },
    });
  const env: NodeJS.ProcessEnv = { PATH: searchPath, FAKE_TF_LOG: log };
  for (const [subcommand, code] of Object.entries(exits)) env[`FAKE_TF_EXIT_${subcommand}`] = String(code);
  const options: TerraformCommandOptions = { project: { directory: project }, skipSynth: false, lockTimeout: '0s', color: false, ...overrides };
  return command(name, options, { stdout: sink((s) => (stdout += s)), stderr: sink((s) => (stderr += s)), env }).then((code) => ({
    code,
    stdout,
    stderr,
    calls: fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n') : [],
  }));
}

describe('deploy', () => {
  test('given a project, when deploy runs, then it synthesizes, initializes quietly and applies in the stack directory, streaming the apply', async () => {
    const result = await run(deployStack);

    expect(fs.existsSync(path.join(project, 'cdktf.out', 'synthesized'))).toBe(true);
    expect(result.calls).toEqual(['shop init -input=false -no-color', 'shop apply -auto-approve -input=false -lock-timeout=0s -no-color']);
    expect(result.stdout).toBe('terraform apply says hello\n');
    expect(result.code).toBe(EXIT.ok);
  });

  test('given --skip-synth and --lock-timeout, then the last synth is used and Terraform waits for the lock', async () => {
    await run(deployStack);
    fs.rmSync(path.join(project, 'cdktf.out', 'synthesized'));
    fs.rmSync(log);

    const result = await run(deployStack, {}, { skipSynth: true, lockTimeout: '2m' });

    expect(fs.existsSync(path.join(project, 'cdktf.out', 'synthesized'))).toBe(false);
    expect(result.calls[1]).toBe('shop apply -auto-approve -input=false -lock-timeout=2m -no-color');
  });

  test('given a terminal, then Terraform keeps its colours', async () => {
    expect((await run(deployStack, {}, { color: true })).calls[1]).toBe('shop apply -auto-approve -input=false -lock-timeout=0s');
  });

  test('fails with exit 2 when the apply fails', async () => {
    expect((await run(deployStack, { apply: 1 })).code).toBe(EXIT.error);
  });

  describe('on a Swarm target', () => {
    /** The last synth turned into a Swarm stack with one service, `shop-api`, on the manager at `host`. */
    function swarmSynth(host: string): void {
      const file = path.join(project, 'cdktf.out', 'stacks', 'shop', 'cdk.tf.json');
      fs.writeFileSync(file, JSON.stringify({ provider: { docker: [{ host }] }, resource: { docker_service: { api: { name: 'shop-api' } } } }));
    }
    /** One frame of Docker's multiplexed log stream, on stderr: stream 2, three zero bytes, the big-endian length. */
    const stderrFrame = (text: string): Buffer => {
      const header = Buffer.from([2, 0, 0, 0, 0, 0, 0, 0]);
      header.writeUInt32BE(Buffer.byteLength(text), 4);
      return Buffer.concat([header, Buffer.from(text)]);
    };
    const rolledBack = {
      getService: () => ({ inspect: () => Promise.resolve({ UpdateStatus: { State: 'rollback_completed', Message: 'update rolled back', StartedAt: '2026-12-05T10:00:00Z' } }) }),
      listNodes: () => Promise.resolve([]),
      listTasks: () => Promise.resolve([{ ID: 'task0123456789', Slot: 1, CreatedAt: '2026-12-05T10:00:01Z', Status: { State: 'failed', Err: 'task: non-zero exit (1)', Timestamp: '2026-12-05T10:00:02Z' } }]),
      getTask: () => ({ logs: () => Promise.resolve(stderrFrame("2026-12-05T10:00:02.000000000Z ModuleNotFoundError: No module 'app'\n")) }),
    } as unknown as Docker;

    test('given a failed apply, then the failed tasks and their last log lines follow, read from the stack\'s manager', async () => {
      await run(deployStack);
      swarmSynth('unix:///run/manager.sock');
      const engines: EngineChoice[] = [];
      const connect = (engine: EngineChoice) => {
        engines.push(engine);
        return Promise.resolve(rolledBack);
      };

      const result = await run(deployStack, { apply: 1 }, { skipSynth: true, connect });

      expect(result.code).toBe(EXIT.error);
      expect(engines).toEqual([{ address: 'unix:///run/manager.sock', source: 'stack dockerHost' }]);
      expect(result.stderr).toContain('deploy of shop failed; Swarm services on unix:///run/manager.sock not updated or with failed tasks:\n- shop-api: update rollback_completed: update rolled back; 1 failed task(s)\n');
      expect(result.stderr).toContain("  | ModuleNotFoundError: No module 'app'");
    });

    test('given a successful apply, then the engine is not asked', async () => {
      await run(deployStack);
      swarmSynth('unix:///run/manager.sock');
      const connect = () => Promise.reject(new Error('the engine must not be asked'));

      const result = await run(deployStack, {}, { skipSynth: true, connect });

      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: EXIT.ok, stderr: '' });
    });

    test('given a failed apply and an engine that cannot be reached, then one line says so and the deploy still fails', async () => {
      await run(deployStack);
      swarmSynth('unix:///run/manager.sock');

      const result = await run(deployStack, { apply: 1 }, { skipSynth: true, connect: () => Promise.reject(new Error('connect ENOENT /run/manager.sock')) });

      expect(result.code).toBe(EXIT.error);
      expect(result.stderr).toBe('deploy of shop failed; no diagnosis from unix:///run/manager.sock: connect ENOENT /run/manager.sock\n');
    });
  });

  test('given a failed apply of a stack without Swarm services, then no engine is asked', async () => {
    const result = await run(deployStack, { apply: 1 }, { connect: () => Promise.reject(new Error('the engine must not be asked')) });

    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: EXIT.error, stderr: '' });
  });

  test('fails when terraform init fails, showing its output and the fix, and applies nothing', async () => {
    await expect(run(deployStack, { init: 1 })).rejects.toMatchObject({ message: expect.stringContaining('terraform init failed') as string, fix: expect.stringContaining('TF_CLI_CONFIG_FILE') as string });
    expect(fs.readFileSync(log, 'utf8')).not.toContain('apply');
  });

  test('fails when the stack is not in the synth, naming the stacks there', async () => {
    await expect(run(deployStack, {}, {}, 'blog')).rejects.toMatchObject({ fix: 'use one of: shop' });
  });

  test.each(['10', '1 m', 'soon', ''])('fails when --lock-timeout is %p, before anything runs', async (lockTimeout) => {
    await expect(run(deployStack, {}, { lockTimeout })).rejects.toMatchObject({ fix: 'write a number and a unit, e.g. 0s, 30s or 2m' });
    expect(fs.existsSync(log)).toBe(false);
  });

  test('fails when terraform is not on PATH, saying so', async () => {
    fs.rmSync(path.join(bin, 'terraform'));
    await expect(run(deployStack, {}, {}, 'shop', bin)).rejects.toMatchObject({ message: 'terraform is not on PATH', fix: expect.stringContaining('install Terraform') as string });
  });
});

describe('diff', () => {
  test.each([
    [0, EXIT.ok, 'no changes'],
    [2, EXIT.changes, 'changes'],
    [1, EXIT.error, 'an error'],
  ])('given terraform plan exits %d, then diff exits %d (%s)', async (planExit, expected, _meaning) => {
    const result = await run(diffStack, { plan: planExit });
    expect(result.calls[1]).toBe('shop plan -detailed-exitcode -input=false -lock-timeout=0s -no-color');
    expect(result.code).toBe(expected);
  });
});

describe('destroy', () => {
  test('given a project, when destroy runs, then it destroys in the stack directory', async () => {
    const result = await run(destroyStack);
    expect(result.calls[1]).toBe('shop destroy -auto-approve -input=false -lock-timeout=0s -no-color');
    expect(result.code).toBe(EXIT.ok);
  });
});
