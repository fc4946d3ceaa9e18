import * as path from 'path';
import { Testing } from 'cdktf';
import { addSeedStacks, ImageProfile, StackName, StacksConfig } from '../../stacks';
import { baseName, container, containerAddress, containers, SynthesizedContainer, SynthesizedStack } from '../support/synth';

// Shared, explicit assertions for the per-stack tests in this folder (vibecoding.test.ts, ...).

export const PROFILES: readonly ImageProfile[] = ['official', 'local'];

/** Synthesizes one seed stack with validations on and parses the JSON. */
export function synthSeed(name: StackName, imageProfile: ImageProfile): SynthesizedStack {
  const [stack] = addSeedStacks(Testing.app(), { imageProfile }, [name]);
  return JSON.parse(Testing.synth(stack, true)) as SynthesizedStack;
}

export interface HealthCheckJson {
  readonly test: string[];
  readonly interval: string;
  readonly timeout: string;
  readonly retries: number;
  readonly start_period: string;
}

export function healthTest(c: SynthesizedContainer): string[] {
  return ((c.healthcheck as HealthCheckJson | undefined)?.test ?? []);
}

/**
 * Every container: a health check (unless listed in `withoutHealthCheck` with a reason), cpu and
 * memory limits with swap off, rotated json-file logs, bounded restarts, no capabilities, no new
 * privileges.
 */
export function expectHardened(json: SynthesizedStack, withoutHealthCheck: Readonly<Record<string, string>> = {}): void {
  const all = containers(json);
  expect(all.length).toBeGreaterThan(0);
  for (const c of all) {
    const where = { name: c.name };
    if (withoutHealthCheck[c.name] === undefined) {
      const hc = c.healthcheck as HealthCheckJson | undefined;
      expect({ ...where, test: hc?.test?.[0] }).toEqual({ ...where, test: expect.stringMatching(/^CMD(-SHELL)?$/) });
      expect({ ...where, wait: c.wait }).toEqual({ ...where, wait: true });
      expect(hc?.retries).toBeGreaterThanOrEqual(1);
    }
    expect({ ...where, memory: typeof c.memory }).toEqual({ ...where, memory: 'number' });
    expect(c.memory as number).toBeGreaterThanOrEqual(6);
    expect({ ...where, memory_swap: c.memory_swap }).toEqual({ ...where, memory_swap: c.memory });
    expect({ ...where, cpus: c.cpus }).toEqual({ ...where, cpus: expect.stringMatching(/^\d+\.\d+$/) });
    expect({ ...where, log_driver: c.log_driver, log_opts: c.log_opts }).toEqual({ ...where, log_driver: 'json-file', log_opts: { 'max-size': '10m', 'max-file': '3' } });
    expect({ ...where, restart: c.restart }).toEqual({ ...where, restart: 'on-failure' });
    expect(c.max_retry_count).toBeGreaterThanOrEqual(1);
    expect(c.max_retry_count).toBeLessThanOrEqual(20);
    expect({ ...where, drop: (c.capabilities as { drop?: string[] } | undefined)?.drop }).toEqual({ ...where, drop: ['ALL'] });
    expect({ ...where, security_opts: c.security_opts }).toEqual({ ...where, security_opts: ['no-new-privileges:true'] });
    expect({ ...where, privileged: c.privileged }).toEqual({ ...where, privileged: false });
    expect({ ...where, network_mode: c.network_mode }).toEqual({ ...where, network_mode: 'bridge' });
  }
}

export interface PortJson {
  readonly internal: number;
  readonly external: number;
  readonly ip: string;
  readonly protocol: string;
}

export function portsOf(c: SynthesizedContainer): PortJson[] {
  return (c.ports as PortJson[] | undefined) ?? [];
}

/** Every published port is bound to 127.0.0.1, except on the containers named in `publicOnes`. */
export function expectLoopbackPorts(json: SynthesizedStack, publicOnes: readonly string[] = []): void {
  for (const c of containers(json)) {
    for (const p of portsOf(c)) {
      expect({ name: c.name, ip: p.ip }).toEqual({ name: c.name, ip: publicOnes.includes(c.name) ? '0.0.0.0' : '127.0.0.1' });
    }
  }
}

/** Name of each network (by Terraform resource key). */
function networkNamesByKey(json: SynthesizedStack): Map<string, { name: string; internal: boolean }> {
  return new Map(Object.entries(json.resource.docker_network ?? {}).map(([key, n]) => [key, n as unknown as { name: string; internal: boolean }]));
}

