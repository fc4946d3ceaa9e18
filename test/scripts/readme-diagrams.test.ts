import * as fs from 'fs';
import { missingMarkers, README_PATH, renderReadmeDiagrams, seedDiagrams } from '../../scripts/readme-diagrams';
import { STACK_NAMES } from '../../stacks';

describe("README.md's stack diagrams", () => {
  const readme = fs.readFileSync(README_PATH, 'utf8');

  test('given every documented stack, then README.md has a diagram for it', () => {
    expect(missingMarkers(readme)).toEqual([]);
  });

  test('given the stacks as the code builds them, then each README diagram is what `cdktf-docker-stacks diagram` prints (run `npm run docs:diagrams` after changing a stack)', () => {
    expect(readme).toBe(renderReadmeDiagrams(readme));
  });

  test('fails when a diagram drifts: a README with one edge less is rewritten', () => {
    const drifted = readme.replace('  svc_api --> svc_postgres\n', '');

    expect(drifted).not.toBe(readme);
    expect(renderReadmeDiagrams(drifted)).toBe(readme);
  });

  test('fails when a marker names a stack that does not exist', () => {
    expect(() => renderReadmeDiagrams('<!-- diagram: nope -->\n```mermaid\n```\n')).toThrow(/"nope", which is not a documented stack/);
  });

  test('gives one diagram per documented stack', () => {
    expect(Object.keys(seedDiagrams()).sort()).toEqual([...STACK_NAMES].sort());
  });
});
