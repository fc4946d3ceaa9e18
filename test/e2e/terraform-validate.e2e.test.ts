import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DockerApp } from '../../constructs';
import { addSeedStacks, STACK_NAMES } from '../../stacks';

// Terraform itself reads every synthesized seed stack, with both image profiles: what the unit
// tests assert on the JSON, `terraform validate` checks against the providers' schemas and
// Terraform's expression syntax (a quote escaped twice inside an interpolation once passed every
// unit test and failed only at plan time). Needs the providers from the local mirror
// (TF_CLI_CONFIG_FILE, set by scripts/with-local-engine.sh); no engine is contacted.
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cds-validate-'));
const pluginCache = path.join(work, 'plugin-cache');

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function terraform(cwd: string, args: readonly string[]): { status: number; output: string } {
  const result = spawnSync('terraform', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, TF_PLUGIN_CACHE_DIR: pluginCache, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' },
    timeout: 5 * 60 * 1000,
  });
  return { status: result.status ?? -1, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

describe.each(['official', 'local'] as const)('the seed stacks with the %s images', (imageProfile) => {
  const outdir = path.join(work, imageProfile);

  beforeAll(() => {
    fs.mkdirSync(pluginCache, { recursive: true });
    // Given every seed stack, synthesized by the same code main.ts runs
    const app = new DockerApp({ outdir });
    addSeedStacks(app, { imageProfile });
    app.synth();
  });

  test.each([...STACK_NAMES])('%s is valid Terraform', (stack) => {
    const dir = path.join(outdir, 'stacks', stack);

    // When Terraform installs the providers and validates the configuration
    const init = terraform(dir, ['init', '-backend=false', '-input=false', '-no-color']);
    expect({ status: init.status, output: init.status === 0 ? '' : init.output }).toEqual({ status: 0, output: '' });
    const validate = terraform(dir, ['validate', '-json', '-no-color']);

    // Then it is valid, with no diagnostics at all
    const report = JSON.parse(validate.output) as { valid: boolean; diagnostics: { severity: string; summary: string; detail?: string }[] };
    expect(report.diagnostics.map((d) => `${d.severity}: ${d.summary} ${d.detail ?? ''}`)).toEqual([]);
    expect(report.valid).toBe(true);
  });
});
