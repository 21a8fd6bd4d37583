import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponse, idParams } from '../../domain/schemas/common.js';
import { downloadQuery } from '../../domain/schemas/applications.js';
import {
  licenceUploadResponse,
  listRegistrationsQuery,
  ownRegistrationRequest,
  ownRegistrationResponse,
  replaceOwnLicenceRequest,
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
import { uploadRegistrationLicence } from '../commands/registrations/uploadRegistrationLicence.js';
import { contentDisposition, openFile } from '../files/store.js';
import { getRegistrationLicence } from '../queries/registrations/getRegistrationLicence.js';
import { getOwnRegistration, getOwnRegistrationLicence } from '../queries/registrations/getOwnRegistration.js';
import { replaceRegistrationLicence } from '../commands/registrations/replaceRegistrationLicence.js';
import { uploadReceiver } from './uploadParts.js';
import { actorCtx, requireActor } from '../plugins/auth.js';
import { presentRegistration } from '../presenters/registration.js';
import { getCityRegistration, listCityRegistrations } from '../queries/registrations/cityRegistrations.js';

const tags = ['registrations'];

const routes: FastifyPluginAsyncZod = async (app) => {
  // Public: a unit registers before it has an account, so there is no session and no CSRF token.
  const publicConfig = {
    auth: 'public' as const,
    skipCsrf: true,
    rateLimit: {
      max: app.config.RATE_LIMIT_REGISTRATIONS ?? (app.config.NODE_ENV === 'test' ? 10_000 : 20),
      timeWindow: '10 minutes',
    },
  };

  app.post(
    '/registrations/licence',
    {
      config: publicConfig,
      schema: {
        tags,
        summary: '上传注册用营业执照（公开，multipart 字段 file；PDF、JPG、PNG，按内容识别，不超过 10 MB）',
        consumes: ['multipart/form-data'],
        response: {
          201: licenceUploadResponse,
          400: errorResponse,
          413: errorResponse,
          415: errorResponse,
          422: errorResponse,
          429: errorResponse,
        },
      },
    },
    async (req, reply) => {
      const licence = await uploadRegistrationLicence({
        db: app.db,
        ctx: req.ctx(),
        files: app.files,
        receive: uploadReceiver(req, {
          notMultipart: '请以 multipart/form-data 方式上传营业执照（字段 file）',
          missingFile: '请选择营业执照文件',
        }),
      });
      return reply.code(201).send({ licence });
    },
  );

  app.post(
    '/registrations',
    {
      config: publicConfig,
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

  // The registrant before it has an account: its own registration, by its login name and password.
  app.post(
    '/registrations/own',
    {
      config: publicConfig,
      schema: {
        tags,
        summary: '查询本单位的注册进度和所上传的营业执照（公开；以注册时设置的登录名和密码验证）',
        body: ownRegistrationRequest,
        response: { 200: ownRegistrationResponse, 401: errorResponse, 422: errorResponse, 429: errorResponse },
      },
    },
    async (req) => getOwnRegistration({ db: app.db, ctx: req.ctx(), credentials: req.body }),
  );

  app.post(
    '/registrations/own/licence/file',
    {
      config: publicConfig,
      schema: {
        tags,
        summary: '本单位注册所上传的营业执照文件（公开；以登录名和密码验证；待审核或未通过时可查看）',
        body: ownRegistrationRequest,
      },
    },
    async (req, reply) => {
      const file = await getOwnRegistrationLicence({ db: app.db, ctx: req.ctx(), credentials: req.body });
      const { stream, size } = await openFile(app.files, file.sha256);
      return reply
        .header('content-type', file.mime)
        .header('content-length', size)
        .header('content-disposition', contentDisposition(file.fileName, 'inline'))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(stream);
    },
  );

  app.put(
    '/registrations/own/licence',
    {
      config: publicConfig,
      schema: {
        tags,
        summary: '更换本单位注册的营业执照（公开；以登录名和密码验证；仅待审核时，先上传新文件取得凭证）',
        body: replaceOwnLicenceRequest,
        response: {
          200: ownRegistrationResponse,
          401: errorResponse,
          409: errorResponse,
          422: errorResponse,
          429: errorResponse,
        },
      },
    },
    async (req) => {
      await replaceRegistrationLicence({ db: app.db, ctx: req.ctx(), input: req.body });
      const { username, password } = req.body;
      return getOwnRegistration({ db: app.db, ctx: req.ctx(), credentials: { username, password } });
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
      const { page, pageSize, sort, order, cursor, limit, status, q } = req.query;
      const list = await listCityRegistrations(
        app.db,
        requireActor(req),
        { status, q },
        { page, pageSize, sort, order, cursor, limit },
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

  app.get(
    '/registrations/:id/licence',
    {
      schema: {
        tags,
        summary: '单位注册的营业执照（本市、本省审核人员及本辖区管理员；disposition=inline 可预览）',
        params: idParams,
        querystring: downloadQuery,
      },
    },
    async (req, reply) => {
      const file = await getRegistrationLicence({ db: app.db, ctx: actorCtx(req), id: req.params.id });
      const { stream, size } = await openFile(app.files, file.sha256);
      return reply
        .header('content-type', file.mime)
        .header('content-length', size)
        .header('content-disposition', contentDisposition(file.fileName, req.query.disposition))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(stream);
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
