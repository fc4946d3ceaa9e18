import { RESTART_MAX_RETRIES, RESTART_MIN_RETRIES } from './limits';
import { brand, hasBrand } from './private/brand';

// Re-exported for rules/unbounded-restart.ts, which imports it from here; the bound lives in limits.ts.
export { RESTART_MAX_RETRIES };

/**
 * What Docker does when a container stops. Restarts are bounded by default so a crash loop
 * ends and shows up as an exited container with its logs, instead of a silent restart loop.
 */
export class RestartPolicy {
  /** True for a RestartPolicy of any installed copy of this library (a brand check, not `instanceof`). */
  static isRestartPolicy(value: unknown): value is RestartPolicy {
    return hasBrand(value, 'RestartPolicy');
  }

  /** Restart after a non-zero exit, at most `maxRetries` times. */
  static onFailure(maxRetries: number): RestartPolicy {
    if (!Number.isInteger(maxRetries) || maxRetries < RESTART_MIN_RETRIES || maxRetries > RESTART_MAX_RETRIES) {
      throw new Error(`RestartPolicy.onFailure(${maxRetries}): retries must be a whole number from ${RESTART_MIN_RETRIES} to ${RESTART_MAX_RETRIES}`);
    }
    return new RestartPolicy('on-failure', maxRetries);
  }

  /** Always restart, also after an engine restart, unless stopped by hand. Unbounded: opt-in only. */
  static unlessStopped(): RestartPolicy {
    return new RestartPolicy('unless-stopped', 0);
  }

  /** Never restart: for one-shot containers. */
  static never(): RestartPolicy {
    return new RestartPolicy('no', 0);
  }

  private constructor(
    /** Docker's name for the policy. */
    public readonly name: 'on-failure' | 'unless-stopped' | 'no',
    /** Retry bound; 0 when the policy has none. */
    public readonly maxRetries: number,
  ) {}

  get isBounded(): boolean {
    return this.name !== 'unless-stopped';
  }

  toString(): string {
    return this.name === 'on-failure' ? `on-failure:${this.maxRetries}` : this.name;
  }
}
brand(RestartPolicy.prototype, 'RestartPolicy');
