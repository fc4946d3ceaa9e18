import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../../cli/program';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'compose-import');

/** Runs the CLI in-process; returns its exit code and what it printed. */
async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (t: string) => ((stdout += t), true) } as unknown as NodeJS.WritableStream,
    stderr: { write: (t: string) => ((stderr += t), true) } as unknown as NodeJS.WritableStream,
    env: {},
    interrupted: new Promise<void>(() => undefined),
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

describe('cdktf-docker-stacks import', () => {
  it("--check lists every finding of seed 003's compose file with its file:line, and exits 1", async () => {
    // Given seed 003's compose file, when it is checked
    const { code, stdout } = await cli('import', path.join(FIXTURES, 'seed-003', 'compose.yaml'), '--check');
    // Then each defect the issue names is there, with where it is and the fix
    expect(code).toBe(1);
    expect(stdout).toMatch(/error: \[compose\] \S+compose\.yaml:117: services\.api\.depends_on\.db = "db": "db" is a network alias of service "postgres".*Fix: /);
    expect(stdout).toMatch(/error: \[compose\] \S+compose\.yaml:41: services\.postgres\.command .*"#"/);
    expect(stdout).toMatch(/compose\.yaml:10: error: \[CDS-PORT-INTERNAL-ONLY\] imported\/postgres/);
    expect(stdout).toMatch(/compose\.yaml:61: error: \[CDS-HEALTHCHECK-TOOL\] imported\/chromadb: .*curl/);
    expect(stdout).toMatch(/compose\.yaml:61: error: \[CDS-IMAGE-UNPINNED\] imported\/chromadb: image = "ghcr\.io\/chroma-core\/chroma:latest"/);
    // postgres:17-alpine is recognised: a Postgres, its password a secret the secret rules see
    expect(stdout).toMatch(/^services\.postgres: Postgres \(POSTGRES_PASSWORD becomes the kind's password/m);
    expect(stdout).toMatch(/error: \[CDS-SECRET-WEAK\] imported\/postgres: secrets\.POSTGRES_PASSWORD .*known default/);
    expect(stdout).toMatch(/error: \[CDS-SECRET-WEAK\] imported\/api: environment\.API_KEY .*known default/);
  });

  it('merges -f files and exits 0 when the rules find no error', async () => {
    const { code, stdout } = await cli('import', path.join(FIXTURES, 'merge', 'compose.yaml'), '-f', path.join(FIXTURES, 'merge', 'override.yaml'), '--check');
    expect(stdout).toMatch(/override\.yaml:3: services\.web\.command: mapped with caveat/);
    expect(stdout).toMatch(/^0 errors/m);
    expect(code).toBe(0);
  });

  it('--out writes the stack as a TypeScript class named after the file', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'import-out-')), 'my-shop.ts');
    const { code } = await cli('import', path.join(FIXTURES, 'depends-on', 'compose.yaml'), '--out', out);
    expect(code).toBe(0);
    const source = fs.readFileSync(out, 'utf8');
    expect(source).toMatch(/^import \{ .*DockerStack.* \} from "cdktf-docker-stacks";$/m);
    expect(source).toMatch(/export class MyShopStack extends DockerStack/);
    expect(source).toMatch(/const api = new Service\(this, "api", \{[\s\S]*dependsOn: \[db, cache, migrate\]/);
  });

  it('fails with exit 2 and the file:line when a file cannot be imported, and writes nothing', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'import-out-')), 'bad.ts');
    const { code, stderr } = await cli('import', path.join(FIXTURES, 'basic', 'compose.yaml'), '--out', out);
    expect(fs.existsSync(out)).toBe(false);
    expect(code).toBe(2);
    expect(stderr).toMatch(/basic\/compose\.yaml:11: services\.db\.environment\.POSTGRES_PASSWORD .*DB_PASSWORD/);
  });
});
