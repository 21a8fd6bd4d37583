import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import type { ApplicationStatus } from '../../domain/workflow.js';
import { NARRATIVE_IMAGE_FILE_KIND } from '../../domain/narrative/schema.js';
import {
  applicationActionParams,
  applicationActionRequest,
  applicationDetailSchema,
  applicationFileListResponse,
  applicationFileSchema,
  applicationListResponse,
  applicationUpdateResponse,
  createApplicationRequest,
  downloadQuery,
  fileParams,
  listApplicationsQuery,
  updateApplicationRequest,
  UPLOAD_TYPES_LABEL,
} from '../../domain/schemas/applications.js';
import { errorResponse, idParams, okResponse } from '../../domain/schemas/common.js';
import { createApplication } from '../commands/applications/createApplication.js';
import { deleteApplicationFile } from '../commands/applications/deleteApplicationFile.js';
import { getApplicationView } from '../queries/applications/getApplicationView.js';
import { loadVisibleApplication } from '../commands/applications/loadApplication.js';
import { runApplicationAction } from '../commands/applications/runApplicationAction.js';
import { updateApplication } from '../commands/applications/updateApplication.js';
import { uploadApplicationFile } from '../commands/applications/uploadApplicationFile.js';
import { contentDisposition, openFile } from '../files/store.js';
import { actorCtx, requireActor } from '../plugins/auth.js';
import { auditDownload } from '../commands/documents/auditDownload.js';
import { applicationListScope } from '../policies/applications.js';
import { AWAITING_PUBLICATION, isUnitOnlyScope, maskUnpublished } from '../commands/applications/applicantStatus.js';
import { bulkActionsFor } from '../policies/bulk.js';
import { authorizeSimilarityQuery } from '../policies/similarity.js';
import {
  presentApplicationDetail,
  presentApplicationListItem,
  presentSavedSections,
  presentFile,
} from '../presenters/application.js';
import { findFile, listApplicationPage, listFiles } from '../repositories/applications.js';
import { uploadReceiver } from './uploadParts.js';

const tags = ['applications'];

