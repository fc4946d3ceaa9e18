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

  test('non-compliant: every missing tool a check calls is named', () => {
    const stack = newStack();
    new Service(stack, 'api', {
      image: ContainerImage.fromRegistry('python:3.12-slim'),
      healthCheck: HealthCheck.command(['sh', '-c', 'curl -f http://localhost:8000/health && wget -q -O- http://localhost:8000/ready']),
    });
    expect(findings(stack, 'CDS-HEALTHCHECK-TOOL')[0]).toContain('calls curl, wget, which python:3.12-slim does not have');
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

describe('CDS-HEALTHCHECK-TOOL through a shell', () => {
  const slim = ContainerImage.fromRegistry('python:3.12-slim');

  /** The findings for one service `api` on python:3.12-slim with `healthCheck`. */
  function onSlim(healthCheck: HealthCheck): string[] {
    const stack = newStack();
    new Service(stack, 'api', { image: slim, healthCheck });
    return findings(stack, 'CDS-HEALTHCHECK-TOOL');
  }

  test.each<[string, HealthCheck, string]>([
    ["command(['sh', '-c', 'curl ... || exit 1'])", HealthCheck.command(['sh', '-c', 'curl -f http://localhost:8000/health || exit 1']), 'curl'],
    ["command(['bash', '-c', 'exec timeout 5 wget ...'])", HealthCheck.command(['bash', '-c', 'exec timeout 5 wget -q -O- http://localhost:8000/health']), 'wget'],
    ['shell(line with $(curl ...)) declaring only test', HealthCheck.shell('test "$(curl -s http://localhost:8000/health)" = ok', ['test']), 'curl'],
    ['shell(python3 -c "import httpx ...")', HealthCheck.shell('python3 -c "import httpx; httpx.get(\'http://localhost:8000/health\').raise_for_status()"', ['python3']), 'httpx'],
    ["command(['sh', '-c', 'python -c \"import requests ...\"'])", HealthCheck.command(['sh', '-c', 'python -c "import requests; requests.get(\'http://x\')"']), 'requests'],
    ["command(['env', 'A=1', 'curl', ...])", HealthCheck.command(['env', 'A=1', 'curl', '-f', 'http://localhost:8000/health']), 'curl'],
  ])('non-compliant: %s on python:3.12-slim', (_what, healthCheck, tool) => {
    const [message] = onSlim(healthCheck);
    expect(message).toContain(`calls ${tool}, which python:3.12-slim does not have`);
    expect(message).toContain('Fix: probe with a tool the image has: HealthCheck.httpGet(path, { port, tool: ProbeTool.PYTHON })');
  });

  test.each<[string, HealthCheck]>([
    ['a shell line with only the standard library', HealthCheck.shell('python3 -c "import urllib.request; urllib.request.urlopen(\'http://127.0.0.1:8000/health\')" || exit 1', ['python3'])],
    ['a tool named as an argument, not called', HealthCheck.command(['sh', '-c', 'echo curl wget requests'])],
    ['a tool named as an argument of a CMD-SHELL line', HealthCheck.shell('echo "no curl here, wget either" > /tmp/note && python3 -c "import socket"', ['echo', 'python3'])],
    ['curl in a comment', HealthCheck.command(['sh', '-c', 'python3 -c "import socket" # curl would be nicer'])],
  ])('compliant: %s on python:3.12-slim', (_what, healthCheck) => {
    expect(onSlim(healthCheck)).toEqual([]);
  });
});
