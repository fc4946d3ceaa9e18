import { Testing } from 'cdktf';
import {
  ContainerImage,
  Cpu,
  Duration,
  HealthCheck,
  NamedVolume,
  Ollama,
  OllamaProps,
  Port,
  ProbeTool,
  Secret,
  Size,
} from '../../constructs';
import { OLLAMA_DEFAULT_IMAGE, OLLAMA_MODELS_PATH, OLLAMA_PORT } from '../../constructs/ollama';
import { WAIT_TIMEOUT_MARGIN } from '../../constructs/service';
import { OLLAMA_MAX_LOADED_MODELS_MAX, OLLAMA_MAX_LOADED_MODELS_MIN } from '../../constructs/limits';
import { container, newStack, synth, SynthesizedContainer, SynthesizedStack, validationMessages } from '../support/synth';
import { errorOf } from '../support/validation-error';

/** An Ollama `ollama` in a fresh stack `test`, synthesized with validations on. */
function synthOllama(props: OllamaProps = {}): { ollama: Ollama; json: SynthesizedStack; c: SynthesizedContainer } {
  const stack = newStack();
  const ollama = new Ollama(stack, 'ollama', props);
  const json = synth(stack);
  return { ollama, json, c: container(json, 'test-ollama') };
}

const build = (props: Record<string, unknown>) => () => new Ollama(newStack(), 'ollama', props);

function imageNames(json: SynthesizedStack): string[] {
  return (Object.values(json.resource.docker_image ?? {}) as { name: string }[]).map((i) => i.name);
}

