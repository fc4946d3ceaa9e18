import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { secret as dockerSecret } from '../../.gen/providers/docker';

/** Directory Swarm mounts secrets into. */
export const SWARM_SECRETS_DIR = '/run/secrets';
/** Hex digits of the content hash in a secret's or config's name. */
export const SWARM_CONTENT_HASH_DIGITS = 12;

/**
 * A `docker_secret` whose name ends in a hash of its value. Swarm secrets are immutable and
 * cannot be removed while a service uses them: a new value gets a new name, is created before
 * the old one is destroyed, and the service rolls over to it; the old one goes after.
 * The value is never put in an environment variable: the task reads it from a file.
 */
export function contentHashedSecret(scope: Construct, id: string, baseName: string, value: string): dockerSecret.Secret {
  return new dockerSecret.Secret(scope, id, {
    name: `${baseName}-${Fn.substr(Fn.sha256(value), 0, SWARM_CONTENT_HASH_DIGITS)}`,
    data: Fn.base64encode(value),
    lifecycle: { createBeforeDestroy: true },
  });
}

/** File a secret environment variable `key` is mounted at. */
export function secretFilePath(key: string): string {
  return `${SWARM_SECRETS_DIR}/${key}`;
}
