import { runInNewContext } from 'vm';
import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdktf';
import * as ts from 'typescript';
import {
  Capability,
  ChromaDb,
  ContainerImage,
  Cpu,
  DockerStack,
  Duration,
  HealthCheck,
  LogRotation,
  NginxProxy,
  Ollama,
  Postgres,
  PythonApi,
  QueueWorker,
  Redis,
  RestartPolicy,
  Scheduler,
  Service,
  Size,
} from '../../constructs';
import { container, SynthesizedContainer, SynthesizedStack } from '../support/synth';

// Each kind documents the defaults it gives Service props (its Props interface re-declares them
// with the kind's own `@default`). Here every documented default of the props below is
// evaluated, given to a plain Service, and the Service's rendering compared with the kind's:
// a kind that changes a default without saying so (or says so wrongly) fails.
//
// The JSDoc is read with the TypeScript parser, following `extends` (KindProps, ServiceProps,
// through Omit) as the compiler does, so an undeclared prop shows the doc the user sees.

const CONSTRUCTS = path.resolve(__dirname, '../../constructs');
const app = ContainerImage.fromRegistry('example/app:1.0.0');

/** Container attributes each prop renders to. */
const RENDERED: Readonly<Record<string, readonly string[]>> = {
  cpuLimit: ['cpus'],
  memoryLimit: ['memory', 'memory_swap'],
  stopGracePeriod: ['stop_timeout', 'destroy_grace_seconds'],
  stopSignal: ['stop_signal'],
  user: ['user'],
  shmSize: ['shm_size'],
  capabilities: ['capabilities'],
  init: ['init'],
  readOnlyRootFilesystem: ['read_only'],
  restartPolicy: ['restart', 'max_retry_count'],
  logging: ['log_driver', 'log_opts'],
  image: [],
  public: [],
};

interface Kind {
  readonly file: string;
  readonly props: string;
  /** Service props this kind gives another meaning (Postgres' `user` is the database user). */
  readonly redefines?: readonly string[];
  /** Adds the kind with its defaults, as `<stack>-kind`. */
  readonly make: (stack: DockerStack) => void;
}

const KINDS: Readonly<Record<string, Kind>> = {
  Postgres: { file: 'postgres.ts', props: 'PostgresProps', redefines: ['user'], make: (s) => new Postgres(s, 'kind') },
  Redis: { file: 'redis.ts', props: 'RedisProps', make: (s) => new Redis(s, 'kind') },
  PythonApi: { file: 'python-api.ts', props: 'PythonApiProps', make: (s) => new PythonApi(s, 'kind', { image: app, app: 'app.main:app' }) },
  QueueWorker: { file: 'queue-worker.ts', props: 'QueueWorkerProps', make: (s) => new QueueWorker(s, 'kind', { image: app, command: ['python', '-m', 'worker'], queue: 'jobs' }) },
  Scheduler: { file: 'scheduler.ts', props: 'SchedulerProps', make: (s) => new Scheduler(s, 'kind') },
  ChromaDb: { file: 'chroma-db.ts', props: 'ChromaDbProps', make: (s) => new ChromaDb(s, 'kind') },
  Ollama: { file: 'ollama.ts', props: 'OllamaProps', make: (s) => new Ollama(s, 'kind') },
  NginxProxy: {
    file: 'nginx-proxy.ts',
    props: 'NginxProxyProps',
    make: (s) => new NginxProxy(s, 'kind', { routes: [{ path: '/', upstream: new PythonApi(s, 'upstream', { image: app, app: 'app.main:app' }) }] }),
  },
};

const sources = new Map<string, ts.SourceFile>();
function source(file: string): ts.SourceFile {
  let parsed = sources.get(file);
  if (!parsed) {
    parsed = ts.createSourceFile(file, fs.readFileSync(path.join(CONSTRUCTS, file), 'utf8'), ts.ScriptTarget.ES2022, true);
    sources.set(file, parsed);
  }
  return parsed;
}

function findInterface(name: string, files: readonly string[]): ts.InterfaceDeclaration {
  for (const file of files) {
    const found = source(file).statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === name);
    if (found) return found;
  }
  throw new Error(`no interface ${name} in ${files.join(', ')}`);
}

