import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Workspace packages resolve to their TypeScript sources (the "source" export condition).
  resolve: { conditions: ['source', 'module', 'node', 'development|production'] },
  ssr: { resolve: { conditions: ['source', 'module', 'node', 'development|production'] } },
  test: {
    include: [
      '{shared,client,harness,gateway,node-agent}/src/**/*.test.ts',
      'tests/src/**/*.test.ts',
      'console/src/**/*.test.ts',
      'bench/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    environment: 'node',
    pool: 'forks',
    // Test files share their worker processes (one module graph per worker, not one per file:
    // the gateway's modules load once, not 245 times). Safe because no test file mocks
    // modules, stubs globals or changes process.env or the working directory; keep it so.
    isolate: false,
    // Two test files at a time on the 2 cores of the CI machine: with the processes they start
    // (nats-server, gateways, agents, Chromium) the suite keeps both busy; a third file at a time
    // left them 99% busy and made the run no shorter, and risks timeouts.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', './tests/support/summary-reporter.ts'],
  },
});
