import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import Docker from 'dockerode';
import { SERVICE_LABELS } from '../constructs/service';
import { preparePrivateState } from '../constructs/state-backend';

/**
 * Rebuilds a lost Terraform state of a synthesized stack from what runs on the engine, so that
 * the next `cdktf diff` is clean instead of a deploy failing on container names that exist.
 *
 * The containers are found by the stack's labels (SERVICE_LABELS: the stack's name prefix and
 * each service's name), networks by their names; both are imported with Terraform import
 * blocks (`import { to, id }` in cdk.tf.json, for one plan and apply). What the engine cannot
 * tell is recovered from what it runs: a generated password (`random_password`) from the
 * container environment that receives it whole, a START_FIRST generation (`random_id`) from the
 * container name's suffix. Images (which Terraform cannot import) are created in the state; for
 * an image the engine has, that changes nothing on the engine. Data volumes are outside the
 * state and untouched.
 *
 * Each plan is checked before it is applied: anything it would destroy or replace, or a
 * generated secret it cannot recover (a new one would not open the existing data), stops the
 * adoption with an AdoptError. Nothing on the engine is changed: Terraform only imports, and
 * creates image entries in the state. The importer leaves a container's environment, labels,
 * log options and networks empty; each configured value is checked against the running
 * container (`docker inspect`) and only then written to the state, as a deploy would have.
 */

/** What `adopt` needs. */
export interface AdoptOptions {
  /** The stack's id (its directory in `<outdir>/stacks/`). */
  readonly stack: string;
  /**
   * cdktf's output directory, synthesized (`cdktf synth`) for the same configuration that was deployed.
   * @default "cdktf.out"
   */
  readonly outdir?: string;
  /**
   * The Docker API client of the engine the stack runs on.
   * @default - a client for DOCKER_HOST, else the local socket
   */
  readonly docker?: Docker;
  /**
   * Progress lines.
   * @default - none
   */
  readonly log?: (line: string) => void;
}

/** One resource brought into the state, by its Terraform address. */
export interface AdoptedResource {
  readonly address: string;
  /** The import id: a container or network id, or for a generated value what it was recovered from (never the secret). */
  readonly from: string;
}

/** What `adopt` did. */
export interface AdoptReport {
  readonly imported: readonly AdoptedResource[];
  /** Addresses created in the state rather than imported (images, and what the engine did not have). */
  readonly created: readonly string[];
}

/** Adoption refused or failed; the state is as it was (or as far as the message says). */
export class AdoptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdoptError';
  }
}

type Resource = Record<string, unknown>;
interface StackJson {
  terraform?: { backend?: { local?: { path?: string } } };
  resource?: Record<string, Record<string, Resource>>;
  import?: { to: string; id: string }[];
}
interface ImportBlock {
  readonly to: string;
  readonly id: string;
  /** Shown instead of `id` (a generated secret's value never is). */
  readonly from: string;
}

