import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from '@sinclair/typebox';
import { LanguageBody, LoginBody, Me, PasswordChangeBody, type LoginBody as LoginBodyT } from '../../contracts/auth.schema.js';
import { Ok } from '../../contracts/common.schema.js';
import type { Principal } from '../../domain/accounts/account.types.js';
import type { Services } from '../../services.js';
import { SESSION_COOKIE, requirePrincipal } from '../auth.plugin.js';
import { SESSION_MAX_HOURS } from '../../domain/accounts/account.service.js';

function me(p: Principal) {
  const { sessionId: _s, ...rest } = p;
  return rest;
}

export async function authRoutes(app: FastifyInstance, { services, secureCookies }: { services: Services; secureCookies: boolean }) {
  const setCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, secure: secureCookies, sameSite: 'strict', maxAge: SESSION_MAX_HOURS * 3600 });

  app.post<{ Body: LoginBodyT }>('/api/auth/login', {
    schema: { tags: ['auth'], summary: 'Đăng nhập bằng mã định danh và mật khẩu', body: LoginBody, response: { 200: Me } },
    // Art. 10.2: a rate limit per address on top of the per-account lockout.
    config: {
      access: 'public',
      // Per address and account: one pupil's typos do not block a classroom behind one address;
      // the per-account lockout stops guessing from many addresses.
      rateLimit: { hook: 'preHandler', max: 10, timeWindow: '1 minute', keyGenerator: (req) => `${req.ip}|${String((req.body as { login?: unknown } | undefined)?.login ?? '').toUpperCase()}` },
    },
  }, async (req, reply) => {
    const { token, principal } = await services.accounts.login(req.body.login, req.body.password, { ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
    setCookie(reply, token);
    return me(principal);
  });

  app.post('/api/auth/logout', {
    schema: { tags: ['auth'], summary: 'Đăng xuất', response: { 200: Ok } },
    config: { access: 'self', allowBeforePasswordChange: true },
  }, async (req, reply) => {
    await services.accounts.logout(requirePrincipal(req), req.ip);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  app.get('/api/auth/me', {
    schema: { tags: ['auth'], summary: 'Người dùng hiện tại', response: { 200: Me } },
    config: { access: 'self', allowBeforePasswordChange: true },
  }, async (req) => me(requirePrincipal(req)));

  app.post<{ Body: { currentPassword: string; newPassword: string } }>('/api/auth/password', {
    schema: { tags: ['auth'], summary: 'Đổi mật khẩu (cả lần đăng nhập đầu tiên)', body: PasswordChangeBody, response: { 200: Ok } },
    config: { access: 'self', allowBeforePasswordChange: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
  }, async (req) => {
    await services.accounts.changePassword(requirePrincipal(req), req.body.currentPassword, req.body.newPassword, req.ip);
    return { ok: true as const };
  });

  app.put<{ Body: { language: 'vi' | 'en' } }>('/api/auth/language', {
    schema: { tags: ['auth'], summary: 'Chọn ngôn ngữ giao diện', body: LanguageBody, response: { 200: Ok } },
    config: { access: 'self', allowBeforePasswordChange: true },
  }, async (req) => {
    await services.accounts.setLanguage(requirePrincipal(req), req.body.language);
    return { ok: true as const };
  });

  app.get('/api/auth/session', {
    schema: { tags: ['auth'], summary: 'Trạng thái phiên (không cần đăng nhập)', response: { 200: Type.Object({ signedIn: Type.Boolean() }) } },
    config: { access: 'public' },
  }, async (req) => ({ signedIn: !!req.principal }));
}
