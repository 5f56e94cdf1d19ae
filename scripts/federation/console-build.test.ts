import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { consoleBuildStale } from './console-build.js';

describe('the console build npm start makes when needed', () => {
  const made: string[] = [];
  afterEach(async () => {
    for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it('is needed without a build, and again when a source is newer than the build', async () => {
    const root = await mkdtemp(join(tmpdir(), 'atc-console-stale-'));
    made.push(root);
    await mkdir(join(root, 'src', 'pages'), { recursive: true });
    const page = join(root, 'src', 'pages', 'page.tsx');
    await writeFile(page, 'export {};\n');
    expect(await consoleBuildStale(root)).toBe(true);

    await mkdir(join(root, 'dist'));
    const built = join(root, 'dist', 'index.html');
    await writeFile(built, '<!doctype html>\n');
    const t = Date.now() / 1000;
    await utimes(page, t - 60, t - 60);
    await utimes(join(root, 'src', 'pages'), t - 60, t - 60);
    await utimes(join(root, 'src'), t - 60, t - 60);
    await utimes(built, t, t);
    expect(await consoleBuildStale(root)).toBe(false);

    await utimes(page, t + 5, t + 5);
    expect(await consoleBuildStale(root)).toBe(true);
  });
});
