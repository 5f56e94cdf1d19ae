// Lint rules of the project: type-aware typescript-eslint, no floating promises, no import
// cycles, no deep imports into another workspace, and gateway/node-agent kept apart.
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

const crossWorkspace = [
  {
    group: [
      '@atc/*/*',
      '!@atc/shared/testing',
      '!@atc/shared/http',
      '!@atc/shared/run-cli-entry',
      '!@atc/gateway/node-flags',
    ],
    message:
      'Import a workspace through its public entries only ("@atc/shared", "@atc/shared/http", "@atc/shared/testing", "@atc/shared/run-cli-entry", "@atc/gateway/node-flags").',
  },
  {
    group: ['**/shared/src/**', '**/harness/src/**', '**/gateway/src/**', '**/node-agent/src/**'],
    message: 'Import another workspace by its package name, not by path.',
  },
];

/** shared is below every other workspace: it never imports one of them. */
const sharedBelowServices = {
  group: ['@atc/gateway', '@atc/gateway/*', '@atc/node-agent', '@atc/node-agent/*', '@atc/tests', '@atc/tests/*'],
  message: 'shared is used by the services and the tests and never imports them.',
};

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/generated/**', '**/node_modules/**', '.atc/**', 'coverage/**'],
  },
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.all.json', './console/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        importX.createNodeResolver({
          conditionNames: ['source', 'import', 'node', 'default'],
          extensionAlias: { '.js': ['.ts', '.js'] },
        }),
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
      // The gateway's layers: db/ and domain/ at the bottom, the archive apart from the
      // pipeline that feeds it; the root (gateway.ts, index.ts) composes, no folder imports it.
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './gateway/src/db',
              from: './gateway/src',
              except: ['./db'],
              message: 'db/ is the bottom layer: it imports no other gateway folder.',
            },
            {
              target: './gateway/src/domain',
              from: './gateway/src',
              except: ['./domain'],
              message: 'domain/ holds types shared by the pipeline and the archive; it imports no other folder.',
            },
            {
              target: './gateway/src/audit',
              from: './gateway/src',
              except: ['./audit', './db'],
              message: 'audit/ (the hash-chained audit log) imports only db/.',
            },
            {
              target: './gateway/src/archive',
              from: ['./gateway/src/pipeline', './gateway/src/assembly'],
              message: 'The archive takes what the pipeline decided (domain/), never the pipeline itself.',
            },
            {
              // The data bank is a projection: it reads the archive through its reader only
              // (and keeps the person search's index, search/, as it projects).
              target: './gateway/src/databank',
              from: './gateway/src',
              except: [
                './databank',
                './search',
                './db',
                './domain',
                './archive/archive-reader.ts',
                './config',
                './metrics',
                './audit',
              ],
              message:
                'databank/ imports db/, domain/, config/, metrics/, audit/, search/ and the archive only through archive/archive-reader.ts.',
            },
            {
              target: [
                'archive',
                'assembly',
                'audit',
                'auth',
                'config',
                'db',
                'domain',
                'flow',
                'log',
                'metrics',
                'nats',
              ]
                .concat(['pipeline', 'registry', 'verify'])
                .map((folder) => `./gateway/src/${folder}`),
              from: './gateway/src/databank',
              message: 'Only gateway.ts, index.ts, cli/ and http/ use the data bank.',
            },
            {
              // cli/ is the other entry: its serve command loads gateway.ts when it runs.
              target: [
                'archive',
                'assembly',
                'audit',
                'auth',
                'config',
                'databank',
                'db',
                'domain',
                'flow',
                'http',
                'log',
                'metrics',
                'nats',
                'pipeline',
                'registry',
                'verify',
              ].map((folder) => `./gateway/src/${folder}`),
              from: ['./gateway/src/gateway.ts', './gateway/src/index.ts'],
              message: 'gateway.ts and index.ts compose the folders; no folder imports them.',
            },
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
    // The HTTP plugin place (shared/src/http, entry "@atc/shared/http") is the only part of
    // shared that knows fastify; the protocol core stays usable without an HTTP server.
    files: ['shared/src/**/*.ts'],
    // Tests may check what the core hands to fastify (e.g. that its JSON schemas compile in fastify's Ajv).
    ignores: ['shared/src/http/**', 'shared/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...crossWorkspace,
            sharedBelowServices,
            {
              group: ['fastify', 'fastify/*', 'fastify-*', '@fastify/*'],
              message:
                'Only shared/src/http (the "@atc/shared/http" entry) may use fastify; keep the shared core HTTP-free.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/src/http/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...crossWorkspace, sharedBelowServices] }],
    },
  },
  {
    // The console runs in the browser, apart from the other workspaces: it talks to the
    // gateway over HTTP only and imports none of them.
    files: ['console/**/*.{ts,tsx}'],
    languageOptions: {
      globals: Object.fromEntries(
        [
          'window',
          'document',
          'navigator',
          'localStorage',
          'fetch',
          'EventSource',
          'MessageEvent',
          'Event',
          'Response',
          'crypto',
          'setInterval',
          'clearInterval',
          'setTimeout',
          'clearTimeout',
        ].map((name) => [name, 'readonly']),
      ),
    },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@atc/*', 'node:*'], message: 'The console is a browser app: no workspace, no Node built-in.' },
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
    // Test files share their worker processes (vitest.config.ts, isolate: false): none may
    // change what the next file in the same process would see.
    files: ['**/*.test.ts', 'tests/**/*.ts', 'harness/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['mock', 'doMock', 'stubEnv', 'stubGlobal', 'useFakeTimers', 'spyOn'].map((property) => ({
          object: 'vi',
          property,
          message:
            'Test files share worker processes: no module mocks, stubs, spies or fake timers (use real components).',
        })),
        {
          object: 'process',
          property: 'chdir',
          message: 'Test files share worker processes: pass a cwd to the child process instead.',
        },
      ],
      'no-restricted-syntax': [
        'error',
        ...[
          'AssignmentExpression > MemberExpression.left',
          'UpdateExpression > MemberExpression.argument',
          "UnaryExpression[operator='delete'] > MemberExpression.argument",
        ].map((target) => ({
          selector: `${target}[object.type='MemberExpression'][object.object.name='process'][object.property.name='env']`,
          message:
            "Test files share worker processes: give a child process its own env instead of changing this one's.",
        })),
      ],
    },
  },
  {
    files: ['**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { parserOptions: { project: false, program: null } },
  },
);
