import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsole, type ConsoleBuild } from '@atc/tests';

// Builds the console as `npm run build` does (into a temporary directory) and checks what a
// browser loads first: its size, and that nothing inline or from another origin is needed
// under the gateway's Content-Security-Policy.

const BASE = '/console/';
const FIRST_LOAD_JS_LIMIT = 300 * 1024;

let consoleBuild: ConsoleBuild;
let outDir: string;
let html: string;

beforeAll(async () => {
  consoleBuild = await buildConsole();
  outDir = consoleBuild.dir;
  html = await readFile(join(outDir, 'index.html'), 'utf8');
}, 60_000);

afterAll(async () => {
  await consoleBuild?.remove();
});

/** The value of every `name="..."` attribute in the tags matching `tag`. */
function attributes(source: string, tag: RegExp, name: string): string[] {
  const values: string[] = [];
  for (const m of source.matchAll(tag)) {
    const attr = new RegExp(`\\s${name}="([^"]*)"`).exec(m[0]);
    if (attr?.[1] !== undefined) values.push(attr[1]);
  }
  return values;
}

/** The file of the build an absolute /console/ URL names. */
function builtFile(url: string): string {
  expect(url.startsWith(BASE), url).toBe(true);
  return join(outDir, url.slice(BASE.length));
}

/** The JavaScript a first load fetches: the module scripts, their preloads and their static imports. */
async function firstLoadScripts(): Promise<Map<string, Buffer>> {
  const pending = [
    ...attributes(html, /<script\b[^>]*>/g, 'src'),
    ...attributes(html, /<link\b[^>]*rel="modulepreload"[^>]*>/g, 'href'),
  ].map(builtFile);
  const loaded = new Map<string, Buffer>();
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (loaded.has(file)) continue;
    const code = await readFile(file);
    loaded.set(file, code);
    // Static imports only: `import"./x.js"` and `from"./x.js"`; dynamic import() loads later.
    for (const m of code.toString('utf8').matchAll(/(?:\bfrom|\bimport)\s*["'](\.\/[^"']+\.js)["']/g)) {
      pending.push(join(dirname(file), m[1]!));
    }
  }
  return loaded;
}

describe('console build', () => {
  it('loads at most 300 KB of gzipped JavaScript first', async () => {
    const scripts = await firstLoadScripts();
    expect(scripts.size).toBeGreaterThan(0);
    const gzipped = [...scripts.values()].reduce((sum, code) => sum + gzipSync(code, { level: 9 }).length, 0);
    console.log(`console first load: ${scripts.size} script(s), ${(gzipped / 1024).toFixed(1)} KB gzipped`);
    expect(gzipped).toBeLessThanOrEqual(FIRST_LOAD_JS_LIMIT);
  });

  it('has no inline script or style in index.html', () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs, 'every script is a file').toMatch(/\ssrc="/);
      expect(body?.trim()).toBe('');
    }
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\sstyle\s*=/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/javascript:/i);
  });

  it('references nothing outside its own origin', async () => {
    const urls = [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) {
      expect(url, 'a path on the gateway under /console/').toMatch(/^\/console\/[^/]/);
    }
    expect(html).not.toMatch(/(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/i);
    const styles = attributes(html, /<link\b[^>]*rel="stylesheet"[^>]*>/g, 'href');
    expect(styles.length).toBeGreaterThan(0);
    for (const href of styles) {
      const css = await readFile(builtFile(href), 'utf8');
      expect(css, href).not.toMatch(/@import/i);
      expect(css, href).not.toMatch(/url\(\s*["']?(?:https?:)?\/\//i);
    }
  });
});
