// `npm run bench:deploy [stack...]`: each seed stack deployed cold (fresh volumes, local images)
// with `cdktf deploy` as a user runs it (the app command of cdktf.json included) and, on the same
// engine and images, with `docker compose up -d --wait` on the stack's compose export (same
// health checks and dependency order), and with `cdktf-docker-stacks deploy` (Terraform without
// the cdktf CLI); each followed by a no-op diff. Prints figures and ratios;
// asserts nothing. Everything it deploys is named `bd-*` and removed again.
//
// Needs the local engine, the providers and the local images (`npm run setup:local-engine`).
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DockerApp, DockerStack, exportCompose, Service } from '../constructs';
import { addSeedStacks, STACK_NAMES, StackName } from '../stacks';
import { CommandLimit, mustRunTimed, Timed, timedRun } from './timed-command';

const ROOT = path.resolve(__dirname, '..');
const PREFIX = 'bd';
const WORK = path.join(ROOT, '.local', 'bench-deploy');

/** Every command's bound: a stuck deploy must not hang the benchmark. */
const LIMIT: CommandLimit = { timeoutMs: 15 * 60_000, killSignal: 'SIGTERM' };
const run = (command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Timed => timedRun(command, args, cwd, env, LIMIT);
const mustRun = (what: string, command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Timed => mustRunTimed(what, command, args, cwd, env, LIMIT);

/** `export NAME="value"` lines of a setup script's `env` command, as an environment. */
function scriptEnv(script: string): NodeJS.ProcessEnv {
  const out = mustRun(`${script} env`, 'bash', [path.join(ROOT, 'scripts', script), 'env'], ROOT, process.env).output;
  const env: NodeJS.ProcessEnv = {};
  for (const match of out.matchAll(/^export (\w+)="?([^"\n]*)"?$/gm)) env[match[1]] = match[2].replace(/\$PATH|\$\{PATH\}/, process.env.PATH ?? '');
  return env;
}

/** Sum of first-probe delays along the longest dependency chain: no deploy can be healthy sooner. */
function healthFloorSeconds(stack: DockerStack): number {
  const services = stack.node.findAll().filter((c): c is Service => Service.isService(c));
  const engine = { startInterval: stack.probesStartInterval };
  const memo = new Map<Service, number>();
  const floor = (service: Service): number => {
    const known = memo.get(service);
    if (known !== undefined) return known;
    const own = service.healthCheck.isNone ? 0 : service.healthCheck.firstProbeDelay(engine).toMilliseconds() / 1000;
    const value = own + Math.max(0, ...service.dependsOn.map(floor));
    memo.set(service, value);
    return value;
  };
  return Math.max(0, ...services.map(floor));
}

function removeVolumes(env: NodeJS.ProcessEnv): void {
  const volumes = run('docker', ['volume', 'ls', '-q', '--filter', `name=^${PREFIX}-`], ROOT, env).output.split('\n').filter(Boolean);
  if (volumes.length > 0) mustRun('docker volume rm', 'docker', ['volume', 'rm', ...volumes], ROOT, env);
}

interface Row {
  readonly stack: string;
  readonly compose: number;
  readonly deploy: number;
  readonly diff: number;
  readonly diffChanges: boolean;
  readonly fastDeploy: number;
  readonly fastDiff: number;
  readonly fastDiffChanges: boolean;
  readonly floor: number;
}

function benchStack(name: StackName, baseEnv: NodeJS.ProcessEnv): Row {
  const dir = path.join(WORK, name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const config = path.join(dir, 'stacks.config.json');
  fs.writeFileSync(config, JSON.stringify({ namePrefix: PREFIX, imageProfile: 'local' }));
  // The project's own app command, run where cdktf runs it (tsx resolves from the project's node_modules).
  const app = (JSON.parse(fs.readFileSync(path.join(ROOT, 'cdktf.json'), 'utf8')) as { app: string }).app.replace('main.ts', path.join(ROOT, 'main.ts'));
  fs.writeFileSync(path.join(dir, 'cdktf.json'), JSON.stringify({ language: 'typescript', app, sendCrashReports: 'false', terraformProviders: [] }));

  // In-process: the compose export, the variables either side needs, and the floor.
  const synthApp = new DockerApp({ outdir: path.join(dir, 'inprocess.out') });
  const [stack] = addSeedStacks(synthApp, { namePrefix: PREFIX, imageProfile: 'local' }, [name]);
  const exported = exportCompose(stack, { projectName: `${PREFIX}-${name}` });
  synthApp.synth();
  const tfJson = JSON.parse(fs.readFileSync(path.join(synthApp.outdir, 'stacks', name, 'cdk.tf.json'), 'utf8')) as { variable?: Record<string, unknown> };
  const env: NodeJS.ProcessEnv = { ...baseEnv, CDS_CONFIG: config };
  for (const variable of Object.keys(tfJson.variable ?? {})) env[`TF_VAR_${variable}`] = randomBytes(16).toString('hex');
  for (const variable of exported.variables) env[variable.name] ??= randomBytes(16).toString('hex');
  const composeFile = path.join(dir, 'compose.yaml');
  fs.writeFileSync(composeFile, exported.yaml);

  const compose = ['compose', '-p', `${PREFIX}-${name}`, '-f', composeFile];
  removeVolumes(env);
  const composeUp = mustRun(`compose up ${name}`, 'docker', [...compose, 'up', '-d', '--wait'], dir, env);
  mustRun(`compose down ${name}`, 'docker', [...compose, 'down', '-v'], dir, env);
  removeVolumes(env);

  const cdktf = (args: readonly string[]) => run('npx', ['cdktf', ...args, '--skip-provider-lock', '--no-color'], dir, env);
  let cdktfRun: { deploy: Timed; diff: Timed };
  try {
    const deploy = cdktf(['deploy', name, '--auto-approve']);
    if (deploy.status !== 0) throw new Error(`cdktf deploy ${name} exited ${deploy.status}:\n${deploy.output.slice(-4000)}`);
    const diff = cdktf(['diff', name]);
    if (diff.status !== 0) throw new Error(`cdktf diff ${name} exited ${diff.status}:\n${diff.output.slice(-4000)}`);
    cdktfRun = { deploy, diff };
  } finally {
    cdktf(['destroy', name, '--auto-approve']);
    removeVolumes(env);
  }

  // The same through this package's own command, which runs Terraform without the cdktf CLI.
  const fast = (args: readonly string[]) => run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'cli', 'main.ts'), ...args, '--dir', dir], ROOT, env);
  try {
    const deploy = fast(['deploy', name]);
    if (deploy.status !== 0) throw new Error(`cdktf-docker-stacks deploy ${name} exited ${deploy.status}:\n${deploy.output.slice(-4000)}`);
    const diff = fast(['diff', name]);
    if (diff.status !== 0 && diff.status !== 1) throw new Error(`cdktf-docker-stacks diff ${name} exited ${diff.status}:\n${diff.output.slice(-4000)}`);
    return {
      stack: name,
      compose: composeUp.seconds,
      deploy: cdktfRun.deploy.seconds,
      diff: cdktfRun.diff.seconds,
      diffChanges: !/No changes/.test(cdktfRun.diff.output),
      fastDeploy: deploy.seconds,
      fastDiff: diff.seconds,
      fastDiffChanges: diff.status !== 0,
      floor: healthFloorSeconds(stack),
    };
  } finally {
    fast(['destroy', name]);
    removeVolumes(env);
  }
}

