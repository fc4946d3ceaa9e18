import type { ValidationProblem } from '../errors';
import { containsKnownDefault, isKnownDefault, secretLength } from '../private/secret-strength';
import { SECRET_MIN_LENGTH } from '../secret';
import { RuleService, StackRule } from './rule';

/**
 * Names that say "secret": the last word is PASSWORD, SECRET, TOKEN, KEY, ... (`PGPASSWORD`,
 * `JWT_SECRET`, `API_KEY`), not a word before it (`TOKEN_TTL`, `KEY_PREFIX`, `DB_PASSWORD_FILE`).
 */
const SECRET_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|APIKEY|CREDENTIALS?)$|(^|_)(KEY|PASS|PWD)$/i;
/** `scheme://userinfo@`: the userinfo ends at the first `@`, and holds no `/`, `?`, `#` or blank. */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^/?#\s@]*)@/gi;

/**
 * Secrets known at synth time must be non-empty, long enough and not a known default, in any
 * spelling; a plain environment variable must not carry a credential at all.
 */
export const weakSecret: StackRule = {
  id: 'CDS-SECRET-WEAK',
  summary: 'No secret is empty, short or a known default, and no plain environment variable holds a credential.',
  explanation:
    'Seed 003 shipped `mnemopass` and `default_api_key` as fallbacks, and a DATABASE_URL with the password inside; such defaults end up in production, and a plain variable shows in clear in plans, state and `docker inspect`.',
  check({ services }) {
    return services.flatMap((s) => [...secretProblems(s, this.id), ...environmentProblems(s, this.id)]);
  },
};

function secretProblems(service: RuleService, ruleId: string): ValidationProblem[] {
  return [...service.secrets].flatMap(([key, derived]) =>
    derived.leaves().flatMap((secret): ValidationProblem[] => {
      const value = secret.knownValue();
      if (value === undefined) return [];
      const trimmed = value.trim();
      const problem =
        trimmed === ''
          ? 'is empty'
          : isKnownDefault(value)
            ? 'is a known default'
            : secretLength(value) < SECRET_MIN_LENGTH
              ? `is shorter than ${SECRET_MIN_LENGTH} characters`
              : undefined;
      if (problem === undefined) return [];
      return [
        {
          ruleId,
          path: service.node.path,
          field: `secrets.${key}`,
          value: `${secret.description} (value hidden)`,
          message: `the secret ${problem}`,
          fix: 'use a GeneratedSecret (new GeneratedSecret(scope, id).secret), or set a strong value through the TF_VAR_ variable',
        },
      ];
    }),
  );
}

function environmentProblems(service: RuleService, ruleId: string): ValidationProblem[] {
  return [...service.environmentVariables].flatMap(([key, value]): ValidationProblem[] => {
    const problem = (shown: string, message: string, remedy: string): ValidationProblem[] => [
      { ruleId, path: service.node.path, field: `environment.${key}`, value: shown, message, fix: remedy },
    ];
    const { masked, passwords } = urlPasswords(value);
    if (passwords.length > 0) {
      return problem(
        masked,
        `a plain environment variable holds ${passwords.some(isKnownDefault) ? 'a known default' : 'a password'} in a URL, in clear in plans, state and \`docker inspect\``,
        `move it to secrets: { ${key}: db.connectionUrl } for a Postgres, or a Secret.derived(...) of Secret.fromVariable(name); keep only URLs without a password in environment`,
      );
    }
    if (SECRET_NAME.test(key) && containsKnownDefault(value)) {
      return problem(
        '(value hidden)',
        'a plain environment variable whose name says secret holds a known default',
        `move it to secrets: { ${key}: Secret.fromVariable(name) } with a strong value set through TF_VAR_<name>, or use a GeneratedSecret`,
      );
    }
    return [];
  });
}

/** The non-empty passwords of every URL in `value`, and `value` with each shown as `***`. */
function urlPasswords(value: string): { masked: string; passwords: string[] } {
  const passwords: string[] = [];
  const masked = value.replace(URL_USERINFO, (match, scheme: string, userinfo: string) => {
    const colon = userinfo.indexOf(':');
    if (colon < 0 || colon === userinfo.length - 1) return match;
    passwords.push(decodeLenient(userinfo.slice(colon + 1)));
    return `${scheme}${userinfo.slice(0, colon)}:***@`;
  });
  return { masked, passwords };
}

/** A percent-encoded URL part decoded, or kept as written when it is not valid encoding. */
function decodeLenient(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
