import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Writable } from 'stream';
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
