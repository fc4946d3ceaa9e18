import type { z } from 'zod';
import {
  Capability,
  ContainerImage,
  Cpu,
  Duration,
  HealthCheck,
  LogRotation,
  NamedVolume,
  Port,
  Postgres,
  Redis,
  RestartPolicy,
  Secret,
  Service,
  Size,
  StackNetwork,
  UpdateOrder,
  type ValidationProblem,
} from '../../../constructs';
import { REPLICAS_MAX, REPLICAS_MIN, SWARM_MAX_REPLICAS_PER_NODE_MAX, SWARM_MAX_REPLICAS_PER_NODE_MIN } from '../../../constructs/limits';
import {
  ABSOLUTE_PATH,
  ENV_KEY,
  NODE_LABEL_KEY,
  NODE_LABEL_VALUE,
  SERVICE_DEFAULT_MEMORY_LIMIT,
  absolutePath,
  argv,
  duration,
  memoryReservationProblem,
  port,
  servicePropsSchema,
  size,
  wholeMiB,
} from '../../../constructs/private/service-schema';
import { zodProblems } from '../../../constructs/private/validation';
import { container, newStack, synth } from '../../support/synth';
import { errorOf } from '../../support/validation-error';

const image = ContainerImage.fromRegistry('example/app:1.0.0');
const healthCheck = HealthCheck.command(['true']);

describe('memoryReservation within memoryLimit', () => {
  test('given a reservation equal to the limit, then it is rendered', () => {
    const stack = newStack();
    new Service(stack, 'api', { image, healthCheck, memoryLimit: Size.mebibytes(256), memoryReservation: Size.mebibytes(256) });
    expect(container(synth(stack), 'test-api')).toMatchObject({ memory: 256, memory_reservation: 256 });
  });

  test('fails when the reservation is one MiB above an explicit limit, naming both values and the fix, and adds nothing to the tree', () => {
    const stack = newStack();
    const error = errorOf(() => new Service(stack, 'api', { image, healthCheck, memoryLimit: Size.mebibytes(256), memoryReservation: Size.mebibytes(257) }));
    expect(error.problems).toEqual([
      {
        ruleId: 'props',
        path: 'test/api',
        field: 'memoryReservation',
        value: Size.mebibytes(257),
        message: 'above memoryLimit 256m: the engine refuses a reservation larger than the limit',
        fix: 'lower memoryReservation to at most 256m, or raise memoryLimit to at least 257m',
      },
    ]);
    expect(stack.node.tryFindChild('api')).toBeUndefined();
  });

  test('fails when the reservation is above the default limit, and says the limit is the default', () => {
    const reservation = Size.mebibytes(SERVICE_DEFAULT_MEMORY_LIMIT.toMebibytes() + 1);
    const [problem] = errorOf(() => new Service(newStack(), 'api', { image, healthCheck, memoryReservation: reservation })).problems;
    expect(problem).toMatchObject({ field: 'memoryReservation', value: reservation, message: `above memoryLimit ${SERVICE_DEFAULT_MEMORY_LIMIT} (the default): the engine refuses a reservation larger than the limit` });
    expect(new Service(newStack(), 'ok', { image, healthCheck, memoryReservation: SERVICE_DEFAULT_MEMORY_LIMIT }).containers).toHaveLength(1);
  });

  test('fails when a Redis reserves 300 MiB under its own 256 MiB default limit; 256 MiB passes', () => {
    const [problem] = errorOf(() => new Redis(newStack(), 'cache', { memoryReservation: Size.mebibytes(300) })).problems;
    expect(problem).toMatchObject({ path: 'test/cache', field: 'memoryReservation', value: Size.mebibytes(300) });
    expect(problem.message).toContain('above memoryLimit 256m');
    expect(problem.fix).toBe('lower memoryReservation to at most 256m, or raise memoryLimit to at least 300m');

    const stack = newStack();
    new Redis(stack, 'cache', { memoryReservation: Size.mebibytes(256) });
    expect(container(synth(stack), 'test-cache')).toMatchObject({ memory: 256, memory_reservation: 256 });
  });

  test('fails when a Postgres reserves one MiB more than its 1 GiB default limit', () => {
    const password = Secret.fromVariable('db_password');
    const reservation = Size.mebibytes(1025);
    expect(errorOf(() => new Postgres(newStack(), 'db', { password, memoryReservation: reservation })).problems[0]).toMatchObject({ field: 'memoryReservation', message: expect.stringContaining('above memoryLimit 1g') });
  });
});

