import { Construct } from 'constructs';
import { z } from 'zod';
import { ValidationError } from './errors';
import { brand, hasBrand } from './private/brand';
import { derivedNameProblem, VOLUME_NAME_PATTERN } from './private/names';
import { stackContextOf } from './private/stack-context';
import { childPath, fix, parseProps } from './private/validation';

/** Props of a NamedVolume. Only its name can be set: the engine creates it with its default (local) driver. */
export interface NamedVolumeProps {
  /**
   * Name of the Docker volume.
   * @default - `<stack name prefix>-<construct path below the stack, joined by "-">`
   */
  readonly volumeName?: string;
}

const propsSchema = z
  .object({
    volumeName: z.string().regex(VOLUME_NAME_PATTERN, fix('not a valid Docker volume name', 'use letters, digits, "_", "." or "-", starting with a letter or digit')).optional(),
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
  /** True for a NamedVolume of any installed copy of this library (a brand check, not `instanceof`). */
  static isNamedVolume(this: void, value: unknown): value is NamedVolume {
    return hasBrand(value, 'NamedVolume');
  }

  /** Name of the Docker volume on the engine: `volumeName`, else derived from the stack's prefix and the construct path. */
  readonly volumeName: string;

  constructor(scope: Construct, id: string, props: NamedVolumeProps = {}) {
    const path = childPath(scope, id);
    const valid = parseProps(path, propsSchema, props);
    const stack = stackContextOf(scope);
    // Named after its path below the stack, so `db/data` and `cache/data` never share a volume.
    const scopes = [...scope.node.scopes];
    const below = [...scopes.slice(scopes.indexOf(stack) + 1).map((c) => c.node.id), id].map((part) => part.toLowerCase());
    const volumeName = valid.volumeName ?? [stack.namePrefix, ...below].join('-');
    const problem = valid.volumeName ? undefined : derivedNameProblem(path, id, 'volume name', volumeName, VOLUME_NAME_PATTERN, 'volumeName');
    if (problem) throw new ValidationError([problem]);
    super(scope, id);
    brand(this, 'NamedVolume');
    this.volumeName = volumeName;
  }
}
