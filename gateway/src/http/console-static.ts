import { stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ErrorCode } from '@atc/shared';
import { notFound } from '@atc/shared/http';

/** Where the console is served. */
export const CONSOLE_PATH = '/console/';

/**
 * The console's Content-Security-Policy: everything from the gateway's own origin, no inline
 * script or style, no frames, nothing from elsewhere.
 */
export const CONSOLE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** Headers of every answer under /console/, files and refusals alike. */
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONSOLE_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

/** Vite names the files under assets/ by a hash of their content: they never change. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Anything else (index.html above all) is checked with the gateway before every use. */
const REVALIDATE = 'no-cache';

/** Options of {@link consoleStatic}. */
export interface ConsoleStaticOptions {
  /** The built console (absolute path); looked at on every request, so a build after start is served. */
  readonly dir: string;
}

/**
 * The file under `root` that a path below /console/ names, or undefined when it would leave
 * `root` (`..`, an absolute path, a NUL byte) or names no regular file.
 */
async function fileIn(root: string, path: string): Promise<string | undefined> {
  if (path === '' || path.includes('\0') || path.includes('\\')) return undefined;
  const file = resolve(root, path);
  const rel = relative(root, file);
  if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) return undefined;
  if (rel.split(sep).some((part) => part.startsWith('.'))) return undefined;
  try {
    return (await stat(file)).isFile() ? rel : undefined;
  } catch {
    return undefined;
  }
}

/** True for a page load by a browser: GET (or HEAD) asking for HTML. */
function wantsPage(req: FastifyRequest): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && /\btext\/html\b/.test(req.headers.accept ?? '');
}

/**
 * Serves the built operator console at /console/ with `@fastify/static`, from the same origin
 * as the API (public routes: the sign-in page must load without a token). Unknown paths
 * that are not files answer index.html to a browser asking for a page (the console routes
 * on the client), 404 to anything else. Every answer carries a strict CSP and the other
 * security headers; hashed assets are cached for a year, the rest revalidated. Without a
 * build, 404 ERR_CONSOLE_NOT_BUILT says how to make one. Not encapsulated, so that the
 * headers also go on what the app's own handlers answer below /console/ (an unknown method).
 */
export const consoleStatic = fp(
  async (app: FastifyInstance, options: ConsoleStaticOptions) => {
    const root = resolve(options.dir);
    // serve: false: only reply.sendFile, from the routes below, which choose the file.
    await app.register(fastifyStatic, { root, serve: false, cacheControl: false, dotfiles: 'deny' });

    app.addHook('onSend', async (req, reply, payload) => {
      if (req.url === '/console' || req.url.startsWith('/console/') || req.url.startsWith('/console?')) {
        for (const [name, value] of Object.entries(SECURITY_HEADERS)) void reply.header(name, value);
      }
      return payload;
    });

    if ((await fileIn(root, 'index.html')) === undefined) {
      // Info, not a warning: a gateway may well serve only the API.
      app.log.info(
        { consoleDir: root, index: join(root, 'index.html') },
        'operator console not built: /console/ answers ERR_CONSOLE_NOT_BUILT until "npm run build" makes it',
      );
    }

    const route = { config: { public: true }, schema: { hide: true } } as const;

    app.get('/console', route, (req, reply) => {
      const query = req.url.indexOf('?');
      return reply.redirect(query === -1 ? CONSOLE_PATH : `${CONSOLE_PATH}${req.url.slice(query)}`, 301);
    });

    const serve = async (req: FastifyRequest, reply: FastifyReply, path: string): Promise<FastifyReply> => {
      if ((await fileIn(root, 'index.html')) === undefined) {
        throw notFound(
          ErrorCode.CONSOLE_NOT_BUILT,
          // The folder is in the gateway's log, not in an answer to anyone who asks.
          'The operator console is not built; run "npm run build" in the repository, or set ATC_CONSOLE_DIR to the ' +
            'folder of a build.',
        );
      }
      const file = await fileIn(root, path);
      if (file !== undefined) {
        const immutable = file.startsWith(`assets${sep}`);
        return reply.header('cache-control', immutable ? IMMUTABLE : REVALIDATE).sendFile(file, root);
      }
      if (path === '' || wantsPage(req)) return reply.header('cache-control', REVALIDATE).sendFile('index.html', root);
      throw notFound(ErrorCode.NOT_FOUND, `The console has no file ${CONSOLE_PATH}${path.slice(0, 200)}.`);
    };

    app.get<{ Params: { '*': string } }>(`${CONSOLE_PATH}*`, route, (req, reply) => serve(req, reply, req.params['*']));
  },
  { name: 'atc-console-static', fastify: '5.x' },
);
