import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponse, idParams } from '../../domain/schemas/common.js';
import {
  listRegistrationsQuery,
  registrationActionParams,
  registrationCreatedResponse,
  registrationDecisionRequest,
  registrationListResponse,
  registrationRequest,
  registrationResponse,
} from '../../domain/schemas/registrations.js';
import { approveRegistration } from '../commands/registrations/approveRegistration.js';
import { refuseRegistration } from '../commands/registrations/refuseRegistration.js';
import { registerUnit } from '../commands/registrations/registerUnit.js';
import { exportRegistrations } from '../commands/registrations/exportRegistrations.js';
import { contentDisposition } from '../files/store.js';
import { actorCtx, requireActor } from '../plugins/auth.js';
import { presentRegistration } from '../presenters/registration.js';
import { getCityRegistration, listCityRegistrations } from '../queries/registrations/cityRegistrations.js';

const tags = ['registrations'];

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/registrations',
    {
      // Public: a unit registers before it has an account, so there is no session and no CSRF token.
      config: {
        auth: 'public',
        skipCsrf: true,
        rateLimit: {
          max: app.config.RATE_LIMIT_REGISTRATIONS ?? (app.config.NODE_ENV === 'test' ? 10_000 : 20),
          timeWindow: '10 minutes',
        },
      },
      schema: {
        tags,
        summary: '申报单位注册（公开）',
        body: registrationRequest,
        response: { 200: registrationCreatedResponse, 409: errorResponse, 422: errorResponse, 429: errorResponse },
      },
    },
    async (req) => {
      const registration = await registerUnit({ db: app.db, ctx: req.ctx(), input: req.body });
      return {
        registration: { ...registration, status: 'pending' as const },
        message: '注册已提交，请等待所在设区市科技局审核；审核通过后即可用所设登录名和密码登录',
      };
    },
  );

  app.get(
    '/registrations',
    {
      schema: {
        tags,
        summary: '本市单位注册申请列表（市科技局经办人）',
        querystring: listRegistrationsQuery,
        response: { 200: registrationListResponse, 403: errorResponse },
      },
    },
    async (req) => {
      const { page, pageSize, sort, order, status, q } = req.query;
      const list = await listCityRegistrations(
        app.db,
        requireActor(req),
        { status, q },
        { page, pageSize, sort, order },
      );
      return { ...list, items: list.items.map(presentRegistration) };
    },
  );

  app.get(
    '/registrations/export.xlsx',
    {
      schema: {
        tags,
        summary: '导出本市单位注册申请（Excel，按列表的筛选条件）',
        querystring: listRegistrationsQuery.pick({ status: true, q: true }),
      },
    },
    async (req, reply) => {
      const out = await exportRegistrations({
        db: app.db,
        ctx: actorCtx(req),
        status: req.query.status,
        q: req.query.q,
      });
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', contentDisposition(out.fileName))
        .header('cache-control', 'no-store')
        .send(out.body);
    },
  );

  app.get(
    '/registrations/:id',
    {
      schema: {
        tags,
        summary: '单位注册申请详情（市科技局经办人）',
        params: idParams,
        response: { 200: registrationResponse, 403: errorResponse, 404: errorResponse },
      },
    },
    async (req) => {
      const reg = await getCityRegistration(app.db, requireActor(req), req.params.id);
      return { registration: presentRegistration(reg) };
    },
  );

  app.post(
    '/registrations/:id/actions/:action',
    {
      schema: {
        tags,
        summary: '审核单位注册：通过（approve）或驳回（refuse，须填写理由）',
        params: registrationActionParams,
        body: registrationDecisionRequest,
        response: {
          200: registrationResponse,
          403: errorResponse,
          404: errorResponse,
          409: errorResponse,
          422: errorResponse,
        },
      },
    },
    async (req) => {
      const opts = { db: app.db, ctx: actorCtx(req), id: req.params.id, comment: req.body.comment };
      const { registration } =
        req.params.action === 'approve' ? await approveRegistration(opts) : await refuseRegistration(opts);
      return { registration: presentRegistration(registration) };
    },
  );
};
export default routes;