function main(): void {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !(STACK_NAMES as readonly string[]).includes(name));
  if (unknown.length > 0) {
    console.error(`unknown stack ${unknown.join(', ')}. Fix: use one of ${STACK_NAMES.join(', ')}`);
    process.exit(2);
  }
  const names = wanted.length > 0 ? (wanted as StackName[]) : [...STACK_NAMES];
  const engineEnv = scriptEnv('engine.sh');
  const env: NodeJS.ProcessEnv = { ...process.env, ...engineEnv, ...scriptEnv('provider.sh'), CHECKPOINT_DISABLE: '1', CDS_IMAGE_PROFILE: 'local', CDS_NAME_PREFIX: '', CDS_DOCKER_HOST: '' };
  const load = () => os.loadavg()[0].toFixed(1);
  console.log(`cdktf deploy vs docker compose up --wait, cold (fresh volumes, local images): node ${process.version}, ${os.cpus().length} cores, load ${load()}`);
  console.log('                            cdktf deploy / diff                     cdktf-docker-stacks deploy / diff');
  console.log('stack            compose s  deploy s  behind s  ratio  no-op diff s  deploy s  behind s  ratio  no-op diff s  floor s');
  const rows: Row[] = [];
  for (const name of names) {
    const row = benchStack(name, env);
    rows.push(row);
    const columns = (deploy: number, diff: number, changes: boolean) =>
      `${deploy.toFixed(1).padStart(9)} ${(deploy - row.compose).toFixed(1).padStart(9)} ${(deploy / row.compose).toFixed(2).padStart(6)} ${diff.toFixed(1).padStart(13)}${changes ? '!' : ' '}`;
    console.log(`${row.stack.padEnd(16)} ${row.compose.toFixed(1).padStart(9)}${columns(row.deploy, row.diff, row.diffChanges)}${columns(row.fastDeploy, row.fastDiff, row.fastDiffChanges)} ${row.floor.toFixed(1).padStart(7)}`);
  }
  if (rows.some((r) => r.diffChanges || r.fastDiffChanges)) console.log('! the diff after the deploy was not empty');
  console.log(`load at the end ${load()}`);
  fs.rmSync(WORK, { recursive: true, force: true });
}

main();
