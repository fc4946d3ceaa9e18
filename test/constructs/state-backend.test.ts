import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LocalBackend, TerraformBackend, TerraformOutput, TerraformVariable, Testing } from 'cdktf';
import { ContainerImage, DockerApp, DockerStack, DockerStackProps, HealthCheck, Secret, Service, StateBackend } from '../../constructs';
import { DEFAULT_STATE_DIRECTORY, PG_CONNECTION_VARIABLE, STATE_DIRECTORY_MODE, STATE_FILE_MODE } from '../../constructs/state-backend';
import { errorOf } from '../support/validation-error';

// constructs/state-backend.ts: where a DockerStack's state is kept, as cdk.tf.json says it
// (terraform.backend), and the private directory DockerApp prepares for the local backend.

interface SynthesizedBackend {
  readonly terraform?: { readonly backend?: Record<string, Record<string, unknown>> };
}

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'cds-state-'));
});
afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

function stackWith(id: string, props?: DockerStackProps): DockerStack {
  return new DockerStack(Testing.app(), id, props);
}

/** Synthesizes as App.synth does: the backend is settled first (the default one only then). */
function synthesized(stack: DockerStack): { json: SynthesizedBackend; text: string } {
  stack.prepareStack();
  const text = Testing.synth(stack, true);
  return { json: JSON.parse(text) as SynthesizedBackend, text };
}

const mode = (target: string) => fs.statSync(target).mode & 0o777;

describe('StateBackend.local (the default)', () => {
  test('given no stateBackend, then the state file is .state/terraform.<stack id>.tfstate of the working directory, as an absolute path', () => {
    const { json } = synthesized(stackWith('shop'));
    expect(json.terraform?.backend).toEqual({ local: { path: path.resolve(DEFAULT_STATE_DIRECTORY, 'terraform.shop.tfstate') } });
  });

  test('given a directory, then the state file is in it, relative paths resolved against the working directory', () => {
    expect(synthesized(stackWith('shop', { stateBackend: StateBackend.local({ directory: root }) })).json.terraform?.backend).toEqual({ local: { path: path.join(root, 'terraform.shop.tfstate') } });
    expect(synthesized(stackWith('shop', { stateBackend: StateBackend.local({ directory: 'deploy/state' }) })).json.terraform?.backend).toEqual({
      local: { path: path.resolve('deploy/state', 'terraform.shop.tfstate') },
    });
  });

  test("given a backend of cdktf's own added to the stack, then it replaces the default", () => {
    const stack = stackWith('shop');
    new LocalBackend(stack, { path: path.join(root, 'elsewhere.tfstate') });
    expect(synthesized(stack).json.terraform?.backend).toEqual({ local: { path: path.join(root, 'elsewhere.tfstate') } });
  });

  test('stateBackend reports the backend chosen, local by default', () => {
    expect(stackWith('shop').stateBackend).toMatchObject({ kind: 'local', directory: DEFAULT_STATE_DIRECTORY });
    expect(stackWith('shop', { stateBackend: StateBackend.postgres() }).stateBackend.kind).toBe('pg');
  });

  test.each([
    ['empty', ''],
    ['blank', '  '],
    ['not text', 42],
    ['holding a NUL byte', 'state\0dir'],
  ])('fails when the directory is %s', (_, directory) => {
    const error = errorOf(() => StateBackend.local({ directory: directory as string }));
    expect(error.problems).toEqual([expect.objectContaining({ path: 'StateBackend.local', field: 'directory', message: 'not a directory path', fix: 'write a path relative to the project, e.g. ".state", or an absolute one' })]);
  });

  test('given null for the options, then it is the default directory, as with no options', () => {
    const root = (backend: StateBackend) => synthesized(stackWith('shop', { stateBackend: backend })).json.terraform?.backend;
    expect(root(StateBackend.local(null as unknown as undefined))).toEqual(root(StateBackend.local()));
  });
});

