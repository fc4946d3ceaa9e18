import { ContainerImage, HealthCheck, Secret, Service } from '../../../constructs';
import { findings } from '../../support/rules';
import { newStack } from '../../support/synth';

const image = ContainerImage.fromRegistry('example/app:1.0.0');
const health = HealthCheck.command(['true']);

describe('CDS-SECRET-WEAK', () => {
  test('compliant: generated secrets and strong literals', () => {
    const stack = newStack();
    new Service(stack, 'api', { image, healthCheck: health, secrets: { A: Secret.generated('api-key'), B: Secret.fromLiteral('a-long-enough-literal') } });
    expect(findings(stack, 'CDS-SECRET-WEAK')).toEqual([]);
  });

  test.each([
    ['mnemopass', 'is a known default'],
    ['default_api_key', 'is a known default'],
    ['', 'is empty'],
    ['short', 'is shorter than 12 characters'],
  ])('non-compliant: %p %s', (value, problem) => {
    const stack = newStack();
    new Service(stack, 'api', { image, healthCheck: health, secrets: { POSTGRES_PASSWORD: Secret.fromLiteral(value) } });
    const [message] = findings(stack, 'CDS-SECRET-WEAK');
    expect(message).toContain(`test/api: secrets.POSTGRES_PASSWORD = "a literal value (value hidden)": the secret ${problem}`);
    expect(message).not.toContain(`"${value}"`.length > 2 ? `= "${value}"` : 'never');
  });

  test('non-compliant: a known default given through TF_VAR_ at synth time', () => {
    process.env.TF_VAR_weak_key = 'change-me-in-production';
    try {
      const stack = newStack();
      new Service(stack, 'api', { image, healthCheck: health, secrets: { API_KEY: Secret.fromVariable('weak_key') } });
      expect(findings(stack, 'CDS-SECRET-WEAK')[0]).toContain('variable weak_key (TF_VAR_weak_key)');
    } finally {
      delete process.env.TF_VAR_weak_key;
    }
  });
});
