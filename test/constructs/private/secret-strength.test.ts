import { ContainerImage, HealthCheck, Secret, Service } from '../../../constructs';
import { containsKnownDefault, isKnownDefault, KNOWN_DEFAULT_SECRETS, normaliseSecret, secretLength, terraformStrengthCondition } from '../../../constructs/private/secret-strength';
import { SECRET_MIN_LENGTH } from '../../../constructs/secret';
import { findings } from '../../support/rules';
import { newStack } from '../../support/synth';
import { evaluateInTerraform } from '../../support/terraform-console';

// constructs/private/secret-strength.ts: what makes a secret weak, for the synth-time rule
// (CDS-SECRET-WEAK, TypeScript) and the deploy-time check of a variable (Terraform) alike.

const MIN = SECRET_MIN_LENGTH;

/**
 * Values near every edge of both checks, each with what it probes. The two checks must agree on
 * every one: Terraform sees the value as a `TF_VAR_` string (in NFC), the rule as written.
 */
const TABLE: readonly (readonly [string, string])[] = [
  ['one character short', 'a'.repeat(MIN - 1)],
  ['exactly the minimum', 'a'.repeat(MIN)],
  ['one over the minimum', 'a'.repeat(MIN + 1)],
  ['empty', ''],
  ['blanks only', ' \t\n'.repeat(MIN)],
  ['short once surrounding blanks are trimmed', ` ${'a'.repeat(MIN - 1)}\n`],
  ['long enough once trimmed', `\t${'a'.repeat(MIN)}  `],
  ['inner blanks count', `${'a'.repeat(MIN / 2)} ${'a'.repeat(MIN / 2 - 1)}`],
  ['a known default', 'change-me-in-production'],
  ['a known default with a trailing newline', 'change-me-in-production\n'],
  ['a known default in capitals with "_"', 'CHANGE_ME_IN_PRODUCTION'],
  ['a known default with spaces and dots', 'Change Me.In Production'],
  ['a seed default (003)', 'votre_mot_de_passe_securise'],
  ['a seed default, API key', 'default_api_key'],
  ['a known default with a suffix', 'change-me-in-production-2'],
  ['a known default inside a longer value', 'my-change-me-in-production-token'],
  ['digits are kept', 'password1234'],
  ['NFC accented letters, one short', 'é'.repeat(MIN - 1)],
  ['NFC accented letters, the minimum', 'é'.repeat(MIN)],
  ['decomposed accents (e + U+0301), the minimum', 'e\u0301'.repeat(MIN)],
  ['decomposed accents (e + U+0301), half the minimum (as many code units as the minimum)', 'e\u0301'.repeat(MIN / 2)],
  ['emoji, half the minimum (as many UTF-16 units as the minimum)', '😀'.repeat(MIN / 2)],
  ['emoji, the minimum', '😀'.repeat(MIN)],
  ['ZWJ family emoji and flags', '👨‍👩‍👧🇫🇷'.repeat(MIN / 2)],
  ['a CRLF inside (one character to Terraform)', `${'a'.repeat(MIN / 2)}\r\n${'a'.repeat(MIN / 2 - 2)}`],
  ['trailing NEL (U+0085, a blank to Terraform)', `${'a'.repeat(MIN - 1)}\u0085`],
  ['leading BOM (U+FEFF, not a blank to Terraform)', `\ufeff${'a'.repeat(MIN - 1)}`],
  ['leading no-break space', `\u00a0${'a'.repeat(MIN - 1)}`],
  ['a known default with a decomposed accent after it', 'change-me-in-productione\u0301'],
  ['a known default whose last letter carries a decomposed dot', 'change-me-in-productio\u006e\u0307'],
  ['dotted capital I (U+0130) in a known default', 'ADM\u0130N-ADM\u0130N-ADM\u0130N'],
  ['Kelvin sign (U+212A) for k', 'default_api_\u212Aey'],
];

describe('KNOWN_DEFAULT_SECRETS', () => {
  test("holds the seeds' defaults", () => {
    expect(KNOWN_DEFAULT_SECRETS).toEqual(expect.arrayContaining(['mnemopass', 'default_api_key', 'change-me-in-production', 'votre_mot_de_passe_securise']));
  });
});

describe('normaliseSecret', () => {
  test.each([
    ['Change_Me In-Production\n', 'changemeinproduction'],
    ['  PASS.word  ', 'password'],
    ['Pässwörd-2024', 'psswrd2024'],
    ['', ''],
    ['!!!', ''],
  ])('given %p, then %p (lowercase letters and digits only)', (value, normalised) => {
    expect(normaliseSecret(value)).toBe(normalised);
  });
});