const routes: FastifyPluginAsyncZod = async (app) => {
  const detail = async (req: FastifyRequest, id: string) => {
    const ctx = actorCtx(req);
    return presentApplicationDetail(await getApplicationView({ db: app.db, actor: ctx.actor, id, now: ctx.now }));
  };

  app.post(
    '/applications',
    {
      schema: {
        tags,
        summary: '创建申报（申报单位，每批次一份）',
        body: createApplicationRequest,
        response: { 201: applicationDetailSchema, 403: errorResponse, 409: errorResponse, 422: errorResponse },
      },
    },
    async (req, reply) => {
      const { id } = await createApplication({ db: app.db, ctx: actorCtx(req), batchId: req.body.batchId });
      return reply.code(201).send(await detail(req, id));
    },
  );

  app.get(
    '/applications',
    {
      schema: {
        tags,
        summary: '申报列表（按角色限定范围；按状态、城市、批次、名称或信用代码筛选；分页、排序）',
        querystring: listApplicationsQuery,
        response: { 200: applicationListResponse, 403: errorResponse },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const scope = applicationListScope(actor);
      if (!scope) throw new AppError('forbidden', '管理员账号不处理申报业务');
      const { page, pageSize, sort, order, cursor, limit, ...filter } = req.query;
      authorizeSimilarityQuery(actor, req.query);
      // The unit's own list: an unpublished decision reads 已报送科技部, in the rows and in the filter.
      const unitOnly = isUnitOnlyScope(scope);
      const wanted = filter.status;
      const status =
        unitOnly && wanted?.includes(AWAITING_PUBLICATION)
          ? [...new Set<ApplicationStatus>([...wanted, 'filed', 'not_filed'])]
          : wanted;
      const list = await listApplicationPage(
        app.db,
        { ...filter, status, scope },
        { page, pageSize, sort, order, cursor, limit },
      );
      let items = list.items;
      let total = list.total;
      if (unitOnly) {
        const masked = await maskUnpublished(app.db, items);
        items = masked.filter((r) => !wanted || wanted.includes(r.status as ApplicationStatus));
        total -= masked.length - items.length;
      }
      return {
        ...list,
        total,
        items: items.map((r) => presentApplicationListItem(r, unitOnly)),
        bulkActions: bulkActionsFor(actor),
      };
    },
  );

  app.get(
    '/applications/:id',
    {
      schema: {
        tags,
        summary: '申报详情（含当前用户可执行的操作 allowedActions 与办理记录）',
        params: idParams,
        response: { 200: applicationDetailSchema, 404: errorResponse },
      },
    },
    async (req) => detail(req, req.params.id),
  );

  app.patch(
    '/applications/:id',
    {
      schema: {
        tags,
        summary: '保存申报草稿（须带版本号；过期版本返回 409）',
        params: idParams,
        body: updateApplicationRequest,
        response: { 200: applicationUpdateResponse, 409: errorResponse, 422: errorResponse },
      },
      config: { preload: 'applicationForEdit' },
    },
    async (req) => {
      const r = await updateApplication({
        db: app.db,
        ctx: actorCtx(req),
        id: req.params.id,
        input: req.body,
        preloaded: req.preload?.applicationForEdit,
      });
      return { ...r, content: presentSavedSections(r.content, r.id) };
    },
  );

  app.post(
    '/applications/:id/actions/:action',
    {
      schema: {
        tags,
        summary: '办理申报：提交、撤回、退回、推荐、受理、取消资格等（返回更新后的详情）',
        params: applicationActionParams,
        body: applicationActionRequest,
        response: {
          200: applicationDetailSchema,
          403: errorResponse,
          404: errorResponse,
          409: errorResponse,
          422: errorResponse,
        },
      },
    },
    async (req) => {
      await runApplicationAction({
        db: app.db,
        ctx: actorCtx(req),
        id: req.params.id,
        action: req.params.action,
        input: req.body ?? {},
      });
      return detail(req, req.params.id);
    },
  );

  app.post(
    '/applications/:id/files',
    {
      schema: {
        tags,
        summary: `上传附件（multipart：先 kind 字段，后 file；${UPLOAD_TYPES_LABEL}，按内容识别，不超过 20 MB）`,
        consumes: ['multipart/form-data'],
        params: idParams,
        querystring: z.object({ kind: z.string().max(40).optional() }),
        response: {
          201: z.object({ file: applicationFileSchema }),
          400: errorResponse,
          409: errorResponse,
          413: errorResponse,
          415: errorResponse,
          422: errorResponse,
        },
      },
    },
    async (req, reply) => {
      const file = await uploadApplicationFile({
        db: app.db,
        ctx: actorCtx(req),
        files: app.files,
        id: req.params.id,
        kind: req.query.kind,
        receive: uploadReceiver(req, {
          notMultipart: '请以 multipart/form-data 方式上传文件（字段 kind 与 file）',
          missingFile: '请选择要上传的文件',
        }),
      });
      return reply.code(201).send({ file: presentFile(file) });
    },
  );

  app.get(
    '/applications/:id/files',
    {
      schema: {
        tags,
        summary: '附件列表',
        params: idParams,
        response: { 200: applicationFileListResponse, 404: errorResponse },
      },
    },
    async (req) => {
      const application = await loadVisibleApplication(app.db, requireActor(req), req.params.id);
      return { items: (await listFiles(app.db, application.id)).map(presentFile) };
    },
  );

  app.get(
    '/applications/:id/files/:fileId',
    {
      schema: {
        tags,
        summary: '下载附件（disposition=inline 可在浏览器中预览）',
        params: fileParams,
        querystring: downloadQuery,
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const application = await loadVisibleApplication(app.db, actor, req.params.id);
      const file = await findFile(app.db, application.id, req.params.fileId);
      if (!file) throw new AppError('not_found', '附件不存在或已删除');
      // The 申报书's pictures are shown inline with the application (not a download of material).
      if (file.kind !== NARRATIVE_IMAGE_FILE_KIND)
        await auditDownload(
          app.db,
          { ...req.ctx(), actor },
          {
            action: 'download.application_file',
            target: { type: 'application', id: application.id },
            summary: { fileId: file.id, fileName: file.file_name, kind: file.kind },
          },
          application.unit_id,
        );
      const { stream, size } = await openFile(app.files, file.sha256);
      return reply
        .header('content-type', file.mime)
        .header('content-length', size)
        .header('content-disposition', contentDisposition(file.file_name, req.query.disposition))
        .header('x-content-type-options', 'nosniff')
        .send(stream);
    },
  );

  app.delete(
    '/applications/:id/files/:fileId',
    {
      schema: {
        tags,
        summary: '删除附件（草稿或退回修改状态）',
        params: fileParams,
        response: { 200: okResponse, 404: errorResponse, 409: errorResponse },
      },
    },
    async (req) => {
      await deleteApplicationFile({ db: app.db, ctx: actorCtx(req), id: req.params.id, fileId: req.params.fileId });
      return { ok: true as const };
    },
  );
};
export default routes;
