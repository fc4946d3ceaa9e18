import { HealthCheck } from '../health-check';
import { StackRule } from './rule';

/** Tools a health check calls, including Python modules imported in `python -c` lines. */
export function toolsCalled(check: HealthCheck): string[] {
  const tools = new Set(check.tools);
  const text = check.testCommand.join(' ');
  if (/\bimport\s+requests\b|\brequests\.(get|head|post)\b/.test(text)) tools.add('requests');
  if (check.testCommand[0] === 'CMD-SHELL') {
    for (const word of check.testCommand[1].split(/[\s;&|()]+/)) {
      if (word === 'curl' || word === 'wget' || word === 'python' || word === 'python3') tools.add(word);
    }
  }
  return [...tools];
}

/** A health check that calls a program the image does not have never passes. */
export const healthCheckMissingTool: StackRule = {
  id: 'CDS-HEALTHCHECK-TOOL',
  summary: 'A health check calls only tools the image has.',
  explanation: 'Seed 001: the check imported `requests`, which the image lacked; the container stayed unhealthy and CI failed with "dependency failed to start". Slim Python, Ollama and ChromaDB images have no curl.',
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
