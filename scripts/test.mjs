// `npm test`: the build, then the static checks (lint, formatting, generated code) beside the
// test suite instead of before it. The suite keeps about a core and a half of two busy; the
// checks, about 80 s of CPU, run in what it leaves. Their output is held and printed once the
// suite ends; the suite's closing line (`vitest: N passed, N failed, N skipped`) stays the last
// line, and a check that failed counts there as a failed test, so a red check never looks green.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const CHECKS = ['lint', 'format:check', 'check:generated'];
const SUMMARY = /^vitest: (\d+) passed, (\d+) failed, (\d+) skipped$/;
/** Longest a check may run (a hung check is ended, and counts as failed). */
const CHECK_TIMEOUT_MS = 15 * 60_000;
/**
 * How long after a command exits its output may still come: a process it left behind that
 * holds the pipe must not keep the run open for ever.
 */
const DRAIN_MS = 10_000;

/** Commands running, for the signals this process passes on. */
const running = new Set();
/** Set by a signal: nothing more is started. */
let stopping = false;

/**
 * Runs `npm run <script>`: with `inherit`, on this terminal; with `onLine`, its standard
 * output line by line through `onLine` (its errors on this terminal); otherwise held. Resolves
 * with its exit code (1 when it could not start, ended on a signal or timed out) and what it held.
 */
function npm(script, { inherit = false, onLine, args = [], timeoutMs } = {}) {
  return new Promise((resolve) => {
    if (stopping) {
      resolve({ code: 1, output: '(not started: the run was interrupted)\n' });
      return;
    }
    const child = spawn('npm', ['run', '--silent', script, ...(args.length > 0 ? ['--', ...args] : [])], {
      stdio: inherit ? 'inherit' : ['ignore', 'pipe', onLine === undefined ? 'pipe' : 'inherit'],
      // A process group of its own: a signal reaches every process under npm (a shell between
      // npm and eslint does not pass SIGTERM on).
      detached: true,
    });
    running.add(child);
    let output = '';
    let timedOut = false;
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            output += `\n(ended after ${timeoutMs / 60_000} minutes without finishing)\n`;
            end(child);
          }, timeoutMs);
    let lines;
    if (onLine !== undefined) {
      lines = createInterface({ input: child.stdout, crlfDelay: Infinity });
      lines.on('line', onLine);
    } else if (!inherit) {
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
    }
    let settled = false;
    const settle = (code) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      running.delete(child);
      lines?.close();
      resolve({ code: timedOut ? 1 : code, output });
    };
    child.on('error', (e) => {
      output += `${e.message}\n`;
      settle(1);
    });
    child.on('close', (code) => settle(code ?? 1));
    child.on('exit', (code) => {
      // Normally `close` follows at once, when the output has been read. Otherwise a process
      // left behind holds the pipe: it is ended, and the pipe no longer read.
      setTimeout(() => {
        if (settled) return;
        end(child);
        child.stdout?.destroy();
        child.stderr?.destroy();
        settle(code ?? 1);
      }, DRAIN_MS).unref();
    });
  });
}

/** Ends the process group of `child`: SIGTERM, then SIGKILL for what is left after {@link DRAIN_MS}. */
function end(child) {
  signalGroup(child, 'SIGTERM');
  setTimeout(() => signalGroup(child, 'SIGKILL'), DRAIN_MS).unref();
}

/** Sends `signal` to the process group of `child`. */
function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

// Ctrl-C, Ctrl-\, or a CI runner ending the run: passed on to what runs, which ends before
// this does; nothing more starts. (A SIGKILL of this process cannot be passed on: the
// commands run in process groups of their own.)
const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGTERM: 15 };
for (const [signal, number] of Object.entries(SIGNALS)) {
  process.on(signal, () => {
    stopping = true;
    for (const child of running) signalGroup(child, signal);
    const waitFor = [...running].map((child) => new Promise((resolve) => child.once('close', resolve)));
    void Promise.race([Promise.all(waitFor), new Promise((resolve) => setTimeout(resolve, DRAIN_MS))]).then(() =>
      process.exit(128 + number),
    );
  });
}

const build = await npm('build', { inherit: true });
if (build.code !== 0) process.exit(build.code);

// One check after another (each takes what it needs of a core), all of them beside the suite.
const checks = (async () => {
  const results = [];
  for (const script of CHECKS) results.push({ script, ...(await npm(script, { timeoutMs: CHECK_TIMEOUT_MS })) });
  return results;
})();

/** The suite's closing line, held back until the checks are in (an earlier such line is printed as it came). */
let summary;
// Arguments after `npm test --` go to vitest (e.g. test files to run).
const suite = await npm('test:unit', {
  args: process.argv.slice(2),
  onLine: (line) => {
    if (summary !== undefined) process.stdout.write(`${summary}\n`);
    summary = SUMMARY.test(line) ? line : undefined;
    if (summary === undefined) process.stdout.write(`${line}\n`);
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
// The closing line must be the suite's last: a summary followed by more output is not one.
const match = summary === undefined ? null : SUMMARY.exec(summary);
let [passed, failed, skipped] = match === null ? [0, 1, 0] : match.slice(1).map(Number);
// A suite that failed with nothing counted failed (an error in a teardown, no test files) is one failure.
if (suite.code !== 0 && failed === 0) failed = 1;
failed += failedChecks.length;
process.stdout.write(`vitest: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exitCode = suite.code !== 0 ? suite.code : failed > 0 ? 1 : 0;
