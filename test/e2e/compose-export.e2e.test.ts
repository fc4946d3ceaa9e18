import { spawnSync } from 'child_process';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { parse } from 'yaml';
import { exportCompose, type ComposeExport } from '../../constructs/compose-export';
import { addSeedStacks, hostPortsOf, StackName, STACK_NAMES } from '../../stacks';
import { ComposeProject } from './support/compose-cli';
import { engineLeftovers } from './support/docker-api';

// Given each documented stack exported with toCompose (local images), when the compose CLI of
// the engine (scripts/engine.sh) reads it, then `docker compose config` accepts it and reads
// back the values as written; and each comes up with `docker compose up -d --wait`, every
// container running healthy with the command, health check, environment and uploaded files
// (content and mode) the stack has, `$` arriving as `$` and secrets as the values given; and
// `down -v` removes all it made. Projects, containers, networks and volumes are named under
// this suite's own prefix, host ports moved away from the other suites' (+27000).
const prefix = `cmpx${process.pid % 10000}`;
const PORT_OFFSET = 27000;

/** The compose file as read back by `docker compose config`, and as written. */
interface ComposeFile {
  services: Record<string, { environment?: Record<string, string>; command?: string[]; configs?: { source: string; target: string; mode: number }[]; healthcheck?: { test: string[] } }>;
  configs?: Record<string, { content: string }>;
}

let dir: string;

/** The file as written, read as compose reads it (YAML 1.1: 0744 is octal). */
const written_ = (name: StackName) => parse((exportsByStack.get(name) as ComposeExport).yaml, { version: '1.1' }) as ComposeFile;

