import { createHash } from 'crypto';
import { IResolveContext, Lazy, Token } from 'cdktf';
import { Construct } from 'constructs';
import { config as dockerConfig } from '../../.gen/providers/docker';
import { SWARM_CONTENT_HASH_DIGITS } from './swarm-secret';
import { fromTerraformLiteral } from './terraform-literal';

/**
 * A `docker_config` (a file given to a service: nginx.conf, a cron script, init SQL) whose
 * name ends in a hash of its content: configs are immutable, so a changed file is a new
 * config, created before the old one is destroyed, and the service rolls over to it.
 * `content` is the file's text, or a token resolving to it as a Terraform literal (as a
 * configuration rendered from routes added later does); the hash and the base64 are computed
 * here at synth, so the plan shows the name that will change.
 */
export function contentHashedConfig(scope: Construct, id: string, baseName: string, content: string): dockerConfig.Config {
  const text = (context: IResolveContext): string => (Token.isUnresolved(content) ? fromTerraformLiteral(String(context.resolve(content))) : content);
  return new dockerConfig.Config(scope, id, {
    name: Lazy.stringValue({ produce: (context) => `${baseName}-${createHash('sha256').update(text(context)).digest('hex').slice(0, SWARM_CONTENT_HASH_DIGITS)}` }),
    data: Lazy.stringValue({ produce: (context) => Buffer.from(text(context)).toString('base64') }),
    lifecycle: { createBeforeDestroy: true },
  });
}
