/**
 * Docker's log stream, decoded: frames demultiplexed, lines split, timestamps parsed into a key
 * that sorts in time order. Pure, so it is unit-tested on recorded bytes.
 */

/** Which output a line came from. */
export type LogStream = 'stdout' | 'stderr';

/** One log line of one container. */
export interface LogLine {
  /** Prefix shown before the line: the service, or the container when a service has several. */
  readonly source: string;
  readonly stream: LogStream;
  /** The engine's timestamp, RFC 3339 with nanoseconds, as Docker wrote it. */
  readonly timestamp: string;
  /** Sorts in time order: seconds, then the fraction padded to nine digits. */
  readonly key: string;
  readonly text: string;
}

const HEADER_BYTES = 8;

/**
 * Splits Docker's multiplexed stream (no TTY) into stdout and stderr payloads: each frame is
 * an 8-byte header (stream 1 or 2, three zero bytes, a big-endian 32-bit length) and the
 * payload. A frame may be cut across chunks; the remainder waits for the next chunk. A
 * container with a TTY sends raw bytes instead: `raw` passes them through as stdout.
 */
export class FrameDecoder {
  private pending = Buffer.alloc(0);

  constructor(private readonly raw = false) {}

  push(chunk: Buffer): { stream: LogStream; payload: Buffer }[] {
    if (this.raw) return chunk.length > 0 ? [{ stream: 'stdout', payload: chunk }] : [];
    let buffer = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    const frames: { stream: LogStream; payload: Buffer }[] = [];
    while (buffer.length >= HEADER_BYTES) {
      const size = buffer.readUInt32BE(4);
      if (buffer.length < HEADER_BYTES + size) break;
      frames.push({ stream: buffer[0] === 2 ? 'stderr' : 'stdout', payload: buffer.subarray(HEADER_BYTES, HEADER_BYTES + size) });
      buffer = buffer.subarray(HEADER_BYTES + size);
    }
    this.pending = Buffer.from(buffer);
    return frames;
  }
}

/** Assembles payloads into lines; a line cut across frames waits for its end (or for `flush`). */
export class LineAssembler {
  private partial = '';
  private readonly decoder = new TextDecoder('utf-8');

  push(payload: Buffer): string[] {
    const text = this.partial + this.decoder.decode(payload, { stream: true });
    const lines = text.split('\n');
    this.partial = lines.pop() ?? '';
    return lines.map((l) => l.replace(/\r$/, ''));
  }

  /** The last line, when the stream ended without a newline. */
  flush(): string[] {
    const rest = this.partial + this.decoder.decode();
    this.partial = '';
    return rest === '' ? [] : [rest];
  }
}

const TIMESTAMPED = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z ?(.*)$/s;

/** Splits `<RFC 3339 nano timestamp> <text>` (Docker's `timestamps=1`); undefined without a timestamp. */
export function parseTimestamped(line: string): { timestamp: string; key: string; text: string } | undefined {
  const match = TIMESTAMPED.exec(line);
  if (!match) return undefined;
  const [, seconds, fraction = '', text] = match;
  return { timestamp: `${seconds}${fraction ? `.${fraction}` : ''}Z`, key: `${seconds}.${fraction.padEnd(9, '0')}`, text };
}

/** Docker's `since`/`until` form of a key: Unix seconds and nanoseconds, `1700000000.123456789`. */
export function keyToUnix(key: string): string {
  const [seconds, fraction] = key.split('.');
  return `${Date.parse(`${seconds}Z`) / 1000}.${fraction}`;
}

/** A key for an instant given in milliseconds. */
export function keyOf(milliseconds: number): string {
  const iso = new Date(milliseconds).toISOString(); // 2024-01-01T00:00:00.123Z
  return `${iso.slice(0, 19)}.${iso.slice(20, 23)}000000`;
}

/** Lines of several containers in time order; lines with one timestamp keep their order. */
export function mergeByTime(lines: readonly LogLine[]): LogLine[] {
  return lines
    .map((line, index) => ({ line, index }))
    .sort((a, b) => (a.line.key < b.line.key ? -1 : a.line.key > b.line.key ? 1 : a.index - b.index))
    .map(({ line }) => line);
}

/** Decodes one container's whole log (a non-follow answer) into lines. */
export function decodeLog(source: string, body: Buffer, raw: boolean): LogLine[] {
  const decoder = new FrameDecoder(raw);
  const assemblers: Record<LogStream, LineAssembler> = { stdout: new LineAssembler(), stderr: new LineAssembler() };
  const lines: LogLine[] = [];
  const add = (stream: LogStream, texts: string[]): void => {
    for (const text of texts) {
      const parsed = parseTimestamped(text);
      if (parsed) lines.push({ source, stream, ...parsed });
    }
  };
  for (const frame of decoder.push(body)) add(frame.stream, assemblers[frame.stream].push(frame.payload));
  add('stdout', assemblers.stdout.flush());
  add('stderr', assemblers.stderr.flush());
  return lines;
}

const PALETTE = [36, 33, 32, 35, 34, 91, 92, 93, 94, 95, 96];

/** `api     | text`, with the prefix padded to `width` and coloured per source on a terminal, as `docker compose logs` does. */
export function formatLogLine(line: LogLine, width: number, options: { readonly timestamps?: boolean; readonly colorIndex?: number } = {}): string {
  const prefix = `${line.source.padEnd(width)} |`;
  const coloured = options.colorIndex === undefined ? prefix : `\x1b[${PALETTE[options.colorIndex % PALETTE.length]}m${prefix}\x1b[0m`;
  return `${coloured} ${options.timestamps ? `${line.timestamp} ` : ''}${line.text}`;
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * `--since`: a duration back from now (`90s`, `10m`, `1h30m`, `2d`), an RFC 3339 time or date
 * (`2024-05-01T10:00:00Z`, `2024-05-01`), or Unix seconds; as a key. Undefined when unreadable.
 */
export function sinceKey(value: string, now: number): string | undefined {
  const trimmed = value.trim();
  if (/^(\d+(ms|s|m|h|d))+$/.test(trimmed)) {
    let total = 0;
    for (const [, amount, unit] of trimmed.matchAll(/(\d+)(ms|s|m|h|d)/g)) total += Number(amount) * UNITS[unit];
    return keyOf(now - total);
  }
  if (/^\d+(\.\d+)?$/.test(trimmed)) return keyOf(Number(trimmed) * 1000);
  if (/^\d{4}-\d\d-\d\d([T ]\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?)?$/.test(trimmed)) {
    const parsed = Date.parse(trimmed);
    return Number.isNaN(parsed) ? undefined : keyOf(parsed);
  }
  return undefined;
}
