import { RESTART_MAX_RETRIES } from '../restart-policy';
import { StackRule } from './rule';

/** Restarts are bounded, so a crash loop ends where it can be seen. An advisory: a warning, never an error. */
export const unboundedRestart: StackRule = {
  id: 'CDS-RESTART-UNBOUNDED',
  summary: 'Every service restarts a bounded number of times.',
  explanation:
    'The seeds\' failures hid in restart loops (seed 000): a container that crashes at start and is restarted for ever looks "Up" between two crashes, and the crash surfaces only as flapping health checks. With `on-failure` and a retry bound the loop ends in an exited container whose exit code and logs say why. Kept as a warning because an unbounded policy can be a deliberate choice (a service that must come back after an engine restart).',
  check({ services }) {
    return services
      .filter((s) => !s.restartPolicy.isBounded)
      .map((s) => ({
        ruleId: this.id,
        path: s.node.path,
        field: 'restartPolicy',
        value: s.restartPolicy,
        message: 'restarts without bound: a crash loop never ends, and between two crashes the container looks up',
        fix: `use RestartPolicy.onFailure(n) (the default is 5, at most ${RESTART_MAX_RETRIES}), so a crashing container stops with its exit code and logs`,
      }));
  },
};
