import { ValidationProblem } from '../errors';
import type { PublishedPort } from '../published-port';
import { StackRule } from './rule';

const ANY = '0.0.0.0';

/** Whether two published ports take the same host port: same number and protocol, and the same address or 0.0.0.0 on either side. */
export function overlaps(a: PublishedPort, b: PublishedPort): boolean {
  return a.hostPort.number === b.hostPort.number && a.hostPort.protocol === b.hostPort.protocol && (a.hostIp === b.hostIp || a.hostIp === ANY || b.hostIp === ANY);
}

/** Two services publishing the same host address and port: the second fails with "port is already allocated". */
export const portCollision: StackRule = {
  id: 'CDS-PORT-COLLISION',
  summary: 'A host address and port is published at most once (0.0.0.0 overlaps every address).',
  explanation: 'The engine refuses the second binding at deploy time ("port is already allocated", seed 003), after part of the stack is already up.',
  check({ services }) {
    const seen: { owner: string; port: PublishedPort }[] = [];
    const problems: ValidationProblem[] = [];
    for (const service of services) {
      for (const port of service.ports) {
        const clash = seen.find((s) => overlaps(s.port, port));
        if (clash) {
          problems.push({
            ruleId: this.id,
            path: service.node.path,
            field: 'ports',
            value: `${port.hostIp}:${port.hostPort.number}/${port.hostPort.protocol}`,
            message: `already published by ${clash.owner} on ${clash.port.hostIp}:${clash.port.hostPort.number}`,
            fix: 'give one of them another hostPort',
          });
        }
        seen.push({ owner: service.node.path, port });
      }
    }
    return problems;
  },
};
