import { execFile, execFileSync } from 'child_process';
import * as http from 'http';
import { AddressInfo } from 'net';
import { Testing } from 'cdktf';
import {
  ChromaDb,
  ChromaDbProps,
  ContainerImage,
  Cpu,
  Duration,
  HealthCheck,
  NamedVolume,
  Port,
  ProbeTool,
  Size,
  StackNetworks,
} from '../../constructs';
import { CHROMA_DATA_PATH, CHROMA_DEFAULT_IMAGE, CHROMA_HEARTBEAT_PATH, CHROMA_PORT } from '../../constructs/chroma-db';
import { WAIT_TIMEOUT_MARGIN } from '../../constructs/service';
import { container, newStack, synth, SynthesizedContainer, SynthesizedStack, validationMessages } from '../support/synth';
import { errorOf } from '../support/validation-error';

/** A ChromaDb `chroma` in a fresh stack `test`, synthesized with validations on. */
function synthChroma(props: ChromaDbProps = {}): { chroma: ChromaDb; json: SynthesizedStack; c: SynthesizedContainer } {
  const stack = newStack();
  const chroma = new ChromaDb(stack, 'chroma', props);
  const json = synth(stack);
  return { chroma, json, c: container(json, 'test-chroma') };
}

const build = (props: Record<string, unknown>) => () => new ChromaDb(newStack(), 'chroma', props);

function probe(c: SynthesizedContainer): string[] {
  return (c.healthcheck as { test: string[] }).test;
}

function imageNames(json: SynthesizedStack): string[] {
  return (Object.values(json.resource.docker_image ?? {}) as { name: string }[]).map((i) => i.name);
}

/** The bash line the default check runs (exec form: `bash -c <line>`). */
const HEARTBEAT_LINE =
  "exec 3<>/dev/tcp/127.0.0.1/8000 && printf 'GET /api/v2/heartbeat HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && read -r status <&3 && [[ $status == *' 2'[0-9][0-9]' '* ]]";

function hasBash(): boolean {
  try {
    execFileSync('bash', ['-c', 'true']);
    return true;
  } catch {
    return false;
  }
}

