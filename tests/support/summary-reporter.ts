import type { Reporter, TestModule } from 'vitest/node';

/** How many of the slowest test files the summary names. */
const SLOWEST = 12;

/**
 * Prints the slowest test files (what to shorten when the suite nears its time budget), then
 * one closing line that CI reads: `vitest: N passed, N failed, N skipped`.
 * Failed counts failed tests plus modules that failed to load and unhandled errors, so a
 * broken file can never look green.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: readonly TestModule[], unhandledErrors: readonly unknown[]): void {
    const timed = testModules.map((mod) => {
      const d = mod.diagnostic();
      return { file: mod.relativeModuleId, seconds: (d.collectDuration + d.duration) / 1000 };
    });
    const total = timed.reduce((sum, t) => sum + t.seconds, 0);
    console.log(`slowest test files (of ${timed.length}, ${Math.round(total)} s in all, import and tests):`);
    for (const t of timed.sort((a, b) => b.seconds - a.seconds).slice(0, SLOWEST)) {
      console.log(`${t.seconds.toFixed(1).padStart(8)} s  ${t.file}`);
    }
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