// The schema itself, parsed as Service parses it: each refusal as the problem the construct reports.
// No Service is built at load time: a mutant that breaks Service must fail tests, not the file.
const stack = newStack();
const network = new StackNetwork(stack, 'net');
const volume = new NamedVolume(stack, 'data');
const base = { image, healthCheck };

type Reported = Pick<ValidationProblem, 'field' | 'value' | 'message' | 'fix'>;

/** The problems servicePropsSchema finds in `base` overridden by `props`, as zodProblems formats them. */
function problemsOf(props: Record<string, unknown>, whole: Record<string, unknown> = { ...base, ...props }): Reported[] {
  const result = servicePropsSchema.safeParse(whole);
  if (result.success) return [];
  return zodProblems('test/api', result.error, whole).map(({ field, value, message, fix }) => ({ field, value, message, fix }));
}

const accepted = (props: Record<string, unknown>) => expect(problemsOf(props)).toEqual([]);
const refusedAt = (props: Record<string, unknown>, field: string) => expect(problemsOf(props).map((p) => p.field)).toEqual([field]);

describe('servicePropsSchema: a Service with every prop set', () => {
  test('is accepted, and so is one with only the image and the health check', () => {
    const dependency = new Service(newStack(), 'dep', { image, healthCheck });
    accepted({
      containerName: 'api-1',
      command: ['serve', '--port', '8000'],
      entrypoint: ['/bin/app'],
      environment: { LOG_LEVEL: 'info' },
      secrets: { DB_PASSWORD: Secret.fromVariable('db_password') },
      ports: [{ containerPort: Port.tcp(8000), hostPort: Port.tcp(18000), hostIp: '0.0.0.0' }],
      public: true,
      networks: [{ network, aliases: ['api'] }],
      volumes: [{ volume, target: '/data', readOnly: true }],
      bindMounts: [{ source: '/etc/certs', target: '/certs', readOnly: false }],
      files: [{ path: '/etc/app.conf', content: 'x=1', executable: true }],
      cpuLimit: Cpu.cores(2),
      memoryLimit: Size.mebibytes(256),
      memoryReservation: Size.mebibytes(128),
      shmSize: Size.mebibytes(64),
      restartPolicy: RestartPolicy.onFailure(3),
      logging: LogRotation.jsonFile({ maxSize: Size.mebibytes(10), maxFiles: 3 }),
      user: 'app:staff',
      readOnlyRootFilesystem: true,
      tmpfs: { '/tmp': Size.mebibytes(16) },
      capabilities: [Capability.CHOWN, Capability.KILL],
      labels: { 'com.example.team': 'web' },
      replicas: 2,
      stopGracePeriod: Duration.seconds(30),
      stopSignal: 'SIGINT',
      dependsOn: [dependency],
      workingDir: '/app',
      init: true,
      placement: { node: 'Node-1', spreadOver: 'zone', maxReplicasPerNode: 2, global: false },
      cpuReservation: Cpu.cores(0.5),
      updateOrder: UpdateOrder.START_FIRST,
      hostAccess: { reason: 'reads the host clock', privileged: true, hostNetwork: true, hostPid: true, hostIpc: true, dockerSocket: true },
    });
    accepted({});
  });

  test.each<[string, Record<string, unknown>]>([
    ['ports entry without hostPort or hostIp', { ports: [{ containerPort: Port.tcp(80) }] }],
    ['networks entry without aliases', { networks: [{ network }] }],
    ['volumes entry without readOnly', { volumes: [{ volume, target: '/data' }] }],
    ['bindMounts entry without readOnly', { bindMounts: [{ source: '/a', target: '/b' }] }],
    ['files entry without executable', { files: [{ path: '/a', content: '' }] }],
    ['placement with nothing set', { placement: {} }],
    ['hostAccess with only a reason', { hostAccess: { reason: '0123456789' } }],
  ])('accepts a %s', (_, props) => accepted(props));
});

