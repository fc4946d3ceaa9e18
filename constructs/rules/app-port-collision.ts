import type { PublishedPort } from '../published-port';
import { clashesAcrossStacks, engineName, heldBy } from './app-clashes';
import { overlaps } from './port-collision';
import { AppRule } from './rule';

/** Two stacks on one engine publishing the same host address and port. */
export const appPortCollision: AppRule = {
  id: 'CDS-APP-PORT-COLLISION',
  summary: 'Stacks deployed to one engine publish each host address and port at most once (0.0.0.0 overlaps every address, per protocol).',
  explanation:
    'Each stack checks its own ports, but the engine is shared: the second stack to deploy fails with "port is already allocated" and is left half-deployed (`cdktf deploy arkalia nexten`, both on 127.0.0.1:8000).',
  check(context) {
    const show = (p: PublishedPort) => `${p.hostIp}:${p.hostPort.number}/${p.hostPort.protocol}`;
    return clashesAcrossStacks(
      context,
      (stack) => stack.services.flatMap((owner) => owner.ports.map((value) => ({ owner, value }))),
      overlaps,
    ).map((clash) => ({
      ruleId: this.id,
      path: clash.claim.owner.node.path,
      field: 'ports',
      value: show(clash.claim.value),
      message: `already published by ${heldBy(clash)} on ${show(clash.earlier.value)}, and both stacks deploy to ${engineName(context.dockerHost)}`,
      fix: 'give one of them another host port, or deploy the stacks to different engines (dockerHost)',
    }));
  },
};
