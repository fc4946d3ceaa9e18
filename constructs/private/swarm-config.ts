import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { config as dockerConfig } from '../../.gen/providers/docker';
import { SWARM_CONTENT_HASH_DIGITS } from './swarm-secret';

/**
 * A `docker_config` (a file given to a service: nginx.conf, a cron script, init SQL) whose
 * name ends in a hash of its content: configs are immutable, so a changed file is a new
 * config, created before the old one is destroyed, and the service rolls over to it.
 * `content` is a Terraform string (literal text escaped with terraformLiteral, or a token).
 */
export function contentHashedConfig(scope: Construct, id: string, baseName: string, content: string): dockerConfig.Config {
  return new dockerConfig.Config(scope, id, {
    name: `${baseName}-${Fn.substr(Fn.sha256(content), 0, SWARM_CONTENT_HASH_DIGITS)}`,
    data: Fn.base64encode(content),
    lifecycle: { createBeforeDestroy: true },
  });
}
