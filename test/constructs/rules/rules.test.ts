import {
  ContainerImage,
  DockerApp,
  HealthCheck,
  Port,
  ProbeTool,
  Service,
  StackNetwork,
  StackNetworks,
  StackValidationError,
  DockerStack,
} from '../../../constructs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { newStack, validationMessages } from '../../support/synth';

const image = ContainerImage.fromRegistry('example/app:1.0.0');
const health = HealthCheck.command(['true']);

function only(messages: string[], ruleId: string): string[] {
  return messages.filter((m) => m.startsWith(`[${ruleId}]`));
}

describe('CDS-PORT-COLLISION', () => {
  test('compliant: the same port on two different loopback addresses', () => {
    const stack = newStack();
    new Service(stack, 'a', { image, healthCheck: health, ports: [{ containerPort: Port.tcp(80), hostPort: Port.tcp(8080), hostIp: '127.0.0.1' }] });
    new Service(stack, 'b', { image, healthCheck: health, ports: [{ containerPort: Port.tcp(80), hostPort: Port.tcp(8080), hostIp: '127.0.0.2' }] });
    expect(only(validationMessages(stack), 'CDS-PORT-COLLISION')).toEqual([]);
  });

  test('non-compliant: 0.0.0.0 overlaps 127.0.0.1 on the same port', () => {
    const stack = newStack();
    new Service(stack, 'a', { image, healthCheck: health, ports: [{ containerPort: Port.tcp(80), hostPort: Port.tcp(8080) }] });
    new Service(stack, 'b', { image, healthCheck: health, public: true, ports: [{ containerPort: Port.tcp(81), hostPort: Port.tcp(8080) }] });
    expect(only(validationMessages(stack), 'CDS-PORT-COLLISION')).toEqual([
      '[CDS-PORT-COLLISION] test/b: ports = "0.0.0.0:8080/tcp": already published by test/a on 127.0.0.1:8080. Fix: give one of them another hostPort',
    ]);
  });
});

describe('CDS-PORT-INTERNAL-ONLY', () => {
  test('compliant: a publishing service also joins a non-internal network', () => {
    const stack = newStack();
    const nets = new StackNetworks(stack, 'nets');
    new Service(stack, 'api', { image, healthCheck: health, networks: [{ network: nets.backend }, { network: nets.frontend }], ports: [{ containerPort: Port.tcp(8000) }] });
    expect(only(validationMessages(stack), 'CDS-PORT-INTERNAL-ONLY')).toEqual([]);
  });

  test('non-compliant: a port published from an internal network only (seed 003 postgres)', () => {
    const stack = newStack();
    const backend = new StackNetwork(stack, 'backend-net', { internal: true });
    new Service(stack, 'db', { image, healthCheck: health, networks: [{ network: backend }], ports: [{ containerPort: Port.tcp(5432) }] });
    const [message] = only(validationMessages(stack), 'CDS-PORT-INTERNAL-ONLY');
    expect(message).toContain('test/db: ports = "127.0.0.1:5432": published, but the service joins only internal networks (test-backend-net)');
    expect(message).toContain('Fix: also connect the service to a non-internal network');
  });
});

describe('CDS-DEPENDS-NO-HEALTHCHECK', () => {
  test('compliant: the dependency has a health check', () => {
    const stack = newStack();
    const db = new Service(stack, 'db', { image, healthCheck: health });
    new Service(stack, 'api', { image, healthCheck: health, dependsOn: [db] });
    expect(only(validationMessages(stack), 'CDS-DEPENDS-NO-HEALTHCHECK')).toEqual([]);
  });

  test('non-compliant: depending on a service without one', () => {
    const stack = newStack();
    const db = new Service(stack, 'db', { image, healthCheck: HealthCheck.none() });
    new Service(stack, 'api', { image, healthCheck: health, dependsOn: [db] });
    expect(only(validationMessages(stack), 'CDS-DEPENDS-NO-HEALTHCHECK')[0]).toContain('test/api: dependsOn = "test/db": test/db has no health check');
  });
});

