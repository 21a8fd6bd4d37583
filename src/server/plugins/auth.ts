import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../context.js';
import { DAY, MINUTE } from '../clock.js';
import { idParams } from '../../domain/schemas/common.js';
import { findSessionForRoute, type PreloadRequest } from '../repositories/sessionPreload.js';
import { isStorable } from './wellFormed.js';
import { deleteSession, hashToken, touchSession } from '../repositories/sessions.js';

export const SESSION_COOKIE = 'msf_sid';
const MUTATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** last_seen_at is written at most this often, to keep reads cheap. */
const TOUCH_EVERY_MS = 30_000;

/**
 * Server-side sessions: resolves the cookie to an actor, enforces the idle timeout,
 * the CSRF header on every mutation, and a pending password change.
 */
export default fp(async (app) => {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('mustChangePassword', false);
  app.decorateRequest('preload', null);
  app.decorateRequest('ctx', function (this: FastifyRequest) {
    return { actor: this.actor, ip: this.ip ?? null, requestId: String(this.id), now: app.clock.now() };
  });

  app.addHook('onRequest', async (req, reply) => {
    // Swagger UI's own routes (/api/docs/…) are public documentation.
    if (!req.url.startsWith('/api/') || req.url.startsWith('/api/docs')) return;
    const token = req.cookies[SESSION_COOKIE];
    let expired = false;
    if (token) {
      // The session and its actor in one query (this runs on every request), with the row the route
      // reads first when it names one (sessionPreload.ts).
      const found = await findSessionForRoute(app.db, hashToken(token), preloadOf(req));
      const now = app.clock.now();
      if (found) {
        const { session, loaded } = found;
        const idleMs = now.getTime() - new Date(session.last_seen_at).getTime();
        if (idleMs > app.config.SESSION_IDLE_MINUTES * MINUTE) {
          await deleteSession(app.db, session.id);
          expired = true;
        } else {
          if (loaded.status !== 'active') {
            await deleteSession(app.db, session.id);
          } else {
            req.actor = loaded.actor;
            req.sessionId = session.id;
            req.csrfToken = session.csrf_token;
            req.preload = found.preload;
            const maxAge = app.config.PASSWORD_MAX_AGE_DAYS;
            const pwExpired = maxAge > 0 && now.getTime() - new Date(loaded.passwordChangedAt).getTime() > maxAge * DAY;
            req.mustChangePassword = loaded.mustChangePassword || pwExpired;
            if (idleMs > TOUCH_EVERY_MS) await touchSession(app.db, session.id, now);
          }
        }
      }
      if (!req.actor) clearSessionCookie(reply);
    }
    const config = req.routeOptions.config;
    if (config.auth === 'public') {
      if (MUTATIONS.has(req.method) && req.actor && !config.skipCsrf) checkCsrf(req);
      return;
    }
    if (!req.actor) throw new AppError(expired ? 'session_expired' : 'unauthorized');
    if (MUTATIONS.has(req.method) && !config.skipCsrf) checkCsrf(req);
    if (req.mustChangePassword && !config.allowDuringPasswordChange) throw new AppError('password_change_required');
  });
});

/**
 * The route's preload, only for an id the route's own checks (which run after this hook) would take:
 * the id goes to the database with the session, and PostgreSQL's text cannot hold NUL.
 */
function preloadOf(req: FastifyRequest): PreloadRequest | undefined {
  const kind = req.routeOptions.config.preload;
  if (!kind) return undefined;
  const parsed = idParams.safeParse(req.params);
  return parsed.success && isStorable(parsed.data.id) ? { kind, id: parsed.data.id } : undefined;
}

function checkCsrf(req: FastifyRequest): void {
  const header = req.headers['x-csrf-token'];
  if (typeof header !== 'string' || !req.csrfToken || header !== req.csrfToken) throw new AppError('csrf_invalid');
}

export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: cookieSecure(req),
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict' });
}

function cookieSecure(req: FastifyRequest): boolean {
  const setting = req.server.config.COOKIE_SECURE;
  if (setting === 'auto') return req.protocol === 'https';
  return setting === '1';
}

/** The logged-in actor; throws 401 when there is none (routes behind the session hook always have one). */
export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('unauthorized');
  return req.actor;
}

/** A command's context for the logged-in actor: the request's context with the actor (401 without one). */
export const actorCtx = (req: FastifyRequest) => ({ ...req.ctx(), actor: requireActor(req) });
