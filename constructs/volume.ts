import { Construct } from 'constructs';
import { z } from 'zod';
import { DockerStack } from './docker-stack';
import { parseProps } from './private/validation';

export interface NamedVolumeProps {
  /**
   * Name of the Docker volume.
   * @default - `<stack name prefix>-<construct path below the stack, joined by "-">`
   */
  readonly volumeName?: string;
}

const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/;

const propsSchema = z
  .object({
    volumeName: z
      .string()
      .regex(VOLUME_NAME, 'not a valid Docker volume name. Fix: use letters, digits, "_", "." or "-", starting with a letter or digit')
      .optional(),
  })
  .strict();

/**
 * A named Docker volume for data that must outlive containers.
 *
 * The volume is deliberately not a Terraform resource: the engine creates it when the first
 * container mounts it, and `cdktf destroy` never deletes it, so a destroy, a rename of the
 * stack or a replaced container cannot lose data. Remove it by hand (`docker volume rm`).
 */
export class NamedVolume extends Construct {
  readonly volumeName: string;

  constructor(scope: Construct, id: string, props: NamedVolumeProps = {}) {
    super(scope, id);
    const valid = parseProps(this, propsSchema, props);
    const stack = DockerStack.of(this);
    // Named after its path below the stack, so `db/data` and `cache/data` never share a volume.
    const below = this.node.scopes.slice(this.node.scopes.indexOf(stack) + 1).map((c) => c.node.id.toLowerCase());
    this.volumeName = valid.volumeName ?? [stack.namePrefix, ...below].join('-');
  }
}
