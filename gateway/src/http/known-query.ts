import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ErrorCode } from '@atc/shared';
import { HttpProblem } from '@atc/shared/http';

/** `within_days` -> `withinDays`: the camelCase spelling of a snake_case name. */
const camelOf = (name: string): string => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * Refuses a query parameter the route's schema does not name, with the names it takes.
 *
 * The gateway's Ajv drops properties a schema does not allow instead of refusing them, so
 * without this check a misspelt or renamed parameter (`within_days` for `withinDays`) would be
 * ignored and the answer would quietly use the default.
 *
 * @throws HttpProblem 400 ERR_QUERY_INVALID naming the unknown parameter.
 */
export function refuseUnknownQuery(req: FastifyRequest): void {
  const schema = req.routeOptions.schema?.querystring as { properties?: Record<string, unknown> } | undefined;
  if (schema?.properties === undefined) return;
  const known = Object.keys(schema.properties);
  const unknown = Object.keys((req.query ?? {}) as Record<string, unknown>).filter((name) => !known.includes(name));
  const [first] = unknown;
  if (first === undefined) return;
  const field = first.slice(0, 64);
  const hint = known.includes(camelOf(first)) ? ` (did you mean ${camelOf(first)}? names are camelCase)` : '';
  throw new HttpProblem(
    400,
    ErrorCode.QUERY_INVALID,
    'Invalid query',
    `${JSON.stringify(field)} is not a query parameter of this route${hint}; it takes ${known.length === 0 ? 'none' : known.join(', ')}.`,
    { errors: [{ field, message: 'is not a query parameter of this route' }] },
  );
}

/**
 * Adds {@link refuseUnknownQuery} to every route of `app` registered after it (the gateway adds it
 * once, at the root: every route whose schema names its query parameters refuses the others).
 */
export function refuseUnknownQueries(app: FastifyInstance): void {
  app.addHook('preValidation', (req, _reply, done) => {
    try {
      refuseUnknownQuery(req);
      done();
    } catch (e) {
      done(e as Error);
    }
  });
}