/** `docker <args>`, its output. */
function dockerCli(args: readonly string[]): string {
  const result = spawnSync('docker', args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`docker ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return result.stdout;
}
const exportsByStack = new Map<StackName, ComposeExport>();
const projects = new Map<StackName, ComposeProject>();
const values = new Map<StackName, Record<string, string>>();

/** Containers, networks and volumes on the engine under this suite's prefix. */
async function leftovers(): Promise<string[]> {
  const { containers, networks, volumes } = await engineLeftovers(`${prefix}-`);
  return [...containers, ...networks, ...volumes].sort();
}

beforeAll(async () => {
  expect(await leftovers()).toEqual([]);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cds-compose-e2e-'));
  const defaults = addSeedStacks(new App(), { imageProfile: 'local' }).flatMap(hostPortsOf);
  const hostPorts = Object.fromEntries(defaults.map((p) => [p.key, p.defaultPort + PORT_OFFSET]));
  for (const stack of addSeedStacks(new App(), { imageProfile: 'local', namePrefix: prefix, hostPorts })) {
    const name = stack.node.id as StackName;
    const exported = exportCompose(stack);
    // URL-safe values: a password goes into a connection URL as it is (see toCompose).
    const secrets = Object.fromEntries(exported.variables.map((v) => [v.name, randomBytes(18).toString('base64url')]));
    exportsByStack.set(name, exported);
    values.set(name, secrets);
    projects.set(name, new ComposeProject(stack.namePrefix, dir, exported, secrets));
  }
});

afterAll(async () => {
  for (const project of projects.values()) await project.down();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  expect(await leftovers()).toEqual([]);
});

/** `docker compose config` of the file, with `env` added to this process's environment. */
function composeConfig(file: string, env: NodeJS.ProcessEnv, args: readonly string[] = ['--format', 'json']): { status: number | null; stdout: string; stderr: string } {
  return spawnSync('docker', ['compose', '-f', file, 'config', ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });
}

test.each(STACK_NAMES.map((name) => [name]))('%s: docker compose config accepts the exported file and reads back environment, commands, health checks and uploaded files as written', (name) => {
  const project = projects.get(name) as ComposeProject;
  const secrets = values.get(name) as Record<string, string>;

  const result = composeConfig(project.file, secrets);

  expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
  const normalized = JSON.parse(result.stdout) as ComposeFile;
  const written = written_(name);
  // `config` prints a compose file again: `$$` stays escaped, each `${VAR:?...}` is the value given.
  const substitute = (text: string) => text.replace(/\$\$|\$\{(\w+):\?[^}]*\}/g, (match, variable?: string) => (variable === undefined ? match : secrets[variable]));
  for (const [service, definition] of Object.entries(written.services)) {
    const readBack = normalized.services[service];
    const environment = Object.fromEntries(Object.entries(definition.environment ?? {}).map(([k, v]) => [k, substitute(v)]));
    expect({ service, environment: readBack.environment ?? {} }).toEqual({ service, environment });
    expect({ service, command: readBack.command ?? undefined }).toEqual({ service, command: definition.command?.map(substitute) });
    expect({ service, test: readBack.healthcheck?.test }).toEqual({ service, test: definition.healthcheck?.test.map(substitute) });
    expect({ service, configs: readBack.configs }).toEqual({ service, configs: definition.configs });
  }
  const contents = (configs: ComposeFile['configs']) => Object.fromEntries(Object.entries(configs ?? {}).map(([k, c]) => [k, substitute(c.content)]));
  expect(contents(normalized.configs)).toEqual(contents(written.configs));
});

test('fails `docker compose config` naming the variable when a secret is not set', () => {
  const project = projects.get('mnemolite') as ComposeProject;
  const env = Object.fromEntries(Object.keys(process.env).filter((k) => k.startsWith('TF_VAR_')).map((k) => [k, undefined]));

  const result = composeConfig(project.file, env, ['--quiet']);

  expect(result.status).not.toBe(0);
  expect(result.stderr).toMatch(/TF_VAR_mnemolite_(postgres_password|api_key)/);
});

test.each(STACK_NAMES.map((name) => [name]))('%s: the exported compose file comes up with every container running healthy as the stack has it, and down -v removes it', async (name) => {
  const project = projects.get(name) as ComposeProject;
  const secrets = values.get(name) as Record<string, string>;
  const written = written_(name);
  // What reaches the container: `$$` is `$`, each `${VAR:?...}` the variable's value.
  const interpolate = (text: string) => text.replace(/\$\$|\$\{(\w+):\?[^}]*\}/g, (_match, variable?: string) => (variable === undefined ? '$' : secrets[variable]));

  const up = await project.up(180);
  console.log(`compose up --wait ${name}: ${up.seconds.toFixed(1)} s`);

  expect({ status: up.status, output: up.status === 0 ? '' : up.output.slice(-4000) }).toEqual({ status: 0, output: '' });
  const containers = project.containers();
  expect(containers.length).toBe(Object.keys((exportsByStack.get(name) as ComposeExport).document.services as object).length);
  for (const c of containers) expect({ name: c.Name, state: c.State, health: c.Health }).toEqual({ name: c.Name, state: 'running', health: 'healthy' });
  for (const c of containers) {
    const definition = written.services[c.Service];
    const config = JSON.parse(dockerCli(['inspect', '--format', '{{json .Config}}', c.Name])) as { Cmd: string[] | null; Env: string[]; Healthcheck?: { Test: string[] } };
    const env = Object.entries(definition.environment ?? {}).map(([k, v]) => `${k}=${interpolate(v)}`);
    expect({ container: c.Name, env: config.Env.filter((e) => env.includes(e)).sort() }).toEqual({ container: c.Name, env: env.sort() });
    if (definition.command) expect({ container: c.Name, cmd: config.Cmd }).toEqual({ container: c.Name, cmd: definition.command.map(interpolate) });
    expect({ container: c.Name, test: config.Healthcheck?.Test }).toEqual({ container: c.Name, test: definition.healthcheck?.test.map(interpolate) });
    for (const file of definition.configs ?? []) {
      const inside = { content: dockerCli(['exec', c.Name, 'cat', file.target]), mode: dockerCli(['exec', c.Name, 'stat', '-c', '%a', file.target]).trim() };
      const content = interpolate((written.configs ?? {})[file.source].content);
      expect({ file: `${c.Name}:${file.target}`, ...inside }).toEqual({ file: `${c.Name}:${file.target}`, content, mode: file.mode.toString(8) });
    }
  }

  const down = await project.down();
  expect({ status: down.status, output: down.status === 0 ? '' : down.output.slice(-4000) }).toEqual({ status: 0, output: '' });
  expect(project.containers()).toEqual([]);
  expect((await leftovers()).filter((n) => n.startsWith(`${project.project}-`) && !n.startsWith(`${project.project}-dev`))).toEqual([]);
});
