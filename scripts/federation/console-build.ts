import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** The newest modification time (ms) of the files under `path` (a file or a folder). */
async function newest(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let latest = info.mtimeMs;
  for (const entry of await readdir(path)) latest = Math.max(latest, await newest(join(path, entry)));
  return latest;
}

/**
 * Whether the console's build (`console/dist`) is missing or older than its sources: a fresh
 * checkout after `npm ci` has none, and the gateway would answer `ERR_CONSOLE_NOT_BUILT`.
 */
export async function consoleBuildStale(consoleRoot: string): Promise<boolean> {
  const built = join(consoleRoot, 'dist', 'index.html');
  if (!existsSync(built)) return true;
  const sources = ['src', 'index.html', 'vite.config.ts', 'package.json'].map((p) => join(consoleRoot, p));
  let latest = 0;
  for (const source of sources) if (existsSync(source)) latest = Math.max(latest, await newest(source));
  return latest > (await stat(built)).mtimeMs;
}

/**
 * Builds the operator console into `console/dist` (as `npm run build` does) when it is missing
 * or stale, so that `npm ci && npm start` serves it; says so, since it takes a few seconds.
 */
export async function ensureConsoleBuilt(repoRoot: string, say: (line: string) => void): Promise<void> {
  const consoleRoot = join(repoRoot, 'console');
  if (!(await consoleBuildStale(consoleRoot))) return;
  say('Building the operator console (console/dist)...');
  // Vite is a development dependency: loaded only when a build is needed.
  const { build } = await import('vite');
  await build({ root: consoleRoot, logLevel: 'warn' });
}
