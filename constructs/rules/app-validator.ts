import { ValidationProblem } from '../errors';
import { hasBrand } from '../private/brand';
import type { StackContext } from '../private/stack-context';
import { appContainerName } from './app-container-name';
import { appNetworkName } from './app-network-name';
import { appPortCollision } from './app-port-collision';
import { appVolumeName } from './app-volume-name';
import { AppRule, RuleService, RuleStack, RuleStackNetwork } from './rule';

/** Every rule DockerApp.synth applies to the stacks that share an engine, in reporting order. */
export const APP_RULES: readonly AppRule[] = [appPortCollision, appContainerName, appNetworkName, appVolumeName];

/** A stack's services and networks, read from the construct tree. */
export function ruleStackOf(stack: StackContext): RuleStack {
  const constructs = stack.node.findAll();
  return {
    stack,
    services: constructs.filter((c): c is RuleService => hasBrand(c, 'Service')),
    networks: constructs.filter((c): c is RuleStackNetwork => hasBrand(c, 'StackNetwork')),
  };
}

/** The engine a stack without dockerHost deploys to when DOCKER_HOST is unset (the provider's default). */
const LOCAL_SOCKET = 'unix:///var/run/docker.sock';

/**
 * The problems `rules` find among `stacks`, grouped by engine: stacks with the same `dockerHost`
 * are checked together, and a stack without one counts as on the local socket (its default), so
 * it is checked with the stacks that name `unix:///var/run/docker.sock`. Two different hosts never clash.
 */
export function applyAppRules(rules: readonly AppRule[], stacks: readonly StackContext[]): ValidationProblem[] {
  const engines = new Map<string, StackContext[]>();
  for (const stack of stacks) {
    const engine = stack.dockerHost ?? LOCAL_SOCKET;
    engines.set(engine, [...(engines.get(engine) ?? []), stack]);
  }
  return [...engines].flatMap(([engine, group]) => {
    if (group.length < 2) return [];
    const context = { dockerHost: group.some((s) => s.dockerHost !== undefined) ? engine : undefined, stacks: group.map(ruleStackOf) };
    return rules.flatMap((rule) => rule.check(context));
  });
}