describe('servicePropsSchema: each refusal, with its message and fix', () => {
  test.each<[string, Record<string, unknown>, Reported]>([
    ['image', { image: 'nginx:1' }, { field: 'image', value: 'nginx:1', message: 'not a ContainerImage', fix: 'use ContainerImage.fromRegistry("name:tag") or ContainerImage.fromBuild(dir, { tag })' }],
    ['healthCheck', { healthCheck: undefined }, { field: 'healthCheck', value: undefined, message: 'missing or not a HealthCheck', fix: 'use HealthCheck.command([...]), HealthCheck.httpGet(path, { port }), or HealthCheck.none()' }],
    ['containerName', { containerName: '-api' }, { field: 'containerName', value: '-api', message: 'not a valid container name', fix: 'use letters, digits, "_", "." or "-"' }],
    ['command', { command: [] }, { field: 'command', value: [], message: 'an empty argument list', fix: 'give at least the program' }],
    ['entrypoint', { entrypoint: [] }, { field: 'entrypoint', value: [], message: 'an empty argument list', fix: 'give at least the program' }],
    ['environment key', { environment: { '1ST': 'x' } }, { field: 'environment.1ST', value: 'x', message: 'not a valid variable name', fix: 'use letters, digits and "_", not starting with a digit' }],
    ['secrets key', { secrets: { 'DB-PASSWORD': Secret.fromVariable('p') } }, { field: 'secrets.DB-PASSWORD', value: Secret.fromVariable('p'), message: 'not a valid variable name', fix: 'use letters, digits and "_", not starting with a digit' }],
    ['secrets value', { secrets: { DB_PASSWORD: 'plain' } }, { field: 'secrets.DB_PASSWORD', value: 'plain', message: 'not a Secret', fix: 'use Secret.fromVariable(name), or a GeneratedSecret (new GeneratedSecret(scope, id).secret)' }],
    ['ports containerPort', { ports: [{ containerPort: 80 }] }, { field: 'ports.0.containerPort', value: 80, message: 'not a Port', fix: 'use Port.tcp(n)' }],
    ['ports hostIp', { ports: [{ containerPort: Port.tcp(80), hostIp: 'localhost' }] }, { field: 'ports.0.hostIp', value: 'localhost', message: 'not an IPv4 address', fix: 'use "127.0.0.1" (default) or "0.0.0.0" for a public service' }],
    ['networks network', { networks: [{ network: 'backend' }] }, { field: 'networks.0.network', value: 'backend', message: 'not a StackNetwork', fix: 'create the network with new StackNetwork(...)' }],
    ['networks alias', { networks: [{ network, aliases: ['API'] }] }, { field: 'networks.0.aliases.0', value: 'API', message: 'not a valid DNS alias', fix: 'use lowercase letters, digits, "." and "-"' }],
    ['volumes volume', { volumes: [{ volume: 'data', target: '/data' }] }, { field: 'volumes.0.volume', value: 'data', message: 'not a NamedVolume', fix: 'create it with new NamedVolume(...)' }],
    ['volumes target', { volumes: [{ volume, target: 'data' }] }, { field: 'volumes.0.target', value: 'data', message: 'not an absolute path', fix: 'start the path with "/"' }],
    ['bindMounts source', { bindMounts: [{ source: 'etc', target: '/etc' }] }, { field: 'bindMounts.0.source', value: 'etc', message: 'not an absolute path', fix: 'start the path with "/"' }],
    ['files path', { files: [{ path: 'app.conf', content: '' }] }, { field: 'files.0.path', value: 'app.conf', message: 'not an absolute path', fix: 'start the path with "/"' }],
    ['cpuLimit', { cpuLimit: 1 }, { field: 'cpuLimit', value: 1, message: 'not a Cpu', fix: 'use Cpu.cores(n)' }],
    ['cpuReservation', { cpuReservation: '0.5' }, { field: 'cpuReservation', value: '0.5', message: 'not a Cpu', fix: 'use Cpu.cores(n)' }],
    ['memoryLimit not a Size', { memoryLimit: 512 }, { field: 'memoryLimit', value: 512, message: 'not a Size', fix: 'use Size.mebibytes(n) or Size.gibibytes(n)' }],
    ['memoryLimit under 6 MiB', { memoryLimit: Size.mebibytes(5) }, { field: 'memoryLimit', value: Size.mebibytes(5), message: 'memoryLimit must be a whole number of MiB, at least 6', fix: 'use Size.mebibytes(n) with n >= 6' }],
    ['memoryLimit of a fractional MiB above the minimum', { memoryLimit: Size.kibibytes(6.5 * 1024) }, { field: 'memoryLimit', value: Size.kibibytes(6.5 * 1024), message: 'memoryLimit must be a whole number of MiB, at least 6', fix: 'use Size.mebibytes(n) with n >= 6' }],
    ['memoryReservation of 0', { memoryReservation: Size.mebibytes(0) }, { field: 'memoryReservation', value: Size.mebibytes(0), message: 'memoryReservation must be a whole number of MiB, at least 1', fix: 'use Size.mebibytes(n) with n >= 1' }],
    ['shmSize of a fractional MiB', { shmSize: Size.kibibytes(1536) }, { field: 'shmSize', value: Size.kibibytes(1536), message: 'shmSize must be a whole number of MiB, at least 1', fix: 'use Size.mebibytes(n) with n >= 1' }],
    ['restartPolicy', { restartPolicy: 'always' }, { field: 'restartPolicy', value: 'always', message: 'not a RestartPolicy', fix: 'use RestartPolicy.onFailure(n)' }],
    ['logging', { logging: 'json-file' }, { field: 'logging', value: 'json-file', message: 'not a LogRotation', fix: 'use LogRotation.jsonFile({ maxSize, maxFiles })' }],
    ['user', { user: 'App' }, { field: 'user', value: 'App', message: 'not a user', fix: 'write a name, "uid" or "uid:gid"' }],
    ['tmpfs key', { tmpfs: { tmp: Size.mebibytes(1) } }, { field: 'tmpfs.tmp', value: 'tmp', message: 'not a valid key: not an absolute path', fix: 'start the path with "/"' }],
    ['tmpfs size', { tmpfs: { '/tmp': '1m' } }, { field: 'tmpfs./tmp', value: '1m', message: 'not a Size', fix: 'use Size.mebibytes(n) or Size.gibibytes(n)' }],
    ['capabilities', { capabilities: ['CHOWN'] }, { field: 'capabilities.0', value: 'CHOWN', message: 'not a Capability', fix: 'use the Capability enum, e.g. Capability.CHOWN' }],
    ['labels key', { labels: { Team: 'web' } }, { field: 'labels.Team', value: 'Team', message: 'not a valid key: not a label key', fix: 'use reverse-DNS keys, e.g. com.example.team' }],
    ['replicas fractional', { replicas: 1.5 }, { field: 'replicas', value: 1.5, message: 'replicas must be whole', fix: 'use an integer' }],
    ['stopGracePeriod not a Duration', { stopGracePeriod: 10 }, { field: 'stopGracePeriod', value: 10, message: 'not a Duration', fix: 'use Duration.seconds(n), Duration.minutes(n), ...' }],
    ['stopGracePeriod in part seconds', { stopGracePeriod: Duration.millis(1500) }, { field: 'stopGracePeriod', value: Duration.millis(1500), message: 'the grace period counts in whole seconds', fix: 'use Duration.seconds(n)' }],
    ['dependsOn', { dependsOn: ['db'] }, { field: 'dependsOn.0', value: 'db', message: 'not a Service', fix: 'pass the Service construct itself' }],
    ['workingDir', { workingDir: 'app' }, { field: 'workingDir', value: 'app', message: 'not an absolute path', fix: 'start the path with "/"' }],
    ['placement node', { placement: { node: 'node 1' } }, { field: 'placement.node', value: 'node 1', message: 'not a node label value', fix: 'use letters, digits, ".", "_" or "-"' }],
    ['placement spreadOver', { placement: { spreadOver: 'Zone' } }, { field: 'placement.spreadOver', value: 'Zone', message: 'not a node label key', fix: 'use lowercase letters, digits, ".", "_" or "-"' }],
    ['placement maxReplicasPerNode fractional', { placement: { maxReplicasPerNode: 2.5 } }, { field: 'placement.maxReplicasPerNode', value: 2.5, message: 'maxReplicasPerNode must be whole', fix: 'use an integer' }],
    ['updateOrder', { updateOrder: 'rolling' }, { field: 'updateOrder', value: 'rolling', message: 'not an UpdateOrder', fix: 'use UpdateOrder.STOP_FIRST or UpdateOrder.START_FIRST' }],
    ['hostAccess reason of 9 characters', { hostAccess: { reason: '012345678' } }, { field: 'hostAccess.reason', value: '012345678', message: 'the reason is too short to review', fix: 'say in a sentence why host access is needed' }],
  ])('refuses a bad %s', (_, props, problem) => {
    expect(problemsOf(props)).toEqual([problem]);
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['the top level', { extra: 1 }, '(props)'],
    ['a ports entry', { ports: [{ containerPort: Port.tcp(80), extra: 1 }] }, 'ports.0'],
    ['a networks entry', { networks: [{ network, extra: 1 }] }, 'networks.0'],
    ['a volumes entry', { volumes: [{ volume, target: '/data', extra: 1 }] }, 'volumes.0'],
    ['a bindMounts entry', { bindMounts: [{ source: '/a', target: '/b', extra: 1 }] }, 'bindMounts.0'],
    ['a files entry', { files: [{ path: '/a', content: '', extra: 1 }] }, 'files.0'],
    ['placement', { placement: { extra: 1 } }, 'placement'],
    ['hostAccess', { hostAccess: { reason: '0123456789', extra: 1 } }, 'hostAccess'],
  ])('refuses an unknown key in %s', (_, props, field) => {
    expect(problemsOf(props)).toEqual([{ field, value: expect.anything(), message: expect.any(String), fix: 'remove extra (check the spelling against the props interface)' }]);
  });
});

