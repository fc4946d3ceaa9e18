import * as fs from 'fs';
import * as path from 'path';
import { z } from 'zod';
import { ContainerImage, NGINX_CERTIFICATE_FILE, NGINX_DEFAULT_USER, NGINX_PRIVATE_KEY_FILE, SwarmEndpointMode, SwarmPublishMode } from '../constructs';
import { REPLICAS_MAX, REPLICAS_MIN } from '../constructs/limits';
import { ENGINE_VERSION_PATTERN } from '../constructs/private/engine-version';
import { NODE_LABEL_KEY, NODE_LABEL_VALUE } from '../constructs/private/service-schema';
import { defaultFix, ownMessage, splitFix } from '../constructs/private/validation';
import { closest } from './did-you-mean';

/** Images a stack can use; each key can be overridden in the configuration. */
export const IMAGE_KEYS = ['postgres', 'postgres16', 'redis', 'nginx', 'chroma', 'ollama', 'app'] as const;
export type ImageKey = (typeof IMAGE_KEYS)[number];

/** `official`: pinned public images. `local`: the images scripts/images.sh builds (no registry). */
export const IMAGE_PROFILES = ['official', 'local'] as const;
export type ImageProfile = (typeof IMAGE_PROFILES)[number];

const fix = (problem: string, remedy: string) => `${problem}. Fix: ${remedy}`;
const ABSOLUTE_PATH = /^\/[^\0]*$/;

/** The reverse proxies that can terminate HTTPS: the keys `tls` accepts ("<stack>.<service>"). */
export const TLS_PROXY_KEYS = ['vibecoding.nginx'] as const;
/** A proxy's HTTPS host port is the `hostPorts` key "<stack>.<service>" + this suffix ("vibecoding.nginx-https"). */
export const HTTPS_HOST_PORT_SUFFIX = '-https';

const TLS_EXAMPLE = '{ "certificateDirectory": "/etc/ssl/vibecoding" }';
const tlsSettingsSchema = z.strictObject(
  {
    certificateDirectory: z
      .string({ error: fix('not a path', 'write an absolute directory, e.g. "/etc/ssl/vibecoding"') })
      .regex(ABSOLUTE_PATH, fix('not an absolute path', 'start the path with "/", e.g. "/etc/ssl/vibecoding"')),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? fix(`unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}`, `write ${TLS_EXAMPLE}`) : fix('not a TLS setting', `write ${TLS_EXAMPLE}`)) },
);

/** The state backends the configuration's `state` chooses from (see StateBackend). */
export const STATE_BACKENDS = ['local', 'pg'] as const;
const STATE_EXAMPLE = '{ "backend": "local", "directory": ".state" } or { "backend": "pg" } (the connection string in PG_CONN_STR)';
const stateSettingsSchema = z
  .strictObject(
    {
      backend: z.enum(STATE_BACKENDS, { message: fix('unknown state backend', 'use "local" (files in .state/) or "pg" (PostgreSQL, shared and locked)') }),
      directory: z
        .string({ error: fix('not a path', 'write a directory relative to the project, e.g. ".state"') })
        .min(1, fix('an empty path', 'write a directory relative to the project, e.g. ".state"'))
        .optional(),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? fix(`unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}`, `write ${STATE_EXAMPLE}; a connection string never goes in a file: set PG_CONN_STR`)
          : fix('not a state setting', `write ${STATE_EXAMPLE}`),
    },
  )
  .superRefine((state, ctx) => {
    if (state.backend === 'pg' && state.directory !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['directory'], message: fix('a directory for the pg backend, which keeps state in PostgreSQL', 'remove "directory", or use "backend": "local"') });
    }
  });

const IMAGE_EXAMPLE = 'registry.example.com/my-ia-app:1.4.2';

/** Whether `reference` names its image by digest (`name@sha256:<64 hex digits>`), as Swarm needs. */
export function isDigestReference(reference: string): boolean {
  return /@sha256:[0-9a-f]{64}$/.test(reference);
}

