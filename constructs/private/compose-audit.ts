/**
 * Compares a compose file with the Terraform JSON of the same stack, setting by setting, so that
 * nothing the stack deploys is left out of the file without a word: a key of a container the
 * exporter does not know (an escape-hatch override, a provider setting added later), a value
 * that differs from what the file says (an override of a known key), a resource type the file
 * has no place for. Each is one finding naming the construct path and the key.
 *
 * Deliberately independent of the construct classes (it reads only the two documents), so it
 * catches what the exporter's own reading of the constructs misses.
 */

import { fromTerraformLiteral } from './terraform-literal';

/** A setting the compose file does not carry as the stack deploys it. */
export interface AuditFinding {
  /** Construct path of the resource (`shop/api/Resource`), or of the stack. */
  readonly path: string;
  /** The Terraform key (`dns`, `memory`) or resource type (`docker_service`). */
  readonly key: string;
  readonly message: string;
}

/** A parsed JSON object, read field by field. */
type Json = Record<string, unknown>;

/** `value` as an object; {} for anything else. */
const obj = (value: unknown): Json => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {});
/** `value` as a list; [] for anything else. */
const list = (value: unknown): unknown[] => (Array.isArray(value) ? (value as unknown[]) : []);
/** `value` as text; undefined for anything else. */
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Keys that only steer Terraform's deploy (`up --wait` and compose's own recreation do the same work). */
const DEPLOY_ONLY_KEYS = new Set(['//', 'name', 'wait', 'wait_timeout', 'must_run', 'lifecycle', 'destroy_grace_seconds']);

/** The resource types the compose file stands for (containers, their images and networks, generated secrets). */
const RESOURCE_KEYS: Readonly<Record<string, ReadonlySet<string>>> = {
  docker_image: new Set(['//', 'name', 'keep_locally', 'build', 'triggers', 'lifecycle']),
  docker_network: new Set(['//', 'name', 'driver', 'internal', 'lifecycle']),
  // Values compose asks for as variables (see toCompose).
  random_password: new Set(['//', 'length', 'special', 'lifecycle', 'keepers']),
  // The generation suffix of an UpdateOrder.START_FIRST service's container names.
  random_id: new Set(['//', 'byte_length', 'keepers', 'lifecycle']),
};

/** Every setting of every synthesized container, compared with the compose service it belongs to. */
export function auditCompose(json: Json, compose: Json, serviceLabel: string): AuditFinding[] {
  const findings: AuditFinding[] = [];
  const resources = obj(json.resource);
  const byType = (type: string): [string, Json][] => Object.entries(obj(resources[type])).map(([id, r]) => [id, obj(r)]);
  const pathOf = (r: Json, fallback: string): string => str(obj(obj(r['//']).metadata).path) ?? fallback;
  for (const type of Object.keys(resources)) {
    if (type === 'docker_container') continue;
    const known = RESOURCE_KEYS[type];
    for (const [id, r] of byType(type)) {
      if (!known) {
        findings.push({ path: pathOf(r, `${type}.${id}`), key: type, message: `a ${type} resource has no equivalent in a compose file and is left out` });
        continue;
      }
      for (const key of Object.keys(r).filter((k) => !known.has(k))) {
        findings.push({ path: pathOf(r, `${type}.${id}`), key, message: `${type} setting "${key}" has no equivalent in the compose file and is left out` });
      }
    }
  }
  for (const type of Object.keys(obj(json.data))) {
    findings.push({ path: type, key: `data.${type}`, message: `a data source (${type}) has no equivalent in a compose file and is left out` });
  }
  const networkNames = Object.fromEntries(byType('docker_network').map(([id, n]) => [`\${docker_network.${id}.id}`, str(n.name)]));
  const imageNames = Object.fromEntries(byType('docker_image').map(([id, i]) => [`\${docker_image.${id}.image_id}`, str(i.name)]));
  const containerServices = Object.fromEntries(byType('docker_container').map(([id, c]) => [`docker_container.${id}`, labelValue(c, serviceLabel)]));
  for (const [id, c] of byType('docker_container')) {
    const path = pathOf(c, `docker_container.${id}`);
    const serviceName = labelValue(c, serviceLabel);
    const services = obj(compose.services);
    const service = serviceName !== undefined && serviceName in services ? obj(services[serviceName]) : undefined;
    if (!service) {
      findings.push({ path, key: 'docker_container', message: 'a container the compose file has no service for' });
      continue;
    }
    const exported = containerTerms(service, compose, networkNames);
    // A secret is compared by name only: the stack holds a Terraform expression, the file a variable.
    const secretKeys = new Set(Object.entries(obj(service.environment)).filter(([, v]) => interpolates(str(v) ?? '')).map(([k]) => k));
    const deployed = deployedTerms(c, networkNames, imageNames, containerServices, secretKeys);
    for (const key of [...new Set([...Object.keys(c), ...Object.keys(exported)])].sort()) {
      if (DEPLOY_ONLY_KEYS.has(key)) continue;
      if (!(key in exported)) {
        findings.push({ path, key, message: `container setting "${key}" has no equivalent in the compose file and is left out` });
        continue;
      }
      const a = canonical(deployed[key]);
      const b = canonical(exported[key]);
      if (a !== b) findings.push({ path, key, message: difference(key, deployed[key], exported[key], a, b) });
    }
  }
  return findings;
}

