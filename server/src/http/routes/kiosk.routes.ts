import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { Ok } from '../../contracts/common.schema.js';
import {
  KioskMe, KioskToday, PinBody, PinLoginBody, PinStatus, QrApproveBody, QrChallenge, QrParams, QrPoll,
  type PinBody as PinBodyT, type PinLoginBody as PinLoginBodyT, type QrApproveBody as QrApproveBodyT, type QrParams as QrParamsT,
} from '../../contracts/kiosk.schema.js';
import type { Principal } from '../../domain/accounts/account.types.js';
import { SESSION_MAX_HOURS } from '../../domain/accounts/account.service.js';
import type { KioskService, KioskSignIn } from '../../domain/kiosk/kiosk.service.js';
import { DomainError } from '../../domain/shared/errors.js';
import type { Services } from '../../services.js';
import { SESSION_COOKIE, requirePrincipal } from '../auth.plugin.js';

function kioskMe(s: KioskSignIn) {
  const { sessionId: _s, ...rest }: Principal = s.principal;
  return { ...rest, kioskIdleMinutes: s.idleMinutes };
}

/**
 * Quick sign-in at the kiosk: a PIN bound to this box, a QR code approved from the teacher's
 * phone, and the lesson to open now. PIN and QR sign-in are accepted only from the box itself
 * (the service checks the address, as the first run does).
 */
export async function kioskRoutes(app: FastifyInstance, { services, secureCookies }: { services: Services; secureCookies: boolean }) {
  const k = services.kiosk;
  const tags = ['kiosk'];
  const meta = (req: { ip: string; headers: { 'user-agent'?: string | undefined } }) => ({ ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
  const setCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, secure: secureCookies, sameSite: 'strict', maxAge: SESSION_MAX_HOURS * 3600 });

  app.get('/api/kiosk/pin', {
    schema: { tags, summary: 'Đã đặt mã PIN đăng nhập nhanh chưa', response: { 200: PinStatus } },
    config: { access: 'kiosk.sign_in' },
  }, (req) => k.pinStatus(requirePrincipal(req)));

  app.post<{ Body: PinBodyT }>('/api/kiosk/pin', {
    schema: { tags, summary: 'Đặt mã PIN (4–6 chữ số) để đăng nhập nhanh trên màn hình phòng học', body: PinBody, response: { 200: Ok } },
    config: { access: 'kiosk.sign_in', rateLimit: { max: 10, timeWindow: '1 minute', keyGenerator: (req) => String(req.principal?.accountId ?? req.ip) } },
  }, async (req) => { await k.setPin(requirePrincipal(req), req.body.currentPassword, req.body.pin, req.ip); return { ok: true as const }; });

  app.delete('/api/kiosk/pin', {
    schema: { tags, summary: 'Bỏ mã PIN', response: { 200: Ok } },
    config: { access: 'kiosk.sign_in' },
  }, async (req) => { await k.removePin(requirePrincipal(req), req.ip); return { ok: true as const }; });

  app.post<{ Body: PinLoginBodyT }>('/api/kiosk/pin-login', {
    schema: { tags, summary: 'Đăng nhập nhanh bằng mã PIN (chỉ trên màn hình phòng học)', body: PinLoginBody, response: { 200: KioskMe } },
    config: {
      access: 'public',
      // The kiosk is one address: limit per login (the PIN lockout stops guessing after five).
      rateLimit: { hook: 'preHandler', max: 10, timeWindow: '1 minute', keyGenerator: (req) => `${req.ip}|${String((req.body as { login?: unknown } | undefined)?.login ?? '').toUpperCase()}` },
    },
  }, async (req, reply) => {
    const signIn = await k.pinLogin(req.body.login, req.body.pin, meta(req));
    setCookie(reply, signIn.token);
    return kioskMe(signIn);
  });

  app.post('/api/kiosk/qr', {
    schema: { tags, summary: 'Tạo mã QR dùng một lần (2 phút) để đăng nhập từ điện thoại', response: { 200: QrChallenge } },
    config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
  }, (req) => k.createChallenge(req.ip));

  app.get<{ Params: QrParamsT }>('/api/kiosk/qr/:id', {
    schema: { tags, summary: 'Màn hình phòng học hỏi mã QR đã được xác nhận chưa; nhận phiên đăng nhập một lần', params: QrParams, response: { 200: QrPoll } },
    config: { access: 'public', rateLimit: { max: 120, timeWindow: '1 minute' } },
  }, async (req, reply) => {
    const r = await k.pollChallenge(req.params.id, meta(req));
    if (r.status === 'pending') return { status: r.status, expiresAt: r.expiresAt };
    setCookie(reply, r.token);
    return { status: r.status, expiresAt: r.expiresAt, me: kioskMe(r) };
  });

  app.post<{ Params: QrParamsT; Body: QrApproveBodyT }>('/api/kiosk/qr/:id/approve', {
    schema: { tags, summary: 'Giáo viên xác nhận mã QR trên điện thoại để đăng nhập màn hình phòng học', params: QrParams, body: QrApproveBody, response: { 200: Ok } },
    config: { access: 'kiosk.sign_in', rateLimit: { max: 20, timeWindow: '1 minute', keyGenerator: (req) => String(req.principal?.accountId ?? req.ip) } },
  }, async (req) => { await k.approveChallenge(requirePrincipal(req), req.params.id, req.body.secret, req.ip); return { ok: true as const }; });

  app.get('/api/kiosk/today', {
    schema: { tags, summary: 'Buổi học cần mở ngay (đang diễn ra hoặc bắt đầu trong 15 phút) và buổi tiếp theo', response: { 200: KioskToday } },
    config: { access: 'kiosk.sign_in' },
  }, (req) => { const p = requirePrincipal(req); return k.today({ personId: p.personId, roles: p.roles }); });
}

/**
 * The kiosk's short idle timeout, enforced on every request: registered right after the auth
 * plugin (its hook runs next), it ends a kiosk session left idle too long. The request then
 * continues as anonymous: refused when the route needs a session, served when it is public.
 */
export const kioskSessionGuard = fp(async function kioskGuard(app: FastifyInstance, opts: { kiosk: KioskService }) {
  app.addHook('onRequest', async (req, reply) => {
    const principal = req.principal;
    if (!principal) return;
    if ((await opts.kiosk.checkSession(principal.sessionId)) !== 'ended') return;
    req.principal = null;
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    const access = req.routeOptions.config?.access;
    if (access && access !== 'public') throw new DomainError('UNAUTHENTICATED', { reason: 'kiosk_idle' });
  });
}, { name: 'phonghoc-kiosk-guard', dependencies: ['phonghoc-auth'] });