/**
 * Whether ContainerImage.fromRegistry takes `reference`: the check is the library's own, so a
 * value accepted here never fails later in a stack's constructor.
 */
function isImageReference(reference: string): boolean {
  try {
    ContainerImage.fromRegistry(reference);
    return true;
  } catch {
    return false;
  }
}

/** The documented stacks, by the name `cdktf deploy <name>` takes. */
export const STACK_NAMES = ['vibecoding', 'vibecoding-dev', 'mnemolite', 'my-ia', 'nexten', 'arkalia'] as const;
export type StackName = (typeof STACK_NAMES)[number];

/** Where a stack deploys: one Docker Engine, or a Swarm cluster through a manager. */
export const TARGET_KINDS = ['engine', 'swarm'] as const;

/**
 * The seed stacks that deploy to Swarm, with the image keys each uses there: on Swarm every one
 * must be an `images` entry by digest, since each node pulls for itself.
 */
export const SWARM_STACK_IMAGE_KEYS = {
  vibecoding: ['postgres', 'redis', 'nginx', 'app'],
  nexten: ['redis', 'nginx', 'app'],
  mnemolite: ['postgres', 'chroma', 'nginx', 'app'],
  'my-ia': ['postgres16', 'ollama', 'chroma', 'nginx', 'app'],
  arkalia: ['nginx', 'app'],
} as const satisfies Partial<Record<StackName, readonly ImageKey[]>>;
export type SwarmStackName = keyof typeof SWARM_STACK_IMAGE_KEYS;
const SWARM_STACKS = Object.keys(SWARM_STACK_IMAGE_KEYS) as SwarmStackName[];

/**
 * The services whose replica count the configuration's `replicas` sets ("<stack>.<service>"):
 * the seeds' APIs and queue workers, which hold no state. The stateful services (one pinned task
 * on Swarm), the scheduler (its cron jobs would run once per replica) and the proxies (one per
 * node on Swarm) have none.
 */
export const REPLICA_KEYS = [
  'vibecoding.api',
  'vibecoding.worker',
  'nexten.api',
  'nexten.cv-parser-worker',
  'nexten.matching-worker-high',
  'nexten.matching-worker-standard',
  'nexten.matching-worker-bulk',
  'mnemolite.api',
  'mnemolite.worker',
  'my-ia.app',
  'arkalia.api',
] as const;
export type ReplicaKey = (typeof REPLICA_KEYS)[number];
/** Why the seeds' other services have no replica count, by service id. */
const SINGLE_TASK_SERVICES: Readonly<Record<string, string>> = {
  postgres: 'it keeps its data in a node-local volume (one task, pinned to the dataNode on Swarm)',
  redis: 'it keeps its data in a node-local volume (one task, pinned to the dataNode on Swarm)',
  chromadb: 'it keeps its data in a node-local volume (one task, pinned to the dataNode on Swarm)',
  chroma: 'it keeps its data in a node-local volume (one task, pinned to the dataNode on Swarm)',
  ollama: 'it keeps its models in a node-local volume (one task, pinned to the dataNode on Swarm)',
  scheduler: 'its cron jobs and backups would run once per replica',
  nginx: 'the entry point runs one task per node on Swarm (global mode), and publishes one host port on an engine',
  frontend: 'the entry point runs one task per node on Swarm (global mode), and publishes one host port on an engine',
};

/** Replicas of a REPLICA_KEYS service the configuration leaves out, on Swarm: one node can be lost without losing the service. */
export const SWARM_DEFAULT_REPLICAS = 2;