describe('servicePropsSchema: the patterns, around each anchor, class and quantifier', () => {
  test.each<[string, boolean]>([
    ['127.0.0.1', true],
    ['0.0.0.0', true],
    ['9.9.9.9', true],
    ['10.10.10.10', true],
    ['199.199.199.199', true],
    ['249.249.249.249', true],
    ['250.250.250.250', true],
    ['255.255.255.255', true],
    ['256.0.0.0', false],
    ['0.0.0.256', false],
    ['260.0.0.0', false],
    ['1000.0.0.0', false],
    ['1.2.3', false],
    ['1.2.3.4.5', false],
    ['x1.2.3.4', false],
    ['1.2.3.4x', false],
  ])('hostIp %p accepted: %p', (hostIp, ok) => {
    const props = { ports: [{ containerPort: Port.tcp(80), hostIp }] };
    if (ok) accepted(props);
    else refusedAt(props, 'ports.0.hostIp');
  });

  test.each<[string, boolean]>([
    ['app', true],
    ['_svc', true],
    ['a1-b_c', true],
    ['app:staff', true],
    ['a1-b_c:_g1-x', true],
    ['0', true],
    ['1000', true],
    ['1000:1000', true],
    ['App', false],
    ['-app', false],
    ['app!', false],
    ['app:', false],
    ['app:1', false],
    ['app:Staff', false],
    ['1app', false],
    ['1000:', false],
    ['1000:x', false],
    [':1000', false],
  ])('user %p accepted: %p', (user, ok) => {
    if (ok) accepted({ user });
    else refusedAt({ user }, 'user');
  });

  test.each<[string, boolean]>([
    ['a', true],
    ['com.example.team', true],
    ['9/x_y-z.w', true],
    ['Team', false],
    ['-team', false],
    ['team!', false],
    ['teAm', false],
  ])('label key %p accepted: %p', (key, ok) => {
    const props = { labels: { [key]: 'v' } };
    if (ok) accepted(props);
    else refusedAt(props, `labels.${key}`);
  });

  test.each<[string, boolean]>([
    ['a', true],
    ['db', true],
    ['api.v-2', true],
    ['API', false],
    ['-db', false],
    ['dB', false],
    ['db_1', false],
  ])('DNS alias %p accepted: %p', (alias, ok) => {
    const props = { networks: [{ network, aliases: [alias] }] };
    if (ok) accepted(props);
    else refusedAt(props, 'networks.0.aliases.0');
  });

  // Uppercase is allowed in a node label value, not in a key.
  test.each<[string, boolean, boolean]>([
    ['a', true, true],
    ['zone', true, true],
    ['zone.a_b-9', true, true],
    ['A', false, true],
    ['Node-1.a_B', false, true],
    ['nodeB', false, true],
    ['-a', false, false],
    ['.a', false, false],
    ['a b', false, false],
    ['a!', false, false],
    ['', false, false],
  ])('node label %p: a valid key %p, a valid value %p', (text, key, value) => {
    expect(NODE_LABEL_KEY.test(text)).toBe(key);
    expect(NODE_LABEL_VALUE.test(text)).toBe(value);
    if (key) accepted({ placement: { spreadOver: text } });
    else refusedAt({ placement: { spreadOver: text } }, 'placement.spreadOver');
    if (value) accepted({ placement: { node: text } });
    else refusedAt({ placement: { node: text } }, 'placement.node');
  });

  test.each<[string, boolean]>([
    ['A', true],
    ['_', true],
    ['PATH', true],
    ['_a1', true],
    ['lower_Case9', true],
    ['1A', false],
    ['A-B', false],
    ['A B', false],
    ['', false],
  ])('variable name %p accepted: %p', (key, ok) => {
    expect(ENV_KEY.test(key)).toBe(ok);
    for (const [field, value] of [['environment', 'x'], ['secrets', Secret.fromVariable('x')]] as const) {
      const props = { [field]: { [key]: value } };
      if (ok) accepted(props);
      else expect(problemsOf(props)).toEqual([{ field: `${field}.${key}`, value, message: 'not a valid variable name', fix: 'use letters, digits and "_", not starting with a digit' }]);
    }
  });

  test('each bad variable name is reported under its own name, the good ones are not', () => {
    expect(problemsOf({ environment: { GOOD: '1', '9BAD': '2', 'ALSO-BAD': '3' } }).map((p) => p.field)).toEqual(['environment.9BAD', 'environment.ALSO-BAD']);
  });

  test.each<[string, boolean]>([
    ['/', true],
    ['/app', true],
    ['/a b/c', true],
    ['app', false],
    ['a/b', false],
    ['', false],
    ['/a\0', false],
    ['/a\0b', false],
  ])('path %j accepted: %p', (path, ok) => {
    expect(ABSOLUTE_PATH.test(path)).toBe(ok);
    expect(absolutePath.safeParse(path).success).toBe(ok);
    if (ok) accepted({ workingDir: path });
    else refusedAt({ workingDir: path }, 'workingDir');
  });
});

