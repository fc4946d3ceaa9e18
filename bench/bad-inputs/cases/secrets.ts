// Weak secrets in every spelling a copy-paste produces, as secrets and as plain environment
// values (issue 7 defect 7), and secrets wired where they cannot be read.
import { GeneratedSecret, Postgres, Scheduler, CronSchedule, Secret } from '../api';
import { BadInput } from '../case';
import { wrong } from '../harness';

const D7 = 'issue 7 defect 7';

function secret(spelling: string, value: string, source?: string): BadInput {
  return {
    name: `secrets API_KEY: Secret.fromLiteral(${JSON.stringify(value)}) (${spelling})`,
    class: 'secrets',
    expected: 'VALIDATION_ERROR',
    at: 'shop/api',
    source,
    build: (kit) => void kit.service(kit.stack(), 'api', { secrets: { API_KEY: Secret.fromLiteral(value) } }),
  };
}

function plain(key: string, value: string, source?: string): BadInput {
  return {
    name: `environment ${key}=${JSON.stringify(value)}`,
    class: 'secrets',
    expected: 'VALIDATION_ERROR',
    at: 'shop/api',
    source,
    build: (kit) => void kit.service(kit.stack(), 'api', { environment: { [key]: value } }),
  };
}

export const SECRET_CASES: readonly BadInput[] = [
  secret('default', 'change-me-in-production'),
  secret('trailing newline', 'change-me-in-production\n', D7),
  secret('_ for -', 'change_me_in_production', D7),
  secret('capitals', 'CHANGE-ME-IN-PRODUCTION'),
  secret('spaces', 'Change Me In Production'),
  secret('blanks around', '  mnemopass  '),
  secret('seed default', 'default_api_key'),
  secret('short', 'hunter2'),
  secret('empty', ''),
  secret('blank', '   \n'),
  plain('API_KEY', 'default_api_key', D7),
  plain('DATABASE_URL', 'postgresql://app:mnemopass@db:5432/app', D7),
  plain('DATABASE_URL', 'postgresql://app:Str0ng-But-Plain-Passw0rd@db:5432/app'),
  plain('JWT_SECRET', 'changeme'),
  plain('PGPASSWORD', 'votre_mot_de_passe_securise'),
  plain('REDIS_URL', 'redis://:mnemopass@cache:6379/0'),
  plain('ADMIN_PASSWORD', 'Change-Me-In-Production\n'),
  {
    name: "Secret.fromVariable('api_key') with TF_VAR_api_key=mnemopass",
    class: 'secrets',
    expected: 'VALIDATION_ERROR',
    at: 'shop/api',
    env: { TF_VAR_api_key: 'mnemopass' },
    build: (kit) => void kit.service(kit.stack(), 'api', { secrets: { API_KEY: Secret.fromVariable('api_key') } }),
  },
  {
    name: "Postgres password: Secret.fromLiteral('postgres')",
    class: 'secrets',
    expected: 'VALIDATION_ERROR',
    at: 'shop/db',
    build: (kit) => void new Postgres(kit.stack(), 'db', { password: Secret.fromLiteral('postgres') }),
  },
  {
    name: "Postgres password: Secret.fromLiteral('Mnemopass\\n')",
    class: 'secrets',
    expected: 'VALIDATION_ERROR',
    at: 'shop/db',
    source: D7,
    build: (kit) => void new Postgres(kit.stack(), 'db', { password: Secret.fromLiteral('Mnemopass\n') }),
  },
  {
    name: "Secret.fromVariable('db') where Postgres 'db' is at the stack root",
    class: 'secrets',
    expected: 'VALIDATION_ERROR',
    at: ['shop/api', 'shop/db'],
    build: (kit) => {
      const stack = kit.stack();
      new Postgres(stack, 'db');
      kit.service(stack, 'api', { secrets: { DB_PASSWORD: Secret.fromVariable('db') } });
    },
  },
  {
    name: 'Scheduler with backup and secrets PGPASSWORD',
    class: 'secrets',
    expected: 'VALIDATION_ERROR',
    at: 'shop/cron',
    build: (kit) => {
      const stack = kit.stack();
      const net = kit.network(stack);
      const db = new Postgres(stack, 'db', { networks: [{ network: net }] });
      new Scheduler(stack, 'cron', {
        networks: [{ network: net }],
        secrets: { PGPASSWORD: Secret.fromVariable('pg_password') },
        backup: { database: db, schedule: CronSchedule.daily({ hour: 3 }), retention: 7 },
      });
    },
  },
  {
    name: 'GeneratedSecret with length 8',
    class: 'secrets',
    expected: 'VALIDATION_ERROR',
    at: 'shop/token',
    requires: ['GeneratedSecret'],
    build: (kit) => void new GeneratedSecret(kit.stack(), 'token', { length: 8 }),
  },
  {
    name: 'GeneratedSecret with length 129',
    class: 'secrets',
    expected: 'VALIDATION_ERROR',
    at: 'shop/token',
    requires: ['GeneratedSecret'],
    build: (kit) => void new GeneratedSecret(kit.stack(), 'token', { length: 129 }),
  },
  {
    name: 'GeneratedSecret with length 20.5',
    class: 'secrets',
    expected: 'VALIDATION_ERROR',
    at: 'shop/token',
    requires: ['GeneratedSecret'],
    build: (kit) => void new GeneratedSecret(kit.stack(), 'token', { length: 20.5 }),
  },
  {
    name: "GeneratedSecret with length '32' (a string)",
    class: 'secrets',
    expected: 'VALIDATION_ERROR',
    at: 'shop/token',
    requires: ['GeneratedSecret'],
    build: (kit) => void new GeneratedSecret(kit.stack(), 'token', { length: wrong('32') }),
  },
];
