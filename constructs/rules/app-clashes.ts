import type { IConstruct } from 'constructs';
import type { AppRuleContext, RuleStack } from './rule';

/** Something a stack takes on its engine (a host port, a name), and the construct that takes it. */
export interface Claim<T> {
  readonly owner: IConstruct;
  readonly value: T;
}

/** A claim of a later stack that an earlier stack on the same engine already holds. */
export interface Clash<T> {
  readonly claim: Claim<T>;
  readonly stack: RuleStack;
  readonly earlier: Claim<T>;
  readonly earlierStack: RuleStack;
}

/**
 * Every claim that clashes with a claim of an earlier stack, each reported once, against the
 * first holder. Claims within one stack are the stack rules' business (CDS-PORT-COLLISION,
 * CDS-CONTAINER-NAME-DUPLICATE), so they are never compared here.
 */
export function clashesAcrossStacks<T>(
  context: AppRuleContext,
  claimsOf: (stack: RuleStack) => readonly Claim<T>[],
  clash: (a: T, b: T) => boolean,
): Clash<T>[] {
  const held: { claim: Claim<T>; stack: RuleStack }[] = [];
  const found: Clash<T>[] = [];
  for (const stack of context.stacks) {
    const claims = claimsOf(stack);
    for (const claim of claims) {
      const earlier = held.find((h) => clash(h.claim.value, claim.value));
      if (earlier) found.push({ claim, stack, earlier: earlier.claim, earlierStack: earlier.stack });
    }
    held.push(...claims.map((claim) => ({ claim, stack })));
  }
  return found;
}

/** The engine, as messages name it. */
export function engineName(dockerHost: string | undefined): string {
  return dockerHost ?? 'the default engine (DOCKER_HOST, else the local socket)';
}

/** "<path> (stack <id>)", as messages name the first holder. */
export function heldBy(clash: Clash<unknown>): string {
  return `${clash.earlier.owner.node.path} (stack "${clash.earlierStack.stack.node.id}")`;
}
