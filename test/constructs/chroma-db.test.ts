import { Testing } from 'cdktf';
import {
  CHROMA_DATA_PATH,
  CHROMA_DEFAULT_ENVIRONMENT,
  CHROMA_DEFAULT_IMAGE,
  CHROMA_HEARTBEAT_PATH,
  CHROMA_PORT,
  ChromaDb,
  ChromaDbProps,
  ContainerImage,
  Cpu,
  DockerStack,
  Duration,
  HealthCheck,
  NamedVolume,
  Port,
  ProbeTool,
  Size,
  StackNetworks,
  ValidationError,
  WAIT_TIMEOUT_MARGIN,
} from '../../constructs';
import { container, SynthesizedContainer, SynthesizedStack } from '../support/synth';

function newStack(): DockerStack {
  return new DockerStack(Testing.app(), 'test');
}

/** Synthesizes with validations on: a rule violation throws. */
function synth(stack: DockerStack): SynthesizedStack {
  return JSON.parse(Testing.synth(stack, true)) as SynthesizedStack;
}

/** A ChromaDb `chroma` in a fresh stack `test`, synthesized. */
function synthChroma(props: ChromaDbProps = {}): { chroma: ChromaDb; json: SynthesizedStack; c: SynthesizedContainer } {
  const stack = newStack();
  const chroma = new ChromaDb(stack, 'chroma', props);
  const json = synth(stack);
  return { chroma, json, c: container(json, 'test-chroma') };
}

