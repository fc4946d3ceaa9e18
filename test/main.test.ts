import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// main.ts is what `cdktf synth` runs: a bad value that reaches a factory from the configuration
// must end as the library's message, not as a stack trace.
const root = path.resolve(__dirname, '..');

function runMain(config: unknown): { status: number | null; output: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cds-main-'));
  try {
    const file = path.join(dir, 'config.json');
    fs.writeFileSync(file, JSON.stringify(config));
    const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'main.ts'], {
      cwd: root,
      env: { ...process.env, CDS_CONFIG: file, CDS_DOCKER_HOST: '', CDS_NAME_PREFIX: '', CDS_IMAGE_PROFILE: '' },
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
});