/** Rebuilds the state of `options.stack`; see the module comment. */
export async function adopt(options: AdoptOptions): Promise<AdoptReport> {
  const log = options.log ?? (() => undefined);
  const stackDir = path.resolve(options.outdir ?? 'cdktf.out', 'stacks', options.stack);
  const jsonFile = path.join(stackDir, 'cdk.tf.json');
  if (!fs.existsSync(jsonFile)) throw new AdoptError(`${jsonFile} does not exist. Fix: run \`cdktf synth\` first, with the configuration that was deployed`);
  const original = fs.readFileSync(jsonFile, 'utf8');
  const json = JSON.parse(original) as StackJson;
  const resources = json.resource ?? {};

  // A rebuilt local state is as private as a deployed one (see DockerApp).
  const localState = json.terraform?.backend?.local?.path;
  if (localState) preparePrivateState(localState);
  terraform(stackDir, ['init', '-input=false', '-no-color']);
  const known = terraform(stackDir, ['state', 'list'], undefined, /No state file was found/).stdout.trim();
  if (known !== '') throw new AdoptError(`the state of ${options.stack} is not lost: it holds ${known.split('\n').length} resources. Fix: adopt only a stack whose state is gone (\`cdktf diff\` shows everything to add)`);

  const docker = options.docker ?? new Docker();
  const imports = await importBlocks(resources, docker);
  for (const i of imports) log(`import ${i.to} from ${i.from}`);

  // Phase 1: what the containers refer to. Imported (or, for images, created) first: a container
  // planned in the same run as them would see unknown values (the image id) and be replaced.
  // Random values get `ignore_changes = all` here: their importers assume default generation
  // settings, which would plan a new value; the configuration's settings are put in after.
  const first = addressesOf(resources, (type) => type !== 'docker_container');
  const created = applyPhase(stackDir, jsonFile, original, imports.filter((i) => first.includes(i.to)), first, (type) => RANDOM_TYPES.includes(type), log);
  settleRandomSettings(stackDir, resources);
  // Phase 2: the containers, against the state phase 1 built, with `ignore_changes = all`: the
  // importer leaves their environment, labels, log options and network attachments empty, and
  // each of those would plan a replacement.
  created.push(...applyPhase(stackDir, jsonFile, original, imports.filter((i) => !first.includes(i.to)), undefined, (type) => type === 'docker_container', log));
  // Phase 3: where the running container holds the configured value, the state takes it, as a
  // deploy would have written it; any other difference stops here.
  await settleContainerAttributes(stackDir, docker);
  return { imported: imports.map(({ to, from }) => ({ address: to, from })), created };
}

/** The addresses of the resources whose type `include` accepts. */
function addressesOf(resources: Record<string, Record<string, Resource>>, include: (type: string) => boolean): string[] {
  return Object.entries(resources).flatMap(([type, byKey]) => (include(type) ? Object.keys(byKey).map((key) => `${type}.${key}`) : []));
}

/**
 * Plans the stack with `imports` as import blocks (only `targets`, when given), refuses a plan
 * that would destroy anything or make a new random value, applies it, and puts cdk.tf.json back.
 * Returns the addresses it created.
 */
function applyPhase(
  stackDir: string,
  jsonFile: string,
  original: string,
  imports: readonly ImportBlock[],
  targets: readonly string[] | undefined,
  ignoreChanges: (type: string) => boolean,
  log: (line: string) => void,
): string[] {
  const json = JSON.parse(original) as StackJson;
  json.import = imports.map(({ to, id }) => ({ to, id }));
  for (const [type, byKey] of Object.entries(json.resource ?? {})) {
    if (ignoreChanges(type)) for (const resource of Object.values(byKey)) resource.lifecycle = { ...(resource.lifecycle as object | undefined), ignore_changes: 'all' };
  }
  const planFile = path.join(stackDir, 'adopt.tfplan');
  const created: string[] = [];
  try {
    fs.writeFileSync(jsonFile, JSON.stringify(json, null, 2));
    terraform(stackDir, ['plan', '-input=false', '-no-color', `-out=${planFile}`, ...(targets ?? []).map((t) => `-target=${t}`)]);
    const plan = JSON.parse(terraform(stackDir, ['show', '-json', planFile]).stdout) as { resource_changes?: { address: string; type: string; change: { actions: string[]; replace_paths?: unknown[][] } }[] };
    for (const change of plan.resource_changes ?? []) {
      const actions = change.change.actions;
      const why = change.change.replace_paths ? ` (because of ${change.change.replace_paths.map((p) => p.join('.')).join(', ')})` : '';
      if (actions.includes('delete')) throw new AdoptError(`the adoption plan would ${actions.join(' and ')} ${change.address}${why}. Fix: nothing of this step was applied; compare the running stack with the configuration (\`cdktf synth\` of the deployed version)`);
      if (actions.includes('create')) {
        if (RANDOM_TYPES.includes(change.type)) throw new AdoptError(`${change.address} cannot be recovered from the engine, and a new value would not open the existing data. Fix: nothing of this step was applied; restore the state from a backup`);
        created.push(change.address);
        log(`create ${change.address} (${change.type === 'docker_image' ? 'Terraform cannot import an image; an image the engine has is used as is' : 'not on the engine'})`);
      }
    }
    terraform(stackDir, ['apply', '-input=false', '-no-color', planFile]);
  } finally {
    fs.rmSync(planFile, { force: true });
    fs.writeFileSync(jsonFile, original);
  }
  return created;
}

