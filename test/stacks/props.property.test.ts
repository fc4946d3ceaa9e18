import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { Testing } from 'cdktf';
import { ChromaDb, ContainerImage, DockerApp, DockerStack, HealthCheck, Ollama, Port, Postgres, Redis, Service, Size, StackValidationError, ValidationError } from '../../constructs';
import { servicePropsSchema } from '../../constructs/private/service-schema';
import { newStack } from '../support/synth';

// Random invalid props always end in a ValidationError naming the construct path (or, for a
// value type built inside the arbitrary, that type's own Error), never in another kind of
// crash, and never in output. 100 runs per property.
const RUNS = { numRuns: 100 };
const image = ContainerImage.fromRegistry('example/app:1.0.0');
const healthCheck = HealthCheck.command(['true']);

/** Builds a Service from `bad` and returns what was thrown (undefined when it was accepted). */
function tryService(bad: Record<string, unknown>): { error: unknown; stack: DockerStack } {
  const stack = newStack();
  try {
    new Service(stack, 'svc', { image, healthCheck, ...bad });
    return { error: undefined, stack };
  } catch (error) {
    return { error, stack };
  }
}

/** The error is a ValidationError whose message names the construct path; anything else fails. */
function expectValidationError(error: unknown, bad: unknown, constructPath = 'test/svc'): void {
  if (error === undefined) throw new Error(`accepted invalid props ${safeJson(bad)}`);
  if (!(error instanceof ValidationError)) throw new Error(`${(error as Error)?.name ?? typeof error} instead of a ValidationError for ${safeJson(bad)}: ${(error as Error)?.message}`);
  expect(error.message).toContain(`${constructPath}: `);
  expect(error.problems.length).toBeGreaterThan(0);
  for (const problem of error.problems) expect(problem.path).toBe(constructPath);
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
  } catch {
    return String(value);
  }
}

/** A rejected service leaves no container behind: the stack synthesizes none. */
function expectNoContainer(stack: DockerStack): void {
  const json = JSON.parse(Testing.synth(stack)) as { resource?: { docker_container?: Record<string, unknown> } };
  expect(json.resource?.docker_container ?? {}).toEqual({});
}

const KNOWN_KEYS = new Set(Object.keys(servicePropsSchema.shape));

const propertyCases: [string, fc.Arbitrary<Record<string, unknown>>][] = [
  ['memory sizes as plain numbers (or strings, null)', fc.record({ memoryLimit: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null)) })],
  ['memory limits below 6 MiB or not whole MiB', fc.record({ memoryLimit: fc.oneof(fc.integer({ min: 1, max: 5 }).map(Size.mebibytes), fc.integer({ min: 1, max: 1023 }).map((k) => Size.kibibytes(1024 * 6 + k))) })],
  ['shm and reservation sizes as plain numbers', fc.oneof(fc.record({ shmSize: fc.integer() }), fc.record({ memoryReservation: fc.oneof(fc.integer(), fc.string()) }))],
  ['cpu limits as plain numbers or strings', fc.record({ cpuLimit: fc.oneof(fc.double(), fc.string(), fc.integer()) })],
  ['empty commands and entrypoints', fc.oneof(fc.record({ command: fc.constant([]) }), fc.record({ entrypoint: fc.constant([]) }), fc.record({ command: fc.string() }))],
  ['bad environment keys', fc.record({ environment: fc.dictionary(fc.stringMatching(/^([0-9-]|[A-Za-z_]*[ =.-])[A-Za-z0-9=. -]*$/), fc.string(), { minKeys: 1 }) })],
  ['environment values that are not strings', fc.record({ environment: fc.dictionary(fc.constantFrom('A', 'B_1', 'PATH'), fc.oneof(fc.integer(), fc.boolean(), fc.constant(null)), { minKeys: 1 }) })],
  ['replicas out of range or not whole', fc.record({ replicas: fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 33 }), fc.double({ noInteger: true, min: 0.1, max: 30, noNaN: true }), fc.constant(Number.NaN), fc.string()) })],
  ['unknown keys', fc.string({ minLength: 1 }).filter((k) => !KNOWN_KEYS.has(k) && k !== '__proto__').chain((key) => fc.anything().map((value) => ({ [key]: value })))],
  ['ports given as plain numbers', fc.record({ ports: fc.array(fc.record({ containerPort: fc.integer() }), { minLength: 1, maxLength: 3 }) })],
  ['grace periods as plain numbers or strings', fc.record({ stopGracePeriod: fc.oneof(fc.integer(), fc.string()) })],
  ['wrong types for every flag', fc.oneof(fc.record({ public: fc.oneof(fc.string(), fc.integer()) }), fc.record({ init: fc.string() }), fc.record({ readOnlyRootFilesystem: fc.integer() }))],
  ['relative paths', fc.oneof(fc.record({ workingDir: fc.stringMatching(/^[a-z.][a-z/]*$/) }), fc.record({ bindMounts: fc.constant([{ source: 'relative', target: '/x' }]) }))],
];

describe.each(propertyCases)('Service with %s', (_title, arbitrary) => {
  test('always throws a ValidationError naming test/svc, never another error, and leaves no container', () => {
    fc.assert(
      fc.property(arbitrary, (bad) => {
        const { error, stack } = tryService(bad);
        expectValidationError(error, bad);
        expectNoContainer(stack);
      }),
      RUNS,
    );
  });
});

