import * as http from 'http';
import * as https from 'https';

/** What a GET answered. */
export interface Answer {
  readonly status: number;
  readonly location: string | undefined;
  readonly body: string;
}

/**
 * One GET on a fresh connection (no keep-alive, so every request sees the current state of a
 * proxy and its upstreams); resolves with the status, the Location header and the body, and
 * rejects when no HTTP answer comes (refused, reset, timeout).
 */
export function get(client: typeof http | typeof https, options: https.RequestOptions, timeoutMs = 10_000): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = client.get({ ...options, agent: false, timeout: timeoutMs }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, location: response.headers.location, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`GET ${options.path ?? '/'} on port ${options.port}: no answer in ${timeoutMs} ms`)));
    request.on('error', reject);
  });
}