function errorOf(build: () => unknown): ValidationError {
  try {
    build();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

const build = (props: Record<string, unknown>, stack = newStack()) => () => new ChromaDb(stack, 'chroma', props as ChromaDbProps);

function healthTest(c: SynthesizedContainer): string[] {
  return (c.healthcheck as { test: string[] }).test;
}

describe('ChromaDb', () => {
  describe('defaults', () => {
    test('given no props, when synthesized, then the image is the pinned chromadb/chroma 1.x tag', () => {
      const { json, c } = synthChroma();
      expect(CHROMA_DEFAULT_IMAGE).toMatch(/^chromadb\/chroma:1\.\d+\.\d+$/);
      const images = Object.values(json.resource.docker_image ?? {}) as { name: string; keep_locally: boolean }[];
      expect(images).toEqual([expect.objectContaining({ name: CHROMA_DEFAULT_IMAGE, keep_locally: true })]);
      expect(c.image).toMatch(/^\$\{docker_image\.image-chromadb-chroma-1-\d+-\d+\.image_id\}$/);
    });

    test('given no props, when synthesized, then the health check GETs the v2 heartbeat with bash /dev/tcp', () => {
      const { c } = synthChroma();
      const probe = healthTest(c);
      expect(probe.slice(0, 3)).toEqual(['CMD', 'bash', '-c']);
      expect(probe).toHaveLength(4);
      expect(probe[3]).toContain('exec 3<>/dev/tcp/127.0.0.1/8000');
      expect(probe[3]).toContain(`GET ${CHROMA_HEARTBEAT_PATH} HTTP/1.0`);
      expect(CHROMA_HEARTBEAT_PATH).toBe('/api/v2/heartbeat');
      // Only bash: nothing the 1.x image lacks, and not the removed v1 path of seed 003.
      expect(probe.join(' ')).not.toMatch(/curl|wget|python|\/api\/v1\//);
      // Exactly what HealthCheck renders for a bash probe on 8000.
      expect(probe).toEqual([...HealthCheck.httpGet('/api/v2/heartbeat', { port: Port.tcp(8000), tool: ProbeTool.BASH }).testCommand]);
    });

    test('given no props, when synthesized, then the check runs every 10s (5s timeout, 3 retries, 15s start) and the deploy waits for it', () => {
      const { chroma, c } = synthChroma();
      expect(c.healthcheck).toEqual({ test: expect.any(Array), interval: '10s', timeout: '5s', retries: 3, start_period: '15s' });
      expect(c.wait).toBe(true);
      // start period + retries x (interval + timeout) + margin
      expect(c.wait_timeout).toBe(15 + 3 * (10 + 5) + WAIT_TIMEOUT_MARGIN.toSecondsCeil());
      expect(chroma.healthCheck.tools).toEqual(['bash']);
    });

    test('given no props, when synthesized, then the data volume is a named volume at /data', () => {
      const { chroma, c } = synthChroma();
      expect(CHROMA_DATA_PATH).toBe('/data');
      expect(c.mounts).toEqual([{ type: 'volume', source: 'test-chroma-data', target: '/data', read_only: false }]);
      expect(chroma.dataVolume.volumeName).toBe('test-chroma-data');
      expect(chroma.dataVolume.node.path).toBe('test/chroma/data');
      expect(chroma.volumes).toEqual([{ volume: chroma.dataVolume, target: '/data', readOnly: false }]);
    });

    test('given no props, when synthesized, then telemetry is off and the 0.x persistence switches point at /data', () => {
      const { c } = synthChroma();
      expect(c.env).toEqual(['ANONYMIZED_TELEMETRY=FALSE', 'IS_PERSISTENT=TRUE', 'PERSIST_DIRECTORY=/data']);
      expect(CHROMA_DEFAULT_ENVIRONMENT.PERSIST_DIRECTORY).toBe(CHROMA_DATA_PATH);
    });

    test('given no props, when synthesized, then it gets 1 core, 1 GiB without swap and 30s to stop', () => {
      const { c } = synthChroma();
      expect(c).toMatchObject({ cpus: '1.0', memory: 1024, memory_swap: 1024, stop_timeout: 30, destroy_grace_seconds: 30 });
    });

    test('given no props, when synthesized, then the hardened Service defaults apply', () => {
      const { c } = synthChroma();
      expect(c).toMatchObject({
        capabilities: { drop: ['ALL'], add: [] },
        security_opts: ['no-new-privileges:true'],
        restart: 'on-failure',
        max_retry_count: 5,
        log_driver: 'json-file',
        must_run: true,
      });
    });

    test('given no hostPort, when synthesized, then nothing is published on the host', () => {
      const { chroma, c } = synthChroma();
      expect(c.ports).toBeUndefined();
      expect(chroma.ports).toEqual([]);
    });

    test('given an id, then url, hostname and port address the API on the shared networks', () => {
      const { chroma } = synthChroma();
      expect(chroma.url).toBe('http://chroma:8000');
      expect(chroma.hostname).toBe('chroma');
      expect(chroma.port).toBe(CHROMA_PORT);
      expect(chroma.port.number).toBe(8000);
    });
  });

  describe('props', () => {
    test('given a hostPort, when synthesized, then 8000 is published on it, on 127.0.0.1', () => {
      const { c } = synthChroma({ hostPort: Port.tcp(18000) });
      expect(c.ports).toEqual([{ internal: 8000, external: 18000, ip: '127.0.0.1', protocol: 'tcp' }]);
    });

    test('given a hostPort on a public service, when synthesized, then it binds all addresses', () => {
      const { c } = synthChroma({ hostPort: Port.tcp(8000), public: true });
      expect(c.ports).toEqual([{ internal: 8000, external: 8000, ip: '0.0.0.0', protocol: 'tcp' }]);
    });

    test('given the boundary host ports 1 and 65535, when synthesized, then both are accepted', () => {
      expect(synthChroma({ hostPort: Port.tcp(1) }).c.ports).toEqual([expect.objectContaining({ external: 1 })]);
      expect(synthChroma({ hostPort: Port.tcp(65535) }).c.ports).toEqual([expect.objectContaining({ external: 65535 })]);
    });

    test('given environment, when synthesized, then the user value wins over a default and extra variables are kept', () => {
      const { c } = synthChroma({ environment: { ANONYMIZED_TELEMETRY: 'TRUE', CHROMA_LOG_LEVEL: 'debug' } });
      expect(c.env).toEqual(['ANONYMIZED_TELEMETRY=TRUE', 'CHROMA_LOG_LEVEL=debug', 'IS_PERSISTENT=TRUE', 'PERSIST_DIRECTORY=/data']);
    });

    test('given resource and grace overrides, when synthesized, then they replace the kind defaults', () => {
      const { c } = synthChroma({ cpuLimit: Cpu.cores(0.5), memoryLimit: Size.gibibytes(2), stopGracePeriod: Duration.seconds(60) });
      expect(c).toMatchObject({ cpus: '0.5', memory: 2048, memory_swap: 2048, stop_timeout: 60, destroy_grace_seconds: 60 });
    });

    test('given another pinned image, when synthesized, then it is used with the same probe', () => {
      const { json, c } = synthChroma({ image: ContainerImage.fromRegistry('chromadb/chroma:1.0.20') });
      expect(Object.values(json.resource.docker_image).map((i) => i.name)).toEqual(['chromadb/chroma:1.0.20']);
      expect(healthTest(c)[3]).toContain('/api/v2/heartbeat');
    });

    test('given its own dataVolume, when synthesized, then that volume is mounted and no default one is created', () => {
      const stack = newStack();
      const volume = new NamedVolume(stack, 'vectors', { volumeName: 'shared-vectors' });
      const chroma = new ChromaDb(stack, 'chroma', { dataVolume: volume });
      const c = container(synth(stack), 'test-chroma');
      expect(c.mounts).toEqual([{ type: 'volume', source: 'shared-vectors', target: '/data', read_only: false }]);
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

  describe('stack rules', () => {
    test('given the default probe, when synthesized with validations, then no rule complains', () => {
      expect(() => synthChroma()).not.toThrow();
    });

    test.each([
      ['curl', ProbeTool.CURL],
      ['wget', ProbeTool.WGET],
      ['python3', ProbeTool.PYTHON],
    ])('fails when the health check is overridden with a %s probe on the default image (CDS-HEALTHCHECK-TOOL)', (tool, probeTool) => {
      const stack = newStack();
      new ChromaDb(stack, 'chroma', { healthCheck: HealthCheck.httpGet('/api/v2/heartbeat', { port: Port.tcp(8000), tool: probeTool }) });
      expect(() => Testing.synth(stack, true)).toThrow(/CDS-HEALTHCHECK-TOOL/);
      expect(() => Testing.synth(stack, true)).toThrow(new RegExp(`test/chroma: healthCheck = .*calls ${tool}, which chromadb/chroma:1\\.\\d+\\.\\d+ does not have`));
    });

    test('fails when the health check is overridden with seed 003\'s curl command (CDS-HEALTHCHECK-TOOL)', () => {
      const stack = newStack();
      new ChromaDb(stack, 'chroma', { healthCheck: HealthCheck.command(['curl', '-f', 'http://localhost:8000/api/v1/heartbeat']) });
      expect(() => Testing.synth(stack, true)).toThrow(/\[CDS-HEALTHCHECK-TOOL\] test\/chroma: healthCheck = "CMD curl -f http:\/\/localhost:8000\/api\/v1\/heartbeat"/);
    });

    test('fails when the image is seed 003\'s unpinned chroma:latest (CDS-IMAGE-UNPINNED)', () => {
      const stack = newStack();
      new ChromaDb(stack, 'chroma', { image: ContainerImage.fromRegistry('ghcr.io/chroma-core/chroma:latest') });
      expect(() => Testing.synth(stack, true)).toThrow(/CDS-IMAGE-UNPINNED.*test\/chroma/);
    });

    test('fails when two ChromaDb publish the same host port (CDS-PORT-COLLISION)', () => {
      const stack = newStack();
      new ChromaDb(stack, 'a', { hostPort: Port.tcp(8000) });
      new ChromaDb(stack, 'b', { hostPort: Port.tcp(8000) });
      expect(() => Testing.synth(stack, true)).toThrow(/CDS-PORT-COLLISION/);
    });
  });

  describe('validation', () => {
    test('fails when hostPort is a bare number, naming the path, the field and the fix', () => {
      const error = errorOf(build({ hostPort: 8000 }));
      expect(error.problems).toEqual([expect.objectContaining({ path: 'test/chroma', field: 'hostPort', value: 8000, message: 'not a Port', fix: 'use Port.tcp(n)' })]);
    });

    test('fails when hostPort is a UDP port', () => {
      const error = errorOf(build({ hostPort: Port.udp(8000) }));
      expect(error.problems).toEqual([expect.objectContaining({ field: 'hostPort', message: 'the Chroma API is served over TCP', fix: 'use Port.tcp(n)' })]);
    });

    test('fails when a prop is unknown (e.g. seed 003\'s persistDirectory)', () => {
      const error = errorOf(build({ persistDirectory: '/chroma/chroma' }));
      expect(error.message).toMatch(/test\/chroma.*persistDirectory/);
    });

    test('fails when dataVolume is not a NamedVolume', () => {
      const error = errorOf(build({ dataVolume: 'chroma_data' }));
      expect(error.problems).toEqual([expect.objectContaining({ field: 'dataVolume', value: 'chroma_data', message: 'not a NamedVolume' })]);
    });

    test('fails when memoryLimit is one MiB under Docker\'s 6 MiB minimum, and accepts exactly 6 MiB', () => {
      expect(errorOf(build({ memoryLimit: Size.mebibytes(5) })).problems).toEqual([expect.objectContaining({ field: 'memoryLimit' })]);
      expect(() => build({ memoryLimit: Size.mebibytes(6) })()).not.toThrow();
    });

    test('fails when several props are bad, reporting them together', () => {
      const error = errorOf(build({ hostPort: 8000, dataVolume: 'x', environment: { '1BAD': 'x' } }));
      expect(error.problems.map((p) => p.field).sort()).toEqual(['dataVolume', 'environment.1BAD', 'hostPort']);
    });

    test('fails when hostPort and ports both publish container port 8000', () => {
      const error = errorOf(build({ hostPort: Port.tcp(18000), ports: [{ containerPort: Port.tcp(8000) }] }));
      expect(error.problems).toEqual([expect.objectContaining({ path: 'test/chroma', field: 'ports', message: 'this container port is already published' })]);
    });

    test('fails when replicas is 2 (one data volume cannot take two writers), and accepts 1', () => {
      const error = errorOf(build({ replicas: 2 }));
      expect(error.problems).toEqual([expect.objectContaining({ path: 'test/chroma', field: 'volumes', value: '/data' })]);
      expect(() => build({ replicas: 1 })()).not.toThrow();
    });

    test('fails when props are invalid, leaving nothing in the construct tree', () => {
      const stack = newStack();
      expect(build({ hostPort: 8000 }, stack)).toThrow(ValidationError);
      expect(stack.node.tryFindChild('chroma')).toBeUndefined();
    });
  });
});
