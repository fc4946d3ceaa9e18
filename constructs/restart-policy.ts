import { RESTART_MAX_RETRIES, RESTART_MIN_RETRIES } from './limits';
import { numberProblem, throwArgument } from './private/arguments';
import { brand, hasBrand } from './private/brand';

// Re-exported for rules/unbounded-restart.ts, which imports it from here; the bound lives in limits.ts.
export { RESTART_MAX_RETRIES };

/**
 * What Docker does when a container stops. Restarts are bounded by default so a crash loop
 * ends and shows up as an exited container with its logs, instead of a silent restart loop.
 */
export class RestartPolicy {
  /** True for a RestartPolicy of any installed copy of this library (a brand check, not `instanceof`). */
  static isRestartPolicy(this: void, value: unknown): value is RestartPolicy {
    return hasBrand(value, 'RestartPolicy');
  }

  /** Restart after a non-zero exit, at most `maxRetries` times (1 to 20). */
  static onFailure(maxRetries: number): RestartPolicy {
    const problem = numberProblem(maxRetries, { min: RESTART_MIN_RETRIES, max: RESTART_MAX_RETRIES, whole: true });
    // Stryker disable next-line EqualityOperator: equivalent (with a problem, a number is never exactly RESTART_MAX_RETRIES)
    if (problem && typeof maxRetries === 'number' && maxRetries > RESTART_MAX_RETRIES) {
      const why = 'a crash loop beyond that hides the crash (RestartPolicy.unlessStopped() is the explicit opt-in to restart forever)';
      throwArgument('RestartPolicy.onFailure', 'maxRetries', maxRetries, { message: problem.message, fix: `${problem.fix}; ${why}` });
    }
    if (problem) throwArgument('RestartPolicy.onFailure', 'maxRetries', maxRetries, problem);
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

  /** False only for `unlessStopped()`, the one policy that restarts without end. */
  get isBounded(): boolean {
    return this.name !== 'unless-stopped';
  }

  /** Docker's `--restart` notation: `on-failure:5`, `unless-stopped`, `no`. */
  toString(): string {
    return this.name === 'on-failure' ? `on-failure:${this.maxRetries}` : this.name;
  }
}
brand(RestartPolicy.prototype, 'RestartPolicy');
