import type Docker from 'dockerode';
import { factsFromInspect, judge, missingFacts, shortDuration, type ContainerFacts } from '../../cli/status';
import { formatStatus } from '../../cli/status-format';
import type { DeclaredContainer } from '../../cli/stack-containers';

const NOW = new Date('2024-05-01T10:00:00Z');
const IMAGE_ID = 'sha256:1111111111111111111111111111111111111111111111111111111111111111';
const OTHER_ID = 'sha256:2222222222222222222222222222222222222222222222222222222222222222';

const declared: DeclaredContainer = { service: 'api', name: 'shop-api', generation: false, image: 'example/api:1.0.0', healthCheck: true, stackLabel: 'shop' };

type State = Partial<Docker.ContainerInspectInfo['State']>;

/** The fields of `docker inspect` the status reads, as Engine 26 writes them. */
function inspect(state: State, extra: { restartCount?: number; memory?: number; image?: string; ports?: Record<string, { HostIp: string; HostPort: string }[]> } = {}): Docker.ContainerInspectInfo {
  return {
    Name: '/shop-api',
    Image: extra.image ?? IMAGE_ID,
    RestartCount: extra.restartCount ?? 0,
    State: {
      Status: 'running',
      Running: true,
      Paused: false,
      Restarting: false,
      OOMKilled: false,
      Dead: false,
      Pid: 42,
      ExitCode: 0,
      Error: '',
      StartedAt: '2024-05-01T09:55:00.123456789Z',
      FinishedAt: '0001-01-01T00:00:00Z',
      ...state,
    },
    HostConfig: { Memory: extra.memory ?? 536870912, PortBindings: extra.ports ?? { '8000/tcp': [{ HostIp: '127.0.0.1', HostPort: '18000' }] } },
  } as unknown as Docker.ContainerInspectInfo;
}

const probe = (exitCode: number, output: string): { Start: string; End: string; ExitCode: number; Output: string } => ({ Start: '2024-05-01T09:59:59Z', End: '2024-05-01T09:59:59.5Z', ExitCode: exitCode, Output: output });

function status(info: Docker.ContainerInspectInfo, image: { readonly synthesizedId: string | undefined } = { synthesizedId: IMAGE_ID }) {
  return judge(factsFromInspect(declared, 'api', info, image.synthesizedId), NOW);
}

