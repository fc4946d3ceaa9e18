import { StackRule } from './rule';

/** "Depends on healthy" needs a health check on the dependency. */
export const dependencyWithoutHealthCheck: StackRule = {
  id: 'CDS-DEPENDS-NO-HEALTHCHECK',
  summary: 'A service others depend on has a health check.',
  explanation: 'Without one, "healthy" means only "started": dependents start before their dependency is ready and crash (seeds 000, 003).',
  check({ services }) {
    return services.flatMap((s) =>
      s.dependsOn
        .filter((d) => d.healthCheck.isNone)
        .map((d) => ({
          ruleId: this.id,
          path: s.node.path,
          field: 'dependsOn',
          value: d.node.path,
          message: `${d.node.path} has no health check, so it can never be waited for as healthy`,
          fix: `give ${d.node.id} a healthCheck, or remove it from dependsOn`,
        })),
    );
  },
};