/** The `@default` text the user sees for `prop` of interface `name`: its own, else the nearest base's. */
function documentedDefault(name: string, prop: string, files: readonly string[]): string | undefined {
  const declaration = findInterface(name, files);
  const member = declaration.members.find((m) => m.name !== undefined && ts.isIdentifier(m.name) && m.name.text === prop);
  if (member) {
    const tag = ts.getJSDocTags(member).find((t) => t.tagName.text === 'default');
    return tag ? ts.getTextOfJSDocComment(tag.comment)?.trim() : undefined;
  }
  for (const heritage of declaration.heritageClauses?.flatMap((h) => h.types) ?? []) {
    const base = heritage.expression.getText() === 'Omit' ? heritage.typeArguments?.[0] : heritage;
    const baseName = base && ts.isExpressionWithTypeArguments(base) ? base.expression.getText() : base && ts.isTypeReferenceNode(base) ? base.typeName.getText() : undefined;
    if (baseName) return documentedDefault(baseName, prop, files);
  }
  return undefined;
}

/** A `@default` that is a value (`Size.mebibytes(256)`, `true`, `"redis"`, `[...]`), evaluated; undefined for "- what happens". */
function evaluate(text: string): { value: unknown } | undefined {
  const expression = /^(?:(?:Cpu|Size|Duration|RestartPolicy|LogRotation|ContainerImage)\.\w+\([^)]*\)|true|false|"[^"]*"|\[[^\]]*\])/.exec(text)?.[0];
  if (expression === undefined) return undefined;
  const scope = { Capability, ContainerImage, Cpu, Duration, LogRotation, RestartPolicy, Size };
  return { value: runInNewContext(`(${expression})`, scope) as unknown };
}

function synth(build: (stack: DockerStack) => void): SynthesizedStack {
  const stack = new DockerStack(Testing.app(), 't');
  build(stack);
  return JSON.parse(Testing.synth(stack)) as SynthesizedStack;
}

function imageNames(json: SynthesizedStack): unknown[] {
  return Object.values(json.resource.docker_image ?? {}).map((i) => i.name);
}

const cases = Object.entries(KINDS).flatMap(([kind, spec]) =>
  Object.keys(RENDERED)
    .filter((prop) => !spec.redefines?.includes(prop))
    .map((prop) => [kind, prop, documentedDefault(spec.props, prop, [spec.file, 'service.ts']) ?? '(none)'] as const),
);

describe('kinds document the defaults they give Service props', () => {
  const rendered = new Map<string, SynthesizedStack>();
  const kindJson = (kind: string): SynthesizedStack => {
    if (!rendered.has(kind)) rendered.set(kind, synth(KINDS[kind].make));
    return rendered.get(kind) as SynthesizedStack;
  };

  test.each(cases)('%s: %s is rendered as documented (@default %s)', (kind, prop, doc) => {
    const json = kindJson(kind);
    const actual = container(json, 't-kind');
    const given = evaluate(doc);
    if (prop === 'public') {
      // Only a published port shows it: every host address follows the documented default.
      const ports = (actual.ports as { ip: string }[] | undefined) ?? [];
      for (const port of ports) expect(port.ip).toBe(given?.value === true ? '0.0.0.0' : '127.0.0.1');
      return;
    }
    const reference = synth((stack) => {
      new Service(stack, 'reference', { image: app, healthCheck: HealthCheck.none(), ...(given ? { [prop]: given.value } : {}) });
    });
    if (prop === 'image') {
      // The kind's default image is the one documented (an image the user must give has no default).
      if (given) expect(imageNames(json)).toContain((given.value as ContainerImage).reference);
      else expect(doc).toBe('(none)');
      return;
    }
    const expected: SynthesizedContainer = container(reference, 't-reference');
    // An unset boolean is false to Docker: `init: false` and no `init` mean the same.
    const normal = (value: unknown): unknown => (value === false ? undefined : value);
    for (const attribute of RENDERED[prop]) expect([attribute, normal(actual[attribute])]).toEqual([attribute, normal(expected[attribute])]);
  });

  test('given Redis and Ollama, then memoryLimit documents the kind\'s own default, not the Service\'s 512 MiB', () => {
    expect(documentedDefault('RedisProps', 'memoryLimit', ['redis.ts', 'service.ts'])).toBe('Size.mebibytes(256)');
    expect(documentedDefault('OllamaProps', 'memoryLimit', ['ollama.ts', 'service.ts'])).toBe('Size.gibibytes(4)');
  });
});
