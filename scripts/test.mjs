// `npm test`: the build, then the static checks (lint, formatting, generated code) beside the
// test suite instead of before it. The suite keeps about a core and a half of two busy; the
// checks, about 80 s of CPU, run in what it leaves. Their output is held and printed once the
// suite ends; the suite's closing line (`vitest: N passed, N failed, N skipped`) stays the last
// line, and a check that failed counts there as a failed test, so a red check never looks green.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const CHECKS = ['lint', 'format:check', 'check:generated'];
const SUMMARY = /^vitest: (\d+) passed, (\d+) failed, (\d+) skipped$/;

/**
 * Runs `npm run <script>`: with `inherit`, on this terminal; with `onLine`, its standard
 * output line by line through `onLine` (its errors on this terminal); otherwise held, and
 * resolved with its exit code.
 */
function npm(script, { inherit = false, onLine, args = [] } = {}) {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script, ...(args.length > 0 ? ['--', ...args] : [])], {
      stdio: inherit ? 'inherit' : ['ignore', 'pipe', onLine === undefined ? 'pipe' : 'inherit'],
      // Colours survive the pipe when this terminal shows them.
      env: onLine !== undefined && process.stdout.isTTY ? { ...process.env, FORCE_COLOR: '1' } : process.env,
    });
    let output = '';
    if (onLine !== undefined) createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', onLine);
    else if (!inherit) {
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
    }
    child.on('error', (e) => {
      output += `${e.message}\n`;
      resolve({ code: 1, output });
    });
    child.on('close', (code) => {
      resolve({ code: code ?? 1, output });
    });
  });
}

const build = await npm('build', { inherit: true });
if (build.code !== 0) process.exit(build.code);

// One check after another (each takes what it needs of a core), all of them beside the suite.
const checks = (async () => {
  const results = [];
  for (const script of CHECKS) results.push({ script, ...(await npm(script)) });
  return results;
})();

/** The suite's closing line, held back until the checks are in. */
let summary;
// Arguments after `npm test --` go to vitest (e.g. test files to run).
const suite = await npm('test:unit', {
  args: process.argv.slice(2),
  onLine: (line) => {
    // Colour codes aside (with FORCE_COLOR).
    const plain = line.replace(/\x1b\[[0-9;]*m/g, '');
    if (SUMMARY.test(plain)) summary = plain;
    else process.stdout.write(`${line}\n`);
  },
});

const failedChecks = [];
for (const { script, code, output } of await checks) {
  if (code === 0) continue;
  failedChecks.push(script);
  process.stdout.write(`\n--- npm run ${script} failed (exit code ${code}) ---\n${output}\n`);
}
process.stdout.write(
  failedChecks.length === 0
    ? `checks: ${CHECKS.join(', ')} passed\n`
    : `checks: ${failedChecks.join(', ')} failed (output above)\n`,
);
const match = summary === undefined ? undefined : SUMMARY.exec(summary);
if (match === undefined || match === null) {
  // No closing line: the suite did not run to its end.
  process.stdout.write(`vitest: 0 passed, ${1 + failedChecks.length} failed, 0 skipped\n`);
} else {
  const [, passed, failed, skipped] = match;
  process.stdout.write(
    `vitest: ${passed} passed, ${Number(failed) + failedChecks.length} failed, ${skipped} skipped\n`,
  );
}
process.exitCode = suite.code !== 0 ? suite.code : failedChecks.length > 0 || match == null ? 1 : 0;