/**
 * What differs, in words. Environment and uploaded files are named, not shown: a variable set
 * through an override may hold a secret, and this text goes into the file's header.
 */
function difference(key: string, deployed: unknown, exported: unknown, a: string, b: string): string {
  const hint = '(an override the exporter does not read?)';
  if (key === 'env') {
    const names = (entries: unknown, others: unknown): string[] => list(entries).filter((e) => !list(others).includes(e)).map((e) => (str(e) ?? '').split('=')[0]);
    const differ = [...new Set([...names(deployed, exported), ...names(exported, deployed)])].sort();
    return `the stack deploys other values than the compose file for ${differ.join(', ')} ${hint}`;
  }
  if (key === 'upload') {
    const files = (entries: unknown, others: unknown): string[] => {
      const texts = list(others).map(canonical);
      return list(entries).filter((e) => !texts.includes(canonical(e))).map((e) => String(obj(e).file));
    };
    const differ = [...new Set([...files(deployed, exported), ...files(exported, deployed)])].sort();
    return `the stack uploads other files or contents than the compose file: ${differ.join(', ')} ${hint}`;
  }
  const short = (text: string): string => (text.length > 200 ? `${text.slice(0, 200)}...` : text);
  return `the stack deploys ${short(a)} and the compose file says ${short(b)} ${hint}`;
}

function labelValue(c: Json, label: string): string | undefined {
  return str(list(c.labels).map(obj).find((l) => l.label === label)?.value);
}

/** What compose reads from a `$`-escaped text of the file. */
const unescape = (text: string): string => text.replace(/\$\$/g, '$');
/** True for a compose text with an interpolation (a secret's variable) once `$$` is set aside. */
const interpolates = (text: string): boolean => text.replace(/\$\$/g, '').includes('${');

/** A container's settings with references replaced by what they name (image, network, service). */
function deployedTerms(c: Json, networks: Record<string, string | undefined>, images: Record<string, string | undefined>, services: Record<string, string | undefined>, secretKeys: ReadonlySet<string>): Json {
  const key = (e: string): string => e.slice(0, e.indexOf('='));
  const image = str(c.image);
  // The user's text as Terraform hands it to the provider (its `$${` and `%%{` escapes undone).
  const texts = (value: unknown): unknown => (Array.isArray(value) ? value.map((v) => fromTerraformLiteral(str(v) ?? '')) : value);
  const health = c.healthcheck === undefined ? undefined : { ...obj(c.healthcheck), test: texts(obj(c.healthcheck).test) };
  return {
    ...c,
    ...(c.command !== undefined ? { command: texts(c.command) } : {}),
    ...(c.entrypoint !== undefined ? { entrypoint: texts(c.entrypoint) } : {}),
    ...(health !== undefined ? { healthcheck: health } : {}),
    ...(c.upload !== undefined ? { upload: list(c.upload).map(obj).map((u) => ({ ...u, content: fromTerraformLiteral(str(u.content) ?? '') })) } : {}),
    image: (image !== undefined ? images[image] : undefined) ?? c.image,
    env: list(c.env)
      .map((e) => str(e) ?? '')
      .map((e) => (secretKeys.has(key(e)) ? `${key(e)}=(secret)` : fromTerraformLiteral(e)))
      .sort(),
    networks_advanced: list(c.networks_advanced)
      .map(obj)
      .map((n) => ({ name: networks[str(n.name) ?? ''] ?? n.name, aliases: n.aliases })),
    depends_on: [...new Set(list(c.depends_on).map((d) => services[str(d) ?? ''] ?? d))].sort(),
    labels: list(c.labels)
      .map(obj)
      .map((l) => ({ label: l.label, value: fromTerraformLiteral(str(l.value) ?? '') })),
  };
}