const TARGET_EXAMPLE = '{ "kind": "swarm", "dataNode": "db-1", "endpointMode": "dnsrr", "publishMode": "host" }';
const SWARM_ONLY_FIELDS = ['nodeLabel', 'dataNode', 'endpointMode', 'publishMode'] as const;
const targetSchema = z
  .strictObject(
    {
      kind: z.enum(TARGET_KINDS, { message: fix('unknown target kind', 'use "engine" (one Docker Engine, the default) or "swarm" (a Swarm cluster through a manager)') }),
      nodeLabel: z
        .string(fix('not a node label key', 'write it as text, e.g. "org.cdktf-docker-stacks.node"'))
        .regex(NODE_LABEL_KEY, fix('not a node label key', 'use lowercase letters, digits, ".", "_" or "-", e.g. "org.cdktf-docker-stacks.node"'))
        .optional(),
      dataNode: z
        .string(fix('not a node label value', 'write it as text, e.g. "db-1"'))
        .regex(NODE_LABEL_VALUE, fix('not a node label value', 'use letters, digits, ".", "_" or "-", e.g. "db-1"'))
        .optional(),
      endpointMode: z.enum(SwarmEndpointMode, { message: fix('unknown endpoint mode', 'use "vip" (a virtual IP per service, needs IPVS) or "dnsrr" (DNS round robin)') }).optional(),
      publishMode: z.enum(SwarmPublishMode, { message: fix('unknown publish mode', 'use "ingress" (routing mesh on every node, needs IPVS) or "host" (each node running a task)') }).optional(),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? fix(`unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}`, `the fields are kind, ${SWARM_ONLY_FIELDS.join(', ')}; e.g. ${TARGET_EXAMPLE}`)
          : fix('not a target', `write { "kind": "engine" } or ${TARGET_EXAMPLE}`),
    },
  )
  .superRefine((target, ctx) => {
    if (target.kind === 'engine') {
      for (const field of SWARM_ONLY_FIELDS) {
        if (target[field] !== undefined) ctx.addIssue({ code: 'custom', path: [field], message: fix('a Swarm setting on an engine target', `remove "${field}", or use "kind": "swarm"`) });
      }
      return;
    }
    if (target.dataNode === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['dataNode'],
        message: fix(
          'missing: on Swarm the stateful services (Postgres, Redis, the backups) are pinned to the node that keeps their volumes',
          `name that node's label value, e.g. "dataNode": "db-1", and label it once: docker node update --label-add ${target.nodeLabel ?? 'org.cdktf-docker-stacks.node'}=db-1 <node>`,
        ),
      });
    }
    if (target.endpointMode === SwarmEndpointMode.DNSRR && (target.publishMode ?? SwarmPublishMode.INGRESS) === SwarmPublishMode.INGRESS) {
      ctx.addIssue({
        code: 'custom',
        path: ['publishMode'],
        message: fix('Docker refuses ports published through the ingress routing mesh on a service in DNS round-robin mode', 'add "publishMode": "host", or use "endpointMode": "vip"'),
      });
    }
  });

const REPLICAS_RANGE = `${REPLICAS_MIN}-${REPLICAS_MAX}`;