/** Docker names of the networks the container joins, sorted. */
export function networksOf(json: SynthesizedStack, containerName: string): string[] {
  const byKey = networkNamesByKey(json);
  const attachments = (container(json, containerName).networks_advanced as { name: string }[] | undefined) ?? [];
  return attachments
    .map((a) => {
      const match = /^\$\{docker_network\.([^.]+)\.id\}$/.exec(a.name);
      if (!match) throw new Error(`${containerName}: network reference ${a.name} is not a docker_network id`);
      const network = byKey.get(match[1]);
      if (!network) throw new Error(`${containerName}: unknown network ${match[1]}`);
      return network.name;
    })
    .sort();
}

/** `{ name: internal }` for every network of the stack. */
export function networkTable(json: SynthesizedStack): Record<string, boolean> {
  return Object.fromEntries([...networkNamesByKey(json).values()].map((n) => [n.name, n.internal]));
}

/** Containers publishing a port join at least one non-internal network (else the port answers nothing). */
export function expectPublishedPortsReachable(json: SynthesizedStack): void {
  const table = networkTable(json);
  for (const c of containers(json)) {
    if (portsOf(c).length === 0) continue;
    expect({ name: c.name, reachable: networksOf(json, c.name).some((n) => table[n] === false) }).toEqual({ name: c.name, reachable: true });
  }
}

/** The container named `name` is created only after every container in `dependencies`. */
export function expectDependsOn(json: SynthesizedStack, name: string, dependencies: readonly string[]): void {
  const dependsOn = container(json, name).depends_on ?? [];
  for (const dependency of dependencies) {
    expect({ name, dependsOn }).toEqual({ name, dependsOn: expect.arrayContaining([containerAddress(json, dependency)]) });
    // A dependency is only meaningful when it waits for health.
    expect({ dependency, wait: container(json, dependency).wait }).toEqual({ dependency, wait: true });
  }
}

const SENSITIVE_KEY = /(PASSWORD|SECRET|TOKEN|API_KEY|DATABASE_URL)$/;
const KNOWN_DEFAULTS = ['mnemopass', 'default_api_key', 'change-me-in-production', 'votre_mot_de_passe_securise'];

/**
 * No sensitive value is written in plain text: every env entry whose key names a password,
 * key or connection URL interpolates a Terraform variable or a generated password (inside a
 * URL, percent-encoded by Terraform's urlencode). Returns the sensitive keys seen, so callers
 * can check the list is not empty where it must not be.
 */
export function expectNoPlainSecrets(json: SynthesizedStack): string[] {
  const seen: string[] = [];
  for (const c of containers(json)) {
    for (const entry of (c.env as string[] | undefined) ?? []) {
      const key = entry.slice(0, entry.indexOf('='));
      if (!SENSITIVE_KEY.test(key)) continue;
      seen.push(`${baseName(c.name)}:${key}`);
      expect({ name: c.name, entry }).toEqual({ name: c.name, entry: expect.stringMatching(/\$\{(replace\(urlencode\()?(var\.[a-z0-9_]+|random_password\.[A-Za-z0-9_-]+\.result)(\), "\+", "%20"\))?\}/) });
    }
  }
  // Known defaults may appear in the variables' validation deny-list, and nowhere else.
  const outsideVariables = JSON.stringify({ ...json, variable: undefined }).toLowerCase();
  for (const known of KNOWN_DEFAULTS) expect({ known, found: outsideVariables.includes(known) }).toEqual({ known, found: false });
  // Variables carrying secrets are sensitive and have no default.
  for (const [name, variable] of Object.entries(json.variable ?? {})) {
    if (/password|key|secret|token/.test(name)) {
      expect({ name, sensitive: variable.sensitive, hasDefault: 'default' in variable }).toEqual({ name, sensitive: true, hasDefault: false });
    }
  }
  return seen;
}

/** No health check calls curl; Python ones use the standard library only (no `requests`). */
export function expectHealthChecksUseImageTools(json: SynthesizedStack): void {
  for (const c of containers(json)) {
    const test = healthTest(c);
    const text = test.join(' ');
    expect({ name: c.name, curl: /\bcurl\b/.test(text) }).toEqual({ name: c.name, curl: false });
    if (test[1] === 'python3' || test[1] === 'python') {
      expect({ name: c.name, requests: /\brequests\b/.test(text) }).toEqual({ name: c.name, requests: false });
      expect(test[2]).toBe('-c');
      expect(text).toMatch(/import (urllib\.request|socket|os, sys, time)/);
    }
  }
}