describe('servicePropsSchema: numbers, sizes and durations at their limits', () => {
  test.each<[number, boolean]>([
    [REPLICAS_MIN - 1, false],
    [REPLICAS_MIN, true],
    [REPLICAS_MAX, true],
    [REPLICAS_MAX + 1, false],
  ])('replicas %p accepted: %p', (replicas, ok) => {
    if (ok) accepted({ replicas });
    else expect(problemsOf({ replicas })).toEqual([expect.objectContaining({ field: 'replicas', value: replicas, fix: replicas < REPLICAS_MIN ? `use a value of at least ${REPLICAS_MIN}` : `use a value of at most ${REPLICAS_MAX}` })]);
  });

  test.each<[number, boolean]>([
    [SWARM_MAX_REPLICAS_PER_NODE_MIN - 1, false],
    [SWARM_MAX_REPLICAS_PER_NODE_MIN, true],
    [SWARM_MAX_REPLICAS_PER_NODE_MAX, true],
    [SWARM_MAX_REPLICAS_PER_NODE_MAX + 1, false],
  ])('placement.maxReplicasPerNode %p accepted: %p', (maxReplicasPerNode, ok) => {
    const props = { placement: { maxReplicasPerNode } };
    if (ok) accepted(props);
    else
      expect(problemsOf(props)).toEqual([
        expect.objectContaining({
          field: 'placement.maxReplicasPerNode',
          fix: maxReplicasPerNode < SWARM_MAX_REPLICAS_PER_NODE_MIN ? `use a value of at least ${SWARM_MAX_REPLICAS_PER_NODE_MIN}` : `use a value of at most ${SWARM_MAX_REPLICAS_PER_NODE_MAX}`,
        }),
      ]);
  });

  test.each<[string, Size, boolean]>([
    ['memoryLimit', Size.mebibytes(5), false],
    ['memoryLimit', Size.mebibytes(6), true],
    ['memoryLimit', Size.kibibytes(6.5 * 1024), false],
    ['memoryLimit', Size.gibibytes(1), true],
    ['memoryReservation', Size.mebibytes(0), false],
    ['memoryReservation', Size.mebibytes(1), true],
    ['memoryReservation', Size.kibibytes(512), false],
    ['shmSize', Size.mebibytes(0), false],
    ['shmSize', Size.mebibytes(1), true],
    ['shmSize', Size.kibibytes(1536), false],
  ])('%s of %s accepted: %p', (field, value, ok) => {
    if (ok) accepted({ [field]: value });
    else refusedAt({ [field]: value }, field);
  });

  test.each<[Size, boolean]>([
    [Size.mebibytes(2), false],
    [Size.mebibytes(3), true],
    [Size.kibibytes(3.5 * 1024), false],
    [Size.gibibytes(1), true],
  ])('wholeMiB("x", 3) on %s accepts: %p', (value, ok) => {
    const result = wholeMiB('x', 3).safeParse(value);
    expect(result.success).toBe(ok);
    if (!result.success) expect(result.error.issues.map((i) => i.message)).toEqual(['x must be a whole number of MiB, at least 3. Fix: use Size.mebibytes(n) with n >= 3']);
  });

  test.each<[Duration, boolean]>([
    [Duration.seconds(0), true],
    [Duration.seconds(10), true],
    [Duration.minutes(2), true],
    [Duration.millis(1), false],
    [Duration.millis(1500), false],
  ])('stopGracePeriod %s accepted: %p', (stopGracePeriod, ok) => {
    if (ok) accepted({ stopGracePeriod });
    else refusedAt({ stopGracePeriod }, 'stopGracePeriod');
  });

  test.each<[string[], boolean]>([
    [[], false],
    [['app'], true],
    [['app', '--verbose'], true],
  ])('argv %p accepted: %p', (list, ok) => {
    expect(argv.safeParse(list).success).toBe(ok);
    if (ok) accepted({ command: list, entrypoint: list });
    else refusedAt({ command: list }, 'command');
  });

  test.each<[string, boolean]>([
    ['', false],
    ['012345678', false],
    ['0123456789', true],
    ['needs the host clock', true],
  ])('hostAccess.reason %p accepted: %p', (reason, ok) => {
    if (ok) accepted({ hostAccess: { reason } });
    else refusedAt({ hostAccess: { reason } }, 'hostAccess.reason');
  });
});

