// Lint rules of the project: type-aware typescript-eslint, no floating promises, no import
// cycles, no deep imports into another workspace, and gateway/node-agent kept apart.
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

const crossWorkspace = [
  {
    group: ['@atc/*/*', '!@atc/shared/testing', '!@atc/shared/http', '!@atc/shared/run-cli-entry'],
    message:
      'Import a workspace through its public entries only ("@atc/shared", "@atc/shared/http", "@atc/shared/testing", "@atc/shared/run-cli-entry").',
  },
  {
    group: ['**/shared/src/**', '**/harness/src/**', '**/gateway/src/**', '**/node-agent/src/**'],
    message: 'Import another workspace by its package name, not by path.',
  },
];

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/generated/**', '**/node_modules/**', '.atc/**', 'coverage/**'],
  },
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.all.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        importX.createNodeResolver({ conditionNames: ['source', 'import', 'node', 'default'] }),
      ],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/explicit-module-boundary-types': 'off',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      'no-console': 'error',
      'no-restricted-imports': ['error', { patterns: crossWorkspace }],
    },
  },
  {
    files: ['gateway/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...crossWorkspace,
            {
              group: ['@atc/node-agent', '@atc/node-agent/*'],
              message: 'gateway and node-agent never import each other.',
            },
            { group: ['@atc/tests', '@atc/tests/*'], message: 'Unit tests take their harness from "@atc/harness".' },
          ],
        },
      ],
    },
  },
  {
    files: ['node-agent/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...crossWorkspace,
            { group: ['@atc/gateway', '@atc/gateway/*'], message: 'gateway and node-agent never import each other.' },
            { group: ['@atc/tests', '@atc/tests/*'], message: 'Unit tests take their harness from "@atc/harness".' },
          ],
        },
      ],
    },
  },
  {
    // The harness serves the tests of every workspace, so it depends on @atc/shared only.
    files: ['harness/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...crossWorkspace,
            {
              group: ['@atc/gateway', '@atc/gateway/*', '@atc/node-agent', '@atc/node-agent/*', '@atc/tests'],
              message: '@atc/harness depends on @atc/shared only (gateway and agent tests use it).',
            },
          ],
        },
      ],
    },
  },
  {
    // Scripts and tests print; services log through pino.
    files: ['scripts/**', 'bench/**', 'tests/**', 'harness/**', '**/*.test.ts', '.ci/**', '**/cli/**', '**/main.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { parserOptions: { project: false, program: null } },
  },
);
