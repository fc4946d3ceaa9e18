import { KeyPath } from './source-location';

/** What a typed key's text is read as. */
type CastKind = 'boolean' | 'integer' | 'number';

/**
 * The keys whose text compose reads as a boolean or a number once it is interpolated, so that
 * `read_only: ${RO}`, `read_only: "true"` and `read_only: !override true` all mean true (the
 * list of compose-go's loader; checked against docker compose config 2.26.1). `*` matches any key
 * or list index, `[]` a list index.
 */
const TYPED_KEYS: readonly (readonly [pattern: string, kind: CastKind])[] = [
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

const PATTERNS = TYPED_KEYS.map(([pattern, kind]) => ({ parts: pattern.split('.'), kind }));

// YAML 1.1's words are still read, as compose does (with a warning there).
const BOOLEANS: ReadonlyMap<string, boolean> = new Map([['true', true], ['false', false], ['y', true], ['yes', true], ['on', true], ['n', false], ['no', false], ['off', false]]);
// Go's strconv.Atoi and ParseFloat in base 10: no blanks, no hex, no digit separators.
const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function matches(parts: readonly string[], keyPath: KeyPath): boolean {
  return parts.length === keyPath.length && parts.every((part, i) => part === '*' || (part === '[]' ? typeof keyPath[i] === 'number' : part === keyPath[i]));
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
  const kind = PATTERNS.find((pattern) => matches(pattern.parts, keyPath))?.kind;
  if (kind === 'boolean') {
    const value = BOOLEANS.get(text.toLowerCase());
    return value !== undefined ? { value } : { problem: { message: 'not a boolean; compose reads true or false here (also yes, no, on or off, in any case)', fix: 'write true or false' } };
  }
  if (kind === 'integer') {
    const value = Number(text);
    if (!INTEGER.test(text)) return { problem: { message: 'not a whole number', fix: 'write a whole number in decimal digits, e.g. 3' } };
    return Number.isSafeInteger(value) ? { value } : { problem: { message: `beyond ±${Number.MAX_SAFE_INTEGER}`, fix: 'write a smaller whole number' } };
  }
  if (kind === 'number') {
    return DECIMAL.test(text) && Number.isFinite(Number(text)) ? { value: Number(text) } : { problem: { message: 'not a number', fix: 'write a decimal number, e.g. 1.5' } };
  }
  return { value: text };
}
