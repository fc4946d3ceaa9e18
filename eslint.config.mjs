// typescript-eslint with the type-checked recommended rules over the project's TypeScript, and
// ESLint's recommended rules over its JavaScript (configs and scripts, not type-checked).
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Classes whose toString() is their documented, canonical text form. */
const PRINTABLE = {
  AsgiServer: 'constructs/python-api.ts',
  Cpu: 'constructs/cpu.ts',
  CronSchedule: 'constructs/cron-schedule.ts',
  Duration: 'constructs/duration.ts',
  Port: 'constructs/port.ts',
  Size: 'constructs/size.ts',
  ContainerImage: 'constructs/image.ts',
  LogRotation: 'constructs/logging.ts',
  RestartPolicy: 'constructs/restart-policy.ts',
  HealthCheck: 'constructs/health-check.ts',
  Secret: 'constructs/secret.ts',
};

/** As tsc's noUnusedLocals: `const { omitted: _omitted, ...rest } = value` is how a key is dropped. */
const UNUSED_VARS = { ignoreRestSiblings: true, argsIgnorePattern: '^_', varsIgnorePattern: '^_' };

export default defineConfig(
  // Generated bindings, build output, synthesized stacks, mutation sandboxes and reports.
  globalIgnores(['.gen/', 'lib/', 'cdktf.out/', '.local/', '.stryker-tmp/', 'reports/', 'coverage/']),
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // The value types print their canonical form ("30s", "512m", "8080/tcp"): messages rely on it.
      '@typescript-eslint/restrict-template-expressions': ['error', {
        allow: [
          { from: 'lib', name: ['Error', 'URL', 'URLSearchParams'] },
          ...Object.entries(PRINTABLE).map(([name, path]) => ({ from: 'file', name, path })),
        ],
      }],
      '@typescript-eslint/no-unused-vars': ['error', UNUSED_VARS],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // jest.isolateModules() loads a module in a fresh registry, which only require() can do.
      '@typescript-eslint/no-require-imports': 'off',
      // jest's asymmetric matchers (expect.any, expect.stringContaining, ...) are typed `any`:
      // every partial assertion would be flagged. Tests check values, not types.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
    rules: { 'no-unused-vars': ['error', UNUSED_VARS] },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
  },
);