const RANDOM_TYPES: readonly string[] = ['random_password', 'random_id'];

/** The import blocks for what runs on the engine. */
async function importBlocks(resources: Record<string, Record<string, Resource>>, docker: Docker): Promise<ImportBlock[]> {
  const blocks: ImportBlock[] = [];
  const containers = Object.entries(resources.docker_container ?? {});
  const prefix = containers.map(([, c]) => labelOf(c, SERVICE_LABELS.stack)).find((p) => p !== undefined);
  const running = prefix === undefined ? [] : await docker.listContainers({ all: true, filters: { label: [`${SERVICE_LABELS.stack}=${prefix}`] } });
  const engineEnv = new Map<string, string[]>();

  for (const [key, container] of containers) {
    const service = labelOf(container, SERVICE_LABELS.service);
    const name = String(container.name);
    const generation = /^(.*)\$\{random_id\.([A-Za-z0-9_-]+)\.hex\}$/.exec(name);
    const candidates = running
      .filter((c) => c.Labels[SERVICE_LABELS.service] === service)
      .filter((c) => (generation ? c.Names.some((n) => n.startsWith(`/${generation[1]}`)) : c.Names.includes(`/${name}`)))
      // A START_FIRST service may have two during a swap: the running one is the one to keep.
      .sort((a, b) => Number(b.State === 'running') - Number(a.State === 'running'));
    const found = candidates[0];
    if (!found) continue;
    blocks.push({ to: `docker_container.${key}`, id: found.Id, from: `container ${found.Names[0].slice(1)}` });
    engineEnv.set(key, (await docker.getContainer(found.Id).inspect()).Config.Env ?? []);
    if (generation) {
      const suffix = found.Names[0].slice(1 + generation[1].length);
      if (/^[0-9a-f]+$/.test(suffix)) blocks.push({ to: `random_id.${generation[2]}`, id: Buffer.from(suffix, 'hex').toString('base64url'), from: `the suffix of container ${found.Names[0].slice(1)}` });
    }
  }

  for (const [key, network] of Object.entries(resources.docker_network ?? {})) {
    const name = String(network.name);
    const found = (await docker.listNetworks({ filters: { name: [name] } })).find((n) => n.Name === name);
    if (found) blocks.push({ to: `docker_network.${key}`, id: found.Id, from: `network ${name}` });
  }

  // A generated password is recovered from a container it reaches whole (`VAR=${random_password.<key>.result}`).
  for (const key of Object.keys(resources.random_password ?? {})) {
    const reference = `\${random_password.${key}.result}`;
    for (const [containerKey, container] of containers) {
      const entry = ((container.env as string[] | undefined) ?? []).find((e) => e.endsWith(`=${reference}`) && e.indexOf('=') === e.length - reference.length - 1);
      const variable = entry?.slice(0, entry.indexOf('='));
      const value = variable ? engineEnv.get(containerKey)?.find((e) => e.startsWith(`${variable}=`))?.slice(variable.length + 1) : undefined;
      if (value) {
        blocks.push({ to: `random_password.${key}`, id: value, from: `${variable} of container ${String(container.name)}` });
        break;
      }
    }
  }
  return blocks;
}

function labelOf(container: Resource, label: string): string | undefined {
  return ((container.labels as { label: string; value: string }[] | undefined) ?? []).find((l) => l.label === label)?.value;
}

