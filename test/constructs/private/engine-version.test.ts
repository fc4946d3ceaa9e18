import { ENGINE_MAJOR_WITH_START_INTERVAL } from '../../../constructs/limits';
import { ENGINE_VERSION_PATTERN, engineProbesStartInterval } from '../../../constructs/private/engine-version';

// constructs/private/engine-version.ts: Docker Engine versions, and which ones probe at start_interval.

describe('ENGINE_VERSION_PATTERN', () => {
  test.each(['20.10', '26.1.5', '27.0.0-rc.1', '26.1.5+dfsg1', '25.0.0-beta.3+build.7', '0.0'])('given %p (as `docker version` prints it), then it is a version', (version) => {
    expect(ENGINE_VERSION_PATTERN.test(version)).toBe(true);
  });

  test.each(['', '26', 'v26.1.5', '26.1.5.4', '26.1.', '26.x', ' 26.1', '26.1 ', '26.1.5 rc', 'latest'])('given the near miss %p, then it is not', (version) => {
    expect(ENGINE_VERSION_PATTERN.test(version)).toBe(false);
  });
});

describe('engineProbesStartInterval', () => {
  test('given no version, then a current engine is assumed', () => {
    expect(engineProbesStartInterval(undefined)).toBe(true);
  });

  test.each([
    ['the first major that probes', `${ENGINE_MAJOR_WITH_START_INTERVAL}.0`, true],
    ['one major below', `${ENGINE_MAJOR_WITH_START_INTERVAL - 1}.0.9`, false],
    ['one major above', `${ENGINE_MAJOR_WITH_START_INTERVAL + 1}.1.5`, true],
    ['a pre-release of the first major', `${ENGINE_MAJOR_WITH_START_INTERVAL}.0.0-rc.1`, true],
    ['a distribution build of an older major', '20.10.24+dfsg1', false],
    ['a major of three digits', '100.0', true],
    ['a major with a leading zero', '024.0', false],
  ])('given %s (%p), then %p', (_what, version, probes) => {
    expect(engineProbesStartInterval(version)).toBe(probes);
  });

  test('given text that is no version (refused earlier by DockerStack props), then a current engine is assumed', () => {
    expect(engineProbesStartInterval('latest')).toBe(true);
  });
});
