import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// main.ts is what `cdktf synth` runs, through the app command of cdktf.json (run here as cdktf
// runs it, in a shell): a bad value that reaches a factory from the configuration must end as
// the library's message, not as a stack trace.
const root = path.resolve(__dirname, '..');
const appCommand = (JSON.parse(fs.readFileSync(path.join(root, 'cdktf.json'), 'utf8')) as { app: string }).app;

function runMain(config: unknown): { status: number | null; output: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cds-main-'));
  try {
    const file = path.join(dir, 'config.json');
    fs.writeFileSync(file, JSON.stringify(config));
    const result = spawnSync(appCommand, {
      cwd: root,
      shell: true,
      env: { ...process.env, CDKTF_OUTDIR: path.join(dir, 'out'), CDS_CONFIG: file, CDS_DOCKER_HOST: '', CDS_NAME_PREFIX: '', CDS_IMAGE_PROFILE: '' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('main.ts', () => {
  test('fails when images.app is not an image reference, naming the configuration file, the field, the value and the fix, and no stack trace', () => {
    const { status, output } = runMain({ images: { app: 'Bad Ref!' } });
    expect(status).toBe(1);
    expect(output).toContain('images.app = "Bad Ref!"');
    expect(output).toContain('Fix: ');
    expect(output).not.toMatch(/^\s+at /m);
  }, 150_000);

  test('given a valid configuration, when the app command of cdktf.json runs, then every stack is synthesized', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cds-main-'));
    try {
      const result = spawnSync(appCommand, { cwd: root, shell: true, env: { ...process.env, CDKTF_OUTDIR: dir, CDS_CONFIG: '', CDS_DOCKER_HOST: '', CDS_NAME_PREFIX: '', CDS_IMAGE_PROFILE: 'local' }, encoding: 'utf8', timeout: 120_000 });
      expect(`${result.stdout}${result.stderr}`).toBe('');
      expect(result.status).toBe(0);
      expect(fs.readdirSync(path.join(dir, 'stacks')).sort()).toEqual(['arkalia', 'mnemolite', 'my-ia', 'nexten', 'vibecoding', 'vibecoding-dev']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);
});
