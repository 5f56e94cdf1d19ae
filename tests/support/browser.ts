import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { HarnessError, HarnessErrorCode } from '@atc/harness';

/** Debian's Chromium: `npx playwright install` cannot download browsers here. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** The switches Chromium runs with in tests: headless, no sandbox (root in CI), no background traffic. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The repository's root: the nearest folder up from here holding package-lock.json. */
function repositoryRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package-lock.json'))) {
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
  return dir;
}

/** Where browser tests save their screenshots (gitignored: test artifacts, never committed). */
export const BROWSER_ARTIFACTS_DIR = resolve(repositoryRoot(), 'test-artifacts');

/** Why browser tests cannot run on this machine, or undefined when they can. */
export function browserUnavailable(): string | undefined {
  return existsSync(CHROMIUM_PATH)
    ? undefined
    : `browser tests need Debian's Chromium at ${CHROMIUM_PATH}: install it with "apt-get install chromium" ` +
        '(.ci/run installs it when missing); playwright-core drives it, "npx playwright install" cannot work here';
}

/** Options of {@link launchBrowser}. */
export interface BrowserOptions {
  /** Sub-folder of {@link BROWSER_ARTIFACTS_DIR} for this test's screenshots, e.g. "console". */
  readonly artifacts: string;
  /** Window size (default 1280x720, the size the console must be readable at). */
  readonly viewport?: { readonly width: number; readonly height: number };
  /** Language the browser announces (default en-US). */
  readonly locale?: string;
  /** Time zone the pages see (default UTC). */
  readonly timezoneId?: string;
}

/** A headless Chromium with a fresh profile; `close()` quits it and removes the profile. */
export interface BrowserFixture extends AsyncDisposable {
  readonly context: BrowserContext;
  /** The first tab, open on about:blank. */
  readonly page: Page;
  /** Folder the screenshots go to. */
  readonly artifactsDir: string;
  /** Saves a full-page screenshot of `page` as `<name>.png`; returns its path. */
  screenshot(name: string, page?: Page): Promise<string>;
  close(): Promise<void>;
}

/**
 * Launches Debian's Chromium through playwright-core on a fresh temporary profile
 * (`launchPersistentContext`: Playwright refuses `--user-data-dir` among the args). Throws
 * {@link HarnessErrorCode.BrowserUnavailable} with what to install when Chromium is missing.
 */
export async function launchBrowser(options: BrowserOptions): Promise<BrowserFixture> {
  const missing = browserUnavailable();
  if (missing !== undefined) throw new HarnessError(HarnessErrorCode.BrowserUnavailable, missing);
  const artifactsDir = join(BROWSER_ARTIFACTS_DIR, options.artifacts);
  await mkdir(artifactsDir, { recursive: true });
  const profile = await mkdtemp(join(tmpdir(), 'atc-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_ARGS],
      viewport: options.viewport ?? { width: 1280, height: 720 },
      locale: options.locale ?? 'en-US',
      timezoneId: options.timezoneId ?? 'UTC',
    });
  } catch (error: unknown) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    try {
      await context.close();
    } finally {
      await rm(profile, { recursive: true, force: true });
    }
  };
  return {
    context,
    page,
    artifactsDir,
    screenshot: async (name, on = page) => {
      const path = join(artifactsDir, `${name}.png`);
      await on.screenshot({ path, fullPage: true });
      return path;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}

/** The console's sources (the `console` workspace). */
export const CONSOLE_SOURCE_DIR = resolve(repositoryRoot(), 'console');

/** A production build of the console in a temporary folder, for a gateway's `ATC_CONSOLE_DIR`. */
export interface ConsoleBuild {
  readonly dir: string;
  remove(): Promise<void>;
}

/**
 * Builds the console from its sources into a temporary folder, so that browser tests run the
 * code of this tree rather than a `console/dist` left over from an earlier build.
 */
export async function buildConsole(): Promise<ConsoleBuild> {
  const dir = await mkdtemp(join(tmpdir(), 'atc-console-dist-'));
  try {
    await build({ root: CONSOLE_SOURCE_DIR, logLevel: 'warn', build: { outDir: dir, emptyOutDir: true } });
  } catch (error: unknown) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Opens the console at `hash` (e.g. `#/databank`) and signs in with `token`, signing out first
 * when the browser still holds another session. It waits for the page to decide which it shows
 * (the sign-in form, or a resumed session): checking at once races the session's resumption.
 */
export async function signInToConsole(page: Page, origin: string, token: string, hash = ''): Promise<void> {
  await page.goto(`${origin}/console/${hash}`);
  const field = page.getByLabel('Operator token');
  const signOut = page.getByRole('button', { name: 'Sign out' });
  await field.or(signOut).first().waitFor({ timeout: SIGN_IN_WAIT_MS });
  if (await signOut.isVisible()) {
    await signOut.click();
    await field.waitFor({ timeout: SIGN_IN_WAIT_MS });
  }
  await field.fill(token);
  await field.press('Enter');
  await signOut.waitFor({ timeout: SIGN_IN_WAIT_MS });
}

/**
 * How long each step of signing in may take: a precondition of the console tests, not what
 * they measure. A clean-clone run, with the whole suite sharing 2 cores, once took over 10 s.
 */
const SIGN_IN_WAIT_MS = 20_000;
