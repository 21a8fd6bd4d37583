import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponse, idParams, okResponse } from '../../domain/schemas/common.js';
import { downloadQuery } from '../../domain/schemas/applications.js';
import {
  assignmentListResponse,
  assignmentResponse,
  createAssignmentRequest,
  createFieldVisitRequest,
  declineAssignmentRequest,
  expertCandidatesQuery,
  expertCandidatesResponse,
  fieldVisitListResponse,
  fieldVisitResponse,
  listAssignmentsQuery,
  listFieldVisitsQuery,
  photoParams,
  photoResponse,
  PHOTO_TYPES_LABEL,
  scoreRequest,
  updateFieldVisitRequest,
} from '../../domain/schemas/experts.js';
import {
  assignExpert,
  listExpertCandidates,
  listVisibleAssignments,
  removeAssignment,
} from '../commands/experts/assignments.js';
import {
  createFieldVisit,
  deleteVisitPhoto,
  getVisit,
  listVisitsOf,
  loadVisitPhoto,
  updateFieldVisit,
  uploadVisitPhoto,
} from '../commands/experts/fieldVisits.js';
import { declineAssignment, scoreAssignment } from '../commands/experts/scoring.js';
import { contentDisposition, openFile } from '../files/store.js';
import { actorCtx, requireActor } from '../plugins/auth.js';
import { presentCandidate, presentFieldVisit, presentPhoto } from '../presenters/experts.js';
import { presentFieldVisitList } from '../presenters/experts.js';
import { uploadReceiver } from './uploadParts.js';
import { assignmentResponseOf, presentAll } from './assignmentView.js';

const tags = ['experts'];

