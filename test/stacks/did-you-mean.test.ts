import { closest } from '../../stacks/did-you-mean';

// stacks/did-you-mean.ts: the edit distance behind the configuration's did-you-mean.
describe('closest', () => {
  const keys = ['arkalia.api', 'mnemolite.api', 'vibecoding-dev.redis', 'vibecoding.nginx'];

  test('suggests the nearest key for a typo', () => {
    expect([closest('mnemolite.apii', keys), closest('vibecoding.redis', keys), closest('arkalia.ap', keys)]).toEqual(['mnemolite.api', 'vibecoding-dev.redis', 'arkalia.api']);
  });

  test('suggests nothing beyond a third of the word (at least 2 edits): "grafana.web"', () => {
    expect(closest('grafana.web', keys)).toBeUndefined();
  });

  test('allows 2 edits even in a short word, and no more', () => {
    expect([closest('ab', ['xy']), closest('ab', ['xyz'])]).toEqual(['xy', undefined]);
  });

  test('a third of the length, exactly, is still near: 9 letters allow 3 edits, not 4', () => {
    expect([closest('abcdefghi', ['abcdefxyz']), closest('abcdefghi', ['abcdewxyz'])]).toEqual(['abcdefxyz', undefined]);
  });

  test('ties go to the earlier candidate; no candidates, no suggestion', () => {
    expect([closest('ab', ['ax', 'ay']), closest('ab', [])]).toEqual(['ax', undefined]);
  });
});