describe('StateBackend.postgres', () => {
  test('given no options, then the pg backend names only the schema, "cds_" + the name prefix with "_" for "-"', () => {
    const { json } = synthesized(stackWith('shop', { namePrefix: 'my-shop', stateBackend: StateBackend.postgres() }));
    expect(json.terraform?.backend).toEqual({ pg: { schema_name: 'cds_my_shop' } });
  });

  test('two stacks get two schemas: the pg backend keeps one state per schema', () => {
    const app = Testing.app();
    const schemas = ['shop', 'blog'].map((id) => {
      const stack = new DockerStack(app, id, { stateBackend: StateBackend.postgres() });
      return synthesized(stack).json.terraform?.backend?.pg?.schema_name;
    });
    expect(schemas).toEqual(['cds_shop', 'cds_blog']);
  });

  test('given a plain cdktf reference to a value of another pg stack, then the remote state reads that stack\'s schema, in this workspace', () => {
    // Given two pg stacks and an output of one that reads a variable of the other
    const app = Testing.app();
    const source = new DockerStack(app, 'source', { stateBackend: StateBackend.postgres() });
    const value = new TerraformVariable(source, 'value', { type: 'string', default: 'x' });
    const reader = new DockerStack(app, 'reader', { stateBackend: StateBackend.postgres() });
    new TerraformOutput(reader, 'copy', { value: value.stringValue });
    // When the app is synthesized
    app.synth();
    // Then the reader's remote state names the source's schema, as its backend block does
    expect(JSON.parse(Testing.synth(reader)).data).toEqual({
      terraform_remote_state: { 'cross-stack-reference-input-source': { backend: 'pg', config: { schema_name: 'cds_source' }, workspace: '${terraform.workspace}' } },
    });
  });

  test('given HCL output, then the pg backend names the schema there too', () => {
    const stack = stackWith('shop', { stateBackend: StateBackend.postgres({ schemaName: 'tf_shop' }) });
    const backend = stack.node.findAll().find((c) => c instanceof TerraformBackend) as TerraformBackend;
    expect(backend.toHclTerraform()).toEqual({ terraform: { backend: { pg: { schema_name: 'tf_shop' } } } });
  });

  test('given a schema name, then it is used as is', () => {
    expect(synthesized(stackWith('shop', { stateBackend: StateBackend.postgres({ schemaName: 'tf_shop' }) })).json.terraform?.backend).toEqual({ pg: { schema_name: 'tf_shop' } });
  });

  test('names PG_CONN_STR, the variable Terraform\'s pg backend reads the connection string from', () => {
    expect(PG_CONNECTION_VARIABLE).toBe('PG_CONN_STR');
  });

  test('the connection string is never in cdk.tf.json, even with PG_CONN_STR and libpq variables set while synthesizing', () => {
    const secret = 'postgres://tf:s3cr3t-conn-password@db.example.com:5432/tfstate';
    const saved = { conn: process.env[PG_CONNECTION_VARIABLE], password: process.env.PGPASSWORD };
    process.env[PG_CONNECTION_VARIABLE] = secret;
    process.env.PGPASSWORD = 's3cr3t-conn-password';
    try {
      const stack = stackWith('shop', { stateBackend: StateBackend.postgres() });
      new Service(stack, 'api', { image: ContainerImage.fromRegistry('example/app:1.0.0'), healthCheck: HealthCheck.command(['true']), secrets: { TOKEN: Secret.fromVariable('shop_token') } });
      const { json, text } = synthesized(stack);
      expect(Object.keys(json.terraform?.backend?.pg ?? {})).toEqual(['schema_name']);
      expect(text).not.toContain('s3cr3t-conn-password');
      expect(text).not.toContain('conn_str');
    } finally {
      for (const [variable, value] of [[PG_CONNECTION_VARIABLE, saved.conn], ['PGPASSWORD', saved.password]] as const) {
        if (value === undefined) delete process.env[variable];
        else process.env[variable] = value;
      }
    }
  });

  test('a schema name of 1 and of 63 characters is accepted', () => {
    expect(StateBackend.postgres({ schemaName: 's' }).schemaName).toBe('s');
    expect(StateBackend.postgres({ schemaName: 's'.repeat(63) }).schemaName).toBe('s'.repeat(63));
  });

  test.each([
    ['of 64 characters (Postgres truncates identifiers at 63 bytes)', 's'.repeat(64)],
    ['empty', ''],
    ['with capitals (Postgres folds them unless quoted)', 'Shop'],
    ['with "-"', 'my-shop'],
    ['starting with a digit', '1shop'],
    ['not text, though it reads as a valid name', ['shop'] as unknown as string],
  ])('fails when the schema name is %s', (_, schemaName) => {
    const error = errorOf(() => StateBackend.postgres({ schemaName }));
    expect(error.problems).toEqual([
      expect.objectContaining({
        path: 'StateBackend.postgres',
        field: 'schemaName',
        value: schemaName,
        message: 'not a plain Postgres schema name',
        fix: 'use 1-63 lowercase letters, digits or "_", starting with a letter or "_", e.g. "cds_vibecoding"',
      }),
    ]);
  });

  test('given null for the options (from JavaScript), then the defaults apply', () => {
    expect(StateBackend.postgres(null as never)).toMatchObject({ kind: 'pg', schemaName: undefined });
    expect(StateBackend.local(null as never)).toMatchObject({ kind: 'local', directory: '.state' });
  });

  test('fails when stateBackend is not a StateBackend (a plain object that looks like one)', () => {
    const error = errorOf(() => stackWith('shop', { stateBackend: { kind: 'pg' } as unknown as StateBackend }));
    expect(error.problems).toEqual([expect.objectContaining({ field: 'stateBackend', message: 'not a StateBackend', fix: 'use StateBackend.local() or StateBackend.postgres()' })]);
  });
});

