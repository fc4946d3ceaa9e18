import { ContainerImage, HealthCheck, Port, ProbeTool, Service } from '../../../constructs';
import { findings } from '../../support/rules';
import { newStack } from '../../support/synth';

describe('CDS-HEALTHCHECK-TOOL', () => {
  test('compliant: a stdlib probe on a slim Python image', () => {
    const stack = newStack();
    new Service(stack, 'api', { image: ContainerImage.fromRegistry('python:3.12-slim'), healthCheck: HealthCheck.httpGet('/health', { port: Port.tcp(8000) }) });
    expect(findings(stack, 'CDS-HEALTHCHECK-TOOL')).toEqual([]);
  });

  test('non-compliant: the seed 001 check importing requests on a slim image', () => {
    const stack = newStack();
    new Service(stack, 'api', {
      image: ContainerImage.fromRegistry('python:3.12-slim'),
      healthCheck: HealthCheck.command(['python', '-c', "import requests; requests.get('http://localhost:8000/health', timeout=3)"]),
    });
    const [message] = findings(stack, 'CDS-HEALTHCHECK-TOOL');
    expect(message).toContain('test/api: healthCheck = ');
    expect(message).toContain('calls requests, which python:3.12-slim does not have');
  });

  test('non-compliant: curl on ollama', () => {
    const stack = newStack();
    new Service(stack, 'ollama', { image: ContainerImage.fromRegistry('ollama/ollama:0.6.5'), healthCheck: HealthCheck.httpGet('/', { port: Port.tcp(11434), tool: ProbeTool.CURL }) });
    expect(findings(stack, 'CDS-HEALTHCHECK-TOOL')[0]).toContain('calls curl, which ollama/ollama:0.6.5 does not have');
  });

  test.each([
    ['ollama/ollama:0.6.5', "Fix: probe with a tool the image has: HealthCheck.command(['ollama', 'list'])"],
    ['chromadb/chroma:1.0.15', "Fix: probe with a tool the image has: HealthCheck.httpGet('/api/v2/heartbeat', { port, tool: ProbeTool.BASH })"],
    ['python:3.12-slim', 'Fix: probe with a tool the image has: HealthCheck.httpGet(path, { port, tool: ProbeTool.PYTHON })'],
    ['redis:7.4-alpine', "Fix: probe with a tool the image has: HealthCheck.command(['redis-cli', 'ping'])"],
  ])('non-compliant: curl on %s, and the fix names a probe that image can run', (reference, fixText) => {
    const stack = newStack();
    new Service(stack, 'svc', { image: ContainerImage.fromRegistry(reference), healthCheck: HealthCheck.httpGet('/', { port: Port.tcp(8000), tool: ProbeTool.CURL }) });
    expect(findings(stack, 'CDS-HEALTHCHECK-TOOL')[0]).toContain(fixText);
  });

  test('non-compliant: an image declared to lack a tool, with no known probe, gets the general fix', () => {
    const stack = newStack();
    new Service(stack, 'svc', { image: ContainerImage.fromRegistry('example/app:1.0.0', { missingTools: ['curl'] }), healthCheck: HealthCheck.httpGet('/', { port: Port.tcp(8000), tool: ProbeTool.CURL }) });
    expect(findings(stack, 'CDS-HEALTHCHECK-TOOL')[0]).toContain('Fix: probe with a tool the image has: HealthCheck.httpGet(path, { port, tool: ProbeTool.PYTHON }) uses only the standard library');
  });
});