describe('ports built with Port.tcp from invalid numbers', () => {
  const badPortNumber = fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 65536 }), fc.double({ noInteger: true }), fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0));

  test('the value type throws its own Error with its rule before any construct sees it', () => {
    fc.assert(
      fc.property(badPortNumber, fc.boolean(), (n, asHostPort) => {
        const stack = newStack();
        let caught: unknown;
        try {
          const ports = asHostPort ? [{ containerPort: Port.tcp(8000), hostPort: Port.tcp(n) }] : [{ containerPort: Port.tcp(n) }];
          new Service(stack, 'svc', { image, healthCheck, ports });
        } catch (error) {
          caught = error;
        }
        expect(caught).toBeInstanceOf(Error);
        expect(caught).not.toBeInstanceOf(TypeError);
        expect(caught).not.toBeInstanceOf(RangeError);
        expect((caught as Error).message).toMatch(/whole number from 1 to 65535/);
        expectNoContainer(stack);
      }),
      RUNS,
    );
  });

  test('Port.udp behaves the same', () => {
    fc.assert(
      fc.property(badPortNumber, (n) => {
        expect(() => Port.udp(n)).toThrow(/whole number from 1 to 65535/);
      }),
      RUNS,
    );
  });
});

describe('kind constructs validate before they create anything', () => {
  const kinds: [string, (stack: DockerStack, props: Record<string, unknown>) => unknown][] = [
    ['Postgres', (s, p) => new Postgres(s, 'svc', p)],
    ['Redis', (s, p) => new Redis(s, 'svc', p)],
    ['ChromaDb', (s, p) => new ChromaDb(s, 'svc', p)],
    ['Ollama', (s, p) => new Ollama(s, 'svc', p)],
  ];
  const invalid = fc.oneof(
    fc.record({ memoryLimit: fc.oneof(fc.integer(), fc.string()) }),
    fc.record({ replicas: fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 33 })) }),
    fc.record({ command: fc.constant([]) }),
    fc.record({ environment: fc.constant({ '1BAD': 'x' }) }),
    fc.record({ hostPort: fc.integer() }),
    fc.record({ unknownKey: fc.anything() }),
  );

  test.each(kinds)('%s: ValidationError naming test/svc, and no construct left in the tree', (_kind, build) => {
    fc.assert(
      fc.property(invalid, (bad) => {
        const stack = newStack();
        let caught: unknown;
        try {
          build(stack, bad);
        } catch (error) {
          caught = error;
        }
        expectValidationError(caught, bad);
        // Kinds validate before super(): nothing was added to the tree.
        expect(stack.node.tryFindChild('svc')).toBeUndefined();
        expectNoContainer(stack);
      }),
      RUNS,
    );
  });
});

/** Every file (not directory) under `dir`: cdktf may create empty folders, never a file, before synth. */
function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => entry.name);
}

/** Runs main.ts's sequence (build the stacks, then synth) in a DockerApp writing to a fresh directory. */
function runProgram(build: (stack: DockerStack) => void): { error: unknown; files: string[] } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cds-prop-'));
  try {
    const app = new DockerApp({ outdir });
    const stack = new DockerStack(app, 'test');
    // A valid sibling: its output must not be written either.
    new Service(stack, 'ok', { image, healthCheck });
    let error: unknown;
    try {
      build(stack);
      app.synth();
    } catch (caught) {
      error = caught;
    }
    return { error, files: filesUnder(outdir) };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

describe('a DockerApp program that fails writes nothing to its output directory', () => {
  test('given valid props, when the program runs, then the stack is written (the check below can see files)', () => {
    const { error, files } = runProgram(() => undefined);
    expect(error).toBeUndefined();
    expect(files).toEqual(expect.arrayContaining(['manifest.json', 'cdk.tf.json']));
  });

  test('given invalid props, when the program builds and synthesizes, then a ValidationError stops it and no file is written', () => {
    fc.assert(
      fc.property(fc.constantFrom<Record<string, unknown>>({ memoryLimit: 512 }, { replicas: 0 }, { command: [] }, { environment: { 'BAD-KEY': 'x' } }, { bogus: true }), (bad) => {
        const { error, files } = runProgram((stack) => new Service(stack, 'svc', { image, healthCheck, ...bad }));
        expectValidationError(error, bad);
        expect(files).toEqual([]);
      }),
      { numRuns: 10 },
    );
  });

  test('given services that collide on a host port, when the program synthesizes, then a StackValidationError stops it and no file is written', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 65535 }), (hostPort) => {
        const { error, files } = runProgram((stack) => {
          new Service(stack, 'a', { image, healthCheck, ports: [{ containerPort: Port.tcp(8000), hostPort: Port.tcp(hostPort) }] });
          new Service(stack, 'b', { image, healthCheck, ports: [{ containerPort: Port.tcp(9000), hostPort: Port.tcp(hostPort) }] });
        });
        expect(StackValidationError.isStackValidationError(error)).toBe(true);
        expect(files).toEqual([]);
      }),
      { numRuns: 10 },
    );
  });
});
