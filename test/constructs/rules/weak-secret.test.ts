import { ContainerImage, GeneratedSecret, HealthCheck, Secret, Service, ServiceProps } from '../../../constructs';
import { SECRET_MIN_LENGTH } from '../../../constructs/secret';
import { weakSecret } from '../../../constructs/rules/weak-secret';
import { newStack, validationMessages } from '../../support/synth';

const image = ContainerImage.fromRegistry('example/app:1.0.0');
const health = HealthCheck.command(['true']);

/** The problems CDS-SECRET-WEAK finds in a stack `test` with one service `api`. */
function problemsFor(props: Partial<ServiceProps>) {
  const stack = newStack();
  new Service(stack, 'api', { image, healthCheck: health, ...props });
  return weakSecret.check({ stack, services: stack.node.findAll().filter((c): c is Service => Service.isService(c)), networks: [] });
}

describe('CDS-SECRET-WEAK', () => {
  test('given the rule, then it has a stable id, a one-line summary and an explanation', () => {
    expect(weakSecret.id).toBe('CDS-SECRET-WEAK');
    expect(weakSecret.summary).not.toContain('\n');
    expect(weakSecret.explanation).toMatch(/mnemopass/);
  });

  describe('compliant', () => {
    test('a generated secret and a strong literal', () => {
      const stack = newStack();
      const api = new Service(stack, 'api', { image, healthCheck: health, secrets: { B: Secret.fromLiteral('a-long-enough-literal') } });
      api.addSecret('A', new GeneratedSecret(api, 'key').secret);
      expect(validationMessages(stack).filter((m) => m.startsWith('[CDS-SECRET-WEAK]'))).toEqual([]);
    });

    test('a variable not set at synth time (Terraform checks it at deploy)', () => {
      expect(problemsFor({ secrets: { API_KEY: Secret.fromVariable('unset_at_synth_key') } })).toEqual([]);
    });

    test(`a literal of exactly ${SECRET_MIN_LENGTH} characters that merely contains a default word`, () => {
      const value = 'Xpassword-7q'.slice(0, SECRET_MIN_LENGTH);
      expect(value).toHaveLength(SECRET_MIN_LENGTH);
      expect(problemsFor({ secrets: { KEY: Secret.fromLiteral(value) } })).toEqual([]);
    });

    test('plain values that hold no credential: URLs without a password, default words under names that are not secret', () => {
      expect(
        problemsFor({
          environment: {
            REDIS_URL: 'redis://redis:6379/0',
            DATABASE_URL: 'postgresql://app@db:5432/app',
            BROKER_URL: 'redis://:@redis:6379/0',
            POSTGRES_USER: 'postgres',
            ADMIN_ROLE: 'admin',
            CACHE_KEY_PREFIX: 'password-reset',
            TOKEN_TTL: '3600',
            DB_PASSWORD_FILE: '/run/secrets/postgres-password',
            DOCS_URL: 'https://example.com/a:b@c',
          },
        }),
      ).toEqual([]);
    });
  });

  describe('non-compliant secrets', () => {
    test.each([
      ['mnemopass', 'is a known default'],
      ['default_api_key', 'is a known default'],
      ['change-me-in-production\n', 'is a known default'],
      ['  change-me-in-production  ', 'is a known default'],
      ['change_me_in_production', 'is a known default'],
      ['Change-Me', 'is a known default'],
      ['CHANGE ME IN PRODUCTION', 'is a known default'],
      ['Default-API-Key', 'is a known default'],
      ['', 'is empty'],
      [' '.repeat(SECRET_MIN_LENGTH), 'is empty'],
      ['short', `is shorter than ${SECRET_MIN_LENGTH} characters`],
      ['x'.repeat(SECRET_MIN_LENGTH - 1), `is shorter than ${SECRET_MIN_LENGTH} characters`],
      [`  ${'x'.repeat(SECRET_MIN_LENGTH - 1)}\n`, `is shorter than ${SECRET_MIN_LENGTH} characters`],
    ])('%p %s', (value, problem) => {
      const problems = problemsFor({ secrets: { POSTGRES_PASSWORD: Secret.fromLiteral(value) } });
      expect(problems).toEqual([
        {
          ruleId: 'CDS-SECRET-WEAK',
          path: 'test/api',
          field: 'secrets.POSTGRES_PASSWORD',
          value: 'a literal value (value hidden)',
          message: `the secret ${problem}`,
          fix: expect.stringContaining('GeneratedSecret'),
        },
      ]);
    });

    test('a known default with a trailing newline given through TF_VAR_ at synth time', () => {
      process.env.TF_VAR_weak_key = 'change-me-in-production\n';
      try {
        const [problem] = problemsFor({ secrets: { API_KEY: Secret.fromVariable('weak_key') } });
        expect(problem).toMatchObject({ field: 'secrets.API_KEY', value: 'variable weak_key (TF_VAR_weak_key) (value hidden)', message: 'the secret is a known default' });
      } finally {
        delete process.env.TF_VAR_weak_key;
      }
    });

    test('the rule stops the synth, and the message never shows the value', () => {
      const stack = newStack();
      new Service(stack, 'api', { image, healthCheck: health, secrets: { API_KEY: Secret.fromLiteral('default_api_key') } });
      const messages = validationMessages(stack).filter((m) => m.startsWith('[CDS-SECRET-WEAK]'));
      expect(messages).toHaveLength(1);
      expect(messages[0]).not.toContain('default_api_key');
    });
  });

  describe('non-compliant plain environment values', () => {
    test.each([
      ['API_KEY', 'default_api_key'],
      ['API_KEY', 'Default-Api-Key\n'],
      ['SECRET_KEY', 'change_me_in_production'],
      ['PGPASSWORD', 'mnemopass'],
      ['JWT_SECRET', 'my-change-me-token'],
      ['GITHUB_TOKEN', ' changeme '],
      ['KEY', 'default_api_key'],
      ['AWS_CREDENTIAL', 'changeme'],
    ])('%s=%p: a known default under a secret name', (key, value) => {
      const problems = problemsFor({ environment: { [key]: value } });
      expect(problems).toEqual([
        {
          ruleId: 'CDS-SECRET-WEAK',
          path: 'test/api',
          field: `environment.${key}`,
          value: '(value hidden)',
          message: 'a plain environment variable whose name says secret holds a known default',
          fix: expect.stringMatching(/secrets: \{ .*Secret\.fromVariable/),
        },
      ]);
      expect(JSON.stringify(problems)).not.toContain(value.trim());
    });

    test.each([
      ['DATABASE_URL', 'postgresql://mnemo:mnemopass@db:5432/mnemolite', 'postgresql://mnemo:***@db:5432/mnemolite', 'a known default'],
      ['DATABASE_URL', 'postgresql://app:Xk29-strong-Passw0rd@db:5432/app', 'postgresql://app:***@db:5432/app', 'a password'],
      ['CELERY_BROKER', 'redis://:s3cr3t-strong-pass@redis:6379/0', 'redis://:***@redis:6379/0', 'a password'],
      ['UPSTREAMS', 'http://a:8000,amqp://guest:guest@mq:5672/', 'http://a:8000,amqp://guest:***@mq:5672/', 'a password'],
      ['URLS', 'postgresql://a:Xk29-strong-Passw0rd@db/a redis://:mnemopass@cache/0', 'postgresql://a:***@db/a redis://:***@cache/0', 'a known default'],
      ['DATABASE_URL', 'postgresql://app:pa%zz-Xk29-strong@db/app', 'postgresql://app:***@db/app', 'a password'],
    ])('%s: %p holds a password in a URL, whatever the name', (key, value, shown, what) => {
      const problems = problemsFor({ environment: { [key]: value } });
      expect(problems).toEqual([
        {
          ruleId: 'CDS-SECRET-WEAK',
          path: 'test/api',
          field: `environment.${key}`,
          value: shown,
          message: `a plain environment variable holds ${what} in a URL, in clear in plans, state and \`docker inspect\``,
          fix: expect.stringMatching(/secrets: \{ .*connectionUrl.*Secret\.fromVariable/),
        },
      ]);
    });
  });
});
