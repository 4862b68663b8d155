import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { Type } from '@sinclair/typebox';
import { ERRORS } from '../../contracts/error-codes.js';
import { SIGNALING_LIMITS, type LiveNotificationName, type LiveNotifications, type ServerMessage } from '../../contracts/live-signaling.js';
import { isDomainError } from '../../domain/shared/errors.js';
import { MediaError } from '../../../../media/src/media-error.js';
import type { LiveRoomRegistry } from '../../domain/live-room/live-room-registry.js';
import type { PeerChannel } from '../../domain/live-room/live-peer.js';
import { MessageBudget, parseClientMessage, type ParsedRequest } from '../live-signaling.validation.js';
import { errorBody } from '../errors.plugin.js';
import { requirePrincipal } from '../auth.plugin.js';

/** Close codes the client understands (4000–4999 are the application's). */
export const CLOSE = { forbidden: 4403, notFound: 4404, replaced: 4409, removed: 4410, ended: 4411, flood: 4429, badOrigin: 4400 } as const;

/**
 * Signaling for a live lesson (Art. 9.1): one WebSocket per participant, authenticated by the
 * session cookie (onRequest), authorized by class membership (LessonPort.canJoin), every message
 * validated, a per-socket rate limit, and a bad message answered with an error, never a crash.
 */
export async function liveSignalingRoutes(app: FastifyInstance, { live }: { live: LiveRoomRegistry }) {
  app.route<{ Params: { id: number } }>({
    method: 'GET',
    url: '/api/live-lessons/:id/ws',
    schema: { tags: ['live'], summary: 'Kênh tín hiệu WebSocket của buổi học trực tuyến', params: Type.Object({ id: Type.Integer({ minimum: 1 }) }) },
    config: { access: 'self' },
    // A plain GET (no upgrade) gets a clear answer instead of an empty 404.
    handler: async (_req, reply) => reply.status(426).send(errorBody('VALIDATION_FAILED', { reason: 'websocket_upgrade_required' })),
    wsHandler: (socket: WebSocket, req: FastifyRequest<{ Params: { id: number } }>) => {
      // Messages are queued from the first moment: a handler attached after an await loses them.
      const queue: (Buffer | string)[] = [];
      let process: ((raw: Buffer | string) => void) | null = null;
      socket.on('message', (raw: Buffer, isBinary: boolean) => {
        const frame = isBinary ? raw : raw.toString('utf8');
        if (process) process(frame);
        else queue.push(frame);
      });
      void connect(socket, req, (p) => {
        process = p;
        for (const f of queue.splice(0)) p(f);
      }).catch((err) => {
        req.log.warn({ err }, 'live signaling: connection refused');
        const code = isDomainError(err) ? err.code : 'INTERNAL';
        send(socket, { type: 'response', id: null, ok: false, error: { code, message: { vi: ERRORS[code].vi, en: ERRORS[code].en } } });
        socket.close(code === 'NOT_FOUND' ? CLOSE.notFound : CLOSE.forbidden, code);
      });
    },
  });

  async function connect(socket: WebSocket, req: FastifyRequest<{ Params: { id: number } }>, ready: (p: (raw: Buffer | string) => void) => void) {
    const principal = requirePrincipal(req);
    // Cross-site WebSocket hijacking: the page must come from this box.
    const origin = req.headers.origin;
    if (origin && new URL(origin).host !== req.headers.host) {
      socket.close(CLOSE.badOrigin, 'bad origin');
      return;
    }
    const lessonId = req.params.id;
    const { role } = await live.lessons.canJoin(principal, lessonId);
    const room = await live.open(lessonId);
    const channel: PeerChannel = {
      notify<N extends LiveNotificationName>(method: N, data: LiveNotifications[N]) {
        send(socket, { type: 'notification', method, data } as ServerMessage);
      },
      close(reason: string) {
        const code = reason === 'replaced' ? CLOSE.replaced : reason === 'removed' ? CLOSE.removed : reason === 'lesson-ended' ? CLOSE.ended : 1000;
        socket.close(code, reason);
      },
    };
    const peer = room.attach(principal.personId, principal.fullName, role, channel);
    socket.on('close', () => void room.detach(peer, channel).catch((err) => req.log.warn({ err }, 'live: detach failed')));

    const budget = new MessageBudget(SIGNALING_LIMITS.maxRequestsPer10s);
    let strikes = 0;
    // Requests of one socket run one after another, in order.
    let chain = Promise.resolve();
    ready((raw) => {
      if (!budget.take()) {
        strikes++;
        send(socket, errorReply(null, 'LIVE_RATE_LIMITED'));
        if (strikes > 20) socket.close(CLOSE.flood, 'flood');
        return;
      }
      const parsed = parseClientMessage(raw);
      if (!('method' in parsed)) {
        send(socket, errorReply(parsed.id, 'LIVE_BAD_MESSAGE', parsed.reason));
        return;
      }
      chain = chain.then(() => run(parsed));
    });

    async function run(msg: ParsedRequest) {
      try {
        const data = await room.handle(peer, msg.method, msg.data as never, channel);
        send(socket, { type: 'response', id: msg.id, ok: true, data });
      } catch (err) {
        if (isDomainError(err)) send(socket, errorReply(msg.id, err.code));
        else if (err instanceof MediaError) send(socket, errorReply(msg.id, err.code));
        else {
          req.log.error({ err, method: msg.method }, 'live signaling: request failed');
          send(socket, errorReply(msg.id, 'INTERNAL'));
        }
      }
    }
  }
}

function errorReply(id: number | null, code: keyof typeof ERRORS, reason?: string): ServerMessage {
  const e = ERRORS[code];
  return { type: 'response', id, ok: false, error: { code: reason ? `${code}:${reason}` : code, message: { vi: e.vi, en: e.en } } };
}

function send(socket: WebSocket, msg: ServerMessage): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(msg));
}
