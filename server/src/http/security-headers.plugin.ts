import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';

/**
 * Conservative security headers for every reply: no framing by other sites, no MIME sniffing,
 * a content security policy that allows only the box itself (the UI is bundled; nothing loads
 * from the internet, which a school with weak connectivity could not rely on anyway).
 */
export const securityHeaders = fp(async function headers(app: FastifyInstance) {
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'SAMEORIGIN');
    reply.header('permissions-policy', 'camera=(self), microphone=(self), display-capture=(self)');
    if (!req.url.startsWith('/api/')) {
      // script-src: the box's own scripts, plus the one inline start-up line of the H5P player frame
      // (h5p-standalone), allowed by its hash rather than by 'unsafe-inline'.
      reply.header('content-security-policy', "default-src 'self'; script-src 'self' 'sha256-8CniZYrnO46q7MvZ3m08Wom1HH/ZhyXmm29kBKTV1rk='; img-src 'self' data: blob:; media-src 'self' blob:; style-src 'self' 'unsafe-inline'; connect-src 'self' wss: ws:; frame-ancestors 'self'");
    }
    if (req.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000');
  });
}, { name: 'phonghoc-security-headers' });
