import { KNOWN_DEFAULT_SECRETS, SECRET_MIN_LENGTH } from '../secret';
import { StackRule } from './rule';

/** Secrets known at synth time must be non-empty, long enough and not a known default. */
export const weakSecret: StackRule = {
  id: 'CDS-SECRET-WEAK',
  summary: 'No secret is empty, short, or a known default.',
  explanation: 'Seed 003 shipped `mnemopass` and `default_api_key` as fallbacks; such defaults end up in production.',
  check({ services }) {
    return services.flatMap((s) =>
      [...s.secrets].flatMap(([key, derived]) => derived.leaves().map((secret) => [key, secret] as const)).flatMap(([key, secret]) => {
        const value = secret.knownValue();
        if (value === undefined) return [];
        const problem =
          value.trim() === ''
            ? 'is empty'
            : KNOWN_DEFAULT_SECRETS.includes(value.toLowerCase())
              ? 'is a known default'
              : value.length < SECRET_MIN_LENGTH
                ? `is shorter than ${SECRET_MIN_LENGTH} characters`
                : undefined;
        return problem === undefined
          ? []
          : [
              {
                ruleId: this.id,
                path: s.node.path,
                field: `secrets.${key}`,
                value: `${secret.description} (value hidden)`,
                message: `the secret ${problem}`,
                fix: 'use Secret.generated(name), or set a strong value through the TF_VAR_ variable',
              },
            ];
      }),
    );
  },
};
