// The commands the README shows, run as written in the repository after `npm ci`: `npx
// atc-gateway`, `npx atc-verify` and `npx atc-agent` must find the workspaces' own bins,
// built or not, and never fall through to a package of that name from a registry (offline
// mode makes such a fall-through fail instead of downloading anything).
import { accessSync, constants, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runNpx } from '@atc/tests';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

const workspaceBins = ['gateway', 'node-agent'].flatMap((workspace) => {
  const manifest = JSON.parse(readFileSync(join(repoRoot, workspace, 'package.json'), 'utf8')) as {
    bin: Record<string, string>;
  };
  return Object.entries(manifest.bin).map(([name, target]) => ({ workspace, name, target }));
});

describe('the workspaces declare their bins', () => {
  it('as committed, executable scripts outside dist/, so that npm ci links them without a build', () => {
    expect(workspaceBins.map((b) => b.name).sort()).toEqual(['atc-agent', 'atc-gateway', 'atc-verify']);
    for (const { workspace, name, target } of workspaceBins) {
      expect(target, name).not.toMatch(/(^|\/)dist\//);
      const path = join(repoRoot, workspace, target);
      accessSync(path, constants.X_OK);
      expect(readFileSync(path, 'utf8'), name).toMatch(/^#!\/usr\/bin\/env node\n/);
    }
  });
});

describe('npx in the repository runs the local commands', { timeout: 60_000 }, () => {
  it('npx atc-gateway --help', async () => {
    const run = await runNpx(['atc-gateway', '--help'], { offline: true });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Usage: atc-gateway <command>');
  });

  it('npx atc-verify without a bundle: its usage, exit 2', async () => {
    const run = await runNpx(['atc-verify'], { offline: true });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stdout).toContain('Usage: atc-verify <bundle.json>');
  });

  it('npx atc-agent send --help', async () => {
    const run = await runNpx(['atc-agent', 'send', '--help'], { offline: true });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Usage: atc-agent send <file\.json>/);
  });
});
