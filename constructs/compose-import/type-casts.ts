import { KeyPath, keyPathMatches } from './source-location';

/** What a typed key's text is read as. */
type CastKind = 'boolean' | 'integer' | 'number';

/**
 * What compose reads the text at `keyPath` as, once it is interpolated, so that `read_only: ${RO}`,
 * `read_only: "true"` and `read_only: !override true` all mean true; undefined for a key that stays
 * text. The keys are compose-go loader's list, checked against docker compose config 2.26.1.
 */
function castKindAt(keyPath: KeyPath): CastKind | undefined {
  // Built per call rather than once per module: about 40 short entries, and it keeps each entry
  // tied to the tests that reach it (mutation testing runs every test for a module-level table).
  const typedKeys: readonly (readonly [pattern: string, kind: CastKind])[] = [
    ['services.*.cpu_count', 'integer'],
    ['services.*.cpu_percent', 'number'],
    ['services.*.cpu_period', 'integer'],
    ['services.*.cpu_quota', 'integer'],
    ['services.*.cpu_rt_period', 'integer'],
    ['services.*.cpu_rt_runtime', 'integer'],
    ['services.*.cpus', 'number'],
    ['services.*.cpu_shares', 'integer'],
    ['services.*.init', 'boolean'],
    ['services.*.depends_on.*.required', 'boolean'],
    ['services.*.depends_on.*.restart', 'boolean'],
    ['services.*.deploy.replicas', 'integer'],
    ['services.*.deploy.update_config.parallelism', 'integer'],
    ['services.*.deploy.update_config.max_failure_ratio', 'number'],
    ['services.*.deploy.rollback_config.parallelism', 'integer'],
    ['services.*.deploy.rollback_config.max_failure_ratio', 'number'],
    ['services.*.deploy.restart_policy.max_attempts', 'integer'],
    ['services.*.deploy.placement.max_replicas_per_node', 'integer'],
    ['services.*.healthcheck.retries', 'integer'],
    ['services.*.healthcheck.disable', 'boolean'],
    ['services.*.oom_kill_disable', 'boolean'],
    ['services.*.oom_score_adj', 'integer'],
    ['services.*.pids_limit', 'integer'],
    ['services.*.ports.[].target', 'integer'],
    ['services.*.privileged', 'boolean'],
    ['services.*.read_only', 'boolean'],
    ['services.*.scale', 'integer'],
    ['services.*.stdin_open', 'boolean'],
    ['services.*.tty', 'boolean'],
    ['services.*.ulimits.*', 'integer'],
    ['services.*.ulimits.*.hard', 'integer'],
    ['services.*.ulimits.*.soft', 'integer'],
    ['services.*.volumes.[].read_only', 'boolean'],
    ['services.*.volumes.[].volume.nocopy', 'boolean'],
    ['networks.*.external', 'boolean'],
    ['networks.*.internal', 'boolean'],
    ['networks.*.attachable', 'boolean'],
    ['networks.*.enable_ipv6', 'boolean'],
    ['volumes.*.external', 'boolean'],
    ['secrets.*.external', 'boolean'],
    ['configs.*.external', 'boolean'],
  ];
  return typedKeys.find(([pattern]) => keyPathMatches(pattern, keyPath))?.[1];
}

/** The problem with a typed key's text, as a message and a fix. */
export interface CastProblem {
  readonly message: string;
  readonly fix: string;
}

/**
 * `text` at `keyPath` read as compose reads it: a boolean or a number at a typed key, else the
 * text itself. A text a typed key cannot read is a problem, as in compose ("failed to cast").
 */
export function castText(keyPath: KeyPath, text: string): { readonly value: unknown } | { readonly problem: CastProblem } {
  const kind = castKindAt(keyPath);
  if (kind === 'boolean') {
    // YAML 1.1's words are still read, as compose does (with a warning there).
    const value = new Map([['true', true], ['false', false], ['y', true], ['yes', true], ['on', true], ['n', false], ['no', false], ['off', false]]).get(text.toLowerCase());
    return value !== undefined ? { value } : { problem: { message: 'not a boolean; compose reads true or false here (also yes, no, on or off, in any case)', fix: 'write true or false' } };
  }
  // Go's strconv.Atoi and ParseFloat in base 10: no blanks, no hex, no digit separators.
  if (kind === 'integer') {
    const value = Number(text);
    if (!/^[+-]?\d+$/.test(text)) return { problem: { message: 'not a whole number', fix: 'write a whole number in decimal digits, e.g. 3' } };
    return Number.isSafeInteger(value) ? { value } : { problem: { message: `beyond ±${Number.MAX_SAFE_INTEGER}`, fix: 'write a smaller whole number' } };
  }
  if (kind === 'number') {
    const decimal = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
    return decimal.test(text) && Number.isFinite(Number(text)) ? { value: Number(text) } : { problem: { message: 'not a number', fix: 'write a decimal number, e.g. 1.5' } };
  }
  return { value: text };
}
