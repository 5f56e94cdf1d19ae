import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { SseStream, type SseStreamOptions } from './sse-stream.js';

declare module 'fastify' {
  interface FastifyReply {
    /**
     * Takes the response over as a Server-Sent Events stream (see {@link SseStream}):
     * the headers go out at once, and the stream ends when the client hangs up or the
     * app closes. `options` override the plugin's defaults.
     */
    sse(options?: SseStreamOptions): SseStream;
  }
}

/** Options of {@link sseStreams}: the defaults of every stream of the app. */
export type SseStreamsOptions = SseStreamOptions;

/**
 * Server-Sent Events for a service's routes: `reply.sse()` opens a stream with heartbeats
 * and a bounded queue. Open streams never finish by themselves, so the plugin ends them
 * when the app closes; otherwise `close()` would wait for every connected client to hang up.
 */
export const sseStreams = fp(
  (app: FastifyInstance, defaults: SseStreamsOptions, done: (err?: Error) => void) => {
    const open = new Set<SseStream>();
    app.addHook('preClose', (hookDone) => {
      for (const stream of open) stream.end();
      hookDone();
    });
    app.decorateReply('sse', function sse(this: FastifyReply, options?: SseStreamOptions): SseStream {
      this.hijack();
      const stream = new SseStream(this.raw, { ...defaults, ...options });
      open.add(stream);
      this.raw.on('close', () => open.delete(stream));
      return stream;
    });
    done();
  },
  { name: 'atc-sse-streams', fastify: '5.x' },
);
