import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../domain/errors.js';
import { errorResponse, idParams } from '../../domain/schemas/common.js';
import {
  createPublicationRequest,
  listPendingDecisionsQuery,
  listPublicationsQuery,
  pendingDecisionsResponse,
  publicationResponse,
  publicationsResponse,
} from '../../domain/schemas/publications.js';
import { publishBatch } from '../commands/publications/publishBatch.js';
import { requireActor } from '../plugins/auth.js';
import { authorizePublication } from '../policies/publications.js';
import type { Executor } from '../db/database.js';
import {
  countUnpublishedDecisions,
  listPublicationPage,
  listUnpublishedDecisionPage,
} from '../repositories/publications.js';

/** The batch (404 when there is none). */
async function requireBatch(db: Executor, id: string) {
  const batch = await db.selectFrom('batches').select('id').where('id', '=', id).executeTakeFirst();
  if (!batch) throw new AppError('not_found', '批次不存在');
}

const tags = ['publications'];

/** The Ministry's publication (公布) of a batch's decisions: the history, the preview, the act. */
const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/batches/:id/publications',
    {
      schema: {
        tags,
        summary: '批次的公布记录（分页）及待公布的备案决定数（仅科技部）',
        params: idParams,
        querystring: listPublicationsQuery,
        response: { 200: publicationsResponse, 403: errorResponse, 404: errorResponse, 422: errorResponse },
      },
    },
    async (req) => {
      authorizePublication(requireActor(req));
      await requireBatch(app.db, req.params.id);
      const [list, pendingCount] = await Promise.all([
        listPublicationPage(app.db, req.params.id, req.query),
        countUnpublishedDecisions(app.db, req.params.id),
      ]);
      return {
        ...list,
        items: list.items.map((p) => ({
          id: p.id,
          documentNo: p.document_no,
          publishedOn: p.published_on,
          count: Number(p.count),
          createdAt: p.created_at,
        })),
        pendingCount,
      };
    },
  );

  app.get(
    '/batches/:id/publications/pending',
    {
      schema: {
        tags,
        summary: '待公布的备案决定（公布前预览；按省份、决定、名称筛选，分页、排序；仅科技部）',
        params: idParams,
        querystring: listPendingDecisionsQuery,
        response: { 200: pendingDecisionsResponse, 403: errorResponse, 404: errorResponse, 422: errorResponse },
      },
    },
    async (req) => {
      authorizePublication(requireActor(req));
      await requireBatch(app.db, req.params.id);
      const { provinceId, decision, q, ...page } = req.query;
      const list = await listUnpublishedDecisionPage(app.db, req.params.id, { provinceId, decision, q }, page);
      return {
        ...list,
        items: list.items.map((d) => ({
          applicationId: d.id,
          number: d.number,
          spaceName: d.space_name,
          unitName: d.unit_name,
          provinceName: d.province_name,
          decision: d.status === 'filed' ? ('filed' as const) : ('not_filed' as const),
        })),
      };
    },
  );

  app.post(
    '/batches/:id/publications',
    {
      schema: {
        tags,
        summary: '公布批次备案名单（科技部；公布该批次尚未公布的全部备案决定，带文号和日期）',
        params: idParams,
        body: createPublicationRequest,
        response: {
          200: publicationResponse,
          403: errorResponse,
          404: errorResponse,
          409: errorResponse,
          422: errorResponse,
        },
      },
    },
    async (req) =>
      publishBatch({
        db: app.db,
        ctx: { ...req.ctx(), actor: requireActor(req) },
        batchId: req.params.id,
        input: req.body,
      }),
  );
};
export default routes;