/**
 * Sets the generation settings of the imported random values (length, character classes,
 * byte_length, literal keepers) to the configuration's, in the state: the importers guess
 * defaults (a password with special characters, no keepers), and a difference in any of them
 * would plan a new value. Only literal settings are copied; the values themselves stay.
 */
function settleRandomSettings(stackDir: string, resources: Record<string, Record<string, Resource>>): void {
  const state = JSON.parse(terraform(stackDir, ['state', 'pull']).stdout) as { serial: number; resources: { mode: string; type: string; name: string; instances: { attributes: Record<string, unknown> }[] }[] };
  let changed = false;
  for (const entry of state.resources) {
    const config = entry.mode === 'managed' && RANDOM_TYPES.includes(entry.type) ? resources[entry.type]?.[entry.name] : undefined;
    if (!config) continue;
    for (const [attribute, value] of Object.entries(config)) {
      if (attribute === 'lifecycle' || attribute === 'depends_on' || attribute === '//' || JSON.stringify(value).includes('${')) continue;
      for (const instance of entry.instances) {
        if (attribute in instance.attributes && JSON.stringify(instance.attributes[attribute]) !== JSON.stringify(value)) {
          instance.attributes[attribute] = value;
          changed = true;
        }
      }
    }
  }
  if (!changed) return;
  state.serial += 1;
  terraform(stackDir, ['state', 'push', '-'], JSON.stringify(state));
}

/** Runs Terraform in `cwd`; a failure is an AdoptError, unless its output matches `emptyWhen` (then: no output). */
/**
 * Attributes the importer leaves empty, and how the configured value is checked against the
 * running container (`docker inspect`) before the state takes it: the container must hold it.
 */
const ON_ENGINE: Record<string, (configured: unknown, engine: Docker.ContainerInspectInfo) => boolean> = {
  env: (configured, engine) => asArray(configured).every((entry) => (engine.Config.Env ?? []).includes(String(entry))),
  labels: (configured, engine) => asArray(configured).every((label) => engine.Config.Labels?.[String(asRecord(label).label)] === asRecord(label).value),
  log_opts: (configured, engine) => Object.entries(asRecord(configured)).every(([key, value]) => (engine.HostConfig.LogConfig?.Config as Record<string, string> | undefined)?.[key] === value),
  networks_advanced: (configured, engine) =>
    asArray(configured).every((network) => {
      const attached = Object.values(engine.NetworkSettings.Networks ?? {}).find((n) => n.NetworkID === asRecord(network).name);
      return attached !== undefined && asArray(asRecord(network).aliases).every((alias) => ((attached.Aliases as string[] | undefined) ?? []).includes(String(alias)));
    }),
};

/** Container attributes that exist only in the provider (how it waits, attaches, destroys), never on the engine. */
const PROVIDER_ONLY = new Set(['attach', 'logs', 'must_run', 'start', 'wait', 'wait_timeout', 'remove_volumes', 'destroy_grace_seconds', 'container_read_refresh_timeout_milliseconds', 'rm']);

/** Unset in the configuration: null, or an empty string, list or object, 0 or false. */
function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '' || value === 0 || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? (value as unknown[]) : []);
const asRecord = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' ? (value as Record<string, unknown>) : {});

/**
 * Plans the configuration against the imported containers; where a replacement is planned only
 * for attributes in ON_ENGINE whose configured value the running container holds, the state
 * takes the configured value (an update in place only for the provider's own settings and what
 * the configuration leaves unset). Any other difference is an AdoptError.
 */
