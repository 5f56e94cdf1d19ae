// How the workspaces' commands start (their package.json "bin": atc-gateway, atc-verify,
// atc-agent, each a two-line script in its package's bin/ folder). They run the compiled CLI when a
// build exists and is not older than the sources; otherwise (a fresh checkout after `npm ci`,
// or sources edited since the last build) the TypeScript sources through the repository's
// tsx, resolving the workspaces to their sources as `--conditions=source` does. Either way
// `npx atc-gateway` finds the local command and never falls through to a package of that
// name from a registry.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { register } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Adds the "source" export condition, so that `@atc/shared` resolves to its TypeScript. */
const SOURCE_CONDITION = `export async function resolve(specifier, context, next) {
  return next(specifier, { ...context, conditions: [...context.conditions, 'source'] });
}`;

/** The latest modification time of the files under `dir` whose names pass `keep`, or 0. */
function newest(dir, keep) {
  if (!existsSync(dir)) return 0;
  let latest = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && keep(entry.name)) {
      latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return latest;
}

/**
 * Runs the package's compiled `dist/cli/<name>.js` when it is up to date, else `src/cli/<name>.ts`.
 * Up to date: built after the last change to the package's sources and to those of the
 * workspaces it is built from (`uses`: their folders beside it, e.g. "shared"), whose builds
 * its build refreshes.
 *
 * @param {string} name the CLI module's name, e.g. "main"
 * @param {string} binUrl `import.meta.url` of the bin script, in the package's bin/ folder
 * @param {readonly string[]} [uses] the workspaces the package imports, by folder name
 */
export async function runCliEntry(name, binUrl, uses = []) {
  const built = new URL(`../dist/cli/${name}.js`, binUrl);
  const sources = [new URL('../src', binUrl), ...uses.map((w) => new URL(`../../${w}/src`, binUrl))].map((u) =>
    fileURLToPath(u),
  );
  // Without tsx (a production install) the build is all there is.
  const hasTsx = canResolve('tsx/esm/api');
  if (
    existsSync(built) &&
    (!hasTsx ||
      newest(fileURLToPath(new URL('../dist', binUrl)), (n) => n.endsWith('.js')) >=
        Math.max(...sources.map((dir) => newest(dir, (n) => n.endsWith('.ts') && !n.endsWith('.test.ts')))))
  ) {
    await import(built.href);
    return;
  }
  const { register: registerTsx } = await import('tsx/esm/api');
  registerTsx();
  register(`data:text/javascript,${encodeURIComponent(SOURCE_CONDITION)}`);
  await import(new URL(`../src/cli/${name}.ts`, binUrl).href);
}

function canResolve(specifier) {
  try {
    import.meta.resolve(specifier);
    return true;
  } catch {
    return false;
  }
}
