import { Testing } from 'cdktf';
import { Construct } from 'constructs';
import { ContainerImage, DockerStack, GeneratedSecret, HealthCheck, Port, Postgres, Secret, Service } from '../../constructs';
import { container, newStack, synth } from '../support/synth';
import { errorOf } from '../support/validation-error';

const image = ContainerImage.fromRegistry('example/app:1.0.0');
const health = HealthCheck.httpGet('/health', { port: Port.tcp(8000) });

/**
 * The `${random_password.<address>.result}` reference of the one password at `path` (below the
 * stack): cdktf names it after the path, `Resource` left out, with a hash suffix.
 */
function passwordReference(json: ReturnType<typeof synth>, path: string): string {
  const addresses = Object.keys(json.resource.random_password ?? {}).filter((address) => new RegExp(`^${path.replace(/\//g, '_')}_[0-9A-F]{8}$`).test(address));
  expect(addresses).toHaveLength(1);
  return `\${random_password.${addresses[0]}.result}`;
}

function env(json: ReturnType<typeof synth>, name: string, key: string): string | undefined {
  return (container(json, name).env as string[]).find((e) => e.startsWith(`${key}=`))?.slice(key.length + 1);
}

describe('Postgres password', () => {
  test('given no password, then a generated one is a child of the Postgres (test/db/password)', () => {
    const stack = newStack();
    const db = new Postgres(stack, 'db');
    const json = synth(stack);
    expect(db.node.tryFindChild('password')).toBeDefined();
    expect(db.password.owner?.node.path).toBe('test/db/password');
    expect(env(json, 'test-db', 'POSTGRES_PASSWORD')).toBe(passwordReference(json, 'db/password'));
  });

  test('given two Postgres with the id "db" in two scopes of one stack, then each has its own password', () => {
    const stack = newStack();
    new Postgres(new Construct(stack, 'shop'), 'db', { containerName: 'test-shop-db' });
    new Postgres(new Construct(stack, 'billing'), 'db', { containerName: 'test-billing-db' });

    const json = synth(stack);
    expect(Object.keys(json.resource.random_password)).toHaveLength(2);
    const shop = env(json, 'test-shop-db', 'POSTGRES_PASSWORD');
    const billing = env(json, 'test-billing-db', 'POSTGRES_PASSWORD');
    expect(shop).toBe(passwordReference(json, 'shop/db/password'));
    expect(billing).toBe(passwordReference(json, 'billing/db/password'));
    expect(shop).not.toBe(billing);
  });

  test.each(['db_main', 'Main_DB'])('given the id %p (valid for a Postgres), then it synthesizes with a generated password', (id) => {
    const stack = newStack();
    const db = new Postgres(stack, id);
    new Service(stack, 'api', { image, healthCheck: health, secrets: { DATABASE_URL: db.connectionUrl } });

    const json = synth(stack);
    const serviceName = id.toLowerCase();
    expect(env(json, `test-${serviceName}`, 'POSTGRES_PASSWORD')).toBe(passwordReference(json, `${id}/password`));
    expect(env(json, 'test-api', 'DATABASE_URL')).toContain(`@${serviceName}:5432/app`);
  });

  test('given a generated password, then a moved block carries over a password deployed at the old stack-level address', () => {
    const stack = newStack();
    new Postgres(stack, 'DB');
    const json = synth(stack) as ReturnType<typeof synth> & { moved?: { from: string; to: string }[] };
    expect(json.moved).toEqual([{ from: 'random_password.secret-db-password', to: passwordReference(json, 'DB/password').slice(2, -'.result}'.length) }]);
  });

  test('given two Postgres that used to share the old address, or an id the old scheme refused, then no two moves claim one address', () => {
    const stack = newStack();
    new Postgres(new Construct(stack, 'shop'), 'db', { containerName: 'test-shop-db' });
    new Postgres(new Construct(stack, 'billing'), 'db', { containerName: 'test-billing-db' });
    new Postgres(stack, 'db_main');
    const json = synth(stack) as ReturnType<typeof synth> & { moved?: { from: string; to: string }[] };
    expect(json.moved).toEqual([{ from: 'random_password.secret-db-password', to: passwordReference(json, 'shop/db/password').slice(2, -'.result}'.length) }]);
  });

  test('given a password, then no password is generated', () => {
    const stack = newStack();
    new Postgres(stack, 'db', { password: Secret.fromVariable('shop_db_password') });
    const json = synth(stack);
    expect(json.resource.random_password).toBeUndefined();
    expect(env(json, 'test-db', 'POSTGRES_PASSWORD')).toBe('${var.shop_db_password}');
  });

  test.each([
    ['secrets', { secrets: { POSTGRES_PASSWORD: Secret.fromVariable('other_password') } }],
    ['environment', { environment: { POSTGRES_PASSWORD: 'a-plain-password' } }],
  ])('fails when POSTGRES_PASSWORD is given in %s instead of password', (field, props) => {
    const stack = newStack();
    const error = errorOf(() => new Postgres(stack, 'db', props));
    expect(error.problems).toEqual([expect.objectContaining({ path: 'test/db', field: `${field}.POSTGRES_PASSWORD`, fix: expect.stringContaining('password: Secret.fromVariable') })]);
    expect(stack.node.tryFindChild('db')).toBeUndefined();
  });
});