/** ChromaDB is probed on /api/v2/heartbeat through bash's /dev/tcp (no curl, wget or python in the image). */
export function expectChromaProbe(c: SynthesizedContainer): void {
  const test = healthTest(c);
  expect(test.slice(0, 3)).toEqual(['CMD', 'bash', '-c']);
  expect(test[3]).toContain('/dev/tcp/127.0.0.1/8000');
  expect(test[3]).toContain('GET /api/v2/heartbeat ');
  expect(test.join(' ')).not.toMatch(/\/api\/v1\/|\bcurl\b|\bwget\b|python/);
}

/** The JSON with this clone's absolute path replaced, so the snapshot is the same everywhere. */
export function forSnapshot(json: SynthesizedStack): unknown {
  const root = path.resolve(__dirname, '../..');
  return JSON.parse(JSON.stringify(json).split(root).join('<root>'));
}

/** An image reference by digest, as a Swarm target needs for every image. */
export const swarmDigest = (name: string): string => `registry.test:5000/${name}@sha256:${'0123456789abcdef'.repeat(4)}`;
/** Every image key by digest. */
export const SWARM_IMAGES = Object.fromEntries(['postgres', 'postgres16', 'redis', 'nginx', 'chroma', 'ollama', 'app'].map((key) => [key, swarmDigest(key)]));
/** The default node label of DeployTarget.swarm(). */
export const SWARM_NODE_LABEL = 'org.cdktf-docker-stacks.node';

/**
 * Synthesizes seed stack `name` on a Swarm target from the configuration (data on node3, DNS
 * round robin, host-mode ports unless `target` says otherwise), with validations on.
 */
export function synthSeedOnSwarm(name: StackName, overrides: Partial<StacksConfig> = {}, target: Record<string, unknown> = {}): SynthesizedStack {
  const swarm = { kind: 'swarm', dataNode: 'node3', endpointMode: 'dnsrr', publishMode: 'host', ...target } as NonNullable<StacksConfig['targets']>[string];
  const [stack] = addSeedStacks(Testing.app(), { imageProfile: 'local', images: SWARM_IMAGES, targets: { [name]: swarm }, ...overrides }, [name]);
  return JSON.parse(Testing.synth(stack, true)) as SynthesizedStack;
}

export interface SwarmServiceJson {
  readonly name: string;
  readonly mode: { readonly replicated?: { readonly replicas: number }; readonly global?: boolean };
  readonly task_spec: {
    readonly placement?: { readonly constraints?: string[] };
    readonly container_spec: { readonly env?: Record<string, string>; readonly secrets?: { readonly secret_name: string; readonly file_name: string }[] };
  };
  readonly endpoint_spec?: { readonly mode?: string; readonly ports?: { readonly target_port: number; readonly published_port: number; readonly publish_mode: string }[] };
}

/** The docker_service resources, by service name without the stack's prefix. */
export function swarmServices(json: SynthesizedStack, prefix: string): Record<string, SwarmServiceJson> {
  return Object.fromEntries(Object.values(json.resource.docker_service ?? {}).map((s) => [(s as unknown as SwarmServiceJson).name.replace(`${prefix}-`, ''), s as unknown as SwarmServiceJson]));
}

/** Per service: its tasks (a replica count or "global"), its placement constraints and its published ports as "<port>/<mode>". */
export function swarmLayout(json: SynthesizedStack, prefix: string): Record<string, [number | 'global' | undefined, string[] | undefined, string[]]> {
  return Object.fromEntries(
    Object.entries(swarmServices(json, prefix)).map(([name, s]) => [
      name,
      [s.mode.replicated?.replicas ?? (s.mode.global ? 'global' : undefined), s.task_spec.placement?.constraints, (s.endpoint_spec?.ports ?? []).map((p) => `${p.published_port}/${p.publish_mode}`)],
    ]),
  );
}

/** Per service: the files its docker_secret mounts carry (sorted), for the services that have any. */
export function swarmSecretFiles(json: SynthesizedStack, prefix: string): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(swarmServices(json, prefix))
      .filter(([, s]) => (s.task_spec.container_spec.secrets ?? []).length > 0)
      .map(([name, s]) => [name, (s.task_spec.container_spec.secrets ?? []).map((x) => x.file_name).sort()]),
  );
}
