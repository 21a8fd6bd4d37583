import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../domain/errors.js';
import { errorResponse, idParams } from '../../domain/schemas/common.js';
import {
  createPublicationRequest,
  publicationResponse,
  publicationsResponse,
} from '../../domain/schemas/publications.js';
import { publishBatch } from '../commands/publications/publishBatch.js';
import { requireActor } from '../plugins/auth.js';
import { authorizePublication } from '../policies/publications.js';
import { listPublications, unpublishedDecisions } from '../repositories/publications.js';

const tags = ['publications'];

/** The Ministry's publication (公布) of a batch's decisions: the preview, the act, the history. */
const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/batches/:id/publications',
    {
      schema: {
        tags,
        summary: '公布记录与待公布的备案决定（预览；仅科技部）',
        params: idParams,
        response: { 200: publicationsResponse, 403: errorResponse, 404: errorResponse },
      },
    },
    async (req) => {
      authorizePublication(requireActor(req));
      const batch = await app.db.selectFrom('batches').select('id').where('id', '=', req.params.id).executeTakeFirst();
      if (!batch) throw new AppError('not_found', '批次不存在');
      const [items, pending] = await Promise.all([
        listPublications(app.db, req.params.id),
        unpublishedDecisions(app.db, req.params.id),
      ]);
      return {
        items: items.map((p) => ({
          id: p.id,
          documentNo: p.document_no,
          publishedOn: p.published_on,
          count: Number(p.count),
          createdAt: p.created_at,
        })),
        pending: pending.map((d) => ({
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
