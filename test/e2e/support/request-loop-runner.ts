// Runs a RequestLoop as its own process, so it can be started inside a network namespace
// (`nsenter --net=...`): the test cluster's addresses are reachable only from there.
//
//   node --import tsx test/e2e/support/request-loop-runner.ts MAX_REQUESTS MAX_SECONDS URL...
//
// Stops on SIGTERM, after MAX_REQUESTS requests or after MAX_SECONDS, whichever comes first,
// and prints the summary as one JSON document on stdout.
import { RequestLoop } from './request-loop';

const [maxRequests, maxSeconds, ...urls] = process.argv.slice(2);
const limit = Number(maxRequests);
const seconds = Number(maxSeconds);
if (!(limit > 0) || !(seconds > 0) || urls.length === 0) {
  process.stderr.write('usage: request-loop-runner.ts MAX_REQUESTS MAX_SECONDS URL...\n');
  process.exit(2);
}
// The same pause and timeout as the in-process loop of the single-engine suites.
const loop = new RequestLoop(urls, 20, 10_000, limit);
loop.start();
let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  void loop.stop().then((summary) => {
    // Exit once the summary is written: stdout is a pipe, and a large summary (a few hundred
    // KiB after a long deploy) exiting at once was cut short (seen 2026-12-05).
    process.stdout.write(JSON.stringify(summary), () => process.exit(0));
  });
};
process.on('SIGTERM', stop);
setTimeout(stop, seconds * 1000).unref();
void loop.done.then(stop);
