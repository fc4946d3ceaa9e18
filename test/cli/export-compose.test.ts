import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { EXPORT_COMPOSE_EXIT, parseExportComposeArgs, runExportCompose } from '../../cli/export-compose';

// `export-compose <stack>`: the command runs the project's app (test/fixtures/compose-app) with
// the export switched on and prints or writes the stack's compose file.
const project = path.resolve(__dirname, '..', 'fixtures', 'compose-app');
let scratch: string;

beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cds-export-compose-test-'));
});

afterAll(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
});

function run(name: string, options: { dir?: string; file?: string } = {}): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, env: process.env };
  const code = runExportCompose(name, { dir: options.dir ?? project, file: options.file }, io);
  return { code, stdout, stderr };
}

describe('export-compose', () => {
  test('given a stack of the app, prints its compose file, and lists on stderr the variables to set and what it does not carry', () => {
    const { code, stdout, stderr } = run('shop');

    expect(code).toBe(EXPORT_COMPOSE_EXIT.ok);
    const compose = parse(stdout, { version: '1.1' }) as { name: string; services: Record<string, { image: string; environment: Record<string, string> }> };
    expect(compose.name).toBe('shop');
    expect(compose.services.api.image).toBe('example/app:1.2.3');
    expect(compose.services.api.environment.API_KEY).toBe('${TF_VAR_shop_api_key:?set TF_VAR_shop_api_key (see the header of this file)}');
    expect(stderr).toContain('set before docker compose up (no secret is in the file):\n  TF_VAR_shop_api_key: ');
    expect(stderr).toContain('not as the stack deploys it:\n  shop/api updateOrder: UpdateOrder.START_FIRST');
  }, 120_000);

  test('given --file, writes the file there and nothing on stdout', () => {
    const file = path.join(scratch, 'shop.compose.yaml');

    const { code, stdout, stderr } = run('shop', { file });

    expect({ code, stdout }).toEqual({ code: EXPORT_COMPOSE_EXIT.ok, stdout: '' });
    expect(stderr).toMatch(new RegExp(`^wrote ${file}\n`));
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^# Compose file of stack shop/);
  }, 120_000);

  test('fails when the stack is not in the app, naming those that are', () => {
    const { code, stdout, stderr } = run('shoop');

    expect({ code, stdout }).toEqual({ code: EXPORT_COMPOSE_EXIT.error, stdout: '' });
    expect(stderr).toContain('error: no stack "shoop" in the app\nfix: use one of: broken, shop\n');
  }, 120_000);

  test('fails when the stack cannot be written as a compose file, with the service and the field', () => {
    const { code, stdout, stderr } = run('broken');

    expect({ code, stdout }).toEqual({ code: EXPORT_COMPOSE_EXIT.error, stdout: '' });
    expect(stderr).toContain('error: stack "broken" cannot be written as a compose file:');
    expect(stderr).toContain('broken/api');
    expect(stderr).toContain('environment.NETWORK_ID');
  }, 120_000);

  test('fails when the directory has no cdktf.json', () => {
    const { code, stderr } = run('shop', { dir: scratch });

    expect(code).toBe(EXPORT_COMPOSE_EXIT.error);
    expect(stderr).toBe(`error: no cdktf.json in ${scratch}\nfix: run the command in the project directory, or pass --dir\n`);
  });
});

describe('parseExportComposeArgs (the npm script)', () => {
  test('reads the stack, the project directory and the file', () => {
    expect(parseExportComposeArgs(['shop', '-C', 'app', '--file', 'out.yaml'])).toEqual({ name: 'shop', options: { dir: 'app', file: 'out.yaml' } });
    expect(parseExportComposeArgs(['shop'])).toEqual({ name: 'shop', options: { dir: '.', file: undefined } });
  });

  test('fails when no stack is given, an argument is unknown, or an option has no value', () => {
    expect(parseExportComposeArgs([])).toBe('no stack given');
    expect(parseExportComposeArgs(['shop', '--external'])).toBe('unexpected argument "--external"');
    expect(parseExportComposeArgs(['shop', '-f'])).toBe('an option is missing its value');
  });
});
