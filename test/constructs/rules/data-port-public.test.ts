import { AnnotationMetadataEntryType } from 'cdktf';
import { ChromaDb, ContainerImage, HealthCheck, Ollama, Port, Postgres, Redis, Secret, Service } from '../../../constructs';
import { StackAdvisor } from '../../../constructs/rules/stack-advisor';
import { newStack, synth, validationMessages } from '../../support/synth';

const password = Secret.fromVariable('db_password');
const health = HealthCheck.command(['true']);
const RULE = 'CDS-DATA-PORT-PUBLIC';

/** The advice CDS-DATA-PORT-PUBLIC gives for the stack `build` fills. */
function adviceFor(build: (stack: ReturnType<typeof newStack>) => void) {
  const stack = newStack();
  build(stack);
  return { stack, advice: new StackAdvisor(stack).problems().filter((p) => p.ruleId === RULE) };
}

describe('CDS-DATA-PORT-PUBLIC', () => {
  test.each<[string, (stack: ReturnType<typeof newStack>) => void]>([
    ['a Postgres published on 127.0.0.1 (the default)', (s) => new Postgres(s, 'db', { password, hostPort: Port.tcp(5432) })],
    ['a Redis on another loopback address', (s) => new Redis(s, 'cache', { ports: [{ containerPort: Port.tcp(6379), hostIp: '127.0.0.2' }] })],
    ['a Postgres that publishes nothing, public or not', (s) => new Postgres(s, 'db', { password, public: true })],
    ['a public API', (s) => new Service(s, 'api', { image: ContainerImage.fromRegistry('example/api:1.0.0'), healthCheck: health, public: true, ports: [{ containerPort: Port.tcp(8000) }] })],
  ])('compliant: %s', (_what, build) => {
    expect(adviceFor(build).advice).toEqual([]);
  });

  test('non-compliant: a public Postgres on 0.0.0.0:5432, with path, field, value and fix', () => {
    const { advice } = adviceFor((s) => new Postgres(s, 'db', { password, public: true, hostPort: Port.tcp(5432) }));
    expect(advice).toEqual([
      {
        ruleId: RULE,
        path: 'test/db',
        field: 'ports',
        value: '0.0.0.0:5432/tcp',
        message: "the database's port is published beyond this host, on every interface, so every machine that reaches the host reaches the database",
        fix: 'publish it on 127.0.0.1 (drop public: true or hostIp), or do not publish it and reach db over a stack network; if it must be exposed, firewall it and use strong credentials',
      },
    ]);
  });

  test.each<[string, (stack: ReturnType<typeof newStack>) => void, string]>([
    ['a Redis on a LAN address', (s) => new Redis(s, 'cache', { ports: [{ containerPort: Port.tcp(6379), hostIp: '192.168.1.10' }] }), "the cache's port is published beyond this host, so"],
    ['a public ChromaDb', (s) => new ChromaDb(s, 'chroma', { public: true, hostPort: Port.tcp(8001) }), "the vector store's port"],
    ['a public Ollama', (s) => new Ollama(s, 'ollama', { public: true, hostPort: Port.tcp(11434) }), "the model server's port"],
    [
      'a plain Service running an untagged mirror of the redis image',
      (s) => new Service(s, 'kv', { image: ContainerImage.fromRegistry('mirror.example/redis'), healthCheck: health, public: true, ports: [{ containerPort: Port.tcp(6379) }] }),
      "the data store's port",
    ],
    [
      'a plain Service running the postgres image',
      (s) => new Service(s, 'pg', { image: ContainerImage.fromRegistry('postgres:17-alpine'), healthCheck: health, public: true, ports: [{ containerPort: Port.tcp(5432) }] }),
      "the data store's port",
    ],
  ])('non-compliant: %s', (_what, build, message) => {
    const { advice } = adviceFor(build);
    expect(advice).toHaveLength(1);
    expect(advice[0].message).toContain(message);
  });

  test('given a public Postgres, when synthesized with validations, then synth succeeds and the database carries the warning', () => {
    const stack = newStack();
    const db = new Postgres(stack, 'db', { password, public: true, hostPort: Port.tcp(5432) });
    expect(validationMessages(stack)).toEqual([]);
    synth(stack);
    const warnings = db.node.metadata.filter((m) => (m.type as AnnotationMetadataEntryType) === AnnotationMetadataEntryType.WARN).map((m) => String(m.data));
    expect(warnings).toEqual([expect.stringMatching(/^\[CDS-DATA-PORT-PUBLIC\] test\/db: ports = "0\.0\.0\.0:5432\/tcp": /)]);
  });
});
