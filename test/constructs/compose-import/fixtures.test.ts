import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdktf';
import * as os from 'os';
import { splitCommand } from '../../../constructs/compose-import/command-line';
import { fromCompose } from '../../../constructs/compose-import/from-compose';
import { loadCompose } from '../../../constructs/compose-import/loader';
import { scalarText } from '../../../constructs/compose-import/compose-map';
import { parsePort } from '../../../constructs/compose-import/ports';

const FIXTURES = path.resolve(__dirname, '..', '..', 'fixtures', 'compose-import');

/** A fixture directory: compose.yaml, and fixture.json with the files, variables and profiles to load it with. */
interface Fixture {
  readonly name: string;
  readonly files: string[];
  readonly env: Record<string, string>;
  readonly profiles: string[];
}

const fixtures: Fixture[] = fs
  .readdirSync(FIXTURES)
  .filter((name) => !name.startsWith('seed-') && fs.existsSync(path.join(FIXTURES, name, 'compose.yaml')))
  .sort()
  .map((name) => {
    const dir = path.join(FIXTURES, name);
    const options = fs.existsSync(path.join(dir, 'fixture.json')) ? (JSON.parse(fs.readFileSync(path.join(dir, 'fixture.json'), 'utf8')) as Partial<Fixture>) : {};
    return { name, files: (options.files ?? ['compose.yaml']).map((f) => path.join(dir, f)), env: options.env ?? {}, profiles: options.profiles ?? [] };
  });

describe('compose-import fixtures', () => {
  it('has at least 20 of its own', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(20);
  });

  it.each(fixtures.map((f) => [f.name, f] as const))('imports %s and synthesizes it', (_, fixture) => {
    // Given the fixture's files, variables and profiles
    // When it is imported with no unsupported key allowed
    const imported = fromCompose(Testing.app(), 'fx', { files: fixture.files, environment: fixture.env, profiles: fixture.profiles, namePrefix: 'fx' });
    // Then every service of the loaded project became a Service and the stack synthesizes (stack rules on)
    expect(Object.keys(imported.services).sort()).toEqual(Object.keys(imported.project.services).sort());
    expect(() => Testing.synth(imported.stack, false)).not.toThrow();
  });
});

/** `docker compose` v2, when installed (the engine setup installs it; `docker compose config` needs no running engine). */
const compose = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' });
const haveCompose = compose.status === 0;
const describeWithCompose = haveCompose ? describe : describe.skip;
if (!haveCompose) console.warn('compose-import differential tests skipped: `docker compose version` failed');

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});

/** What both compose and the loader know of a service, in one shape: compose is the oracle. */
function comparable(service: Json, fromCompose: boolean): Json {
  const command = (v: unknown): unknown => (v === null || v === undefined ? undefined : Array.isArray(v) ? v : execSplit(scalarText(v)));
  const health = obj(service.healthcheck);
  const test = health.test;
  return {
    image: service.image,
    // compose config writes its output as compose input: a literal "$" comes back as "$$".
    environment: Object.fromEntries(Object.entries(obj(service.environment)).map(([k, v]) => [k, v === null ? undefined : fromCompose ? scalarText(v).replace(/\$\$/g, '$') : scalarText(v)])),
    command: command(service.command),
    entrypoint: command(service.entrypoint),
    container_name: service.container_name,
    user: service.user,
    working_dir: service.working_dir,
    restart: service.restart,
    read_only: service.read_only,
    init: service.init,
    retries: health.retries,
    labels: obj(service.labels),
    depends_on: Object.fromEntries(Object.entries(obj(service.depends_on)).map(([k, v]) => [k, obj(v).condition])),
    networks: Object.fromEntries(Object.entries(obj(service.networks ?? (service.network_mode ? {} : { default: null }))).map(([k, v]) => [k, obj(v).aliases ?? []])),
    healthcheck: service.healthcheck === undefined ? undefined : { disable: health.disable === true || (Array.isArray(test) && test[0] === 'NONE') || undefined, test: typeof test === 'string' ? ['CMD-SHELL', test] : test },
    volume_targets: (Array.isArray(service.volumes) ? (service.volumes as unknown[]) : []).map((v) => (typeof v === 'string' ? (v.split(':')[1] ?? v) : obj(v).target)).sort(),
    cpus: Number(obj(obj(obj(service.deploy).resources).limits).cpus ?? service.cpus ?? 0),
    // compose prints every port in the long form, a range as one entry per port; the loader keeps them as written, parsePort reads them.
    ports: (Array.isArray(service.ports) ? (service.ports as unknown[]) : []).flatMap((p) => {
      if (fromCompose) {
        const long = obj(p);
        return [`${scalarText(long.host_ip ?? '')}:${scalarText(long.published ?? '')}:${scalarText(long.target)}/${scalarText(long.protocol ?? 'tcp')}`];
      }
      const parsed = parsePort(p);
      return typeof parsed === 'string' ? [parsed] : parsed.map((m) => `${m.hostIp ?? ''}:${m.published ?? ''}:${m.target}/${m.protocol}`);
    }),
    profiles: service.profiles,
  };
}

/** The loader's split of a string command is what compose's shell-words split gives. */
const execSplit = (text: string): string[] => splitCommand(text);

describeWithCompose('compose-import differential: the loaded model equals `docker compose config --format json`', () => {
  it.each(fixtures.map((f) => [f.name, f] as const))('%s', (_, fixture) => {
    // Given the fixture
    const args = ['compose', ...fixture.files.flatMap((f) => ['-f', f]), ...fixture.profiles.flatMap((p) => ['--profile', p]), 'config', '--format', 'json'];
    // When compose and the loader read it with the same variables
    const oracle = JSON.parse(execFileSync('docker', args, { cwd: path.dirname(fixture.files[0]), env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...fixture.env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as Json;
    const loaded = loadCompose({ files: fixture.files, environment: fixture.env, profiles: fixture.profiles });
    // Then the services, and what both know of each, are the same
    const theirs = obj(oracle.services);
    expect(Object.keys(loaded.services).sort()).toEqual(Object.keys(theirs).sort());
    for (const [name, service] of Object.entries(loaded.services)) {
      expect([name, comparable(service, false)]).toEqual([name, comparable(obj(theirs[name]), true)]);
    }
    for (const [name, network] of Object.entries(loaded.networks)) expect([name, network.internal === true]).toEqual([name, obj(obj(oracle.networks)[name]).internal === true]);
  });

  it("refuses seed 003's file too, on the folded command, and once that is a list on the depends_on alias", () => {
    const seed = path.join(FIXTURES, 'seed-003', 'compose.yaml');
    const run = (file: string): ReturnType<typeof spawnSync> => spawnSync('docker', ['compose', '-f', file, 'config', '--format', 'json'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    const asIs = run(seed);
    expect(asIs.status).not.toBe(0);
    expect(String(asIs.stderr)).toMatch(/services\[postgres\]\.command/);
    const fixed = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'seed-003-')), 'compose.yaml');
    fs.writeFileSync(fixed, fs.readFileSync(seed, 'utf8').replace(/command: >\n(?:\s+.*\n)+?(?=\s+shm_size)/, 'command: ["postgres"]\n'));
    const commandFixed = run(fixed);
    expect(commandFixed.status).not.toBe(0);
    expect(String(commandFixed.stderr)).toMatch(/depends on undefined service "?db"?/);
  });
});
