/**
 * `items` as an English list for messages: "a", "a or b", "a, b or c" (`and` likewise). No
 * serial comma, as every message of the library writes it.
 */
export function wordList(items: readonly string[], conjunction: 'and' | 'or'): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}` : (items[0] ?? '');
}
