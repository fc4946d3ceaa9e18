import { decodeLog, FrameDecoder, formatLogLine, keyOf, keyToUnix, LineAssembler, mergeByTime, parseTimestamped, sinceKey, type LogLine } from '../../cli/log-lines';

/** One frame of Docker's multiplexed stream: stream byte, three zeros, big-endian length, payload. */
function frame(stream: 1 | 2, text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

function line(source: string, timestamp: string, text: string): LogLine {
  const parsed = parseTimestamped(`${timestamp} ${text}`);
  if (!parsed) throw new Error(`bad timestamp ${timestamp}`);
  return { source, stream: 'stdout', ...parsed };
}

describe('FrameDecoder', () => {
  test('given stdout and stderr frames in one chunk, then it splits them by stream', () => {
    const frames = new FrameDecoder().push(Buffer.concat([frame(1, 'out\n'), frame(2, 'err\n')]));

    expect(frames.map((f) => [f.stream, f.payload.toString()])).toEqual([
      ['stdout', 'out\n'],
      ['stderr', 'err\n'],
    ]);
  });

  test('given a frame cut inside its header and inside its payload, then it waits for the rest', () => {
    const bytes = Buffer.concat([frame(1, 'hello world\n'), frame(2, 'second\n')]);
    const decoder = new FrameDecoder();

    const parts = [bytes.subarray(0, 5), bytes.subarray(5, 14), bytes.subarray(14, 25), bytes.subarray(25)].map((chunk) => decoder.push(chunk));

    expect(parts.map((frames) => frames.map((f) => f.payload.toString()))).toEqual([[], [], ['hello world\n'], ['second\n']]);
  });

  test('given a container with a TTY, then the bytes pass through as stdout', () => {
    expect(new FrameDecoder(true).push(Buffer.from('raw\n')).map((f) => [f.stream, f.payload.toString()])).toEqual([['stdout', 'raw\n']]);
  });
});

describe('LineAssembler', () => {
  test('given a line split across payloads and a multi-byte character split across them, then lines come out whole', () => {
    const assembler = new LineAssembler();
    const euro = Buffer.from('€', 'utf8');

    expect(assembler.push(Buffer.concat([Buffer.from('a\nb'), euro.subarray(0, 1)]))).toEqual(['a']);
    expect(assembler.push(Buffer.concat([euro.subarray(1), Buffer.from('c\r\nd')])))
      .toEqual(['b€c']);
    expect(assembler.flush()).toEqual(['d']);
    expect(assembler.flush()).toEqual([]);
  });
});

describe('timestamps', () => {
  test('given Docker timestamps with trailing zeros trimmed, then the keys still sort in time order', () => {
    // RFC3339Nano drops trailing zeros: .5 is later than .123456789 though shorter.
    const a = parseTimestamped('2024-05-01T10:00:00.123456789Z first');
    const b = parseTimestamped('2024-05-01T10:00:00.5Z second');
    const c = parseTimestamped('2024-05-01T10:00:01Z third');

    expect([a?.key, b?.key, c?.key]).toEqual(['2024-05-01T10:00:00.123456789', '2024-05-01T10:00:00.500000000', '2024-05-01T10:00:01.000000000']);
    expect([a?.text, b?.text, c?.text]).toEqual(['first', 'second', 'third']);
    expect(b?.timestamp).toBe('2024-05-01T10:00:00.5Z');
  });

  test('fails to parse a line without a timestamp', () => {
    expect(parseTimestamped('no timestamp here')).toBeUndefined();
  });

  test('given a key, then Docker\'s since form is Unix seconds with nanoseconds', () => {
    expect(keyToUnix('2024-05-01T10:00:00.000000042')).toBe('1714557600.000000042');
    expect(keyOf(Date.parse('2024-05-01T10:00:00.250Z'))).toBe('2024-05-01T10:00:00.250000000');
  });

  test('given an empty line with a timestamp, then its text is empty', () => {
    expect(parseTimestamped('2024-05-01T10:00:00.1Z ')?.text).toBe('');
  });
});

describe('mergeByTime', () => {
  test('given lines of two services, then they interleave in time order, lines with one timestamp keeping their order', () => {
    const api = [line('api', '2024-05-01T10:00:00.1Z', 'a1'), line('api', '2024-05-01T10:00:00.3Z', 'a2'), line('api', '2024-05-01T10:00:00.3Z', 'a3')];
    const db = [line('db', '2024-05-01T10:00:00.05Z', 'd1'), line('db', '2024-05-01T10:00:00.2Z', 'd2'), line('db', '2024-05-01T10:00:00.4Z', 'd3')];

    expect(mergeByTime([...api, ...db]).map((l) => l.text)).toEqual(['d1', 'a1', 'd2', 'a2', 'a3', 'd3']);
  });
});

describe('decodeLog', () => {
  test('given a whole multiplexed log with timestamps, then each line carries its source and stream', () => {
    const body = Buffer.concat([frame(1, '2024-05-01T10:00:00.1Z started\n2024-05-01T10:00:00.2Z ready\n'), frame(2, '2024-05-01T10:00:00.15Z warn')]);

    const lines = decodeLog('api', body, false);

    expect(lines.map((l) => [l.source, l.stream, l.text])).toEqual([
      ['api', 'stdout', 'started'],
      ['api', 'stdout', 'ready'],
      ['api', 'stderr', 'warn'],
    ]);
  });
});

describe('formatLogLine', () => {
  test('given a prefix width, then the source is padded and followed by a bar, as docker compose logs does', () => {
    const l = line('db', '2024-05-01T10:00:00.1Z', 'ready');

    expect(formatLogLine(l, 6)).toBe('db     | ready');
    expect(formatLogLine(l, 2, { timestamps: true })).toBe('db | 2024-05-01T10:00:00.1Z ready');
    expect(formatLogLine(l, 2, { colorIndex: 0 })).toBe('\x1b[36mdb |\x1b[0m ready');
  });
});

describe('sinceKey', () => {
  const now = Date.parse('2024-05-01T10:00:00Z');

  test.each([
    ['90s', '2024-05-01T09:58:30.000000000'],
    ['10m', '2024-05-01T09:50:00.000000000'],
    ['1h30m', '2024-05-01T08:30:00.000000000'],
    ['2d', '2024-04-29T10:00:00.000000000'],
    ['500ms', '2024-05-01T09:59:59.500000000'],
    ['2024-04-30T12:00:00Z', '2024-04-30T12:00:00.000000000'],
    ['2024-04-30', '2024-04-30T00:00:00.000000000'],
    ['1714557600', '2024-05-01T10:00:00.000000000'],
  ])('given --since %s, then lines from %s on', (value, key) => {
    expect(sinceKey(value, now)).toBe(key);
  });

  test.each(['yesterday', '10 minutes', '-5m', '2024-13-45', ''])('fails when --since is %p', (value) => {
    expect(sinceKey(value, now)).toBeUndefined();
  });
});
