// Health checks that call a tool the image does not have, directly or behind a shell or a
// wrapper (seed 001; issue 7 defect 7): they could never pass, so the synth must stop.
import { ChromaDb, ContainerImage, HealthCheck, NginxProxy, Ollama, Port, ProbeTool, PythonApi, Redis } from '../api';
import { BadInput } from '../case';
import { Kit } from '../harness';

const SLIM = 'python:3.12-slim';
const URL = 'http://127.0.0.1:8000/health';

function onImage(name: string, reference: string, check: () => HealthCheck, source?: string): BadInput {
  return {
    name: `${name} on ${reference}`,
    class: 'health checks',
    expected: 'VALIDATION_ERROR',
    at: 'shop/api',
    source,
    build: (kit: Kit) => void kit.service(kit.stack(), 'api', { image: kit.image(reference), healthCheck: check() }),
  };
}

function onKind(name: string, id: string, build: (kit: Kit) => void): BadInput {
  return { name, class: 'health checks', expected: 'VALIDATION_ERROR', at: `shop/${id}`, build };
}

export const HEALTH_CHECK_CASES: readonly BadInput[] = [
  onImage("HealthCheck.command(['curl', '-f', url])", SLIM, () => HealthCheck.command(['curl', '-f', URL])),
  onImage("HealthCheck.command(['sh', '-c', 'curl -f url || exit 1'])", SLIM, () => HealthCheck.command(['sh', '-c', `curl -f ${URL} || exit 1`]), 'issue 7 defect 7'),
  onImage("HealthCheck.command(['bash', '-c', 'wget -q -O- url'])", SLIM, () => HealthCheck.command(['bash', '-c', `wget -q -O- ${URL}`])),
  onImage("HealthCheck.shell('curl -f url || exit 1', []) (tool not declared)", SLIM, () => HealthCheck.shell(`curl -f ${URL} || exit 1`, [])),
  onImage("HealthCheck.command(['timeout', '5', 'curl', url])", SLIM, () => HealthCheck.command(['timeout', '5', 'curl', URL])),
  onImage("HealthCheck.command(['python3', '-c', 'import requests; ...'])", SLIM, () => HealthCheck.command(['python3', '-c', `import requests; requests.get('${URL}').raise_for_status()`])),
  onImage('HealthCheck.httpGet(path, { tool: ProbeTool.CURL })', SLIM, () => HealthCheck.httpGet('/health', { port: Port.tcp(8000), tool: ProbeTool.CURL })),
  onImage('HealthCheck.httpGet(path, { tool: ProbeTool.CURL })', 'python:3.12-alpine', () => HealthCheck.httpGet('/health', { port: Port.tcp(8000), tool: ProbeTool.CURL })),
  onImage("HealthCheck.command(['curl', url])", 'redis:7.4-alpine', () => HealthCheck.command(['curl', URL])),
  {
    name: "HealthCheck.command(['curl', url]) on an image declared missingTools: ['curl']",
    class: 'health checks',
    expected: 'VALIDATION_ERROR',
    at: 'shop/api',
    build: (kit) => void kit.service(kit.stack(), 'api', { image: ContainerImage.fromRegistry('example/api:1.0.0', { missingTools: ['curl'] }), healthCheck: HealthCheck.command(['curl', URL]) }),
  },
  onKind("Ollama with healthCheck HealthCheck.command(['curl', ...])", 'ollama', (kit) =>
    void new Ollama(kit.stack(), 'ollama', { healthCheck: HealthCheck.command(['curl', '-f', 'http://127.0.0.1:11434/']) }),
  ),
  onKind('ChromaDb with healthCheck httpGet ProbeTool.PYTHON', 'chroma', (kit) =>
    void new ChromaDb(kit.stack(), 'chroma', { healthCheck: HealthCheck.httpGet('/api/v2/heartbeat', { port: Port.tcp(8000), tool: ProbeTool.PYTHON }) }),
  ),
  onKind('Redis with healthCheck tcp ProbeTool.PYTHON', 'cache', (kit) => void new Redis(kit.stack(), 'cache', { healthCheck: HealthCheck.tcp(Port.tcp(6379), { tool: ProbeTool.PYTHON }) })),
  ...[ProbeTool.BASH, ProbeTool.CURL, ProbeTool.PYTHON].map((probeTool) =>
    onKind(`NginxProxy (nginx:1.27-alpine) with probeTool ProbeTool.${probeTool === ProbeTool.PYTHON ? 'PYTHON' : probeTool.toUpperCase()}`, 'proxy', (kit) => {
      const stack = kit.stack();
      const net = kit.network(stack);
      const api = new PythonApi(stack, 'api', { image: kit.image(), app: 'app.main:app', networks: [{ network: net }] });
      new NginxProxy(stack, 'proxy', { networks: [{ network: net }], routes: [{ path: '/', upstream: api }], probeTool });
    }),
  ),
  onKind(`PythonApi on ${SLIM} with healthCheck HealthCheck.command(['curl', ...])`, 'api', (kit) =>
    void new PythonApi(kit.stack(), 'api', { image: kit.image(SLIM), app: 'app.main:app', healthCheck: HealthCheck.command(['curl', '-f', URL]) }),
  ),
];
