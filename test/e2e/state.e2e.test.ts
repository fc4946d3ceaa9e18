import { execFileSync } from 'child_process';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ContainerImage, DockerApp, DockerStack, Duration, HealthCheck, Secret, Service, StateBackend } from '../../constructs';
import { DEFAULT_STATE_DIRECTORY } from '../../constructs/state-backend';
import { CdktfWorkdir } from './support/cdktf-cli';
import { containerState, docker } from './support/docker-api';

// Where a stack's state lives on a real deploy through the cdktf CLI: the local backend's
// private directory (modes, and no secret in a file anyone else can read).

const prefix = `st${process.pid}`;
const imagePrefix = process.env.CDS_IMAGE_PREFIX ?? 'cds-local';
const variable = 'cds_st_api_token';
const quick = { interval: Duration.seconds(1), timeout: Duration.seconds(3), retries: 30, startPeriod: Duration.seconds(0) };
let savedUmask: number;

beforeAll(() => {
  // The usual umask: Terraform creates files 0666 less it, so 0644 unless told otherwise.
  savedUmask = process.umask(0o022);
});
afterAll(() => {
  process.umask(savedUmask);
});

/** A one-container stack whose container gets `TOKEN` from TF_VAR_<variable>. */
function tokenStack(app: DockerApp, id: string, stateBackend: StateBackend): DockerStack {
  const stack = new DockerStack(app, id, { namePrefix: `${prefix}-${id}`, stateBackend });
  new Service(stack, 'api', {
    image: ContainerImage.fromRegistry(`${imagePrefix}/postgres:15`),
    command: ['sleep', 'infinity'],
    init: true,
    healthCheck: HealthCheck.command(['true'], quick),
    secrets: { TOKEN: Secret.fromVariable(variable) },
  });
  return stack;
}

interface FileSeen {
  readonly file: string;
  readonly mode: string;
  /** Whether a user other than the owner (and group) can open it: o+r, and o+x on every directory from the project down. */
  readonly othersCanRead: boolean;
}

/** Every regular file under `root`, with its mode and whether another user can read it (the project directory itself taken as 0755). */
function filesUnder(root: string): FileSeen[] {
  const seen: FileSeen[] = [];
  const walk = (directory: string, reachable: boolean) => {
    for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
      const full = path.join(directory, entry.name);
      const stat = fs.lstatSync(full);
      if (entry.isDirectory()) walk(full, reachable && (stat.mode & 0o001) !== 0);
      else if (entry.isFile()) seen.push({ file: path.relative(root, full), mode: (stat.mode & 0o777).toString(8), othersCanRead: reachable && (stat.mode & 0o004) !== 0 });
    }
  };
  walk(root, true);
  return seen;
}

/** What `file` holds; for a zip archive (a Terraform plan file: prior state and planned values, deflated), its entries unpacked. */
function contentOf(file: string): Buffer {
  const bytes = fs.readFileSync(file);
  return bytes.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1')) ? execFileSync('unzip', ['-p', file], { maxBuffer: 256 * 1024 * 1024 }) : bytes;
}

/** The files under `root` that hold `secret`, with what others can do with them. */
function filesHolding(root: string, secret: string): FileSeen[] {
  return filesUnder(root).filter((f) => contentOf(path.join(root, f.file)).includes(secret));
}

const modeOf = (target: string) => (fs.statSync(target).mode & 0o777).toString(8);

describe('local backend: state private in .state/ of the project', () => {
  const id = 'local';
  const container = `${prefix}-${id}-api`;
  const tokens = [`st-token-${randomBytes(8).toString('hex')}`, `st-token-${randomBytes(8).toString('hex')}`];
  let cli: CdktfWorkdir;
  let stateDirectory: string;

  beforeAll(() => {
    cli = new CdktfWorkdir(fs.mkdtempSync(path.join(os.tmpdir(), 'cds-st-local-')));
    // A project checkout: readable by everyone, as git leaves it.
    fs.chmodSync(cli.workdir, 0o755);
    stateDirectory = path.join(cli.workdir, DEFAULT_STATE_DIRECTORY);
    const app = new DockerApp({ outdir: cli.outdir });
    tokenStack(app, id, StateBackend.local({ directory: stateDirectory }));
    app.synth();
  });

  afterAll(async () => {
    delete process.env[`TF_VAR_${variable}`];
    if ((await containerState(container)).exists) {
      process.env[`TF_VAR_${variable}`] = tokens[1];
      cli.run(['destroy', id, '--auto-approve']);
      delete process.env[`TF_VAR_${variable}`];
    }
    fs.rmSync(cli.workdir, { recursive: true, force: true });
  });

  test('synth creates .state/ with mode 0700 and the empty state file and backup with 0600, before Terraform runs', () => {
    expect([modeOf(stateDirectory), modeOf(path.join(stateDirectory, `terraform.${id}.tfstate`)), modeOf(path.join(stateDirectory, `terraform.${id}.tfstate.backup`))]).toEqual(['700', '600', '600']);
  });

  test('after a deploy, two diffs (their plan files) and a second deploy that replaces the secret: .state/ is 0700, the state and its backup 0600, and no file others can read holds either secret', async () => {
    process.env[`TF_VAR_${variable}`] = tokens[0];
    cli.deploy(id);
    expect(cli.diff(id)).toEqual({ kind: 'no-changes' });
    process.env[`TF_VAR_${variable}`] = tokens[1];
    // The plan `cdktf diff` leaves in cdktf.out/stacks/<id>/ now holds both secrets.
    expect(cli.diff(id)).toEqual({ kind: 'changes', add: 1, change: 0, destroy: 1 });
    cli.deploy(id);
    expect((await docker.getContainer(container).inspect()).Config.Env).toContain(`TOKEN=${tokens[1]}`);

    const state = filesUnder(stateDirectory);
    console.log(`after two deploys (umask 022): cdktf.out ${modeOf(cli.outdir)}, .state ${modeOf(stateDirectory)}; ${state.map((f) => `${f.file} ${f.mode}`).join(', ')}`);
    expect(modeOf(stateDirectory)).toBe('700');
    // The plan file (0644, Terraform's own mode) is there; the directory keeps others out.
    expect(modeOf(cli.outdir)).toBe('700');
    expect(state).toEqual(expect.arrayContaining([expect.objectContaining({ file: `terraform.${id}.tfstate`, mode: '600' }), expect.objectContaining({ file: `terraform.${id}.tfstate.backup`, mode: '600' })]));
    // The backup holds the state before the second deploy: the first secret.
    expect(fs.readFileSync(path.join(stateDirectory, `terraform.${id}.tfstate.backup`), 'utf8')).toContain(tokens[0]);
    expect(fs.readFileSync(path.join(stateDirectory, `terraform.${id}.tfstate`), 'utf8')).toContain(tokens[1]);
    for (const token of tokens) {
      const holding = filesHolding(cli.workdir, token);
      console.log(`files holding secret ${tokens.indexOf(token) + 1}: ${holding.map((f) => `${f.file} ${f.mode}`).join(', ')}`);
      expect(holding.filter((f) => f.othersCanRead)).toEqual([]);
    }
  });

  test('destroy leaves the state directory private', () => {
    cli.destroy(id);
    expect(modeOf(stateDirectory)).toBe('700');
    expect(filesUnder(stateDirectory).filter((f) => f.othersCanRead)).toEqual([]);
  });
});