describe('isKnownDefault', () => {
  test.each(KNOWN_DEFAULT_SECRETS.flatMap((known) => [known, known.toUpperCase(), `${known}\n`, ` ${known.replace(/[-_]/g, ' ')} `, known.replace(/-/g, '_')]))('given %p, then it is a known default', (value) => {
    expect(isKnownDefault(value)).toBe(true);
  });

  test.each(['changeme1', 'mnemopass2', 'my-change-me-token', 'passwords', 'secret-sauce-recipe', ''])('given %p, then it is not (a near miss)', (value) => {
    expect(isKnownDefault(value)).toBe(false);
  });
});

describe('containsKnownDefault', () => {
  test.each(['my-change-me-token', 'DB_PASSWORD_FALLBACK', 'prefix mnemopass suffix'])('given %p, then a known default is inside', (value) => {
    expect(containsKnownDefault(value)).toBe(true);
  });

  test.each(['', 'x7Gq9vR2mZ', 'passw0rd', 'chang3me'])('given %p, then none is', (value) => {
    expect(containsKnownDefault(value)).toBe(false);
  });
});

describe('secretLength', () => {
  test.each([
    ['ASCII', 'a'.repeat(MIN), MIN],
    ['surrounding blanks left out', ` \t${'a'.repeat(MIN)}\r\n`, MIN],
    ['inner blanks kept', 'a b', 3],
    ['blanks only', ' \u00a0\u3000\u0085 ', 0],
    ['a BOM is not a blank', '\ufeffa', 2],
    ['an accented letter, composed or not, is one', 'e\u0301\u00e9', 2],
    ['an emoji is one', '😀😀', 2],
    ['a ZWJ family and a flag are one each', '👨‍👩‍👧🇫🇷', 2],
    ['a CRLF is one', 'a\r\nb', 3],
  ])('%s: %p has %p characters', (_what, value, length) => {
    expect(secretLength(value)).toBe(length);
  });
});

describe('terraformStrengthCondition', () => {
  test('refuses a trimmed length under the minimum and every normalised known default', () => {
    expect(terraformStrengthCondition('var.db_password', 12)).toBe(
      `length(trimspace(var.db_password)) >= 12 && !contains(${JSON.stringify([...new Set(KNOWN_DEFAULT_SECRETS.map(normaliseSecret))])}, replace(lower(var.db_password), "/[^a-z0-9]/", ""))`,
    );
  });
});

describe('the TypeScript rule and the Terraform condition agree', () => {
  const values = TABLE.map(([, value]) => value);

  /** The values CDS-SECRET-WEAK refuses, given each as a literal secret of one service. */
  function refusedByRule(): boolean[] {
    const stack = newStack();
    new Service(stack, 'api', {
      image: ContainerImage.fromRegistry('example/api:1.0.0'),
      healthCheck: HealthCheck.command(['true']),
      secrets: Object.fromEntries(values.map((value, i) => [`S${i}`, Secret.fromLiteral(value)])),
    });
    const flagged = new Set(findings(stack, 'CDS-SECRET-WEAK').map((m) => /: secrets\.S(\d+) = /.exec(m)?.[1]));
    return values.map((_, i) => flagged.has(String(i)));
  }

  test('on normalisation: normaliseSecret gives what the condition compares', () => {
    // Given the normalisation as the condition writes it
    const normalisation = /replace\(lower\(v\), "[^"]*", ""\)/.exec(terraformStrengthCondition('v', MIN))?.[0] ?? 'not found';

    // Then Terraform and TypeScript normalise every value alike
    const byTerraform = evaluateInTerraform(values, (v) => normalisation.replace('lower(v)', `lower(${v})`));
    expect(TABLE.map(([what, value]) => [what, normaliseSecret(value)])).toEqual(TABLE.map(([what], i) => [what, byTerraform[i]]));
  });

  test('on every value of the table: the rule refuses exactly what the variable validation refuses', () => {
    // Given the condition Secret.fromVariable renders, evaluated by Terraform
    const acceptedByTerraform = evaluateInTerraform(values, (v) => terraformStrengthCondition(v, MIN));

    // Then the rule refuses a value exactly when Terraform does not accept it
    const refused = refusedByRule();
    expect(TABLE.map(([what], i) => [what, refused[i] ? 'refused' : 'accepted'])).toEqual(TABLE.map(([what], i) => [what, acceptedByTerraform[i] === true ? 'accepted' : 'refused']));
  });

  test('the table probes both verdicts at the minimum: one short is refused, the minimum accepted', () => {
    const refused = refusedByRule();
    expect(refused[0]).toBe(true);
    expect(refused[1]).toBe(false);
    expect(refused[2]).toBe(false);
  });
});
