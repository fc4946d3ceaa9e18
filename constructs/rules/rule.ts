import type { IConstruct } from 'constructs';
import type { ValidationProblem } from '../errors';
import type { HealthCheck } from '../health-check';
import type { ContainerImage } from '../image';
import type { StackContext } from '../private/stack-context';
import type { PublishedPort } from '../published-port';
import type { RestartPolicy } from '../restart-policy';
import type { Secret } from '../secret';
import type { SwarmPlacement } from '../swarm-service-options';

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
  /** The stack checked: its construct path, name prefix and engine. */
  readonly stack: StackContext;
  /** Every Service of the stack (kinds included), in construct order. */
  readonly services: readonly RuleService[];
  /** The stack's networks, attached to a service or not (each is created). */
  readonly networks: readonly RuleStackNetwork[];
}

/** A network as rules see it. */
export interface RuleNetwork {
  /** Name of the Docker network on the engine. */
  readonly networkName: string;
  /** True for an internal network: no route outside. */
  readonly internal: boolean;
}

/**
 * A service as rules see it: the narrow, read-only view every Service offers. Rules depend on
 * this interface, not on the Service class, so the rules (loaded by the stack) never import the
 * constructs they check.
 */
export interface RuleService extends IConstruct {
  /** Logical name: the DNS alias on every network the service joins. */
  readonly serviceName: string;
  /** Container names, one per replica, without a START_FIRST generation suffix. */
  readonly containerNames: readonly string[];
  /** Image the containers run. */
  readonly image: ContainerImage;
  /** The health check; `isNone` when the service opted out. */
  readonly healthCheck: HealthCheck;
  /** What Docker does when a container stops. */
  readonly restartPolicy: RestartPolicy;
  /** True when published ports bind to all host addresses by default. */
  readonly isPublic: boolean;
  /** The host access granted; undefined when none was. */
  readonly hostAccess:
    | {
        /** The Docker socket may be bind-mounted. */
        readonly dockerSocket?: boolean;
        /** The container shares the host's network stack. */
        readonly hostNetwork?: boolean;
      }
    | undefined;
  /** Ports published on the host, with their host addresses. */
  readonly ports: readonly PublishedPort[];
  /** Networks joined. */
  readonly networks: readonly {
    /** Network joined: its name and whether it is internal. */
    readonly network: RuleNetwork;
    /** Extra DNS names on it, besides `serviceName`; empty when none. */
    readonly aliases: readonly string[];
  }[];
  /** Services that must be healthy before this one is created. */
  readonly dependsOn: readonly RuleService[];
  /** Named volumes mounted. */
  readonly volumes: readonly {
    /** The volume, by its name on the engine. */
    readonly volume: {
      /** Name of the Docker volume. */
      readonly volumeName: string;
    };
    /** Absolute path inside the container. */
    readonly target: string;
    /** Mounted read-only. */
    readonly readOnly: boolean;
  }[];
  /** Host paths mounted. */
  readonly bindMounts: readonly {
    /** Absolute path on the Docker host. */
    readonly source: string;
    /** Absolute path inside the container. */
    readonly target: string;
    /** Mounted read-only. */
    readonly readOnly: boolean;
  }[];
  /** Sensitive environment variables by name. */
  readonly secrets: ReadonlyMap<string, Secret>;
  /** Plain environment variables by name. */
  readonly environmentVariables: ReadonlyMap<string, string>;
  /** Identical containers (engine) or tasks (Swarm) the service runs; undefined reads as 1. */
  readonly replicas?: number;
  /** Where the tasks run on a Swarm target; undefined when not given. */
  readonly placement?: SwarmPlacement;
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
  /** The stacks on that engine, two or more (a stack alone on its engine clashes with nothing). */
  readonly stacks: readonly RuleStack[];
}

/** A network of a stack as app rules see it: it exists on the engine whether or not a service joins it. */
export interface RuleStackNetwork extends RuleNetwork, IConstruct {}

/** A stack as app rules see it, read from the construct tree. */
export interface RuleStack {
  /** The DockerStack, through the view rules get: its construct path, name prefix and engine. */
  readonly stack: StackContext;
  /** Every Service of the stack (kinds included), in construct order. */
  readonly services: readonly RuleService[];
  /** Every StackNetwork of the stack, joined by a service or not. */
  readonly networks: readonly RuleStackNetwork[];
}