describe('servicePropsSchema: the enumerations', () => {
  test.each(['SIGTERM', 'SIGINT', 'SIGQUIT', 'SIGKILL', 'SIGHUP', 'SIGUSR1', 'SIGUSR2'])('stopSignal %s is accepted', (stopSignal) => {
    accepted({ stopSignal });
  });

  test.each(['SIGSTOP', 'sigterm', ''])('stopSignal %p is refused, naming the signals it takes', (stopSignal) => {
    expect(problemsOf({ stopSignal })).toEqual([
      expect.objectContaining({ field: 'stopSignal', value: stopSignal, fix: 'use one of "SIGTERM", "SIGINT", "SIGQUIT", "SIGKILL", "SIGHUP", "SIGUSR1", "SIGUSR2"' }),
    ]);
  });

  test.each(Object.values(Capability))('capability %s is accepted', (capability) => {
    accepted({ capabilities: [capability] });
  });

  test.each(Object.values(UpdateOrder))('updateOrder %s is accepted', (updateOrder) => {
    accepted({ updateOrder });
  });
});

describe('the exported value checks', () => {
  test.each<[string, z.ZodType, unknown, unknown, string]>([
    ['duration', duration, Duration.seconds(1), '1s', 'not a Duration. Fix: use Duration.seconds(n), Duration.minutes(n), ...'],
    ['size', size, Size.mebibytes(1), '1m', 'not a Size. Fix: use Size.mebibytes(n) or Size.gibibytes(n)'],
    ['port', port, Port.tcp(80), 80, 'not a Port. Fix: use Port.tcp(n)'],
    ['absolutePath', absolutePath, '/a', 'a', 'not an absolute path. Fix: start the path with "/"'],
    ['argv', argv, ['a'], [], 'an empty argument list. Fix: give at least the program'],
  ])('%s accepts a good value and refuses a bad one with its message', (_, schema, good, bad, message) => {
    expect(schema.safeParse(good).success).toBe(true);
    const result = schema.safeParse(bad);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual([message]);
  });

  test('SERVICE_DEFAULT_MEMORY_LIMIT is 512 MiB', () => {
    expect(SERVICE_DEFAULT_MEMORY_LIMIT.toMebibytes()).toBe(512);
  });
});