describe('CDS-DEPENDENCY-CYCLE', () => {
  test('compliant: a chain', () => {
    const stack = newStack();
    const a = new Service(stack, 'a', { image, healthCheck: health });
    const b = new Service(stack, 'b', { image, healthCheck: health, dependsOn: [a] });
    new Service(stack, 'c', { image, healthCheck: health, dependsOn: [b] });
    expect(only(validationMessages(stack), 'CDS-DEPENDENCY-CYCLE')).toEqual([]);
  });

  test('non-compliant: a cycle added late is reported once', () => {
    const stack = newStack();
    const a = new Service(stack, 'a', { image, healthCheck: health });
    const b = new Service(stack, 'b', { image, healthCheck: health, dependsOn: [a] });
    a.addDependency(b);
    const messages = only(validationMessages(stack), 'CDS-DEPENDENCY-CYCLE');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('"a -> b -> a": these services wait for each other');
  });
});

describe('CDS-HEALTHCHECK-TOOL', () => {
  test('compliant: a stdlib probe on a slim Python image', () => {
    const stack = newStack();
    new Service(stack, 'api', { image: ContainerImage.fromRegistry('python:3.12-slim'), healthCheck: HealthCheck.httpGet('/health', { port: Port.tcp(8000) }) });
    expect(only(validationMessages(stack), 'CDS-HEALTHCHECK-TOOL')).toEqual([]);
  });

  test('non-compliant: the seed 001 check importing requests on a slim image', () => {
    const stack = newStack();
    new Service(stack, 'api', {
      image: ContainerImage.fromRegistry('python:3.12-slim'),
      healthCheck: HealthCheck.command(['python', '-c', "import requests; requests.get('http://localhost:8000/health', timeout=3)"]),
    });
    const [message] = only(validationMessages(stack), 'CDS-HEALTHCHECK-TOOL');
    expect(message).toContain('test/api: healthCheck = ');
    expect(message).toContain('calls requests, which python:3.12-slim does not have');
  });

  test('non-compliant: curl on ollama', () => {
    const stack = newStack();
    new Service(stack, 'ollama', { image: ContainerImage.fromRegistry('ollama/ollama:0.6.5'), healthCheck: HealthCheck.httpGet('/', { port: Port.tcp(11434), tool: ProbeTool.CURL }) });
    expect(only(validationMessages(stack), 'CDS-HEALTHCHECK-TOOL')[0]).toContain('calls curl, which ollama/ollama:0.6.5 does not have');
  });

  test.each([
    ['ollama/ollama:0.6.5', "Fix: probe with a tool the image has: HealthCheck.command(['ollama', 'list'])"],
    ['chromadb/chroma:1.0.15', "Fix: probe with a tool the image has: HealthCheck.httpGet('/api/v2/heartbeat', { port, tool: ProbeTool.BASH })"],
    ['python:3.12-slim', 'Fix: probe with a tool the image has: HealthCheck.httpGet(path, { port, tool: ProbeTool.PYTHON })'],
    ['redis:7.4-alpine', "Fix: probe with a tool the image has: HealthCheck.command(['redis-cli', 'ping'])"],
  ])('non-compliant: curl on %s, and the fix names a probe that image can run', (reference, fixText) => {
    const stack = newStack();
    new Service(stack, 'svc', { image: ContainerImage.fromRegistry(reference), healthCheck: HealthCheck.httpGet('/', { port: Port.tcp(8000), tool: ProbeTool.CURL }) });
    expect(only(validationMessages(stack), 'CDS-HEALTHCHECK-TOOL')[0]).toContain(fixText);
  });

  test('non-compliant: an image declared to lack a tool, with no known probe, gets the general fix', () => {
    const stack = newStack();
    new Service(stack, 'svc', { image: ContainerImage.fromRegistry('example/app:1.0.0', { missingTools: ['curl'] }), healthCheck: HealthCheck.httpGet('/', { port: Port.tcp(8000), tool: ProbeTool.CURL }) });
    expect(only(validationMessages(stack), 'CDS-HEALTHCHECK-TOOL')[0]).toContain('Fix: probe with a tool the image has: HealthCheck.httpGet(path, { port, tool: ProbeTool.PYTHON }) uses only the standard library');
  });
});