describe('DockerApp makes the local state private before Terraform writes it', () => {
  function synthApp(directory: string): void {
    const app = new DockerApp({ outdir: path.join(root, 'cdktf.out') });
    new DockerStack(app, 'shop', { stateBackend: StateBackend.local({ directory }) });
    app.synth();
  }

  test('given no state directory, then it is created with mode 0700, and the state file and its backup empty with 0600, whatever the umask', () => {
    const directory = path.join(root, 'project', '.state');
    const umask = process.umask(0o000);
    try {
      synthApp(directory);
    } finally {
      process.umask(umask);
    }
    expect(mode(directory)).toBe(STATE_DIRECTORY_MODE);
    for (const file of ['terraform.shop.tfstate', 'terraform.shop.tfstate.backup']) {
      expect({ file, mode: mode(path.join(directory, file)), size: fs.statSync(path.join(directory, file)).size }).toEqual({ file, mode: STATE_FILE_MODE, size: 0 });
    }
  });

  test('given a world-readable directory and state file from before, then their modes are narrowed and the state kept', () => {
    const directory = path.join(root, '.state');
    fs.mkdirSync(directory, { mode: 0o755 });
    fs.chmodSync(directory, 0o755);
    const stateFile = path.join(directory, 'terraform.shop.tfstate');
    fs.writeFileSync(stateFile, '{"version": 4}');
    fs.chmodSync(stateFile, 0o644);
    synthApp(directory);
    expect([mode(directory), mode(stateFile), fs.readFileSync(stateFile, 'utf8')]).toEqual([0o700, 0o600, '{"version": 4}']);
  });

  test("the output directory is made 0700: `cdktf diff` leaves a plan file there, which holds the state", () => {
    synthApp(path.join(root, '.state'));
    expect(mode(path.join(root, 'cdktf.out'))).toBe(0o700);
  });

  test("given a backend of cdktf's own, then DockerApp leaves its directory alone", () => {
    const directory = path.join(root, 'own');
    const app = new DockerApp({ outdir: path.join(root, 'cdktf.out') });
    const stack = new DockerStack(app, 'shop');
    new LocalBackend(stack, { path: path.join(directory, 'terraform.shop.tfstate') });
    app.synth();
    expect(fs.existsSync(directory)).toBe(false);
  });

  test('given the pg backend, then nothing is created on this host', () => {
    const before = fs.readdirSync(root);
    const app = new DockerApp({ outdir: path.join(root, 'cdktf.out') });
    new DockerStack(app, 'shop', { stateBackend: StateBackend.postgres() });
    app.synth();
    expect(fs.readdirSync(root).filter((f) => f !== 'cdktf.out' && !before.includes(f))).toEqual([]);
  });
});
