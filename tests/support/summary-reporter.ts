import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints one closing line that CI reads: `vitest: N passed, N failed, N skipped`.
 * Failed counts failed tests plus modules that failed to load and unhandled errors, so a
 * broken file can never look green.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: readonly TestModule[], unhandledErrors: readonly unknown[]): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const mod of testModules) {
      let tests = 0;
      for (const test of mod.children.allTests()) {
        tests++;
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
      if (mod.state() === 'failed' && tests === 0) failed++;
      else if (mod.errors().length > 0) failed += mod.errors().length;
    }
    failed += unhandledErrors.length;
    console.log(`vitest: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  }
}
