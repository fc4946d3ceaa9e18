import { TerraformOutput, TerraformVariable, Testing } from 'cdktf';
import { percentEncode } from '../../../constructs/private/url-encoding';
import { newStack } from '../../support/synth';
import { evaluateInTerraform } from '../../support/terraform-console';

// constructs/private/url-encoding.ts: a URL part encoded the same way at synth time and at apply time.

const UNRESERVED = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';

/** encodeURIComponent, which also keeps `!'()*`: percentEncode encodes those as well. */
const strictEncodeURIComponent = (value: string): string => encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Passwords and user names as they come: separators, blanks, quotes, percent signs, non-ASCII. */
const VALUES: readonly string[] = [
  '',
  UNRESERVED,
  'p@ss/w:rd%40',
  'a b+c',
  ' leading and trailing ',
  "!'()*",
  '#?&=[]{}|\\^`"<>,;',
  'tab\there\nnewline',
  'café',
  'mot de passe sécurisé',
  '€',
  'パスワード',
  '😀 emoji',
  'e\u0301', // "é" written as e + combining acute (NFD), as macOS writes file names
  '\u2126', // OHM SIGN: NFC makes it U+03A9 GREEK CAPITAL LETTER OMEGA
];

describe('percentEncode of a literal', () => {
  test('keeps every RFC 3986 unreserved character', () => {
    expect(percentEncode(UNRESERVED)).toBe(UNRESERVED);
  });

  test('encodes every other ASCII character as %XX in capitals', () => {
    // Given every ASCII character but the unreserved ones
    const others = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code)).filter((c) => !UNRESERVED.includes(c));

    // Then each is its byte in hexadecimal
    for (const c of others) expect(percentEncode(c)).toBe(`%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
    expect(others).toHaveLength(128 - UNRESERVED.length);
  });

  test('a space is %20 and a plus %2B, never "+"', () => {
    expect(percentEncode('a b+c')).toBe('a%20b%2Bc');
  });

  test.each([
    ['é (2 bytes)', 'é', '%C3%A9'],
    ['€ (3 bytes)', '€', '%E2%82%AC'],
    ['😀 (4 bytes, a surrogate pair in JavaScript)', '😀', '%F0%9F%98%80'],
  ])('encodes %s byte by byte in UTF-8', (_what, value, encoded) => {
    expect(percentEncode(value)).toBe(encoded);
  });

  test.each(VALUES.map((v) => [JSON.stringify(v), v]))('given %s, then it is encodeURIComponent with !\'()* encoded too', (_shown, value) => {
    expect(percentEncode(value)).toBe(strictEncodeURIComponent(value.normalize('NFC')));
  });

  test.each(VALUES.map((v) => [JSON.stringify(v), v]))('given %s, then decoding gives the value back (as Terraform stores it, in NFC)', (_shown, value) => {
    expect(decodeURIComponent(percentEncode(value))).toBe(value.normalize('NFC'));
  });

  test('a lone surrogate becomes U+FFFD instead of throwing (encodeURIComponent throws)', () => {
    expect(() => encodeURIComponent('a\uD800')).toThrow(URIError);
    expect(percentEncode('a\uD800')).toBe('a%EF%BF%BD');
  });
});

/** The URL `percentEncode` renders around a Terraform variable `p`, as synthesized. */
function renderedUrl(): string {
  const stack = newStack();
  const password = new TerraformVariable(stack, 'p', { type: 'string' });
  new TerraformOutput(stack, 'url', { value: `postgresql://u:${percentEncode(password.stringValue)}@db/x` });
  return (JSON.parse(Testing.synth(stack)) as { output: Record<string, { value: string }> }).output.url.value;
}

describe('percentEncode of a Terraform value', () => {
  test('renders urlencode with every "+" (a space) replaced by %20', () => {
    expect(renderedUrl()).toBe('postgresql://u:${replace(urlencode(var.p), "+", "%20")}@db/x');
  });

  test('a value encoded by the rendered expression in Terraform and the same value encoded here give one text', () => {
    // Given the expression as rendered, applied by Terraform to each value
    const expression = /\$\{(.*)\}@/.exec(renderedUrl())?.[1] ?? 'not rendered';
    const encodedByTerraform = evaluateInTerraform(VALUES, (v) => expression.replaceAll('var.p', v));

    // Then the literal encoding is the same, value for value
    expect(VALUES.map(percentEncode)).toEqual(encodedByTerraform);
  });
});
