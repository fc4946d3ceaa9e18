import * as fs from 'fs';
import * as path from 'path';
import * as limits from '../../constructs/limits';

// The docs state every limit; each is built here from the constant the check reads, so a changed
// limit fails this test until the docs say the same.
const docs = (name: string): string => fs.readFileSync(path.resolve(__dirname, '../../docs/constructs', name), 'utf8');

/** Milliseconds as the docs write them: `1 s`, `10 min`, `1 h`, `0`. */
function duration(millis: number): string {
  if (millis === 0) return '0';
  if (millis % 3_600_000 === 0) return `${millis / 3_600_000} h`;
  if (millis % 60_000 === 0) return `${millis / 60_000} min`;
  return `${millis / 1000} s`;
}

/** Bytes as the docs write them: `100 KiB`, `1 GiB`, `1 PiB`. */
function size(bytes: number): string {
  const units = ['PiB', 'TiB', 'GiB', 'MiB', 'KiB'];
  for (const [i, unit] of units.entries()) {
    const factor = 1024 ** (units.length - i);
    if (bytes % factor === 0) return `${bytes / factor} ${unit}`;
  }
  return `${bytes} bytes`;
}

describe('limits', () => {
  const L = limits;
  const H = limits.HEALTH_CHECK_LIMITS;
  const R = limits.LOG_ROTATION_LIMITS;

  test.each([
    ['values.md', 'Port', `whole number from ${L.PORT_MIN} to ${L.PORT_MAX}`],
    ['values.md', 'Cpu', `${L.CPU_MIN_CORES} to ${L.CPU_MAX_CORES} in steps of ${L.CPU_STEP_CORES}`],
    ['values.md', 'Size', `from 0 to ${size(L.SIZE_MAX_BYTES)}`],
    ['values.md', 'Duration', `from 0 to a year, ${L.DURATION_MAX_MILLIS / 3_600_000} h`],
    ['values.md', 'health check interval', `\`interval\` 10 s (${duration(H.intervalMinMillis)}-${duration(H.intervalMaxMillis)})`],
    ['values.md', 'health check timeout', `\`timeout\` 5 s (${duration(H.timeoutMinMillis)}-${duration(H.timeoutMaxMillis)})`],
    ['values.md', 'health check retries', `\`retries\` 3 (${H.retriesMin}-${H.retriesMax})`],
    ['values.md', 'health check start period', `\`startPeriod\` 10 s (${duration(H.startPeriodMinMillis)}-${duration(H.startPeriodMaxMillis)})`],
    ['values.md', 'restart retries', `\`onFailure(n)\` (${L.RESTART_MIN_RETRIES}-${L.RESTART_MAX_RETRIES})`],
    ['values.md', 'log rotation size', `maxSize? = 10 MiB (${size(R.maxSizeMinBytes)}-${size(R.maxSizeMaxBytes)})`],
    ['values.md', 'log rotation files', `maxFiles? = 3 (${R.maxFilesMin}-${R.maxFilesMax})`],
    ['values.md', 'ASGI workers', `workers ${L.ASGI_WORKERS_MIN}-${L.ASGI_WORKERS_MAX}`],
    ['python-api.md', 'ASGI workers', `workers ${L.ASGI_WORKERS_MIN}-${L.ASGI_WORKERS_MAX}`],
    ['service.md', 'restart retries', `${L.RESTART_MIN_RETRIES} to ${L.RESTART_MAX_RETRIES} retries`],
    ['service.md', 'replicas', `1 (${L.REPLICAS_MIN} to ${L.REPLICAS_MAX})`],
    ['queue-worker.md', 'worker concurrency', `whole number from ${L.WORKER_CONCURRENCY_MIN} to ${L.WORKER_CONCURRENCY_MAX}`],
    ['scheduler.md', 'backup retention', `retention (whole, ${L.SCHEDULER_BACKUP_RETENTION_MIN}-${L.SCHEDULER_BACKUP_RETENTION_MAX})`],
    ['scheduler.md', 'backup maxAge', `maxAge?: Duration (${duration(L.SCHEDULER_BACKUP_MAX_AGE_MIN_MILLIS)} to a year)`],
    ['ollama.md', 'loaded models', `whole number from ${L.OLLAMA_MAX_LOADED_MODELS_MIN} to ${L.OLLAMA_MAX_LOADED_MODELS_MAX}`],
  ])('%s states the %s limit as the code enforces it', (file, _limit, text) => {
    expect(docs(file)).toContain(text);
  });

  test('every limit is a finite number with its minimum below its maximum', () => {
    const numbers = Object.entries(limits).flatMap(([name, value]) => (typeof value === 'number' ? [[name, value] as const] : Object.entries(value).map(([k, v]) => [`${name}.${k}`, v] as const)));
    for (const [name, value] of numbers) expect([name, Number.isFinite(value)]).toEqual([name, true]);
    const pairs = numbers.filter(([name]) => /MIN|Min/.test(name));
    for (const [name, min] of pairs) {
      const maxName = name.replace('MIN', 'MAX').replace('Min', 'Max');
      const max = numbers.find(([n]) => n === maxName)?.[1];
      expect([name, max !== undefined && min < max]).toEqual([name, true]);
    }
  });
});
