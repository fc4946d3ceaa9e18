import { ENGINE_MAJOR_WITH_START_INTERVAL } from '../limits';

/** A Docker Engine version as `docker version` prints it: `20.10`, `26.1.5`, `27.0.0-rc.1`. */
export const ENGINE_VERSION_PATTERN = /^(\d+)\.(\d+)(\.\d+)?([-+][0-9A-Za-z.+-]*)?$/;

/**
 * Whether an engine of `version` probes health checks at `start_interval` during the start
 * period (Engine 25, API 1.44); an unknown version is taken as a current engine.
 */
export function engineProbesStartInterval(version: string | undefined): boolean {
  // Stryker disable next-line ConditionalExpression: equivalent (no version matches the pattern, and NaN compares false), kept to say it outright
  if (version === undefined) return true;
  const major = Number(ENGINE_VERSION_PATTERN.exec(version)?.[1]);
  return !(major < ENGINE_MAJOR_WITH_START_INTERVAL);
}