export const stacksConfigSchema = z
  .object({
    dockerHost: z
      .string()
      .regex(/^(unix|tcp|ssh):\/\/\S+$/, fix('not a Docker host address', 'write unix:///var/run/docker.sock, tcp://host:2376 or ssh://user@host'))
      .optional(),
    engineVersion: z
      .string(fix('not an engine version', 'write it as text, e.g. "20.10"'))
      .regex(ENGINE_VERSION_PATTERN, fix('not an engine version', 'write major.minor as `docker version --format "{{.Server.Version}}"` prints it, e.g. "20.10"'))
      .optional(),
    namePrefix: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,19}$/, fix('not a valid prefix', 'use up to 20 lowercase letters, digits or "-", starting with a letter'))
      .optional(),
    imageProfile: z.enum(IMAGE_PROFILES, { message: fix('unknown image profile', 'use "official" or "local"') }).optional(),
    images: z
      .record(z.string(), z.string().refine(isImageReference, fix('not an image reference', `write [registry/]name:tag or name@sha256:<digest>, lowercase, e.g. "${IMAGE_EXAMPLE}"`)))
      .superRefine((images, ctx) => {
        for (const key of Object.keys(images)) {
          if (!(IMAGE_KEYS as readonly string[]).includes(key)) {
            ctx.addIssue({ code: 'custom', path: [key], message: fix('unknown image key', `use one of ${IMAGE_KEYS.join(', ')}`) });
          }
        }
      })
      .optional(),
    hostPorts: z
      .record(
        z.string().regex(/^[a-z-]+\.[a-z0-9-]+$/, fix('not a "<stack>.<service>" key', 'write e.g. "mnemolite.api"')),
        z
          .number(fix('not a port number', 'write the port as a JSON number from 1 to 65535, e.g. 18080'))
          .int(fix('not a whole port number', 'use a whole number from 1 to 65535'))
          .min(1, fix('not a port', 'use 1-65535'))
          .max(65535, fix('not a port', 'use 1-65535')),
      )
      .optional(),
    tls: z
      .record(z.string(), tlsSettingsSchema, { error: fix('not an object of TLS settings', `write { "vibecoding.nginx": ${TLS_EXAMPLE} }`) })
      .superRefine((tls, ctx) => {
        for (const key of Object.keys(tls)) {
          if (!(TLS_PROXY_KEYS as readonly string[]).includes(key)) {
            ctx.addIssue({ code: 'custom', path: [key], message: fix('no TLS-capable proxy has this key', `use one of ${TLS_PROXY_KEYS.join(', ')}`) });
          }
        }
      })
      .optional(),
    state: stateSettingsSchema.optional(),
    targets: z
      .record(z.string(), targetSchema, { error: fix('not an object of targets by stack', `write { "vibecoding": ${TARGET_EXAMPLE} }`) })
      .superRefine((targets, ctx) => {
        for (const [stack, target] of Object.entries(targets)) {
          if (!(STACK_NAMES as readonly string[]).includes(stack)) {
            const nearest = closest(stack, STACK_NAMES);
            ctx.addIssue({ code: 'custom', path: [stack], message: fix('no stack has this name', `${nearest ? `did you mean "${nearest}"? ` : ''}the stacks are ${STACK_NAMES.join(', ')}`) });
          } else if (target.kind === 'swarm' && !(SWARM_STACKS as readonly string[]).includes(stack)) {
            ctx.addIssue({
              code: 'custom',
              path: [stack, 'kind'],
              message: fix(
                // vibecoding-dev is the only stack without a Swarm layout.
                'vibecoding-dev publishes Postgres and Redis on 127.0.0.1 for an API run on your machine, which a Swarm cannot do',
                `deploy ${stack} to an engine ("kind": "engine" or no entry); the stacks that deploy to Swarm are ${SWARM_STACKS.join(', ')}`,
              ),
            });
          }
        }
      })
      .optional(),
    replicas: z
      .record(
        z.string(),
        z
          .number(fix('not a replica count', `write a JSON number from ${REPLICAS_RANGE}, e.g. 3`))
          .int(fix('not a whole replica count', `use a whole number from ${REPLICAS_RANGE}`))
          .min(REPLICAS_MIN, fix('too few replicas', `use ${REPLICAS_RANGE}`))
          .max(REPLICAS_MAX, fix('too many replicas', `use ${REPLICAS_RANGE}; beyond that, give the workers more concurrency`)),
        { error: fix('not an object of replica counts', 'write e.g. { "vibecoding.api": 3, "vibecoding.worker": 3 }') },
      )
      .superRefine((replicas, ctx) => {
        for (const key of Object.keys(replicas)) {
          if ((REPLICA_KEYS as readonly string[]).includes(key)) continue;
          const single = SINGLE_TASK_SERVICES[key.slice(key.indexOf('.') + 1)];
          if (single !== undefined) {
            ctx.addIssue({ code: 'custom', path: [key], message: fix(`not replicated: ${single}`, `remove it; the keys are ${REPLICA_KEYS.join(', ')}`) });
            continue;
          }
          const nearest = closest(key, REPLICA_KEYS);
          ctx.addIssue({ code: 'custom', path: [key], message: fix('no service takes a replica count under this key', `${nearest ? `did you mean "${nearest}"? ` : ''}the keys are ${REPLICA_KEYS.join(', ')}`) });
        }
      })
      .optional(),
  })
  .strict()
  .superRefine((config, ctx) => {
    // On Swarm each node pulls every image itself: a tag may resolve differently per node, and
    // the profiles' defaults are tags (or, for the demo app, a local build).
    for (const [stack, target] of Object.entries(config.targets ?? {})) {
      if (target.kind !== 'swarm' || !(SWARM_STACKS as readonly string[]).includes(stack)) continue;
      for (const key of SWARM_STACK_IMAGE_KEYS[stack as SwarmStackName]) {
        const reference = config.images?.[key];
        if (reference !== undefined && isDigestReference(reference)) continue;
        ctx.addIssue({
          code: 'custom',
          path: ['images', key],
          message: fix(
            reference === undefined
              ? `not set, and ${stack} deploys to Swarm (targets.${stack}), where every node pulls the image itself: the profile's default is a tag or a local build`
              : `a tag, and ${stack} deploys to Swarm (targets.${stack}), where every node resolves a tag for itself and may get another image`,
            `push the image to a registry every node reaches and write it by digest, e.g. "registry.example.com/${key}@sha256:<64 hex digits>" (docker inspect --format "{{index .RepoDigests 0}}" prints it after a push)`,
          ),
        });
      }
    }
    // An HTTPS port for a proxy without a certificate would be silently unused.
    for (const key of TLS_PROXY_KEYS) {
      const portKey = `${key}${HTTPS_HOST_PORT_SUFFIX}`;
      if (config.hostPorts?.[portKey] !== undefined && config.tls?.[key] === undefined) {
        ctx.addIssue({ code: 'custom', path: ['hostPorts', portKey], message: fix(`an HTTPS port for ${key}, which has no tls`, `add tls: { "${key}": ${TLS_EXAMPLE} }, or remove "${portKey}"`) });
      }
    }
  });

