import { ChromaDb, Ollama, Postgres, Redis, Secret } from '../../../constructs';
import { StackValidator } from '../../../constructs/rules/stack-validator';
import { newStack } from '../../support/synth';
import { swarmStack } from '../../support/swarm';

const RULE = 'CDS-SWARM-STATEFUL-PLACEMENT';
const password = Secret.fromVariable('db_password');
const problemsOf = (stack: ReturnType<typeof swarmStack>) => new StackValidator(stack).problems().filter((p) => p.ruleId === RULE);

describe(RULE, () => {
  test('compliant: a Postgres with one replica pinned by node label', () => {
    const stack = swarmStack();
    new Postgres(stack, 'db', { password, placement: { node: 'db' } });

    expect(problemsOf(stack)).toEqual([]);
  });

  test('compliant: an unpinned Postgres on a single engine (the rule is Swarm only)', () => {
    const stack = newStack();
    new Postgres(stack, 'db', { password });

    expect(problemsOf(stack)).toEqual([]);
  });

  test.each<[string, (s: ReturnType<typeof swarmStack>) => void]>([
    ['Postgres', (s) => new Postgres(s, 'db', { password })],
    ['Redis', (s) => new Redis(s, 'db')],
    ['ChromaDb', (s) => new ChromaDb(s, 'db')],
    ['Ollama', (s) => new Ollama(s, 'db')],
  ])('non-compliant: an unpinned %s, with the label command in the fix', (kind, build) => {
    const stack = swarmStack();
    build(stack);

    expect(problemsOf(stack)).toEqual([expect.objectContaining({ path: 'test/db', field: 'placement.node', value: undefined, message: expect.stringContaining(kind) })]);
    expect(problemsOf(stack)[0].fix).toContain('docker node update --label-add cds.node=<value>');
  });

  test.each<[string, (s: ReturnType<typeof swarmStack>) => void]>([
    ['Postgres', (s) => new Postgres(s, 'db', { password, replicas: 2, placement: { node: 'db' } })],
    ['Redis', (s) => new Redis(s, 'db', { replicas: 2, placement: { node: 'db' } })],
    ['ChromaDb', (s) => new ChromaDb(s, 'db', { replicas: 2, placement: { node: 'db' } })],
    ['Ollama', (s) => new Ollama(s, 'db', { replicas: 2, placement: { node: 'db' } })],
  ])('fails when a %s has 2 replicas: its writable volume refuses it at construction already, so the rule never sees it', (_kind, build) => {
    expect(() => build(swarmStack())).toThrow('2 replicas would write to one volume');
  });

  test('non-compliant: a Postgres in global mode', () => {
    const stack = swarmStack();
    new Postgres(stack, 'db', { password, placement: { node: 'db', global: true } });

    expect(problemsOf(stack)).toEqual([
      {
        ruleId: RULE,
        path: 'test/db',
        field: 'placement.global',
        value: true,
        message: 'a Postgres keeps its data in a node-local volume; one task per node would each write their own copy',
        fix: "run one replica (remove placement.global); replicate the data with the Postgres's own replication if needed",
      },
    ]);
  });
});