const routes: FastifyPluginAsyncZod = async (app) => {
  const assignment = (req: FastifyRequest, id: string) => assignmentResponseOf(app.db, req, id);
  const visit = async (req: FastifyRequest, id: string) => {
    const v = await getVisit(app.db, requireActor(req), id);
    return { visit: presentFieldVisit(v.visit, v.photos, v.editable) };
  };

  // ---- experts and assignments ----

  app.get(
    '/experts',
    {
      schema: {
        tags,
        summary: '本省专家库及其对某申报的回避情况（省科技厅分配专家用）',
        querystring: expertCandidatesQuery,
        response: { 200: expertCandidatesResponse, 403: errorResponse, 404: errorResponse },
      },
    },
    async (req) => {
      const items = await listExpertCandidates({
        db: app.db,
        actor: requireActor(req),
        applicationId: req.query.applicationId,
      });
      return { items: items.map(presentCandidate) };
    },
  );

  app.get(
    '/expert-assignments',
    {
      schema: {
        tags,
        summary: '专家评审任务（专家：本人的；省科技厅：本省的；科技部：全部；分页、排序）',
        querystring: listAssignmentsQuery,
        response: { 200: assignmentListResponse, 403: errorResponse, 422: errorResponse },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { applicationId, batchId, status, q, ...page } = req.query;
      const list = await listVisibleAssignments({
        db: app.db,
        actor,
        filter: { applicationId, batchId, status, q },
        page,
      });
      return { ...list, items: await presentAll(app.db, list.items, actor, req.ctx().now) };
    },
  );

  app.post(
    '/expert-assignments',
    {
      schema: {
        tags,
        summary: '分配评审专家（回避：申报过利害关系、本单位、同城默认回避 → 422）',
        body: createAssignmentRequest,
        response: {
          201: assignmentResponse,
          403: errorResponse,
          404: errorResponse,
          409: errorResponse,
          422: errorResponse,
        },
      },
    },
    async (req, reply) => {
      const row = await assignExpert({ db: app.db, ctx: actorCtx(req), input: req.body });
      return reply.code(201).send(await assignment(req, row.id));
    },
  );

  app.get(
    '/expert-assignments/:id',
    {
      schema: {
        tags,
        summary: '评审任务详情（评分指标、得分、意见、可执行操作）',
        params: idParams,
        response: { 200: assignmentResponse, 404: errorResponse },
      },
    },
    async (req) => assignment(req, req.params.id),
  );

  app.delete(
    '/expert-assignments/:id',
    {
      schema: {
        tags,
        summary: '取消专家分配（专家尚未评分时）',
        params: idParams,
        response: { 200: okResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse },
      },
    },
    async (req) => {
      await removeAssignment({ db: app.db, ctx: actorCtx(req), id: req.params.id });
      return { ok: true as const };
    },
  );

  app.post(
    '/expert-assignments/:id/score',
    {
      schema: {
        tags,
        summary: '专家提交评分（每项 0 至权重分，附评审意见；只能提交一次）',
        params: idParams,
        body: scoreRequest,
        response: {
          200: assignmentResponse,
          403: errorResponse,
          404: errorResponse,
          409: errorResponse,
          422: errorResponse,
        },
      },
    },
    async (req) => {
      await scoreAssignment({ db: app.db, ctx: actorCtx(req), id: req.params.id, input: req.body });
      return assignment(req, req.params.id);
    },
  );

  app.post(
    '/expert-assignments/:id/decline',
    {
      schema: {
        tags,
        summary: '专家申报回避（记录利害关系并退出该评审任务）',
        params: idParams,
        body: declineAssignmentRequest,
        response: { 200: assignmentResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse },
      },
    },
    async (req) => {
      await declineAssignment({ db: app.db, ctx: actorCtx(req), id: req.params.id, input: req.body });
      return assignment(req, req.params.id);
    },
  );

  // ---- field visits ----

  app.get(
    '/applications/:id/field-visits',
    {
      schema: {
        tags,
        summary: '实地调研记录（省科技厅、科技部、被分配的专家；分页，默认最近的调研在前）',
        params: idParams,
        querystring: listFieldVisitsQuery,
        response: { 200: fieldVisitListResponse, 403: errorResponse, 404: errorResponse, 422: errorResponse },
      },
    },
    async (req) =>
      presentFieldVisitList(
        await listVisitsOf({ db: app.db, actor: requireActor(req), applicationId: req.params.id, page: req.query }),
      ),
  );

  app.post(
    '/applications/:id/field-visits',
    {
      schema: {
        tags,
        summary: '登记实地调研（日期、调研人员、调研情况）',
        params: idParams,
        body: createFieldVisitRequest,
        response: {
          201: fieldVisitResponse,
          403: errorResponse,
          404: errorResponse,
          409: errorResponse,
          422: errorResponse,
        },
      },
    },
    async (req, reply) => {
      const id = await createFieldVisit({
        db: app.db,
        ctx: actorCtx(req),
        applicationId: req.params.id,
        input: req.body,
      });
      return reply.code(201).send(await visit(req, id));
    },
  );

  app.get(
    '/field-visits/:id',
    {
      schema: {
        tags,
        summary: '实地调研记录详情',
        params: idParams,
        response: { 200: fieldVisitResponse, 403: errorResponse, 404: errorResponse },
      },
    },
    async (req) => visit(req, req.params.id),
  );

  app.patch(
    '/field-visits/:id',
    {
      schema: {
        tags,
        summary: '修改实地调研记录（须带版本号）',
        params: idParams,
        body: updateFieldVisitRequest,
        response: {
          200: fieldVisitResponse,
          403: errorResponse,
          404: errorResponse,
          409: errorResponse,
          422: errorResponse,
        },
      },
    },
    async (req) => {
      await updateFieldVisit({ db: app.db, ctx: actorCtx(req), id: req.params.id, input: req.body });
      return visit(req, req.params.id);
    },
  );

  app.post(
    '/field-visits/:id/photos',
    {
      schema: {
        tags,
        summary: `上传调研照片（multipart 字段 file；${PHOTO_TYPES_LABEL}，按内容识别，不超过 20 MB）`,
        consumes: ['multipart/form-data'],
        params: idParams,
        response: {
          201: photoResponse,
          400: errorResponse,
          403: errorResponse,
          404: errorResponse,
          409: errorResponse,
          413: errorResponse,
          415: errorResponse,
        },
      },
    },
    async (req, reply) => {
      const photo = await uploadVisitPhoto({
        db: app.db,
        ctx: actorCtx(req),
        files: app.files,
        id: req.params.id,
        receive: uploadReceiver(req, {
          notMultipart: '请以 multipart/form-data 方式上传照片（字段 file）',
          missingFile: '请选择要上传的照片',
        }),
      });
      return reply.code(201).send({ photo: presentPhoto(photo) });
    },
  );

  app.get(
    '/field-visits/:id/photos/:photoId',
    {
      schema: {
        tags,
        summary: '查看调研照片（disposition=inline 在浏览器中显示）',
        params: photoParams,
        querystring: downloadQuery,
      },
    },
    async (req, reply) => {
      const photo = await loadVisitPhoto(app.db, requireActor(req), req.params.id, req.params.photoId);
      const { stream, size } = await openFile(app.files, photo.sha256);
      return reply
        .header('content-type', photo.mime)
        .header('content-length', size)
        .header('content-disposition', contentDisposition(photo.file_name, req.query.disposition))
        .header('x-content-type-options', 'nosniff')
        .send(stream);
    },
  );

  app.delete(
    '/field-visits/:id/photos/:photoId',
    {
      schema: {
        tags,
        summary: '删除调研照片',
        params: photoParams,
        response: { 200: okResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse },
      },
    },
    async (req) => {
      await deleteVisitPhoto({ db: app.db, ctx: actorCtx(req), id: req.params.id, photoId: req.params.photoId });
      return { ok: true as const };
    },
  );
};
export default routes;
