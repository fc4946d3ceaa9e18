import { Construct } from 'constructs';
import { z } from 'zod';
import { password as randomPassword } from '../.gen/providers/random';
import { brand, hasBrand } from './private/brand';
import { stackContextOf } from './private/stack-context';
import { childPath, fix, parseProps } from './private/validation';
import { Secret } from './secret';

/** Shortest generated secret: 16 letters and digits are about 95 bits. */
export const GENERATED_SECRET_MIN_LENGTH = 16;
/** Longest generated secret. */
export const GENERATED_SECRET_MAX_LENGTH = 128;
/** Length of a generated secret when none is given. */
export const GENERATED_SECRET_DEFAULT_LENGTH = 32;

/** Props of a GeneratedSecret; the characters are always letters and digits. */
export interface GeneratedSecretProps {
  /**
   * Number of characters (letters and digits), from 16 to 128.
   * @default 32
   */
  readonly length?: number;
}

const propsSchema = z
  .object({
    length: z
      .number()
      .refine(
        (n) => Number.isInteger(n) && n >= GENERATED_SECRET_MIN_LENGTH && n <= GENERATED_SECRET_MAX_LENGTH,
        fix(
          `not a whole number from ${GENERATED_SECRET_MIN_LENGTH} to ${GENERATED_SECRET_MAX_LENGTH}`,
          `give a length from ${GENERATED_SECRET_MIN_LENGTH} to ${GENERATED_SECRET_MAX_LENGTH}, or leave it out for ${GENERATED_SECRET_DEFAULT_LENGTH}`,
        ),
      )
      .optional(),
  })
  .strict();

/**
 * A random password kept in the Terraform state, stable across deploys: a `random_password`
 * (its `Resource`) owned by the construct that needs it, as aws-cdk's `DatabaseSecret` is. Two
 * owners with the same id in different scopes get two passwords, and only the owner's stack
 * can use `secret` (another stack's service is refused at once).
 *
 * Letters and digits only, so the value needs no quoting in a shell or a URL.
 */
export class GeneratedSecret extends Construct {
  /** True for a GeneratedSecret of any installed copy of this library (a brand check, not `instanceof`). */
  static isGeneratedSecret(this: void, value: unknown): value is GeneratedSecret {
    return hasBrand(value, 'GeneratedSecret');
  }

  /** The `random_password` resource, as an escape hatch. */
  readonly resource: randomPassword.Password;
  /** The generated value, to pass as a service's secret. */
  readonly secret: Secret;

  constructor(scope: Construct, id: string, props: GeneratedSecretProps = {}) {
    const valid = parseProps(childPath(scope, id), propsSchema, props);
    const stack = stackContextOf(scope);
    super(scope, id);
    brand(this, 'GeneratedSecret');
    stack.useRandomProvider();
    this.resource = new randomPassword.Password(this, 'Resource', { length: valid.length ?? GENERATED_SECRET_DEFAULT_LENGTH, special: false });
    this.secret = Secret.fromResourceAttribute(this, this.resource.result);
  }
}
