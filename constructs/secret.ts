import { TerraformStack, TerraformVariable, Token } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { ValidationError, type ValidationProblem } from './errors';
import { brand, hasBrand } from './private/brand';
import { TERRAFORM_VARIABLE_NAME_PATTERN } from './private/names';
import { terraformStrengthCondition } from './private/secret-strength';
import { invalidArgument } from './private/validation';

/** Minimum length of a secret given from outside (a variable or a literal), surrounding blanks not counted. */
export const SECRET_MIN_LENGTH = 12;

type SecretSource =
  | { readonly kind: 'variable'; readonly name: string }
  | { readonly kind: 'attribute'; readonly owner: IConstruct; readonly value: string }
  | { readonly kind: 'literal'; readonly value: string }
  | { readonly kind: 'derived'; readonly from: readonly Secret[]; readonly render: (values: readonly string[]) => string; readonly what: string };

/**
 * A sensitive value (password, API key). Secrets are kept apart from plain environment
 * variables and reach Terraform as sensitive values, so plans and logs show
 * `(sensitive value)`. There are no default secrets; a generated one is a `GeneratedSecret`,
 * a construct owned by what needs it.
 */
export class Secret {
  /** True for a Secret of any installed copy of this library (a brand check, not `instanceof`). */
  static isSecret(this: void, value: unknown): value is Secret {
    return hasBrand(value, 'Secret');
  }

  /**
   * A Terraform variable, set at deploy time through the `TF_VAR_<name>` environment variable.
   * Each stack using it declares the variable, so stacks given the same `TF_VAR_` share the
   * value. Terraform itself rejects an empty, short or known-default value.
   */
  static fromVariable(name: string): Secret {
    if (typeof name !== 'string' || !TERRAFORM_VARIABLE_NAME_PATTERN.test(name)) {
      throw invalidArgument('Secret.fromVariable', 'name', name, 'not a Terraform variable name usable as TF_VAR_<name>', 'use letters, digits and "_", starting with a letter, e.g. "shop_db_password"');
    }
    return new Secret({ kind: 'variable', name });
  }

  /** A literal value, for tests and throwaway stacks; it ends up in the synthesized JSON. */
  static fromLiteral(value: string): Secret {
    if (typeof value !== 'string') {
      throw invalidArgument('Secret.fromLiteral', 'value', value, 'not a string', 'give the value as a string, or use Secret.fromVariable(name) for a value set at deploy time');
    }
    return new Secret({ kind: 'literal', value });
  }

  /**
   * A sensitive attribute of a Terraform resource (`random_password.result`), as aws-cdk's
   * `SecretValue.resourceAttribute`. The value lives in the state of `owner`'s stack, so only
   * that stack can use it: another stack refuses it rather than read a different value.
   */
  static fromResourceAttribute(owner: IConstruct, value: string): Secret {
    if (!Construct.isConstruct(owner)) {
      throw invalidArgument('Secret.fromResourceAttribute', 'owner', owner, 'not a construct', 'pass the construct holding the resource (e.g. this)');
    }
    if (typeof value !== 'string' || !Token.isUnresolved(value)) {
      throw invalidArgument('Secret.fromResourceAttribute', 'value', typeof value === 'string' ? '(value hidden)' : value, 'not a Terraform reference', 'pass a resource attribute (resource.result); for a fixed value use Secret.fromLiteral(value)');
    }
    return new Secret({ kind: 'attribute', owner, value });
  }

  /**
   * A value built from other secrets, e.g. a connection URL that embeds a password;
   * as sensitive as they are, and usable wherever all of them are.
   */
  static derived(what: string, from: readonly Secret[], render: (values: readonly string[]) => string): Secret {
    if (typeof what !== 'string') throw invalidArgument('Secret.derived', 'what', what, 'not a string', 'describe the value, e.g. "connection URL of db"');
    if (!Array.isArray(from)) throw invalidArgument('Secret.derived', 'from', from, 'not an array of Secrets', 'list the secrets the value is made of');
    const bad = from.findIndex((s) => !Secret.isSecret(s));
    if (bad >= 0) throw invalidArgument('Secret.derived', `from.${bad}`, from[bad], 'not a Secret', 'use Secret.fromVariable(name), a GeneratedSecret\'s secret, or Secret.fromLiteral(value)');
    if (typeof render !== 'function') throw invalidArgument('Secret.derived', 'render', render, 'not a function', 'give a function from the parts\' values to the value');
    return new Secret({ kind: 'derived', from, render, what });
  }

  private constructor(private readonly source: SecretSource) {}

  /** What the secret is, for messages (never its value). */
  get description(): string {
    switch (this.source.kind) {
      case 'variable':
        return `variable ${this.source.name} (TF_VAR_${this.source.name})`;
      case 'attribute':
        return this.source.owner.node.path;
      case 'literal':
        return 'a literal value';
      case 'derived':
        return `${this.source.what} (from ${this.source.from.map((s) => s.description).join(', ')})`;
    }
  }

