import type { Duration } from '../duration';

/**
 * A duration as the provider reads `docker_service` durations back: Go's form without a
 * trailing zero unit (`2m`, not `2m0s`; `1h`, not `1h0m0s`). Written any other way, every plan
 * shows the field again (seen on the test cluster: `window = "2m" -> "2m0s"`).
 */
export function swarmDuration(duration: Duration): string {
  return shortGoDuration(duration.toGoString());
}

/** The same, for a duration already in Go's form (a rendered health check). */
export function shortGoDuration(goForm: string): string {
  const minutes = goForm.endsWith('m0s') ? goForm.slice(0, -2) : goForm;
  return minutes.endsWith('h0m') ? minutes.slice(0, -2) : minutes;
}
