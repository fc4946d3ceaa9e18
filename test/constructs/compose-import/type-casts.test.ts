import { castText } from '../../../constructs/compose-import/type-casts';

// constructs/compose-import/type-casts.ts: a typed key's text read as docker compose config 2.26.1 reads it.
const BOOLEAN = { message: 'not a boolean; compose reads true or false here (also yes, no, on or off, in any case)', fix: 'write true or false' };
const INTEGER = { message: 'not a whole number', fix: 'write a whole number in decimal digits, e.g. 3' };
const NUMBER = { message: 'not a number', fix: 'write a decimal number, e.g. 1.5' };

describe('castText', () => {
  test.each([
    ['true', true], ['FALSE', false], ['True', true], ['y', true], ['Yes', true], ['on', true], ['n', false], ['no', false], ['OFF', false],
  ])('reads %p at a boolean key as %p', (text, value) => {
    expect(castText(['services', 'web', 'read_only'], text)).toEqual({ value });
  });

  test.each(['', 'maybe', '1', ' true', 'constructor', 'toString'])('fails when %p is at a boolean key', (text) => {
    expect(castText(['services', 'web', 'read_only'], text)).toEqual({ problem: BOOLEAN });
  });

  test.each([
    ['3', 3], ['+3', 3], ['-1', -1], ['080', 80], ['0', 0],
    [String(Number.MAX_SAFE_INTEGER), Number.MAX_SAFE_INTEGER], [String(-Number.MAX_SAFE_INTEGER), -Number.MAX_SAFE_INTEGER],
  ])('reads %p at a whole-number key as %p', (text, value) => {
    expect(castText(['services', 'web', 'healthcheck', 'retries'], text)).toEqual({ value });
  });

  test.each(['', '3.5', '1e3', '0x10', ' 3', '3 ', '1_000', 'three', '+', '-'])('fails when %p is at a whole-number key', (text) => {
    expect(castText(['services', 'web', 'healthcheck', 'retries'], text)).toEqual({ problem: INTEGER });
  });

  test('fails one past the largest whole number read exactly, either way', () => {
    const problem = { message: `beyond ±${Number.MAX_SAFE_INTEGER}`, fix: 'write a smaller whole number' };
    expect(castText(['services', 'web', 'pids_limit'], String(Number.MAX_SAFE_INTEGER + 1))).toEqual({ problem });
    expect(castText(['services', 'web', 'pids_limit'], String(-Number.MAX_SAFE_INTEGER - 1))).toEqual({ problem });
  });

  test.each([
    ['1.5', 1.5], ['12.5', 12.5], ['.5', 0.5], ['.55', 0.55], ['2.', 2], ['2', 2], ['-0.25', -0.25], ['+1', 1], ['1e1', 10], ['1e10', 1e10], ['1.5E-1', 0.15],
  ])('reads %p at a number key as %p', (text, value) => {
    expect(castText(['services', 'web', 'cpus'], text)).toEqual({ value });
  });

  test.each(['', '.', '1.5.1', '0x1p-2', 'inf', 'NaN', ' 1.5', '1.5 ', '1e', '1e999', 'e1'])('fails when %p is at a number key', (text) => {
    expect(castText(['services', 'web', 'cpus'], text)).toEqual({ problem: NUMBER });
  });

  // Every typed key of compose-go's list, each with a text of its kind (a whole number, a number, a boolean)
  test.each([
    [['services', 'web', 'cpu_count'], '2', 2],
    [['services', 'web', 'cpu_percent'], '50', 50],
    [['services', 'web', 'cpu_period'], '100000', 100000],
    [['services', 'web', 'cpu_quota'], '50000', 50000],
    [['services', 'web', 'cpu_rt_period'], '1000000', 1000000],
    [['services', 'web', 'cpu_rt_runtime'], '950000', 950000],
    [['services', 'web', 'cpus'], '0.5', 0.5],
    [['services', 'web', 'cpu_shares'], '512', 512],
    [['services', 'web', 'init'], 'true', true],
    [['services', 'web', 'depends_on', 'db', 'required'], 'false', false],
    [['services', 'web', 'depends_on', 'db', 'restart'], 'true', true],
    [['services', 'web', 'deploy', 'replicas'], '2', 2],
    [['services', 'web', 'deploy', 'update_config', 'parallelism'], '2', 2],
    [['services', 'web', 'deploy', 'update_config', 'max_failure_ratio'], '0.5', 0.5],
    [['services', 'web', 'deploy', 'rollback_config', 'parallelism'], '2', 2],
    [['services', 'web', 'deploy', 'rollback_config', 'max_failure_ratio'], '0.25', 0.25],
    [['services', 'web', 'deploy', 'restart_policy', 'max_attempts'], '3', 3],
    [['services', 'web', 'deploy', 'placement', 'max_replicas_per_node'], '1', 1],
    [['services', 'web', 'healthcheck', 'retries'], '3', 3],
    [['services', 'web', 'healthcheck', 'disable'], 'yes', true],
    [['services', 'web', 'oom_kill_disable'], 'false', false],
    [['services', 'web', 'oom_score_adj'], '-500', -500],
    [['services', 'web', 'pids_limit'], '100', 100],
    [['services', 'web', 'ports', 0, 'target'], '80', 80],
    [['services', 'web', 'privileged'], 'off', false],
    [['services', 'web', 'read_only'], 'true', true],
    [['services', 'web', 'scale'], '3', 3],
    [['services', 'web', 'stdin_open'], 'true', true],
    [['services', 'web', 'tty'], 'false', false],
    [['services', 'web', 'ulimits', 'nofile'], '1024', 1024],
    [['services', 'web', 'ulimits', 'nofile', 'hard'], '4096', 4096],
    [['services', 'web', 'ulimits', 'nofile', 'soft'], '1024', 1024],
    [['services', 'web', 'volumes', 2, 'read_only'], 'yes', true],
    [['services', 'web', 'volumes', 0, 'volume', 'nocopy'], 'on', true],
    [['networks', 'back', 'external'], 'true', true],
    [['networks', 'back', 'internal'], 'true', true],
    [['networks', 'back', 'attachable'], 'true', true],
    [['networks', 'back', 'enable_ipv6'], 'false', false],
    [['volumes', 'data', 'external'], 'true', true],
    [['secrets', 'token', 'external'], 'no', false],
    [['configs', 'conf', 'external'], 'y', true],
  ] as const)('reads %p as a typed key', (keyPath, text, value) => {
    expect(castText(keyPath, text)).toEqual({ value });
  });

  test.each([
    [['services', 'web', 'environment', 'READ_ONLY'], 'true'],
    [['services', 'web', 'labels', 'replicas'], '2'],
    [['services', 'web', 'user'], '1000'],
    [['services', 'web', 'read_only', 'x'], 'maybe'],
    [['services', 'read_only'], 'maybe'],
    // [] is a list index only: a mapping of ports or volumes has no typed key
    [['services', 'web', 'ports', 'web', 'target'], 'eighty'],
    [['services', 'web', 'volumes', 'data', 'read_only'], 'maybe'],
    [['x-services', 'web', 'read_only'], 'maybe'],
    [[], 'text'],
  ] as const)('leaves the text at %p as it is (no typed key)', (keyPath, text) => {
    expect(castText(keyPath, text)).toEqual({ value: text });
  });
});