  /**
   * The construct that holds the value (a GeneratedSecret), whose stack alone can use it;
   * undefined for a variable or a literal, which any stack can use, and for a derived
   * secret, whose parts each have their own.
   */
  get owner(): IConstruct | undefined {
    // Stryker disable next-line ConditionalExpression: equivalent (no other kind of source has an owner)
    return this.source.kind === 'attribute' ? this.source.owner : undefined;
  }

  /** For `Secret.fromVariable(name)`: the name (set through `TF_VAR_<name>`); else undefined. */
  get variableName(): string | undefined {
    // Stryker disable next-line ConditionalExpression: equivalent (no other kind of source has a name)
    return this.source.kind === 'variable' ? this.source.name : undefined;
  }

  /**
   * @internal The value with each leaf (see leaves()) replaced by `valueOf(leaf)`, a derived
   * secret rendered from those: how an exporter writes the secret as a reference to where its
   * value is set (a compose file's `${VARIABLE}`), never the value itself.
   */
  renderWith(valueOf: (leaf: Secret) => string): string {
    return this.source.kind === 'derived' ? this.source.render(this.source.from.map((s) => s.renderWith(valueOf))) : valueOf(this);
  }

  /** @internal The secrets this one is made of (itself, unless derived), for the rules and problemsIn. */
  leaves(): readonly Secret[] {
    return this.source.kind === 'derived' ? this.source.from.flatMap((s) => s.leaves()) : [this];
  }

  /**
   * @internal The value as far as it is known at synth time: a literal, or the `TF_VAR_`
   * environment variable if set now. Rules use it to reject empty and default secrets early.
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

  /**
   * @internal Why this secret cannot be used by the construct at `path` in the stack of
   * `scope`, as `field`: a part owned by another stack (each Terraform state holds its own
   * values, so that stack's password cannot be read here), or a variable whose name is taken
   * at the stack root. Empty when it can.
   */
  problemsIn(scope: IConstruct, path: string, field: string): ValidationProblem[] {
    const stack = TerraformStack.of(scope);
    return this.leaves().flatMap((leaf): ValidationProblem[] => {
      const problem = (message: string, remedy: string): ValidationProblem[] => [{ ruleId: 'props', path, field, value: this.description, message, fix: remedy }];
      if (leaf.source.kind === 'attribute') {
        const home = TerraformStack.of(leaf.source.owner);
        if (home === stack) return [];
        return problem(
          `the secret's value is generated in stack ${home.node.path} (by ${leaf.source.owner.node.path}), and stack ${stack.node.path} cannot read it: each stack has its own Terraform state, and a secret is not wired through another stack's outputs (it would need that state readable from here and deployed first)`,
          'give both stacks the same Secret.fromVariable(name) (e.g. Postgres password: Secret.fromVariable("shop_db_password"), set through TF_VAR_shop_db_password), or put the consumer and the secret\'s owner in one stack',
        );
      }
      if (leaf.source.kind === 'variable') {
        const existing = stack.node.tryFindChild(leaf.source.name);
        if (existing === undefined || existing instanceof TerraformVariable) return [];
        return problem(
          `the variable name is already the id of ${existing.node.path} at the root of stack ${stack.node.path}`,
          `choose another variable name, e.g. Secret.fromVariable("${stack.node.id.replace(/[^A-Za-z0-9_]/g, '_')}_${leaf.source.name}")`,
        );
      }
      return [];
    });
  }

  /**
   * @internal The token to use in the stack of `scope`; declares the variable once per stack.
   * Throws a ValidationError when the secret cannot be used there (see problemsIn).
   */
  resolve(scope: IConstruct): string {
    const problems = this.problemsIn(scope, scope.node.path, '(secret)');
    if (problems.length > 0) throw new ValidationError(problems);
    switch (this.source.kind) {
      case 'literal':
      case 'attribute':
        return this.source.value;
      case 'derived':
        return this.source.render(this.source.from.map((s) => s.resolve(scope)));
      case 'variable':
        return variableOf(TerraformStack.of(scope), this.source.name).stringValue;
    }
  }

  /** `Secret(<description>)`, for messages: never the value. */
  toString(): string {
    return `Secret(${this.description})`;
  }
}
brand(Secret.prototype, 'Secret');

/** The stack's sensitive variable `name`, declared on first use; Terraform refuses a weak value. */
function variableOf(stack: TerraformStack, name: string): TerraformVariable {
  const existing = stack.node.tryFindChild(name);
  if (existing instanceof TerraformVariable) return existing;
  return new TerraformVariable(stack, name, {
    type: 'string',
    sensitive: true,
    nullable: false,
    description: `Secret; set TF_VAR_${name}. No default on purpose.`,
    validation: [
      {
        condition: `\${${terraformStrengthCondition(`var.${name}`, SECRET_MIN_LENGTH)}}`,
        errorMessage: `TF_VAR_${name} must be at least ${SECRET_MIN_LENGTH} characters (surrounding blanks not counted) and not a known default in any spelling (case, "_", "-", spaces).`,
      },
    ],
  });
}
