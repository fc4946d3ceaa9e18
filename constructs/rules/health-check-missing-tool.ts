import type { HealthCheck } from '../health-check';
import { toolsRun, toolsRunByShell } from '../private/shell-commands';
import { StackRule } from './rule';

/**
 * Tools a health check calls: the program of every command it runs, through `sh -c`/`bash -c`,
 * CMD-SHELL lines, pipelines, `$(...)` and wrappers (`exec`, `env`, `timeout 5`), plus the
 * Python modules a `python -c` program imports and the tools the check declares.
 */
export function toolsCalled(check: HealthCheck): string[] {
  const [form, ...rest] = check.testCommand;
  // Stryker disable next-line ConditionalExpression,ArrayDeclaration,StringLiteral: equivalent (the only other form, NONE, runs no command, and a CMD-SHELL check always has its line)
  const called = form === 'CMD' ? toolsRun(rest) : form === 'CMD-SHELL' ? toolsRunByShell(rest[0] ?? '') : [];
  return [...new Set([...check.tools, ...called])];
}

/** A health check that calls a program the image does not have never passes. */
export const healthCheckMissingTool: StackRule = {
  id: 'CDS-HEALTHCHECK-TOOL',
  summary: 'A health check calls only tools the image has.',
  explanation:
    'Seed 001: the check imported `requests`, which the image lacked; the container stayed unhealthy and CI failed with "dependency failed to start". Slim Python, Ollama and ChromaDB images have no curl. The rule reads the programs a check runs the way a shell does: through `sh -c`, pipelines, `&&`/`||`, `$(...)` and `exec`/`env`/`timeout`, and the modules a `python -c` program imports.',
  check({ services }) {
    return services.flatMap((s) => {
      const missing = s.image.missingTools();
      const lacking = toolsCalled(s.healthCheck).filter((t) => missing.tools.includes(t));
      return lacking.length === 0
        ? []
        : [
            {
              ruleId: this.id,
              path: s.node.path,
              field: 'healthCheck',
              value: s.healthCheck.testCommand.join(' '),
              message: `calls ${lacking.join(', ')}, which ${s.image.reference} does not have (${missing.why})`,
              fix: missing.probe
                ? `probe with a tool the image has: ${missing.probe}`
                : 'probe with a tool the image has: HealthCheck.httpGet(path, { port, tool: ProbeTool.PYTHON }) uses only the standard library; ProbeTool.BASH needs only bash',
            },
          ];
    });
  },
};
