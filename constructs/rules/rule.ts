import type { IConstruct } from 'constructs';
import type { ValidationProblem } from '../errors';
import type { HealthCheck } from '../health-check';
import type { ContainerImage } from '../image';
import type { StackContext } from '../private/stack-context';
import type { PublishedPort } from '../published-port';
import type { RestartPolicy } from '../restart-policy';
import type { Secret } from '../secret';

/** A rule as the catalogue (docs/rules.md) lists it, in the cdk-nag shape: stable id, one-line summary, explanation. */
export interface RuleInfo {
  /** Stable id, quoted in every message, e.g. `CDS-PORT-COLLISION`. */
  readonly id: string;
  /** One line: what the rule forbids. */
  readonly summary: string;
  /** Why: the failure it prevents. */
  readonly explanation: string;
}

/**
 * A check across a whole stack. Listed in STACK_RULES its findings are errors that stop the
 * synth; listed in STACK_ADVISORIES they are warning annotations.
 */
export interface StackRule extends RuleInfo {
  /** Problems found; empty when the stack complies. */
  check(context: RuleContext): ValidationProblem[];
}

/** What a rule sees: the stack and its services, read from the construct tree. */
export interface RuleContext {
  readonly stack: StackContext;
  readonly services: readonly RuleService[];
  /** The stack's networks, attached to a service or not (each is created). */
  readonly networks: readonly RuleStackNetwork[];
}

/** A network as rules see it. */
export interface RuleNetwork {
  readonly networkName: string;
  readonly internal: boolean;
}

/**
 * A service as rules see it: the narrow, read-only view every Service offers. Rules depend on
 * this interface, not on the Service class, so the rules (loaded by the stack) never import the
 * constructs they check.
 */
export interface RuleService extends IConstruct {
  readonly serviceName: string;
  readonly containerNames: readonly string[];
  readonly image: ContainerImage;
  readonly healthCheck: HealthCheck;
  readonly restartPolicy: RestartPolicy;
  readonly isPublic: boolean;
  readonly hostAccess: { readonly dockerSocket?: boolean; readonly hostNetwork?: boolean } | undefined;
  readonly ports: readonly PublishedPort[];
  readonly networks: readonly { readonly network: RuleNetwork; readonly aliases?: readonly string[] }[];
  readonly dependsOn: readonly RuleService[];
  readonly volumes: readonly { readonly volume: { readonly volumeName: string }; readonly target: string; readonly readOnly?: boolean }[];
  readonly bindMounts: readonly { readonly source: string; readonly target: string; readonly readOnly?: boolean }[];
  readonly secrets: ReadonlyMap<string, Secret>;
  readonly environmentVariables: ReadonlyMap<string, string>;
}

/**
 * A check across the stacks of an app that deploy to one Docker Engine, in the cdk-nag shape:
 * stable id, one-line summary, explanation. Listed in APP_RULES, applied by DockerApp.synth;
 * its findings are errors that stop the synth, reported with the stacks' own.
 */
export interface AppRule {
  /** Stable id, quoted in every message, e.g. `CDS-APP-PORT-COLLISION`. */
  readonly id: string;
  /** One line: what the rule forbids. */
  readonly summary: string;
  /** Why: the failure it prevents. */
  readonly explanation: string;
  /** Problems found; empty when the stacks can run side by side on the engine. */
  check(context: AppRuleContext): ValidationProblem[];
}

/** What an app rule sees: every stack of the app that targets one engine, in construct order. */
export interface AppRuleContext {
  /**
   * The stacks' `dockerHost`; undefined when none of them gives one: the default engine
   * (DOCKER_HOST, else the local socket).
   */
  readonly dockerHost: string | undefined;
  readonly stacks: readonly RuleStack[];
}

/** A network of a stack as app rules see it: it exists on the engine whether or not a service joins it. */
export interface RuleStackNetwork extends RuleNetwork, IConstruct {}

/** A stack as app rules see it, read from the construct tree. */
export interface RuleStack {
  readonly stack: StackContext;
  readonly services: readonly RuleService[];
  readonly networks: readonly RuleStackNetwork[];
}
