import { diagnoseSwarmStack, SWARM_DIAGNOSIS_LOG_LINES, SWARM_DIAGNOSIS_TASKS, type SwarmDiagnosisEngine } from '../../cli/swarm-diagnosis';

/** Docker's multiplexed log framing: an 8-byte header (stream, 0, 0, 0, big-endian length), then the payload. */
function frame(stream: 1 | 2, text: string): Buffer {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

interface FakeTask {
  readonly id: string;
  readonly state: string;
  readonly created: string;
  readonly slot?: number;
  readonly err?: string;
  readonly exitCode?: number;
  readonly logs?: Buffer;
}

/** A manager that knows `services` (name -> UpdateStatus) and their tasks. */
function fakeManager(services: Record<string, { update?: object; tasks: FakeTask[] }>, logCalls: object[] = []): SwarmDiagnosisEngine {
  return {
    listNodes: () => Promise.resolve([{ ID: 'n2', Description: { Hostname: 'node2' } }]),
    getService: (name: string) => ({
      inspect: () => (services[name] ? Promise.resolve({ UpdateStatus: services[name].update }) : Promise.reject(Object.assign(new Error('no such service'), { statusCode: 404 }))),
    }),
    listTasks: (options: { filters: string }) => {
      const [name] = (JSON.parse(options.filters) as { service: string[] }).service;
      return Promise.resolve(
        (services[name]?.tasks ?? []).map((t) => ({
          ID: t.id,
          Slot: t.slot ?? 1,
          NodeID: 'n2',
          CreatedAt: t.created,
          Spec: { ContainerSpec: { Image: 'registry:5000/api@sha256:broken' } },
          Status: { Timestamp: t.created, State: t.state, Err: t.err, ContainerStatus: t.exitCode === undefined ? undefined : { ExitCode: t.exitCode } },
        })),
      );
    },
    getTask: (id: string) => ({
      logs: (options: object) => {
        logCalls.push({ id, ...options });
        const task = Object.values(services).flatMap((s) => s.tasks).find((t) => t.id === id);
        return Promise.resolve(task?.logs ?? Buffer.alloc(0));
      },
    }),
  } as unknown as SwarmDiagnosisEngine;
}

const json = (...names: string[]) => ({ resource: { docker_service: Object.fromEntries(names.map((name) => [name.replace(/-/g, '_'), { name }])) } });
const rolledBack = { State: 'rollback_completed', Message: 'update rolled back due to failure or early termination of task abc', StartedAt: '2026-12-05T10:00:00Z' };

describe('diagnoseSwarmStack', () => {
  test('given an update rolled back after a task crashed, then the update state, the task (node, error, exit code, image) and its last log lines are shown', async () => {
    const logs = Buffer.concat([frame(1, '2026-12-05T10:00:05.000000000Z starting\n'), frame(2, "2026-12-05T10:00:06.000000000Z ModuleNotFoundError: No module named 'app'\n")]);
    const logCalls: object[] = [];
    const manager = fakeManager(
      { 'shop-api': { update: rolledBack, tasks: [{ id: 'task0123456789abcdef', state: 'failed', created: '2026-12-05T10:00:04Z', slot: 2, err: 'task: non-zero exit (1)', exitCode: 1, logs }] } },
      logCalls,
    );

    const lines = await diagnoseSwarmStack(manager, json('shop-api'));

    expect(lines).toEqual([
      '- shop-api: update rollback_completed: update rolled back due to failure or early termination of task abc; 1 failed task(s)',
      '  task shop-api.2 (task01234567) on node2: failed, task: non-zero exit (1), exit code 1',
      '  image registry:5000/api@sha256:broken',
      '  | starting',
      "  | ModuleNotFoundError: No module named 'app'",
    ]);
    expect(logCalls).toEqual([{ id: 'task0123456789abcdef', stdout: true, stderr: true, timestamps: true, tail: SWARM_DIAGNOSIS_LOG_LINES }]);
  });

  test('given a converged service with no failed task, then nothing is said about it', async () => {
    const manager = fakeManager({ 'shop-db': { update: { State: 'completed', StartedAt: '2026-12-05T10:00:00Z' }, tasks: [{ id: 't1', state: 'running', created: '2026-12-05T10:00:01Z' }] } });

    expect(await diagnoseSwarmStack(manager, json('shop-db'))).toEqual([]);
  });

  test('given failed tasks from before the last update, then they are not shown (an old crash is not this deploy\'s)', async () => {
    const manager = fakeManager({ 'shop-api': { update: { State: 'completed', StartedAt: '2026-12-05T10:00:00Z' }, tasks: [{ id: 'old', state: 'failed', created: '2026-12-05T09:00:00Z' }] } });

    expect(await diagnoseSwarmStack(manager, json('shop-api'))).toEqual([]);
  });

  test(`given more than ${SWARM_DIAGNOSIS_TASKS} failed tasks, then the newest ${SWARM_DIAGNOSIS_TASKS} are shown, newest first`, async () => {
    const tasks = [1, 2, 3].map((n) => ({ id: `task-${n}-000000000`, state: 'rejected', created: `2026-12-05T10:00:0${n}Z`, err: `attempt ${n}` }));
    const lines = await diagnoseSwarmStack(fakeManager({ 'shop-api': { update: rolledBack, tasks } }), json('shop-api'));

    expect(lines[0]).toContain(`3 failed task(s), the newest ${SWARM_DIAGNOSIS_TASKS} shown`);
    expect(lines.filter((l) => l.startsWith('  task ')).map((l) => /attempt \d/.exec(l)?.[0])).toEqual(['attempt 3', 'attempt 2']);
    expect(lines).toContain('  (no log output)');
  });

  test('given a service the manager does not know, then it is reported as not created', async () => {
    const lines = await diagnoseSwarmStack(fakeManager({}), json('shop-api'));

    expect(lines).toEqual([expect.stringMatching(/^- shop-api: not created \(/)]);
  });

  test('given a stack without services, then nothing is said', async () => {
    expect(await diagnoseSwarmStack(fakeManager({}), {})).toEqual([]);
  });
});
