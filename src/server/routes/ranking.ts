import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponse, idParams } from '../../domain/schemas/common.js';
import { rankingListQuery, rankingQuery, rankingResponse } from '../../domain/schemas/experts.js';
import { exportRanking } from '../commands/documents/exportRanking.js';
import { contentDisposition } from '../files/store.js';
import { actorCtx, requireActor } from '../plugins/auth.js';
import { presentRankingEntry } from '../presenters/experts.js';
import { listRankingPage } from '../queries/experts/listRankingPage.js';

const tags = ['experts'];

/** The province's ranking by the experts' scores: a page of it, and the whole of it as Excel. */
const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/batches/:id/ranking',
    {
      schema: {
        tags,
        summary: '本省受理申报按专家平均得分排名（省科技厅；科技部须指定省份；按市、状态、名称筛选，分页）',
        params: idParams,
        querystring: rankingListQuery,
        response: { 200: rankingResponse, 403: errorResponse, 404: errorResponse, 422: errorResponse },
      },
    },
    async (req) => {
      const r = await listRankingPage({
        db: app.db,
        actor: requireActor(req),
        batchId: req.params.id,
        query: req.query,
      });
      return {
        ...r.page,
        items: r.page.items.map(presentRankingEntry),
        batchId: r.batchId,
        provinceId: r.provinceId,
        criteria: r.criteria.map((c) => ({
          key: c.key,
          label: c.label,
          weight: Number(c.weight),
          ...(c.description ? { description: c.description } : {}),
        })),
      };
    },
  );

  app.get(
    '/batches/:id/ranking.xlsx',
    {
      schema: {
        tags,
        summary: '导出评审排名（Excel，含各评分项平均分）',
        params: idParams,
        querystring: rankingQuery,
      },
    },
    async (req, reply) => {
      const out = await exportRanking({
        db: app.db,
        ctx: actorCtx(req),
        batchId: req.params.id,
        provinceId: req.query.provinceId,
      });
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', contentDisposition(out.fileName))
        .header('cache-control', 'no-store')
        .send(out.body);
    },
  );
};
export default routes;
