import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../domain/errors.js';
import {
  batchDocumentParams,
  batchDocumentResponse,
  batchListResponse,
  batchResponse,
  createBatchRequest,
  deadlineResponse,
  extendDeadlineRequest,
  listBatchesQuery,
  setDeadlineRequest,
  updateBatchRequest,
} from '../../domain/schemas/batches.js';
import { errorResponse, idParams } from '../../domain/schemas/common.js';
import { createBatch } from '../commands/batches/createBatch.js';
import { extendDeadline } from '../commands/batches/extendDeadline.js';
import { setDeadline } from '../commands/batches/setDeadline.js';
import { updateBatch } from '../commands/batches/updateBatch.js';
import { uploadBatchDocument } from '../commands/batches/uploadBatchDocument.js';
import type { Executor } from '../db/database.js';
import { actorCtx, requireActor } from '../plugins/auth.js';
import { batchListActions } from '../policies/batches.js';
import type { Actor } from '../context.js';
import { contentDisposition, openFile } from '../files/store.js';
import { presentBatch, presentBatchDocument, presentDeadline } from '../presenters/batch.js';
import { findBatch, findBatchDocument, findBatchRelations, listBatches } from '../repositories/batches.js';
import { uploadReceiver } from './uploadParts.js';

const tags = ['batches'];

/** Loads a batch with its documents and deadlines and presents it; 404 when there is none. */
export async function loadBatch(db: Executor, id: string, viewer: Actor | null) {
  const batch = await findBatch(db, id);
  if (!batch) throw new AppError('not_found', '批次不存在');
  return presentBatch(batch, await findBatchRelations(db, [id]), viewer);
}

async function loadDeadline(db: Executor, batchId: string, deadlineId: string, viewer: Actor) {
  const [batch, rel] = await Promise.all([findBatch(db, batchId), findBatchRelations(db, [batchId])]);
  return presentDeadline(
    rel.deadlines.find((d) => d.id === deadlineId)!,
    rel.extensions,
    viewer,
    batch!,
  );
}

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/batches',
    {
      // Public: the notice page lists the batches with their deadlines and templates.
      config: { auth: 'public' },
      schema: {
        tags,
        summary: '批次列表（公开）',
        querystring: listBatchesQuery,
        response: { 200: batchListResponse, 422: errorResponse },
      },
    },
    async (req) => {
      const { status, ...page } = req.query;
      const list = await listBatches(app.db, { status }, page);
      const rel = await findBatchRelations(
        app.db,
        list.items.map((r) => r.id),
      );
      return {
        ...list,
        items: list.items.map((r) => presentBatch(r, rel, req.actor)),
        allowedActions: batchListActions(req.actor),
      };
    },
  );

  app.get(
    '/batches/:id',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: '批次详情（公开）',
        params: idParams,
        response: { 200: batchResponse, 404: errorResponse },
      },
    },
    async (req) => ({ batch: await loadBatch(app.db, req.params.id, req.actor) }),
  );

  app.post(
    '/batches',
    {
      schema: {
        tags,
        summary: '创建批次（系统管理员）',
        body: createBatchRequest,
        response: { 200: batchResponse, 403: errorResponse, 409: errorResponse, 422: errorResponse },
      },
    },
    async (req) => {
      const { id } = await createBatch({ db: app.db, ctx: actorCtx(req), input: req.body });
      return { batch: await loadBatch(app.db, id, req.actor) };
    },
  );

  app.patch(
    '/batches/:id',
    {
      schema: {
        tags,
        summary: '修改批次（系统管理员）',
        params: idParams,
        body: updateBatchRequest,
        response: { 200: batchResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse },
      },
    },
    async (req) => {
      const { id } = await updateBatch({ db: app.db, ctx: actorCtx(req), id: req.params.id, input: req.body });
      return { batch: await loadBatch(app.db, id, req.actor) };
    },
  );

  app.put(
    '/batches/:id/deadlines',
    {
      schema: {
        tags,
        summary: '设置截止时间（省报部：科技部或系统管理员；市报省：省科技厅；单位报市：本市科技局）',
        params: idParams,
        body: setDeadlineRequest,
        response: {
          200: deadlineResponse,
          403: errorResponse,
          404: errorResponse,
          409: errorResponse,
          422: errorResponse,
        },
      },
    },
    async (req) => {
      const { id } = await setDeadline({ db: app.db, ctx: actorCtx(req), batchId: req.params.id, input: req.body });
      return { deadline: await loadDeadline(app.db, req.params.id, id, requireActor(req)) };
    },
  );

  app.post(
    '/deadlines/:id/extensions',
    {
      schema: {
        tags,
        summary: '延长截止时间（仅设置单位，须说明理由）',
        params: idParams,
        body: extendDeadlineRequest,
        response: {
          200: deadlineResponse,
          403: errorResponse,
          404: errorResponse,
          409: errorResponse,
          422: errorResponse,
        },
      },
    },
    async (req) => {
      const r = await extendDeadline({ db: app.db, ctx: actorCtx(req), deadlineId: req.params.id, input: req.body });
      return { deadline: await loadDeadline(app.db, r.batchId, r.deadlineId, requireActor(req)) };
    },
  );

  app.post(
    '/batches/:id/documents',
    {
      schema: {
        tags,
        summary: '上传批次文件（系统管理员；multipart：先 title 字段，后 file；PDF、DOCX、XLSX、JPG、PNG，按内容识别）',
        consumes: ['multipart/form-data'],
        params: idParams,
        response: {
          201: batchDocumentResponse,
          400: errorResponse,
          403: errorResponse,
          404: errorResponse,
          413: errorResponse,
          415: errorResponse,
          422: errorResponse,
        },
      },
    },
    async (req, reply) => {
      const doc = await uploadBatchDocument({
        db: app.db,
        ctx: actorCtx(req),
        files: app.files,
        batchId: req.params.id,
        receive: uploadReceiver(req, {
          notMultipart: '请以 multipart/form-data 方式上传文件（字段 title 与 file）',
          missingFile: '请选择要上传的文件',
        }),
      });
      return reply.code(201).send({ document: presentBatchDocument(doc) });
    },
  );

  app.get(
    '/batches/:id/documents/:docId',
    {
      // Public, like the batch: anyone downloads the templates.
      config: { auth: 'public' },
      schema: { tags, summary: '下载批次文件（公开）', params: batchDocumentParams },
    },
    async (req, reply) => {
      const doc = await findBatchDocument(app.db, req.params.id, req.params.docId);
      if (!doc) throw new AppError('not_found', '文件不存在');
      const { stream, size } = await openFile(app.files, doc.file_sha256);
      return reply
        .header('content-type', doc.mime)
        .header('content-length', size)
        .header('content-disposition', contentDisposition(doc.file_name))
        .header('x-content-type-options', 'nosniff')
        .send(stream);
    },
  );
};
export default routes;