export type StacksConfig = z.output<typeof stacksConfigSchema>;

/** A configuration problem, naming where the value came from. */
export class ConfigError extends Error {
  constructor(
    public readonly source: string,
    public readonly problems: readonly string[],
  ) {
    super(`Invalid configuration in ${source}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Uid and gid of the proxy's user inside its container: they read the certificate files. */
const [PROXY_UID, PROXY_GID] = NGINX_DEFAULT_USER.split(':').map(Number);
const CERTIFICATE_FILES: readonly { readonly name: string; readonly holds: string }[] = [
  { name: NGINX_CERTIFICATE_FILE, holds: 'the certificate followed by its chain' },
  { name: NGINX_PRIVATE_KEY_FILE, holds: 'the private key' },
];

/** Whether the proxy's user may read (4) or enter (1) what `stat` describes, by its mode bits. */
function proxyUserMay(stat: fs.Stats, bit: 4 | 1): boolean {
  if (stat.uid === PROXY_UID) return (stat.mode & (bit << 6)) !== 0;
  if (stat.gid === PROXY_GID) return (stat.mode & (bit << 3)) !== 0;
  return (stat.mode & bit) !== 0;
}

function modeAndOwner(stat: fs.Stats): string {
  return `mode ${(stat.mode & 0o7777).toString(8).padStart(4, '0')}, owner ${stat.uid}:${stat.gid}`;
}

/**
 * What is wrong with a TLS certificate directory on this host, each as "problem. Fix: remedy"
 * (empty when nothing is): it must be a directory the proxy's user (uid 101) can enter, holding
 * fullchain.pem and privkey.pem as regular files that user can read. Symbolic links are refused:
 * certbot's `live/<domain>/` links into `../../archive/`, which does not exist inside the container.
 */
export function certificateDirectoryProblems(directory: string): string[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(directory);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [fix('no such directory', `create it, holding ${NGINX_CERTIFICATE_FILE} and ${NGINX_PRIVATE_KEY_FILE}, or correct the path`)];
    return [fix(`cannot be read here (${(err as Error).message})`, 'check the path and the permissions of its parent directories')];
  }
  if (!stat.isDirectory()) return [fix('not a directory', `give the directory that holds ${NGINX_CERTIFICATE_FILE} and ${NGINX_PRIVATE_KEY_FILE}`)];
  const problems: string[] = [];
  if (!proxyUserMay(stat, 1)) {
    problems.push(fix(`uid ${PROXY_UID}, the proxy's user, cannot enter the directory (${modeAndOwner(stat)})`, `chmod o+x it, or chown it to ${PROXY_UID}`));
  }
  for (const file of CERTIFICATE_FILES) {
    let entry: fs.Stats;
    try {
      entry = fs.lstatSync(path.join(directory, file.name));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      problems.push(
        code === 'ENOENT'
          ? fix(`${file.name} is missing`, `put ${file.holds} there as ${file.name} (certbot's file name)`)
          : fix(`${file.name} cannot be read here (${(err as Error).message})`, 'check the permissions of the directory'),
      );
      continue;
    }
    if (entry.isSymbolicLink()) {
      problems.push(fix(`${file.name} is a symbolic link, which does not resolve inside the container`, `copy the file itself there (cp -L; certbot's live/ directory holds links into ../../archive/)`));
    } else if (!entry.isFile()) {
      problems.push(fix(`${file.name} is not a regular file`, `put ${file.holds} there as a PEM file named ${file.name}`));
    } else if (!proxyUserMay(entry, 4)) {
      problems.push(fix(`${file.name} is not readable by uid ${PROXY_UID}, the proxy's user (${modeAndOwner(entry)})`, `chown ${PROXY_UID}:${PROXY_GID} it (mode 0600 is then enough), or chmod o+r it`));
    }
  }
  return problems;
}

/**
 * A bind mount's source is a path on the engine's host, so certificate directories are
 * checked only when the engine is local (no host, or a unix socket).
 */
export function engineIsLocal(dockerHost: string | undefined): boolean {
  return dockerHost === undefined || dockerHost === '' || dockerHost.startsWith('unix://');
}

/** Environment variables read by loadStacksConfig, and the field each sets. */
export const CONFIG_ENVIRONMENT = {
  CDS_DOCKER_HOST: 'dockerHost',
  CDS_NAME_PREFIX: 'namePrefix',
  CDS_IMAGE_PROFILE: 'imageProfile',
  CDS_ENGINE_VERSION: 'engineVersion',
} as const;

/**
 * Reads the configuration: the JSON file named by CDS_CONFIG (or `stacks.config.json` in
 * `directory` if it exists), then the CDS_* environment variables on top. Everything is
 * validated; a bad value fails with its source, field, value and fix. Beyond
 * stacksConfigSchema, the `tls` certificate directories are checked on this host
 * (certificateDirectoryProblems) when the engine is local: `dockerHost`, else DOCKER_HOST,
 * unset or a unix socket.
 */
export function loadStacksConfig(directory: string, env: NodeJS.ProcessEnv = process.env): StacksConfig {
  const file = env.CDS_CONFIG ? path.resolve(directory, env.CDS_CONFIG) : path.join(directory, 'stacks.config.json');
  let fromFile: unknown = {};
  if (env.CDS_CONFIG || fs.existsSync(file)) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      throw new ConfigError(file, [`cannot read the file (${(err as Error).message}). Fix: check CDS_CONFIG`]);
    }
    try {
      fromFile = JSON.parse(text);
    } catch (err) {
      throw new ConfigError(file, [`not valid JSON (${(err as Error).message}). Fix: correct the JSON syntax`]);
    }
  }
  const fromEnv = Object.fromEntries(
    Object.entries(CONFIG_ENVIRONMENT)
      .filter(([variable]) => env[variable] !== undefined && env[variable] !== '')
      .map(([variable, field]) => [field, env[variable]]),
  );
  if (typeof fromFile !== 'object' || fromFile === null || Array.isArray(fromFile)) {
    // Spread into the settings, an array would become keys "0", "1"... and `[]` nothing at all.
    throw new ConfigError(file, [`(root) = ${JSON.stringify(fromFile)}: the file must hold one JSON object. Fix: write an object of settings, e.g. { "namePrefix": "staging" } ({} for the defaults)`]);
  }
  const merged = { ...fromFile, ...fromEnv };
  const result = stacksConfigSchema
    .superRefine((config, ctx) => {
      if (!engineIsLocal(config.dockerHost ?? env.DOCKER_HOST)) return;
      for (const [key, settings] of Object.entries(config.tls ?? {})) {
        // An unknown key is already reported by the schema.
        if (!(TLS_PROXY_KEYS as readonly string[]).includes(key)) continue;
        const directory: unknown = settings?.certificateDirectory;
        // A relative path is already reported by the schema.
        if (typeof directory !== 'string' || !ABSOLUTE_PATH.test(directory)) continue;
        for (const message of certificateDirectoryProblems(directory)) ctx.addIssue({ code: 'custom', path: ['tls', key, 'certificateDirectory'], message });
      }
    })
    .safeParse(merged);
  if (!result.success) {
    const envField = (field: string) => Object.entries(CONFIG_ENVIRONMENT).find(([, f]) => f === field)?.[0];
    throw new ConfigError(
      Object.keys(fromEnv).length > 0 ? `${file} and the environment` : file,
      result.error.issues.flatMap((issue) => {
        const field = issue.path.map(String).join('.') || '(root)';
        const variable = envField(String(issue.path[0]));
        const source = variable && fromEnv[String(issue.path[0])] !== undefined ? ` (from ${variable})` : '';
        const value = issue.path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), merged);
        if (issue.code === 'unrecognized_keys' && !issue.message.includes('. Fix: ')) return unknownKeyProblems(issue.path, issue.keys, value);
        const [message, remedy] = splitFix(ownMessage(issue));
        return [`${field}${source} = ${JSON.stringify(value)}: ${message}. Fix: ${remedy ?? defaultFix(issue)}`];
      }),
    );
  }
  CONFIG_SOURCES.set(result.data, file);
  return result.data;
}

