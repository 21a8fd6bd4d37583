import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponse, idParams } from '../../domain/schemas/common.js';
import {
  createDispatchRequest,
  dispatchActionParams,
  dispatchActionRequest,
  dispatchListResponse,
  dispatchResponse,
  listDispatchesQuery,
  updateDispatchRequest,
} from '../../domain/schemas/dispatches.js';
import { dispatchBulkActionRequest, dispatchBulkActionResponse } from '../../domain/schemas/dispatchBulk.js';
import { createDispatch } from '../commands/dispatches/createDispatch.js';
import { runDispatchBulkAction } from '../commands/dispatches/runDispatchBulkAction.js';
import { getDispatch } from '../queries/dispatches/getDispatch.js';
import { receiveDispatch } from '../commands/dispatches/receiveDispatch.js';
import { returnDispatch } from '../commands/dispatches/returnDispatch.js';
import { sendDispatch } from '../commands/dispatches/sendDispatch.js';
import { updateDispatch } from '../commands/dispatches/updateDispatch.js';
import { actorCtx, requireActor } from '../plugins/auth.js';
import { dispatchCreateLevel, dispatchScope } from '../policies/dispatches.js';
import { dispatchBulkActionsFor } from '../policies/dispatchBulk.js';
import { presentDispatchSummary } from '../presenters/dispatch.js';
import { listDispatches } from '../repositories/dispatches.js';

const tags = ['dispatches'];

/** Dispatches (报送): a city's package to the province, the province's list to the Ministry. */
const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/dispatches',
    {
      schema: {
        tags,
        summary: '报送批列表（按管辖范围）',
        querystring: listDispatchesQuery,
        response: { 200: dispatchListResponse },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { page, pageSize, sort, order, cursor, limit, ...filter } = req.query;
      const list = await listDispatches(
        app.db,
        { ...filter, scope: dispatchScope(actor) },
        { page, pageSize, sort, order, cursor, limit },
      );
      return {
        ...list,
        items: list.items.map(presentDispatchSummary),
        bulkActions: dispatchBulkActionsFor(actor),
        createLevel: dispatchCreateLevel(actor)?.level ?? null,
      };
    },
  );

  app.post(
    '/dispatches',
    {
      schema: {
        tags,
        summary:
          '组织报送批（市科技局经办人：已推荐的申报；省科技厅业务处室：省厅已推荐的申报），按推荐排序；由另一人签发',
        body: createDispatchRequest,
        response: { 200: dispatchResponse, 403: errorResponse, 422: errorResponse },
      },
    },
    async (req) => {
      const ctx = actorCtx(req);
      const { id } = await createDispatch({ db: app.db, ctx, input: req.body });
      return { dispatch: await getDispatch({ db: app.db, ctx, id }) };
    },
  );

  app.post(
    '/dispatches/bulk-actions',
    {
      schema: {
        tags,
        summary: '批量接收登记（receive）：逐个执行与单个接收相同的检查，各自一个事务；逐行返回成功或拒绝原因',
        body: dispatchBulkActionRequest,
        response: { 200: dispatchBulkActionResponse, 403: errorResponse, 422: errorResponse },
      },
    },
    async (req) => ({
      results: await runDispatchBulkAction({ db: app.db, ctx: actorCtx(req), input: req.body, log: req.log }),
    }),
  );

  app.get(
    '/dispatches/:id',
    {
      schema: {
        tags,
        summary: '报送批详情',
        params: idParams,
        response: { 200: dispatchResponse, 404: errorResponse },
      },
    },
    async (req) => ({ dispatch: await getDispatch({ db: app.db, ctx: actorCtx(req), id: req.params.id }) }),
  );

  app.patch(
    '/dispatches/:id',
    {
      schema: {
        tags,
        summary: '修改草稿报送批（申报及排序、推荐函）',
        params: idParams,
        body: updateDispatchRequest,
        response: { 200: dispatchResponse, 404: errorResponse, 409: errorResponse, 422: errorResponse },
      },
    },
    async (req) => {
      const ctx = actorCtx(req);
      const { id } = await updateDispatch({ db: app.db, ctx, id: req.params.id, input: req.body });
      return { dispatch: await getDispatch({ db: app.db, ctx, id }) };
    },
  );

  app.post(
    '/dispatches/:id/actions/:action',
    {
      schema: {
        tags,
        summary:
          '签发报送（send，审核人或省分管领导，须签署主管部门信用承诺书）、退回经办人（return，须填写 comment）或接收（receive）',
        params: dispatchActionParams,
        body: dispatchActionRequest,
        response: {
          200: dispatchResponse,
          403: errorResponse,
          404: errorResponse,
          409: errorResponse,
          422: errorResponse,
        },
      },
    },
    async (req) => {
      const ctx = actorCtx(req);
      const opts = { db: app.db, ctx, id: req.params.id, input: req.body };
      const run = { send: sendDispatch, return: returnDispatch, receive: receiveDispatch }[req.params.action];
      const { id } = await run(opts);
      return { dispatch: await getDispatch({ db: app.db, ctx, id }) };
    },
  );
};
export default routes;