describe('memoryReservationProblem', () => {
  test('finds nothing without a reservation, with or without a limit', () => {
    expect(memoryReservationProblem('test/api', {})).toBeUndefined();
    expect(memoryReservationProblem('test/api', { memoryLimit: Size.mebibytes(6) })).toBeUndefined();
  });

  test('finds nothing for a reservation equal to the limit, the default included', () => {
    expect(memoryReservationProblem('test/api', { memoryLimit: Size.mebibytes(64), memoryReservation: Size.mebibytes(64) })).toBeUndefined();
    expect(memoryReservationProblem('test/api', { memoryReservation: SERVICE_DEFAULT_MEMORY_LIMIT })).toBeUndefined();
  });

  test('reports a reservation one MiB above an explicit limit', () => {
    expect(memoryReservationProblem('test/api', { memoryLimit: Size.mebibytes(64), memoryReservation: Size.mebibytes(65) })).toEqual({
      ruleId: 'props',
      path: 'test/api',
      field: 'memoryReservation',
      value: Size.mebibytes(65),
      message: 'above memoryLimit 64m: the engine refuses a reservation larger than the limit',
      fix: 'lower memoryReservation to at most 64m, or raise memoryLimit to at least 65m',
    });
  });

  test('reports a reservation one MiB above the default limit, saying it is the default', () => {
    const reservation = Size.mebibytes(513);
    expect(memoryReservationProblem('test/api', { memoryReservation: reservation })).toEqual({
      ruleId: 'props',
      path: 'test/api',
      field: 'memoryReservation',
      value: reservation,
      message: 'above memoryLimit 512m (the default): the engine refuses a reservation larger than the limit',
      fix: 'lower memoryReservation to at most 512m, or raise memoryLimit to at least 513m',
    });
  });
});