describe('ChromaDb', () => {
  describe('defaults', () => {
    test('given no props, when synthesized, then the image is the pinned chromadb/chroma:1.0.15', () => {
      const { json, c } = synthChroma();
      expect(CHROMA_DEFAULT_IMAGE).toBe('chromadb/chroma:1.0.15');
      expect(imageNames(json)).toEqual(['chromadb/chroma:1.0.15']);
      expect(c.image).toMatch(/^\$\{docker_image\..+\.image_id\}$/);
    });

    test('given no props, when synthesized, then the health check GETs /api/v2/heartbeat with bash /dev/tcp, every 10 s', () => {
      const { c } = synthChroma();
      expect(c.healthcheck).toEqual({ test: ['CMD', 'bash', '-c', HEARTBEAT_LINE], interval: '10s', timeout: '5s', retries: 3, start_period: '15s', start_interval: '1s' });
      expect(CHROMA_HEARTBEAT_PATH).toBe('/api/v2/heartbeat');
    });

    test('given no props, when synthesized, then the probe calls nothing the 1.x image lacks, nor the v1 path 1.x removed', () => {
      const { chroma, c } = synthChroma();
      expect(probe(c).join(' ')).not.toMatch(/curl|wget|python|\/api\/v1\//);
      expect(chroma.healthCheck.tools).toEqual(['bash']);
    });

    test('given no props, when synthesized, then the deploy waits for the check: start period + retries x (interval + timeout) + margin', () => {
      const { c } = synthChroma();
      expect(c.wait).toBe(true);
      expect(c.wait_timeout).toBe(15 + 3 * (10 + 5) + WAIT_TIMEOUT_MARGIN.toSecondsCeil());
    });

    test('given no props, when synthesized, then it gets 1 core, 1 GiB without swap and 30 s to stop', () => {
      const { c } = synthChroma();
      expect(c).toMatchObject({ cpus: '1.0', memory: 1024, memory_swap: 1024, stop_timeout: 30, destroy_grace_seconds: 30 });
    });

    test('given no props, when synthesized, then telemetry is off and persistence points at /data', () => {
      const { c } = synthChroma();
      expect(c.env).toEqual(['ANONYMIZED_TELEMETRY=FALSE', 'IS_PERSISTENT=TRUE', 'PERSIST_DIRECTORY=/data']);
    });

    test('given no props, when synthesized, then the data lives in the named volume test-chroma-data at /data', () => {
      const { chroma, c } = synthChroma();
      expect(CHROMA_DATA_PATH).toBe('/data');
      expect(c.mounts).toEqual([{ type: 'volume', source: 'test-chroma-data', target: '/data', read_only: false }]);
      expect(chroma.dataVolume.volumeName).toBe('test-chroma-data');
      expect(chroma.dataVolume.node.path).toBe('test/chroma/data');
    });

    test('given no hostPort, when synthesized, then nothing is published on the host', () => {
      const { chroma, c } = synthChroma();
      expect(c.ports).toBeUndefined();
      expect(chroma.ports).toEqual([]);
    });

    test('given an id, when constructed, then url names the service on port 8000', () => {
      const { chroma } = synthChroma();
      expect(chroma.url).toBe('http://chroma:8000');
      expect(CHROMA_PORT.number).toBe(8000);
    });

    test('given a mixed-case id, when synthesized, then url, hostname and container name are lowercased', () => {
      const stack = newStack();
      const chroma = new ChromaDb(stack, 'VectorStore');
      const c = container(synth(stack), 'test-vectorstore');
      expect(chroma.url).toBe('http://vectorstore:8000');
      expect(c.mounts).toEqual([{ type: 'volume', source: 'test-vectorstore-data', target: '/data', read_only: false }]);
    });

    test('given the defaults, when the stack is validated, then no rule complains', () => {
      const stack = newStack();
      new ChromaDb(stack, 'chroma');
      expect(validationMessages(stack)).toEqual([]);
    });
  });

  // The rendered line, run with the machine's bash against a local HTTP server.
  (hasBash() ? describe : describe.skip)('the heartbeat probe, run with bash', () => {
    let server: http.Server;
    let port: number;
    let status: number;
    beforeAll(async () => {
      server = http.createServer((req, res) => {
        res.writeHead(req.url === CHROMA_HEARTBEAT_PATH ? status : 404).end('{"nanosecond heartbeat": 1}');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

    /** Runs the synthesized check against `target` instead of 127.0.0.1:8000; resolves with its exit status. */
    function runProbe(target: number, path = CHROMA_HEARTBEAT_PATH): Promise<number> {
      const { c } = synthChroma();
      const [, program, flag, line] = probe(c);
      const script = line.replace('/dev/tcp/127.0.0.1/8000', `/dev/tcp/127.0.0.1/${target}`).replace(CHROMA_HEARTBEAT_PATH, path);
      return new Promise((resolve) => execFile(program, [flag, script], { timeout: 5000 }, (error) => resolve(error ? (typeof error.code === 'number' ? error.code : -1) : 0)));
    }

    test('given the heartbeat answers 200, when probed, then it is healthy', async () => {
      status = 200;
      expect(await runProbe(port)).toBe(0);
    });

    test('given the heartbeat answers 503, when probed, then it is unhealthy', async () => {
      status = 503;
      expect(await runProbe(port)).not.toBe(0);
    });

    test('given the v1 path of seed 003 (404 in 1.x), when probed, then it is unhealthy', async () => {
      status = 200;
      expect(await runProbe(port, '/api/v1/heartbeat')).not.toBe(0);
    });

    test('given nothing listens, when probed, then it is unhealthy', async () => {
      const closed = http.createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const unused = (closed.address() as AddressInfo).port;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      expect(await runProbe(unused)).not.toBe(0);
    });
  });

  describe('hostPort', () => {
    test('given a hostPort, when synthesized, then 8000 is published on 127.0.0.1 only', () => {
      const { chroma, c } = synthChroma({ hostPort: Port.tcp(18000) });
      expect(c.ports).toEqual([{ internal: 8000, external: 18000, ip: '127.0.0.1', protocol: 'tcp' }]);
      expect(chroma.ports).toEqual([{ hostIp: '127.0.0.1', hostPort: Port.tcp(18000), containerPort: CHROMA_PORT }]);
    });

    test('given a hostPort on a public service, when synthesized, then it binds 0.0.0.0', () => {
      const { c } = synthChroma({ hostPort: Port.tcp(8000), public: true });
      expect(c.ports).toEqual([{ internal: 8000, external: 8000, ip: '0.0.0.0', protocol: 'tcp' }]);
    });

    test('given a hostPort and other ports, when synthesized, then both are published', () => {
      const { c } = synthChroma({ hostPort: Port.tcp(18000), ports: [{ containerPort: Port.tcp(9090) }] });
      expect(c.ports).toEqual([
        { internal: 9090, external: 9090, ip: '127.0.0.1', protocol: 'tcp' },
        { internal: 8000, external: 18000, ip: '127.0.0.1', protocol: 'tcp' },
      ]);
    });

    test('fails when hostPort is a bare number, naming the path, the field and the fix', () => {
      const error = errorOf(build({ hostPort: 8000 }));
      expect(error.problems).toEqual([expect.objectContaining({ path: 'test/chroma', field: 'hostPort', value: 8000, message: 'not a Port', fix: 'use Port.tcp(n)' })]);
    });

    test('fails when hostPort is a UDP port: the API is served over TCP', () => {
      const error = errorOf(build({ hostPort: Port.udp(8000) }));
      expect(error.problems[0]).toMatchObject({ path: 'test/chroma', field: 'ports', message: 'host and container port protocols differ' });
    });

    test('fails when hostPort and ports both publish container port 8000', () => {
      const error = errorOf(build({ hostPort: Port.tcp(18000), ports: [{ containerPort: Port.tcp(8000) }] }));
      expect(error.problems[0]).toMatchObject({ path: 'test/chroma', field: 'ports', message: 'this container port is already published' });
    });
  });

  describe('overrides', () => {
    test('given its own health check, when synthesized, then it replaces the heartbeat probe', () => {
      const { c } = synthChroma({ healthCheck: HealthCheck.tcp(Port.tcp(8000), { interval: Duration.seconds(30) }) });
      expect(c.healthcheck).toEqual({ test: ['CMD', 'bash', '-c', 'exec 3<>/dev/tcp/127.0.0.1/8000'], interval: '30s', timeout: '5s', retries: 3, start_period: '10s', start_interval: '1s' });
    });

    test('given another pinned image, when synthesized, then it is used with the same probe', () => {
      const { json, c } = synthChroma({ image: ContainerImage.fromRegistry('chromadb/chroma:1.0.20') });
      expect(imageNames(json)).toEqual(['chromadb/chroma:1.0.20']);
      expect(probe(c)[3]).toBe(HEARTBEAT_LINE);
    });

    test('given environment, when synthesized, then a given value wins over a default and other variables are kept', () => {
      const { c } = synthChroma({ environment: { ANONYMIZED_TELEMETRY: 'TRUE', CHROMA_LOG_LEVEL: 'debug' } });
      expect(c.env).toEqual(['ANONYMIZED_TELEMETRY=TRUE', 'CHROMA_LOG_LEVEL=debug', 'IS_PERSISTENT=TRUE', 'PERSIST_DIRECTORY=/data']);
    });

    test('given limits and a grace period, when synthesized, then they replace the kind defaults', () => {
      const { c } = synthChroma({ cpuLimit: Cpu.cores(0.5), memoryLimit: Size.gibibytes(2), stopGracePeriod: Duration.seconds(60) });
      expect(c).toMatchObject({ cpus: '0.5', memory: 2048, memory_swap: 2048, stop_timeout: 60, destroy_grace_seconds: 60 });
    });

    test('given its own dataVolume, when synthesized, then that volume is mounted at /data and no default one is created', () => {
      const stack = newStack();
      const volume = new NamedVolume(stack, 'vectors', { volumeName: 'shared-vectors' });
      const chroma = new ChromaDb(stack, 'chroma', { dataVolume: volume });
      expect(container(synth(stack), 'test-chroma').mounts).toEqual([{ type: 'volume', source: 'shared-vectors', target: '/data', read_only: false }]);
      expect(chroma.dataVolume).toBe(volume);
      expect(chroma.node.tryFindChild('data')).toBeUndefined();
    });

    test('given a network, when synthesized, then the service joins it under its id', () => {
      const stack = newStack();
      const nets = new StackNetworks(stack, 'nets');
      new ChromaDb(stack, 'chroma', { networks: [{ network: nets.backend, aliases: ['chromadb'] }] });
      const c = container(synth(stack), 'test-chroma');
      expect(c.networks_advanced).toEqual([{ name: expect.stringContaining('docker_network'), aliases: ['chroma', 'chromadb'] }]);
    });
  });

  describe('validation', () => {
    test('fails when a prop is unknown (seed 003\'s persistDirectory), and nothing is left in the tree', () => {
      const stack = newStack();
      const error = errorOf(() => new ChromaDb(stack, 'chroma', { persistDirectory: '/chroma/chroma' } as unknown as ChromaDbProps));
      expect(error.problems[0]).toMatchObject({ path: 'test/chroma', field: '(props)' });
      expect(error.message).toContain('persistDirectory');
      expect(stack.node.tryFindChild('chroma')).toBeUndefined();
    });

    test('fails when dataVolume is not a NamedVolume', () => {
      const error = errorOf(build({ dataVolume: 'chroma_data' }));
      expect(error.problems).toEqual([expect.objectContaining({ path: 'test/chroma', field: 'dataVolume', value: 'chroma_data', message: 'not a NamedVolume' })]);
    });

    test('fails when the health check is a command line instead of a HealthCheck', () => {
      const error = errorOf(build({ healthCheck: 'curl -f http://localhost:8000/api/v1/heartbeat' }));
      expect(error.problems[0]).toMatchObject({ path: 'test/chroma', field: 'healthCheck', message: 'missing or not a HealthCheck' });
    });

    test('fails when an environment key is not a variable name', () => {
      const error = errorOf(build({ environment: { 'CHROMA-HOST': 'x' } }));
      expect(error.problems[0]).toMatchObject({ path: 'test/chroma', field: 'environment.CHROMA-HOST', message: 'not a valid variable name' });
    });

    test('fails when several props are wrong, naming each field at once', () => {
      const error = errorOf(build({ hostPort: 8000, dataVolume: 'x', cpuLimit: 1 }));
      expect(error.problems.map((p) => p.field).sort()).toEqual(['cpuLimit', 'dataVolume', 'hostPort']);
    });

    test('fails when memoryLimit is under Docker\'s 6 MiB minimum', () => {
      expect(errorOf(build({ memoryLimit: Size.mebibytes(5) })).problems).toEqual([expect.objectContaining({ path: 'test/chroma', field: 'memoryLimit' })]);
    });

    test('fails when replicas is 2: two writers on one data volume', () => {
      const error = errorOf(build({ replicas: 2 }));
      expect(error.problems[0]).toMatchObject({ path: 'test/chroma', field: 'volumes', value: '/data' });
    });
  });

  describe('stack rules', () => {
    test.each([
      ['wget', ProbeTool.WGET],
      ['python3', ProbeTool.PYTHON],
    ])('fails when the health check is a %s probe on the default image (CDS-HEALTHCHECK-TOOL)', (tool, probeTool) => {
      const stack = newStack();
      new ChromaDb(stack, 'chroma', { healthCheck: HealthCheck.httpGet(CHROMA_HEARTBEAT_PATH, { port: CHROMA_PORT, tool: probeTool }) });
      expect(() => Testing.synth(stack, true)).toThrow(new RegExp(`\\[CDS-HEALTHCHECK-TOOL\\] test/chroma: healthCheck = .*: calls ${tool}, which chromadb/chroma:1\\.0\\.15 does not have`));
    });

    test('fails when the health check is seed 003\'s curl command (CDS-HEALTHCHECK-TOOL)', () => {
      const stack = newStack();
      new ChromaDb(stack, 'chroma', { healthCheck: HealthCheck.command(['curl', '-f', 'http://localhost:8000/api/v1/heartbeat']) });
      expect(() => Testing.synth(stack, true)).toThrow(/\[CDS-HEALTHCHECK-TOOL\] test\/chroma: healthCheck = "CMD curl -f http:\/\/localhost:8000\/api\/v1\/heartbeat": calls curl/);
    });

    test('fails when the health check calls curl from a shell line (CDS-HEALTHCHECK-TOOL)', () => {
      const stack = newStack();
      new ChromaDb(stack, 'chroma', { healthCheck: HealthCheck.shell('curl -fs http://127.0.0.1:8000/api/v2/heartbeat || exit 1', ['curl']) });
      expect(validationMessages(stack).filter((m) => m.startsWith('[CDS-HEALTHCHECK-TOOL]'))).toEqual([expect.stringContaining('test/chroma: healthCheck = "CMD-SHELL curl -fs')]);
    });

    test('fails when the image is seed 003\'s unpinned chroma:latest (CDS-IMAGE-UNPINNED)', () => {
      const stack = newStack();
      new ChromaDb(stack, 'chroma', { image: ContainerImage.fromRegistry('ghcr.io/chroma-core/chroma:latest') });
      expect(() => Testing.synth(stack, true)).toThrow(/\[CDS-IMAGE-UNPINNED\] test\/chroma: image = "ghcr\.io\/chroma-core\/chroma:latest"/);
    });
  });
});
