import * as fs from 'fs';
import * as path from 'path';
import { z } from 'zod';

/** Images a stack can use; each key can be overridden in the configuration. */
export const IMAGE_KEYS = ['postgres', 'postgres16', 'redis', 'nginx', 'chroma', 'ollama', 'app'] as const;
export type ImageKey = (typeof IMAGE_KEYS)[number];

/** `official`: pinned public images. `local`: the images scripts/images.sh builds (no registry). */
export const IMAGE_PROFILES = ['official', 'local'] as const;
export type ImageProfile = (typeof IMAGE_PROFILES)[number];

const fix = (problem: string, remedy: string) => `${problem}. Fix: ${remedy}`;

export const stacksConfigSchema = z
  .object({
    dockerHost: z
      .string()
      .regex(/^(unix|tcp|ssh):\/\/\S+$/, fix('not a Docker host address', 'write unix:///var/run/docker.sock, tcp://host:2376 or ssh://user@host'))
      .optional(),
    namePrefix: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,19}$/, fix('not a valid prefix', 'use up to 20 lowercase letters, digits or "-", starting with a letter'))
      .optional(),
    imageProfile: z.enum(IMAGE_PROFILES, { message: fix('unknown image profile', 'use "official" or "local"') }).optional(),
    images: z
      .record(z.string(), z.string().min(1))
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
        z.number().int().min(1).max(65535, fix('not a port', 'use 1-65535')),
      )
      .optional(),
  })
  .strict();

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

/** Environment variables read by loadStacksConfig, and the field each sets. */
export const CONFIG_ENVIRONMENT = {
  CDS_DOCKER_HOST: 'dockerHost',
  CDS_NAME_PREFIX: 'namePrefix',
  CDS_IMAGE_PROFILE: 'imageProfile',
} as const;

/**
 * Reads the configuration: the JSON file named by CDS_CONFIG (or `stacks.config.json` in
 * `directory` if it exists), then the CDS_* environment variables on top. Everything is
 * validated; a bad value fails with its source, field, value and fix.
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
  const merged = { ...(typeof fromFile === 'object' && fromFile !== null ? fromFile : { '(root)': fromFile }), ...fromEnv };
  const result = stacksConfigSchema.safeParse(merged);
  if (!result.success) {
    const envField = (field: string) => Object.entries(CONFIG_ENVIRONMENT).find(([, f]) => f === field)?.[0];
    throw new ConfigError(
      Object.keys(fromEnv).length > 0 ? `${file} and the environment` : file,
      result.error.issues.map((issue) => {
        const field = issue.path.map(String).join('.') || '(root)';
        const variable = envField(String(issue.path[0]));
        const source = variable && fromEnv[String(issue.path[0])] !== undefined ? ` (from ${variable})` : '';
        const value = issue.path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), merged);
        const [message, remedy] = issue.message.includes('. Fix: ') ? issue.message.split('. Fix: ') : [issue.message, 'see docs/CONFIGURATION.md'];
        return `${field}${source} = ${JSON.stringify(value)}: ${message}. Fix: ${remedy}`;
      }),
    );
  }
  return result.data;
}
