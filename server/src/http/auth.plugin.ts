import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '../domain/shared/errors.js';
import type { Actor, Principal } from '../domain/accounts/account.types.js';
import { can, type Action } from '../domain/accounts/policy.js';
import type { AccountService } from '../domain/accounts/account.service.js';

export const SESSION_COOKIE = 'phonghoc_session';
export const CSRF_HEADER = 'x-csrf-token';

/**
 * What a route says about who may call it: 'public', an action of the central policy, or 'peer':
 * another box of the school presenting this box's peer token (Art. 16.3, the IT console's view of
 * every box; no session, no cookie, so no CSRF either).
 */
export type RouteAccess = 'public' | 'peer' | Action;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** A signed-in user who must still change the password may call this route (e.g. the change itself). */
    allowBeforePasswordChange?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyInstance {
    /** Every route with its access, collected for the route × role test and the docs. */
    routeAccess: { method: string; url: string; access: RouteAccess }[];
  }
}

export function actorOf(req: FastifyRequest): Actor {
  return { accountId: req.principal?.accountId ?? null, login: req.principal?.login ?? null, ip: req.ip };
}

export function requirePrincipal(req: FastifyRequest): Principal {
  if (!req.principal) throw new DomainError('UNAUTHENTICATED');
  return req.principal;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Authentication by session cookie, CSRF by a per-session token in a header (a cross-site form
 * cannot set it), and authorization by the one policy: every route must declare its access, and
 * a route that forgets is refused at start-up.
 */
export const authPlugin = fp(async function auth(app: FastifyInstance, opts: { accounts: AccountService; peerToken: { matches(presented: string | undefined): boolean } }) {
  app.decorateRequest('principal', null);
  app.decorate('routeAccess', []);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    const access = route.config?.access;
    if (!access) throw new Error(`route ${String(route.method)} ${route.url} declares no access (config.access)`);
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') app.routeAccess.push({ method, url: route.url, access });
    }
  });

  // Authorization runs at onRequest, before the body is read or validated: a caller without the
  // right never gets an upload parsed or learns what a valid body looks like.
  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) req.principal = (await opts.accounts.authenticate(token)) ?? null;
    const access = req.routeOptions.config?.access;
    if (!access || access === 'public') return;
    if (access === 'peer') {
      const bearer = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(req.headers.authorization ?? '')?.[1];
      if (!opts.peerToken.matches(bearer)) throw new DomainError('UNAUTHENTICATED');
      return;
    }
    const principal = req.principal;
    if (!principal) throw new DomainError('UNAUTHENTICATED');
    if (!SAFE_METHODS.has(req.method) && req.headers[CSRF_HEADER] !== principal.csrfToken) {
      throw new DomainError('CSRF_INVALID');
    }
    if (principal.mustChangePassword && !req.routeOptions.config.allowBeforePasswordChange) {
      throw new DomainError('PASSWORD_CHANGE_REQUIRED');
    }
    if (!can(principal.roles, access)) throw new DomainError('FORBIDDEN', { action: access });
  });
}, { name: 'phonghoc-auth', dependencies: ['@fastify/cookie'] });
