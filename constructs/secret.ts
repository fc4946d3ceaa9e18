import { TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { password as randomPassword } from '../.gen/providers/random';
import { stackContextOf } from './private/stack-context';
import { brand, hasBrand } from './private/brand';

/** Values that must never be used as a secret: the seeds' defaults and common placeholders. */
export const KNOWN_DEFAULT_SECRETS: readonly string[] = [
  'mnemopass',
  'default_api_key',
  'change-me-in-production',
  'changeme',
  'change-me',
  'password',
  'postgres',
  'secret',
  'admin',
  'votre_mot_de_passe_securise',
];

/** Minimum length of a secret given from outside. */
export const SECRET_MIN_LENGTH = 12;

type SecretSource =
  | { readonly kind: 'variable'; readonly name: string }
  | { readonly kind: 'generated'; readonly name: string; readonly length: number }
  | { readonly kind: 'literal'; readonly value: string }
  | { readonly kind: 'derived'; readonly from: readonly Secret[]; readonly render: (values: readonly string[]) => string; readonly what: string };

/**
 * A sensitive value (password, API key). Secrets are kept apart from plain environment
 * variables and reach Terraform as sensitive values, so plans and logs show
 * `(sensitive value)`. There are no default secrets.
 */
export class Secret {
  /** True for a Secret of any installed copy of this library (a brand check, not `instanceof`). */
  static isSecret(value: unknown): value is Secret {
    return hasBrand(value, 'Secret');
  }

  /**
   * A Terraform variable, set at deploy time through the `TF_VAR_<name>` environment variable.
   * Terraform itself rejects an empty, short or known-default value.
   */
  static fromVariable(name: string): Secret {
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) {
      throw new Error(`Secret.fromVariable("${name}"): use letters, digits and "_", starting with a letter`);
    }
    return new Secret({ kind: 'variable', name });
  }

  /** A random password kept in the Terraform state; stable across deploys. */
  static generated(name: string, length = 32): Secret {
    if (!/^[a-z][a-z0-9-]*$/.test(name)) {
      throw new Error(`Secret.generated("${name}"): use lowercase letters, digits and "-"`);
    }
    if (!Number.isInteger(length) || length < 16 || length > 128) {
      throw new Error(`Secret.generated("${name}", ${length}): length must be a whole number from 16 to 128`);
    }
    return new Secret({ kind: 'generated', name, length });
  }

  /** A literal value, for tests and throwaway stacks; it ends up in the synthesized JSON. */
  static fromLiteral(value: string): Secret {
    return new Secret({ kind: 'literal', value });
  }

  /**
   * A value built from other secrets, e.g. a connection URL that embeds a password;
   * as sensitive as they are.
   */
  static derived(what: string, from: readonly Secret[], render: (values: readonly string[]) => string): Secret {
    return new Secret({ kind: 'derived', from, render, what });
  }

  private constructor(private readonly source: SecretSource) {}

  /** The name the secret is known by (variable or generated name), for messages. */
  get description(): string {
    switch (this.source.kind) {
      case 'variable':
        return `variable ${this.source.name} (TF_VAR_${this.source.name})`;
      case 'generated':
        return `generated ${this.source.name}`;
      case 'literal':
        return 'a literal value';
      case 'derived':
        return `${this.source.what} (from ${this.source.from.map((s) => s.description).join(', ')})`;
    }
  }

  /** The secrets this one is made of (itself, unless derived). */
  leaves(): readonly Secret[] {
    return this.source.kind === 'derived' ? this.source.from.flatMap((s) => s.leaves()) : [this];
  }

  /**
   * The value as far as it is known at synth time: a literal, or the `TF_VAR_` environment
   * variable if set now. Rules use it to reject empty and default secrets early.
   */
  knownValue(): string | undefined {
    if (this.source.kind === 'literal') return this.source.value;
    if (this.source.kind === 'variable') return process.env[`TF_VAR_${this.source.name}`];
    if (this.source.kind === 'derived') {
      const values = this.source.from.map((s) => s.knownValue());
      return values.every((v): v is string => v !== undefined) ? this.source.render(values) : undefined;
    }
    return undefined;
  }

  /** The token to use in the stack of `scope`; creates the variable or password once per stack. */
  resolve(scope: Construct): string {
    const stack = TerraformStack.of(scope);
    switch (this.source.kind) {
      case 'literal':
        return this.source.value;
      case 'derived':
        return this.source.render(this.source.from.map((s) => s.resolve(scope)));
      case 'variable': {
        const id = this.source.name;
        const existing = stack.node.tryFindChild(id);
        const variable =
          existing instanceof TerraformVariable
            ? existing
            : new TerraformVariable(stack, id, {
                type: 'string',
                sensitive: true,
                nullable: false,
                description: `Secret; set TF_VAR_${id}. No default on purpose.`,
                validation: [
                  {
                    condition: `\${length(var.${id}) >= ${SECRET_MIN_LENGTH} && !contains(${JSON.stringify(KNOWN_DEFAULT_SECRETS)}, lower(var.${id}))}`,
                    errorMessage: `TF_VAR_${id} must be at least ${SECRET_MIN_LENGTH} characters and not a known default.`,
                  },
                ],
              });
        return variable.stringValue;
      }
      case 'generated': {
        const id = `secret-${this.source.name}`;
        const existing = stack.node.tryFindChild(id);
        stackContextOf(scope).useRandomProvider();
        const generated =
          existing instanceof randomPassword.Password
            ? existing
            : new randomPassword.Password(stack, id, { length: this.source.length, special: false });
        return generated.result;
      }
    }
  }

  toString(): string {
    return `Secret(${this.description})`;
  }
}
brand(Secret.prototype, 'Secret');