/** The compose service's settings as the provider's `docker_container` would hold them. */
function containerTerms(s: Json, compose: Json, networks: Record<string, string | undefined>): Json {
  const resources = obj(obj(s.deploy).resources);
  const limits = obj(resources.limits);
  const reservations = obj(resources.reservations);
  const restart = /^on-failure:(\d+)$/.exec(str(s.restart) ?? '');
  const texts = (value: unknown): string[] | undefined => (Array.isArray(value) ? list(value).map((v) => unescape(str(v) ?? '')) : undefined);
  const text = (value: unknown): string | undefined => (typeof value === 'string' ? unescape(value) : undefined);
  const env = Object.entries(obj(s.environment)).map(([k, v]) => (interpolates(str(v) ?? '') ? `${k}=(secret)` : `${k}=${unescape(str(v) ?? '')}`));
  const configs = obj(compose.configs);
  const networkNames = new Set(Object.values(networks));
  const health = obj(s.healthcheck);
  const logging = obj(s.logging);
  const grace = str(s.stop_grace_period);
  return {
    image: s.image,
    command: texts(s.command),
    entrypoint: texts(s.entrypoint),
    user: text(s.user),
    working_dir: text(s.working_dir),
    init: s.init,
    env: env.sort(),
    healthcheck: s.healthcheck === undefined ? undefined : { ...health, test: texts(health.test) },
    cpus: limits.cpus,
    memory: mebibytes(limits.memory),
    memory_swap: mebibytes(s.memswap_limit),
    memory_reservation: mebibytes(reservations.memory),
    shm_size: mebibytes(s.shm_size),
    restart: restart ? 'on-failure' : s.restart,
    max_retry_count: restart ? Number(restart[1]) : undefined,
    log_driver: logging.driver,
    log_opts: logging.options,
    read_only: s.read_only,
    tmpfs: Array.isArray(s.tmpfs) ? Object.fromEntries(list(s.tmpfs).map((t) => str(t) ?? '').map((t) => [t.slice(0, t.indexOf(':')), t.slice(t.indexOf(':') + 1)])) : undefined,
    capabilities: { add: s.cap_add, drop: s.cap_drop },
    security_opts: s.security_opt,
    privileged: s.privileged,
    network_mode: s.network_mode === 'host' ? 'host' : 'bridge',
    pid_mode: s.pid,
    ipc_mode: s.ipc,
    labels: Object.entries(obj(s.labels))
      .map(([label, value]) => ({ label, value: unescape(str(value) ?? '') }))
      .sort((a, b) => a.label.localeCompare(b.label)),
    stop_signal: s.stop_signal,
    stop_timeout: grace === undefined ? undefined : Math.ceil(goMillis(grace) / 1000),
    ports: list(s.ports)
      .map(obj)
      .map((p) => ({ internal: p.target, external: Number(p.published), ip: p.host_ip, protocol: p.protocol })),
    networks_advanced: Object.entries(obj(s.networks))
      .filter(([name]) => networkNames.has(name))
      .map(([name, n]) => ({ name, aliases: obj(n).aliases })),
    mounts: list(s.volumes)
      .map(obj)
      .map((v) => ({ read_only: v.read_only, source: v.source, target: v.target, type: v.type })),
    upload: list(s.configs)
      .map(obj)
      .map((c) => ({ content: unescape(str(obj(configs[str(c.source) ?? '']).content) ?? ''), executable: c.mode === 0o744, file: c.target })),
    depends_on: Object.keys(obj(s.depends_on)).sort(),
  };
}

/** A docker size string (`512m`) in MiB, as the provider holds memory sizes. */
function mebibytes(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /^(\d+)([bkmg])$/.exec(text);
  if (!m) return Number.NaN;
  const factor = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2] as 'b' | 'k' | 'm' | 'g'];
  return (Number(m[1]) * factor) / 1024 ** 2;
}

/** A Go duration string (`1m30s`, `500ms`) in milliseconds. */
function goMillis(text: string): number {
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) {
    total += Number(amount) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[unit as 'ms' | 's' | 'm' | 'h'];
  }
  return total;
}

/**
 * One text per value, for comparison: keys sorted, an absent value, an empty list and `false`
 * the same where the provider treats them alike, so a default left out matches a default written.
 */
function canonical(value: unknown): string {
  return JSON.stringify(normalize(value)) ?? 'nothing';
}

function normalize(value: unknown): unknown {
  if (value === undefined || value === null || value === false) return undefined;
  if (Array.isArray(value)) return value.length === 0 ? undefined : value.map(normalize);
  if (typeof value === 'object') {
    const entries = Object.entries(value as Json)
      .map(([k, v]) => [k, normalize(v)] as const)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return entries.length === 0 ? undefined : Object.fromEntries(entries);
  }
  return value;
}