describe('status of one container', () => {
  test('given a running healthy container, then it is ok, with uptime, ports, the last probe and the image current', () => {
    const s = status(inspect({ Health: { Status: 'healthy', FailingStreak: 0, Log: [probe(0, 'ok\n')] } }));

    expect(s).toMatchObject({
      service: 'api',
      container: 'shop-api',
      state: 'running',
      health: 'healthy',
      lastProbe: { exitCode: 0, output: 'ok', at: '2024-05-01T09:59:59.5Z' },
      restartCount: 0,
      oomKilled: false,
      exitCode: undefined,
      uptimeSeconds: 299,
      image: { synthesized: 'example/api:1.0.0', synthesizedId: IMAGE_ID, deployedId: IMAGE_ID, state: 'current' },
      ports: [{ hostIp: '127.0.0.1', hostPort: 18000, containerPort: 8000, protocol: 'tcp' }],
      ok: true,
      problems: [],
      notes: [],
    });
  });

  test('given a running container without a health check, then it is ok', () => {
    expect(status(inspect({}))).toMatchObject({ health: 'none', ok: true });
  });

  test('fails when the container is unhealthy, and says what the last probe printed', () => {
    const s = status(inspect({ Health: { Status: 'unhealthy', FailingStreak: 3, Log: [probe(0, ''), probe(1, 'Traceback...\nConnectionRefusedError: [Errno 111] Connection refused\n')] } }));

    expect(s.ok).toBe(false);
    expect(s.lastProbe).toEqual({ exitCode: 1, output: 'Traceback...\nConnectionRefusedError: [Errno 111] Connection refused', at: '2024-05-01T09:59:59.5Z' });
    expect(s.problems).toEqual(['unhealthy: last probe exited 1: ConnectionRefusedError: [Errno 111] Connection refused']);
  });

  test('fails when the health check is still starting', () => {
    expect(status(inspect({ Health: { Status: 'starting', FailingStreak: 0, Log: [] } })).problems).toEqual(['health: starting (no probe yet)']);
  });

  test('fails when the kernel killed it for memory, naming the limit', () => {
    const s = status(inspect({ Status: 'exited', Running: false, OOMKilled: true, ExitCode: 137, FinishedAt: '2024-05-01T09:59:30Z' }, { memory: 32 * 1024 * 1024 }));

    expect(s).toMatchObject({ state: 'exited', oomKilled: true, exitCode: 137, uptimeSeconds: undefined, ok: false });
    expect(s.problems).toEqual(['exited: exited with code 137, killed by the kernel: out of memory (memory limit 32 MiB) 30s ago']);
  });

  test('fails when it was killed by a signal, and tells SIGKILL from an out-of-memory kill', () => {
    const s = status(inspect({ Status: 'exited', Running: false, ExitCode: 137, FinishedAt: '2024-05-01T09:58:00Z' }));

    expect(s.problems).toEqual(['exited: exited with code 137, killed (SIGKILL: docker kill, or the engine stopping it) 2m00s ago']);
  });

  test('fails when a crash loop ran out of restarts, with the last exit code and the count', () => {
    const s = status(inspect({ Status: 'exited', Running: false, ExitCode: 3, FinishedAt: '2024-05-01T09:59:50Z' }, { restartCount: 5 }));

    expect(s).toMatchObject({ restartCount: 5, exitCode: 3, ok: false });
    expect(s.problems).toEqual(['exited: exited with code 3 10s ago', 'gave up after 5 restarts']);
  });

  test('fails while it is restarting, with the exit that caused the restart', () => {
    const s = status(inspect({ Status: 'restarting', Running: true, Restarting: true, ExitCode: 3, FinishedAt: '2024-05-01T09:59:59Z' }, { restartCount: 2 }));

    expect(s.problems).toEqual(['restarting after it exited with code 3 (restart 2)']);
  });

  test('fails with the engine\'s own error when the container could not start', () => {
    const s = status(inspect({ Status: 'created', Running: false, ExitCode: 128, Error: 'driver failed programming external connectivity: Bind for 127.0.0.1:18000 failed: port is already allocated', StartedAt: '0001-01-01T00:00:00Z' }));

    expect(s.problems).toEqual(['created: created', 'engine error: driver failed programming external connectivity: Bind for 127.0.0.1:18000 failed: port is already allocated']);
  });

  test('given a running container that restarted, then it is ok with a note of the restarts', () => {
    const s = status(inspect({ Health: { Status: 'healthy', FailingStreak: 0, Log: [] } }, { restartCount: 2 }));

    expect(s).toMatchObject({ ok: true, notes: ['restarted 2 times'] });
  });

  test('given a container created from another image than the reference names now, then the image is outdated (a note, not a failure)', () => {
    const s = status(inspect({}, { image: OTHER_ID }));

    expect(s).toMatchObject({ ok: true, image: { state: 'outdated', deployedId: OTHER_ID, synthesizedId: IMAGE_ID } });
    expect(s.notes).toEqual(['runs image 222222222222, but example/api:1.0.0 is now 111111111111: a deploy replaces the container']);
  });

  test('given an image reference the engine does not have, then the image state is unknown', () => {
    expect(status(inspect({}), { synthesizedId: undefined }).image.state).toBe('unknown');
  });

  test('fails when the declared container does not exist', () => {
    const s = judge(missingFacts({ ...declared, generation: true }), NOW);

    expect(s).toMatchObject({ state: 'missing', container: 'shop-api-<generation>', ok: false });
    expect(s.problems).toEqual(['no such container: not deployed yet, destroyed, or removed by hand (deploy the stack)']);
  });

  test('given a container the stack does not declare, then it is noted', () => {
    const s = judge(factsFromInspect(undefined, 'old', inspect({}), undefined), NOW);

    expect(s).toMatchObject({ declared: false, ok: true, notes: ['not in the synthesized stack (a removed service, or a generation left by a deploy)'] });
  });
});

describe('shortDuration', () => {
  test.each([
    [0, '0s'],
    [59, '59s'],
    [60, '1m00s'],
    [3599, '59m59s'],
    [3600, '1h00m'],
    [86399, '23h59m'],
    [86400, '1d00h'],
    [90061, '1d01h'],
  ])('%i seconds is %s', (seconds, text) => {
    expect(shortDuration(seconds)).toBe(text);
  });
});

describe('formatStatus', () => {
  const facts = (over: Partial<ContainerFacts>): ContainerFacts => ({ ...factsFromInspect(declared, 'api', inspect({}), IMAGE_ID), ...over });

  test('given a healthy and an OOM-killed container, then a table with a verdict, and the problems below it', () => {
    const text = formatStatus({
      stack: 'shop',
      engine: 'unix:///var/run/docker.sock',
      checkedAt: NOW.toISOString(),
      ok: false,
      containers: [
        judge(facts({ health: 'healthy' }), NOW),
        judge(facts({ service: 'worker', container: 'shop-worker', state: 'exited', oomKilled: true, exitCode: 137, finishedAt: '2024-05-01T09:59:00Z', memoryLimitBytes: 32 * 1024 * 1024, ports: [] }), NOW),
      ],
    });

    expect(text).toBe(
      [
        'shop on unix:///var/run/docker.sock: 1 of 2 containers running healthy',
        '',
        'SERVICE  CONTAINER    STATE    HEALTH   RESTARTS  EXIT     UPTIME  IMAGE              PORTS',
        'api      shop-api     running  healthy  0         -        4m59s   example/api:1.0.0  127.0.0.1:18000->8000/tcp',
        'worker   shop-worker  exited   -        0         137 OOM  -       example/api:1.0.0  -',
        '',
        'worker (shop-worker):',
        '  exited: exited with code 137, killed by the kernel: out of memory (memory limit 32 MiB) 1m00s ago',
      ].join('\n'),
    );
  });

  test('given every container healthy, then the verdict says all', () => {
    const text = formatStatus({ stack: 'shop', engine: 'e', checkedAt: NOW.toISOString(), ok: true, containers: [judge(facts({}), NOW)] });

    expect(text.split('\n')[0]).toBe('shop on e: all 1 containers running healthy');
  });
});