describe('Postgres.connectionUrl', () => {
  test('given a variable password, then Terraform percent-encodes it (urlencode, with "+" for a space turned into %20)', () => {
    const stack = newStack();
    const db = new Postgres(stack, 'db', { password: Secret.fromVariable('shop_db_password') });
    new Service(stack, 'api', { image, healthCheck: health, secrets: { DATABASE_URL: db.connectionUrl } });
    expect(env(synth(stack), 'test-api', 'DATABASE_URL')).toBe('postgresql://app:${replace(urlencode(var.shop_db_password), "+", "%20")}@db:5432/app');
  });

  test('given a generated password, then its reference is encoded the same way', () => {
    const stack = newStack();
    const db = new Postgres(stack, 'db');
    new Service(stack, 'api', { image, healthCheck: health, secrets: { DATABASE_URL: db.connectionUrl } });
    const json = synth(stack);
    const reference = passwordReference(json, 'db/password').slice(2, -1);
    expect(env(json, 'test-api', 'DATABASE_URL')).toBe(`postgresql://app:\${replace(urlencode(${reference}), "+", "%20")}@db:5432/app`);
  });

  test('given a literal password with URL delimiters, then it is percent-encoded as Terraform would (every byte but A-Z a-z 0-9 - . _ ~)', () => {
    const stack = newStack();
    const db = new Postgres(stack, 'db', { user: 'shop_user', database: 'shop', password: Secret.fromLiteral("p@ss/w:rd%#? +!*'()~é") });
    new Service(stack, 'api', { image, healthCheck: health, secrets: { DATABASE_URL: db.connectionUrl } });
    const expected = 'postgresql://shop_user:p%40ss%2Fw%3Ard%25%23%3F%20%2B%21%2A%27%28%29~%C3%A9@db:5432/shop';
    expect(env(synth(stack), 'test-api', 'DATABASE_URL')).toBe(expected);
    expect(db.connectionUrl.knownValue()).toBe(expected);
    expect(decodeURIComponent(new URL(expected).password)).toBe("p@ss/w:rd%#? +!*'()~é");
  });

  test('given a database in another stack with a generated password, when a service uses its connectionUrl, then it fails at once naming the consumer, field, secret and fix', () => {
    const app = Testing.app();
    const shop = new DockerStack(app, 'shop');
    const shopDb = new Postgres(shop, 'db');
    const reports = new DockerStack(app, 'reports');

    const error = errorOf(() => new Service(reports, 'api', { image, healthCheck: health, secrets: { DATABASE_URL: shopDb.connectionUrl } }));
    expect(error.problems).toEqual([
      {
        ruleId: 'props',
        path: 'reports/api',
        field: 'secrets.DATABASE_URL',
        value: 'connection URL of shop/db (from shop/db/password)',
        message: expect.stringContaining('generated in stack shop'),
        fix: expect.stringMatching(/same Secret\.fromVariable\(name\).*one stack/),
      },
    ]);
    expect(reports.node.tryFindChild('api')).toBeUndefined();
    expect(JSON.parse(Testing.synth(reports)).resource?.random_password).toBeUndefined();
  });

  test('given a database in another stack, when a service adds its connectionUrl later, then it fails at once', () => {
    const app = Testing.app();
    const shopDb = new Postgres(new DockerStack(app, 'shop'), 'db');
    const api = new Service(new DockerStack(app, 'reports'), 'api', { image, healthCheck: health });
    expect(errorOf(() => api.addSecret('DATABASE_URL', shopDb.connectionUrl)).problems[0]).toMatchObject({ path: 'reports/api', field: 'secrets.DATABASE_URL' });
  });

  test('fails when the password is a secret generated in another stack, leaving nothing in the tree', () => {
    const app = Testing.app();
    const shop = new DockerStack(app, 'shop');
    const shared = new GeneratedSecret(shop, 'shared-password');
    const reports = new DockerStack(app, 'reports');
    const error = errorOf(() => new Postgres(reports, 'db', { password: shared.secret }));
    expect(error.problems).toEqual([expect.objectContaining({ path: 'reports/db', field: 'password', value: 'shop/shared-password' })]);
    expect(reports.node.tryFindChild('db')).toBeUndefined();
  });

  test('given a database in another stack with a variable password, then the URL carries the same variable, declared in the consumer stack', () => {
    const app = Testing.app();
    const shopDb = new Postgres(new DockerStack(app, 'shop'), 'db', { password: Secret.fromVariable('shop_db_password') });
    const reports = new DockerStack(app, 'reports');
    new Service(reports, 'api', { image, healthCheck: health, secrets: { DATABASE_URL: shopDb.connectionUrl } });
    const json = synth(reports);
    expect(env(json, 'reports-api', 'DATABASE_URL')).toBe('postgresql://app:${replace(urlencode(var.shop_db_password), "+", "%20")}@db:5432/app');
    expect(Object.keys(json.variable ?? {})).toEqual(['shop_db_password']);
    expect(JSON.stringify(json)).not.toContain('terraform_remote_state');
  });
});