describe('Ollama', () => {
  describe('defaults', () => {
    test('given no props, when synthesized, then the image is the pinned ollama/ollama:0.6.5', () => {
      const { json, c } = synthOllama();
      expect(OLLAMA_DEFAULT_IMAGE).toBe('ollama/ollama:0.6.5');
      expect(imageNames(json)).toEqual(['ollama/ollama:0.6.5']);
      expect(c.image).toMatch(/^\$\{docker_image\..+\.image_id\}$/);
    });

    test('given no props, when synthesized, then the health check runs `ollama list` in exec form, every 15 s', () => {
      const { ollama, c } = synthOllama();
      expect(c.healthcheck).toEqual({ test: ['CMD', 'ollama', 'list'], interval: '15s', timeout: '10s', retries: 3, start_period: '20s', start_interval: '1s' });
      expect(ollama.healthCheck.tools).toEqual(['ollama']);
    });

    test('given no props, when synthesized, then the deploy waits for the check: start period + retries x (interval + timeout) + margin', () => {
      const { c } = synthOllama();
      expect(c.wait).toBe(true);
      expect(c.wait_timeout).toBe(20 + 3 * (15 + 10) + WAIT_TIMEOUT_MARGIN.toSecondsCeil());
    });

    test('given no props, when synthesized, then it gets 2 cores, 4 GiB without swap and 30 s to stop', () => {
      const { c } = synthOllama();
      expect(c).toMatchObject({ cpus: '2.0', memory: 4096, memory_swap: 4096, stop_timeout: 30, destroy_grace_seconds: 30 });
    });

    test('given no props, when synthesized, then only OLLAMA_HOST is set, listening on every address of port 11434', () => {
      const { c } = synthOllama();
      expect(c.env).toEqual(['OLLAMA_HOST=0.0.0.0:11434']);
    });

    test('given no props, when synthesized, then the models live in the named volume test-ollama-models at /root/.ollama', () => {
      const { ollama, c } = synthOllama();
      expect(OLLAMA_MODELS_PATH).toBe('/root/.ollama');
      expect(c.mounts).toEqual([{ type: 'volume', source: 'test-ollama-models', target: '/root/.ollama', read_only: false }]);
      expect(ollama.modelsVolume.volumeName).toBe('test-ollama-models');
      expect(ollama.modelsVolume.node.path).toBe('test/ollama/models');
    });

    test('given no hostPort, when synthesized, then nothing is published on the host', () => {
      const { ollama, c } = synthOllama();
      expect(c.ports).toBeUndefined();
      expect(ollama.ports).toEqual([]);
    });

    test('given an id, when constructed, then url names the service on port 11434', () => {
      const { ollama } = synthOllama();
      expect(ollama.url).toBe('http://ollama:11434');
      expect(OLLAMA_PORT.number).toBe(11434);
    });

    test('given a mixed-case id, when synthesized, then url, container name and volume name are lowercased', () => {
      const stack = newStack();
      const ollama = new Ollama(stack, 'LLM');
      const c = container(synth(stack), 'test-llm');
      expect(ollama.url).toBe('http://llm:11434');
      expect(c.mounts).toEqual([{ type: 'volume', source: 'test-llm-models', target: '/root/.ollama', read_only: false }]);
    });

    test('given the defaults, when the stack is validated, then no rule complains', () => {
      const stack = newStack();
      new Ollama(stack, 'ollama');
      expect(validationMessages(stack)).toEqual([]);
    });
  });

  describe('keepAlive', () => {
    test.each([
      ['Duration.seconds(0) (unload at once)', Duration.seconds(0), '0s'],
      ['Duration.millis(1500)', Duration.millis(1500), '1.5s'],
      ['Duration.seconds(90)', Duration.seconds(90), '1m30s'],
      ['Duration.minutes(30)', Duration.minutes(30), '30m0s'],
      ['Duration.hours(24)', Duration.hours(24), '24h0m0s'],
    ])('given keepAlive %s, when synthesized, then OLLAMA_KEEP_ALIVE is the Go duration %p', (_what, keepAlive, rendered) => {
      const { c } = synthOllama({ keepAlive });
      expect(c.env).toEqual(['OLLAMA_HOST=0.0.0.0:11434', `OLLAMA_KEEP_ALIVE=${rendered}`]);
    });

    test('given OLLAMA_KEEP_ALIVE in the environment and no keepAlive (e.g. -1, which no Duration expresses), when synthesized, then it is passed as given', () => {
      const { c } = synthOllama({ environment: { OLLAMA_KEEP_ALIVE: '-1' } });
      expect(c.env).toEqual(['OLLAMA_HOST=0.0.0.0:11434', 'OLLAMA_KEEP_ALIVE=-1']);
    });

    test('fails when keepAlive is a number of seconds instead of a Duration', () => {
      const error = errorOf(build({ keepAlive: 300 }));
      expect(error.problems).toEqual([expect.objectContaining({ path: 'test/ollama', field: 'keepAlive', value: 300, message: 'not a Duration', fix: 'use Duration.minutes(n)' })]);
    });

    test('fails when keepAlive is a Go duration string', () => {
      const error = errorOf(build({ keepAlive: '5m' }));
      expect(error.message).toContain('test/ollama: keepAlive = "5m": not a Duration. Fix: use Duration.minutes(n)');
    });

    test('fails when keepAlive and OLLAMA_KEEP_ALIVE in the environment are both given: one would be dropped silently', () => {
      const error = errorOf(build({ keepAlive: Duration.minutes(30), environment: { OLLAMA_KEEP_ALIVE: '1h' } }));
      expect(error.problems).toEqual([
        expect.objectContaining({ path: 'test/ollama', field: 'environment.OLLAMA_KEEP_ALIVE', value: '1h', message: 'keepAlive sets OLLAMA_KEEP_ALIVE' }),
      ]);
      expect(error.message).toContain('Fix: give either keepAlive or environment.OLLAMA_KEEP_ALIVE, not both');
    });

    test('fails when keepAlive and a secret OLLAMA_KEEP_ALIVE are both given, and nothing is left in the tree', () => {
      const stack = newStack();
      const error = errorOf(() => new Ollama(stack, 'ollama', { keepAlive: Duration.minutes(30), secrets: { OLLAMA_KEEP_ALIVE: Secret.fromVariable('keep_alive') } }));
      expect(error.problems[0]).toMatchObject({ path: 'test/ollama', field: 'secrets.OLLAMA_KEEP_ALIVE', message: 'keepAlive sets OLLAMA_KEEP_ALIVE' });
      expect(stack.node.tryFindChild('ollama')).toBeUndefined();
    });
  });

  describe('maxLoadedModels', () => {
    test.each([OLLAMA_MAX_LOADED_MODELS_MIN, 2, OLLAMA_MAX_LOADED_MODELS_MAX])('given maxLoadedModels %d, when synthesized, then OLLAMA_MAX_LOADED_MODELS carries it', (maxLoadedModels) => {
      const { c } = synthOllama({ maxLoadedModels });
      expect(c.env).toEqual(['OLLAMA_HOST=0.0.0.0:11434', `OLLAMA_MAX_LOADED_MODELS=${maxLoadedModels}`]);
    });

    test('given keepAlive and maxLoadedModels, when synthesized, then both variables are set beside OLLAMA_HOST', () => {
      const { c } = synthOllama({ keepAlive: Duration.minutes(10), maxLoadedModels: 3 });
      expect(c.env).toEqual(['OLLAMA_HOST=0.0.0.0:11434', 'OLLAMA_KEEP_ALIVE=10m0s', 'OLLAMA_MAX_LOADED_MODELS=3']);
    });

    test('given the bounds, then they are 1 and 16', () => {
      expect([OLLAMA_MAX_LOADED_MODELS_MIN, OLLAMA_MAX_LOADED_MODELS_MAX]).toEqual([1, 16]);
    });

    test.each([
      [OLLAMA_MAX_LOADED_MODELS_MIN - 1, 'maxLoadedModels below 1'],
      [OLLAMA_MAX_LOADED_MODELS_MAX + 1, 'maxLoadedModels above 16'],
      [1.5, 'maxLoadedModels must be whole'],
      ['2', 'not a number'],
    ])('fails when maxLoadedModels is %p', (maxLoadedModels, message) => {
      const error = errorOf(build({ maxLoadedModels }));
      expect(error.problems).toEqual([
        expect.objectContaining({ path: 'test/ollama', field: 'maxLoadedModels', value: maxLoadedModels, message, fix: 'use a whole number from 1 to 16' }),
      ]);
    });

    test('fails when maxLoadedModels and OLLAMA_MAX_LOADED_MODELS in the environment are both given', () => {
      const error = errorOf(build({ maxLoadedModels: 2, environment: { OLLAMA_MAX_LOADED_MODELS: '4' } }));
      expect(error.problems).toEqual([expect.objectContaining({ path: 'test/ollama', field: 'environment.OLLAMA_MAX_LOADED_MODELS', message: 'maxLoadedModels sets OLLAMA_MAX_LOADED_MODELS' })]);
    });
  });

  describe('hostPort', () => {
    test('given a hostPort, when synthesized, then 11434 is published on 127.0.0.1 only', () => {
      const { ollama, c } = synthOllama({ hostPort: Port.tcp(11434) });
      expect(c.ports).toEqual([{ internal: 11434, external: 11434, ip: '127.0.0.1', protocol: 'tcp' }]);
      expect(ollama.ports).toEqual([{ hostIp: '127.0.0.1', hostPort: Port.tcp(11434), containerPort: OLLAMA_PORT }]);
    });

    test('given a hostPort on a public service, when synthesized, then it binds 0.0.0.0', () => {
      const { c } = synthOllama({ hostPort: Port.tcp(21434), public: true });
      expect(c.ports).toEqual([{ internal: 11434, external: 21434, ip: '0.0.0.0', protocol: 'tcp' }]);
    });

    test('fails when hostPort is a bare number', () => {
      const error = errorOf(build({ hostPort: 11434 }));
      expect(error.problems).toEqual([expect.objectContaining({ path: 'test/ollama', field: 'hostPort', value: 11434, message: 'not a Port', fix: 'use Port.tcp(n)' })]);
    });
  });

  describe('overrides', () => {
    test('given its own health check, when synthesized, then it replaces `ollama list`', () => {
      const { c } = synthOllama({ healthCheck: HealthCheck.httpGet('/api/version', { port: OLLAMA_PORT, tool: ProbeTool.BASH, startPeriod: Duration.seconds(60) }) });
      const check = c.healthcheck as { test: string[]; start_period: string };
      expect(check.test.slice(0, 3)).toEqual(['CMD', 'bash', '-c']);
      expect(check.test[3]).toContain('/dev/tcp/127.0.0.1/11434');
      expect(check.start_period).toBe('1m0s');
    });

    test('given another pinned image, when synthesized, then it is used with the same check', () => {
      const { json, c } = synthOllama({ image: ContainerImage.fromRegistry('ollama/ollama:0.9.0') });
      expect(imageNames(json)).toEqual(['ollama/ollama:0.9.0']);
      expect(c.healthcheck).toMatchObject({ test: ['CMD', 'ollama', 'list'] });
    });

    test('given environment, when synthesized, then a given OLLAMA_HOST wins and other variables are kept', () => {
      const { c } = synthOllama({ environment: { OLLAMA_HOST: '[::]:11434', OLLAMA_DEBUG: '1' } });
      expect(c.env).toEqual(['OLLAMA_DEBUG=1', 'OLLAMA_HOST=[::]:11434']);
    });

    test('given limits and a grace period, when synthesized, then they replace the kind defaults', () => {
      const { c } = synthOllama({ cpuLimit: Cpu.cores(4), memoryLimit: Size.gibibytes(8), stopGracePeriod: Duration.seconds(60) });
      expect(c).toMatchObject({ cpus: '4.0', memory: 8192, memory_swap: 8192, stop_timeout: 60, destroy_grace_seconds: 60 });
    });

    test('given its own modelsVolume, when synthesized, then that volume is mounted at /root/.ollama and no default one is created', () => {
      const stack = newStack();
      const volume = new NamedVolume(stack, 'shared-models', { volumeName: 'llm-models' });
      const ollama = new Ollama(stack, 'ollama', { modelsVolume: volume });
      expect(container(synth(stack), 'test-ollama').mounts).toEqual([{ type: 'volume', source: 'llm-models', target: '/root/.ollama', read_only: false }]);
      expect(ollama.modelsVolume).toBe(volume);
      expect(ollama.node.tryFindChild('models')).toBeUndefined();
    });
  });

  describe('validation', () => {
    test('fails when a prop is unknown (e.g. a model list), and nothing is left in the tree', () => {
      const stack = newStack();
      const error = errorOf(() => new Ollama(stack, 'ollama', { models: ['llama3'] } as unknown as OllamaProps));
      expect(error.problems[0]).toMatchObject({ path: 'test/ollama', field: '(props)' });
      expect(error.message).toContain('remove models');
      expect(stack.node.tryFindChild('ollama')).toBeUndefined();
    });

    test('fails when modelsVolume is not a NamedVolume', () => {
      const error = errorOf(build({ modelsVolume: 'ollama_models' }));
      expect(error.problems).toEqual([expect.objectContaining({ path: 'test/ollama', field: 'modelsVolume', value: 'ollama_models', message: 'not a NamedVolume', fix: 'create it with new NamedVolume(...)' })]);
    });

    test('fails when several props are wrong, naming each field at once', () => {
      const error = errorOf(build({ keepAlive: 300, maxLoadedModels: 0, hostPort: 11434 }));
      expect(error.problems.map((p) => p.field).sort()).toEqual(['hostPort', 'keepAlive', 'maxLoadedModels']);
    });

    test('fails when replicas is 2: two writers on one models volume', () => {
      const error = errorOf(build({ replicas: 2 }));
      expect(error.problems[0]).toMatchObject({ path: 'test/ollama', field: 'volumes', value: '/root/.ollama' });
    });
  });

  describe('stack rules', () => {
    test.each([
      ['curl', ProbeTool.CURL],
      ['wget', ProbeTool.WGET],
    ])('fails when the health check is a %s probe on the default image (CDS-HEALTHCHECK-TOOL)', (tool, probeTool) => {
      const stack = newStack();
      new Ollama(stack, 'ollama', { healthCheck: HealthCheck.httpGet('/api/tags', { port: OLLAMA_PORT, tool: probeTool }) });
      expect(() => Testing.synth(stack, true)).toThrow(new RegExp(`\\[CDS-HEALTHCHECK-TOOL\\] test/ollama: healthCheck = .*: calls ${tool}, which ollama/ollama:0\\.6\\.5 does not have`));
    });

    test('fails when the health check is a curl command on the default image (CDS-HEALTHCHECK-TOOL)', () => {
      const stack = newStack();
      new Ollama(stack, 'ollama', { healthCheck: HealthCheck.command(['curl', '-f', 'http://localhost:11434/api/tags']) });
      expect(() => Testing.synth(stack, true)).toThrow(/\[CDS-HEALTHCHECK-TOOL\] test\/ollama: healthCheck = "CMD curl -f http:\/\/localhost:11434\/api\/tags": calls curl/);
    });

    test('fails when the image is ollama/ollama:latest (CDS-IMAGE-UNPINNED)', () => {
      const stack = newStack();
      new Ollama(stack, 'ollama', { image: ContainerImage.fromRegistry('ollama/ollama:latest') });
      expect(() => Testing.synth(stack, true)).toThrow(/\[CDS-IMAGE-UNPINNED\] test\/ollama: image = "ollama\/ollama:latest"/);
    });
  });
});
