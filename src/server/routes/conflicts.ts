import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponse, idParams, okResponse } from '../../domain/schemas/common.js';
import {
  conflictListResponse,
  conflictResponse,
  declareConflictRequest,
  listConflictsQuery,
} from '../../domain/schemas/integrity.js';
import { declareConflict } from '../commands/integrity/declareConflict.js';
import { withdrawConflict } from '../commands/integrity/withdrawConflict.js';
import { requireActor } from '../plugins/auth.js';
import { assertMayDeclareConflicts } from '../policies/integrity.js';
import { presentConflict } from '../presenters/integrity.js';
import { listConflictPage } from '../repositories/conflicts.js';

const tags = ['integrity'];

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/conflicts',
    {
      schema: {
        tags,
        summary: '申报回避（与某申报单位存在利益关系，不参与其申报的办理）',
        body: declareConflictRequest,
        response: { 201: conflictResponse, 403: errorResponse, 409: errorResponse, 422: errorResponse },
      },
    },
    async (req, reply) => {
      const row = await declareConflict({
        db: app.db,
        ctx: { ...req.ctx(), actor: requireActor(req) },
        input: req.body,
      });
      return reply.code(201).send({ conflict: presentConflict(row) });
    },
  );

  app.get(
    '/conflicts',
    {
      schema: {
        tags,
        summary: '本人的回避申报（按单位名称或信用代码查找；分页、排序）',
        querystring: listConflictsQuery,
        response: { 200: conflictListResponse, 403: errorResponse, 422: errorResponse },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      assertMayDeclareConflicts(actor);
      const { q, ...page } = req.query;
      const list = await listConflictPage(app.db, actor.userId, q, page);
      return { ...list, items: list.items.map(presentConflict) };
    },
  );

  app.delete(
    '/conflicts/:id',
    {
      schema: {
        tags,
        summary: '撤销本人的回避申报',
        params: idParams,
        response: { 200: okResponse, 404: errorResponse },
      },
    },
    async (req) => {
      await withdrawConflict({ db: app.db, ctx: { ...req.ctx(), actor: requireActor(req) }, id: req.params.id });
      return { ok: true as const };
    },
  );
};
export default routes;