/** Settings the file may hold, at its root. */
const CONFIG_KEYS = Object.keys(stacksConfigSchema.shape);

/** An unknown setting, with the nearest known one when it looks like a typo. */
function unknownKeyProblems(at: readonly PropertyKey[], keys: readonly string[], container: unknown): string[] {
  const where = at.length > 0 ? `${at.map(String).join('.')}.` : '';
  return keys.map((key) => {
    const known = at.length === 0 ? CONFIG_KEYS : [];
    const nearest = closest(key, known) ?? known.find((k) => k.toLowerCase() === key.toLowerCase());
    const value = JSON.stringify((container as Record<string, unknown> | undefined)?.[key]);
    return `${where}${key} = ${value}: unknown setting. Fix: ${nearest ? `did you mean "${nearest}"? ` : ''}${known.length > 0 ? `the settings are ${known.join(', ')}` : 'remove it (see the Configuration section of README.md)'}`;
  });
}

const CONFIG_SOURCES = new WeakMap<StacksConfig, string>();

/** Where `config` came from, as a ConfigError names it: the file loadStacksConfig read, else code. */
export function configSource(config: StacksConfig): string {
  return CONFIG_SOURCES.get(config) ?? 'the configuration given to addSeedStacks';
}

/**
 * The `hostPorts` keys no stack consumed, each as "field = value: problem. Fix: remedy" with the
 * nearest existing key. `consumed` are the keys the built stacks asked for (seed-stack-props.ts's
 * hostPort()), so the valid keys come from the stacks themselves. A key of a seed stack that was
 * not built (`notBuilt`) is left alone: only that stack could tell.
 */
export function unknownHostPortProblems(hostPorts: Readonly<Record<string, number>>, consumed: readonly string[], notBuilt: readonly string[]): string[] {
  const keys = [...new Set(consumed)].sort();
  return Object.entries(hostPorts)
    .filter(([key]) => !keys.includes(key) && !notBuilt.includes(key.slice(0, key.indexOf('.'))))
    .map(([key, port]) => {
      const nearest = closest(key, keys);
      const remedy = nearest ? `did you mean "${nearest}"? The keys are ${keys.join(', ')}` : `use one of ${keys.join(', ')}`;
      return `hostPorts.${key} = ${JSON.stringify(port)}: no service publishes a host port under this key. Fix: ${remedy}`;
    });
}