async function settleContainerAttributes(stackDir: string, docker: Docker): Promise<void> {
  const planFile = path.join(stackDir, 'adopt.tfplan');
  type Change = {
    address: string;
    type: string;
    name: string;
    change: { actions: string[]; before: Record<string, unknown>; after: Record<string, unknown>; after_sensitive?: Record<string, unknown>; replace_paths?: unknown[][] };
  };
  let changes: Change[];
  try {
    terraform(stackDir, ['plan', '-input=false', '-no-color', `-out=${planFile}`]);
    changes = (JSON.parse(terraform(stackDir, ['show', '-json', planFile]).stdout) as { resource_changes?: Change[] }).resource_changes ?? [];
  } finally {
    fs.rmSync(planFile, { force: true });
  }
  const settled = new Map<string, { values: Record<string, unknown>; sensitive: string[] }>();
  for (const change of changes) {
    if (change.change.actions.every((a) => a === 'no-op')) continue;
    const engine = change.type === 'docker_container' ? await docker.getContainer(String(change.change.before?.id)).inspect() : undefined;
    const replacing = new Set((change.change.replace_paths ?? []).map((p) => String(p[0])));
    const attributes = [...new Set([...replacing, ...Object.keys(change.change.after ?? {}).filter((k) => JSON.stringify(change.change.after[k]) !== JSON.stringify(change.change.before?.[k]))])];
    const explained = (a: string): boolean => {
      const configured = change.change.after[a];
      if (!engine) return false;
      if (a in ON_ENGINE) return ON_ENGINE[a](configured, engine);
      // Not replacing: the provider's own settings, or what the configuration leaves to the image and engine.
      return !replacing.has(a) && (PROVIDER_ONLY.has(a) || isEmpty(configured));
    };
    const unexplained = attributes.filter((a) => !explained(a));
    if (unexplained.length > 0) {
      throw new AdoptError(`after the import, ${change.address} differs from the configuration in ${unexplained.join(', ')} (a deploy would ${change.change.actions.join(' and ')} it). Fix: the state now holds what runs; deploy the configuration that was deployed, or accept the change with \`cdktf deploy\``);
    }
    settled.set(change.name, {
      values: Object.fromEntries(attributes.map((a) => [a, change.change.after[a]])),
      // A secret in the environment is sensitive in the state too, as a deploy records it; else the next plan shows the marking as a change.
      sensitive: attributes.filter((a) => JSON.stringify(change.change.after_sensitive?.[a] ?? false).includes('true')),
    });
  }
  if (settled.size === 0) return;
  type Step = { type: string; value: unknown };
  const state = JSON.parse(terraform(stackDir, ['state', 'pull']).stdout) as {
    serial: number;
    resources: { mode: string; type: string; name: string; instances: { attributes: Record<string, unknown>; sensitive_attributes?: Step[][] }[] }[];
  };
  for (const entry of state.resources) {
    const settle = entry.type === 'docker_container' ? settled.get(entry.name) : undefined;
    if (!settle) continue;
    for (const instance of entry.instances) {
      Object.assign(instance.attributes, settle.values);
      const marked = instance.sensitive_attributes ?? [];
      for (const attribute of settle.sensitive) {
        if (!marked.some((p) => p.length === 1 && p[0].type === 'get_attr' && p[0].value === attribute)) marked.push([{ type: 'get_attr', value: attribute }]);
      }
      instance.sensitive_attributes = marked;
    }
  }
  state.serial += 1;
  terraform(stackDir, ['state', 'push', '-'], JSON.stringify(state));
}

function terraform(cwd: string, args: readonly string[], input?: string, emptyWhen?: RegExp): { stdout: string } {
  const result = spawnSync('terraform', args, { cwd, encoding: 'utf8', input, env: { ...process.env, TF_IN_AUTOMATION: '1' }, maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0 && emptyWhen?.test(`${result.stdout}${result.stderr}`)) return { stdout: '' };
  if (result.status !== 0) throw new AdoptError(`terraform ${args.join(' ')} failed in ${cwd} (exit ${result.status ?? result.signal}):\n${(result.stderr || result.stdout || '').slice(-4000)}`);
  return { stdout: result.stdout };
}
