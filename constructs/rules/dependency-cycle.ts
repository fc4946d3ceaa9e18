import { ValidationProblem } from '../errors';
import { RuleService, StackRule } from './rule';

/** A cycle in dependsOn can never start. */
export const dependencyCycle: StackRule = {
  id: 'CDS-DEPENDENCY-CYCLE',
  summary: 'Dependencies between services form no cycle.',
  explanation: 'Each service waits for the next to be healthy; in a cycle none is ever created and Terraform stops with a cycle error at plan time.',
  check({ services }) {
    const problems: ValidationProblem[] = [];
    const reported = new Set<string>();
    const visit = (service: RuleService, trail: RuleService[]): void => {
      const at = trail.indexOf(service);
      if (at >= 0) {
        const cycle = [...trail.slice(at), service];
        const key = cycle.slice(0, -1).map((s) => s.node.path).sort().join('|');
        if (!reported.has(key)) {
          reported.add(key);
          problems.push({
            ruleId: this.id,
            path: service.node.path,
            field: 'dependsOn',
            value: cycle.map((s) => s.node.id).join(' -> '),
            message: 'these services wait for each other',
            fix: 'remove one dependsOn link so that one of them can start first',
          });
        }
        return;
      }
      for (const dependency of service.dependsOn) visit(dependency, [...trail, service]);
    };
    // Stryker disable next-line ArrayDeclaration: equivalent (a trail that starts with anything but a service changes neither the cycle found nor its key)
    for (const service of services) visit(service, []);
    return problems;
  },
};
