import { wordList } from '../../../constructs/private/word-list';

// constructs/private/word-list.ts: lists in messages.
describe('wordList', () => {
  test.each([
    [[], 'or', ''],
    [['null'], 'or', 'null'],
    [['null', 'string'], 'or', 'null or string'],
    [['null', 'string', 'array'], 'or', 'null, string or array'],
    [['10.01-10.09', '20.01-20.09', '30.01-30.09', '40.01-40.09'], 'and', '10.01-10.09, 20.01-20.09, 30.01-30.09 and 40.01-40.09'],
  ] as const)('given %p joined by %p, then %p', (items, conjunction, text) => {
    expect(wordList(items, conjunction)).toBe(text);
  });
});