describe('CDS-IMAGE-UNPINNED', () => {
  test('compliant: tag and digest', () => {
    const stack = newStack();
    new Service(stack, 'a', { image: ContainerImage.fromRegistry('chromadb/chroma:1.0.15'), healthCheck: health });
    new Service(stack, 'b', { image: ContainerImage.fromRegistry(`redis@sha256:${'a'.repeat(64)}`), healthCheck: health });
    expect(only(validationMessages(stack), 'CDS-IMAGE-UNPINNED')).toEqual([]);
  });

  test.each(['ghcr.io/chroma-core/chroma:latest', 'postgres'])('non-compliant: %s', (reference) => {
    const stack = newStack();
    new Service(stack, 'a', { image: ContainerImage.fromRegistry(reference), healthCheck: health });
    expect(only(validationMessages(stack), 'CDS-IMAGE-UNPINNED')[0]).toContain(`test/a: image = "${reference}":`);
  });
});

describe('CDS-CONTAINER-NAME-DUPLICATE', () => {
  test('compliant: default names differ', () => {
    const stack = newStack();
    new Service(stack, 'a', { image, healthCheck: health });
    new Service(stack, 'b', { image, healthCheck: health });
    expect(only(validationMessages(stack), 'CDS-CONTAINER-NAME-DUPLICATE')).toEqual([]);
  });

  test('non-compliant: an explicit name reused', () => {
    const stack = newStack();
    new Service(stack, 'a', { image, healthCheck: health, containerName: 'shared' });
    new Service(stack, 'b', { image, healthCheck: health, containerName: 'shared' });
    expect(only(validationMessages(stack), 'CDS-CONTAINER-NAME-DUPLICATE')[0]).toContain('test/b: containerName = "shared": already used by test/a');
  });
});

describe('CDS-HOST-ACCESS', () => {
  test('compliant: the socket mounted with a reasoned opt-in', () => {
    const stack = newStack();
    new Service(stack, 'agent', {
      image,
      healthCheck: health,
      bindMounts: [{ source: '/var/run/docker.sock', target: '/var/run/docker.sock' }],
      hostAccess: { reason: 'reads container metrics for the dashboard', dockerSocket: true },
    });
    expect(only(validationMessages(stack), 'CDS-HOST-ACCESS')).toEqual([]);
  });

  test('non-compliant: the socket mounted without it', () => {
    const stack = newStack();
    new Service(stack, 'agent', { image, healthCheck: health, bindMounts: [{ source: '/var/run/docker.sock', target: '/var/run/docker.sock' }] });
    expect(only(validationMessages(stack), 'CDS-HOST-ACCESS')[0]).toContain('test/agent: bindMounts = "/var/run/docker.sock": mounts the Docker socket');
  });
});

describe('DockerApp', () => {
  test('reports every problem of every stack together and writes nothing', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cds-app-'));
    const app = new DockerApp({ outdir });
    const good = new DockerStack(app, 'good');
    new Service(good, 'a', { image, healthCheck: health });
    const bad = new DockerStack(app, 'bad');
    new Service(bad, 'a', { image: ContainerImage.fromRegistry('x:latest'), healthCheck: health, ports: [{ containerPort: Port.tcp(80) }] });
    new Service(bad, 'b', { image, healthCheck: health, ports: [{ containerPort: Port.tcp(80) }] });

    expect(() => app.synth()).toThrow(StackValidationError);
    try {
      app.synth();
    } catch (e) {
      expect((e as StackValidationError).messages).toHaveLength(2);
    }
    const written = fs.readdirSync(outdir, { recursive: true }).map(String);
    expect(written.filter((f) => f.endsWith('.tf.json') || f === 'manifest.json')).toEqual([]);
  });
});
