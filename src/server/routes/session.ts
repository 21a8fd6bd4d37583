import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../domain/errors.js';
import { changePasswordRequest, loginRequest, sessionResponse } from '../../domain/schemas/session.js';
import { errorResponse, okResponse } from '../../domain/schemas/common.js';
import { appendAudit } from '../audit/audit.js';
import { changePassword } from '../commands/changePassword.js';
import { login } from '../commands/login.js';
import { assertLoginAllowed, countingFailures } from '../auth/loginLimit.js';
import { clearSessionCookie, requireActor, setSessionCookie } from '../plugins/auth.js';
import { presentSessionUser } from '../presenters/session.js';
import { deleteSession } from '../repositories/sessions.js';
import { findActorByUserId } from '../repositories/users.js';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/session',
    {
      config: { auth: 'public', skipCsrf: true },
      schema: {
        tags: ['session'],
        summary: '登录',
        body: loginRequest,
        response: { 200: sessionResponse, 401: errorResponse, 429: errorResponse },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx();
      await assertLoginAllowed(app.loginAttempts, req.ip, app.config.RATE_LIMIT_LOGIN, ctx.now);
      const result = await countingFailures(app.loginAttempts, req.ip, ctx.now, () =>
        login({
          db: app.db,
          ctx,
          username: req.body.username,
          password: req.body.password,
          userAgent: req.headers['user-agent'] ?? null,
        }),
      );
      setSessionCookie(req, reply, result.token);
      return {
        user: presentSessionUser(result.actor, result.orgName, result.mustChangePassword),
        csrfToken: result.csrfToken,
      };
    },
  );

  app.get(
    '/session',
    {
      config: { allowDuringPasswordChange: true },
      schema: { tags: ['session'], summary: '当前会话', response: { 200: sessionResponse, 401: errorResponse } },
    },
    async (req) => {
      const actor = requireActor(req);
      const loaded = await findActorByUserId(app.db, actor.userId);
      if (!loaded) throw new AppError('unauthorized');
      return {
        user: presentSessionUser(actor, loaded.orgName, req.mustChangePassword),
        csrfToken: req.csrfToken!,
      };
    },
  );

  app.delete(
    '/session',
    {
      config: { allowDuringPasswordChange: true },
      schema: { tags: ['session'], summary: '退出登录', response: { 200: okResponse } },
    },
    async (req, reply) => {
      await app.db.transaction().execute(async (trx) => {
        await deleteSession(trx, req.sessionId!);
        await appendAudit(trx, req.ctx(), {
          action: 'session.logout',
          target: { type: 'user', id: requireActor(req).userId },
        });
      });
      clearSessionCookie(reply);
      return { ok: true as const };
    },
  );

  app.post(
    '/session/password',
    {
      config: { allowDuringPasswordChange: true },
      schema: {
        tags: ['session'],
        summary: '修改本人密码',
        body: changePasswordRequest,
        response: { 200: okResponse, 422: errorResponse },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      await changePassword({
        db: app.db,
        ctx: { ...req.ctx(), actor },
        sessionId: req.sessionId!,
        currentPassword: req.body.currentPassword,
        newPassword: req.body.newPassword,
      });
      return { ok: true as const };
    },
  );
};
export default routes;
