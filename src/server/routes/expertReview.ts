import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { errorResponse, idParams } from '../../domain/schemas/common.js';
import {
  assignmentResponse,
  bulkAssignmentRequest,
  bulkAssignmentResponse,
  declareRequest,
  expertFieldsRequest,
  expertFieldsResponse,
  scoreDraftRequest,
  setDueRequest,
} from '../../domain/schemas/experts.js';
import { bulkAssignExperts } from '../commands/experts/bulkAssign.js';
import {
  declareNoConflict,
  saveScoreDraft,
  setAssignmentDue,
  setOwnExpertFields,
} from '../commands/experts/reviewProgress.js';
import { requireActor } from '../plugins/auth.js';
import { getOwnExpertFields } from '../queries/experts/getOwnExpertFields.js';
import { assignmentResponseOf } from './assignmentView.js';

const tags = ['experts'];
const refusals = { 403: errorResponse, 404: errorResponse, 409: errorResponse, 422: errorResponse };

/**
 * Expert review as the province runs it (issue 14 item 10): the no-conflict declaration, score
 * drafts, review deadlines, assignment in bulk matched by professional field, the expert's fields.
 */
const routes: FastifyPluginAsyncZod = async (app) => {
  const actorCtx = (req: FastifyRequest) => ({ ...req.ctx(), actor: requireActor(req) });

  /** A change to one assignment by its command; the answer is the assignment as the caller now sees it. */
  const assignmentChange = <B extends z.ZodType>(
    method: 'post' | 'put',
    url: string,
    summary: string,
    body: B,
    run: (ctx: ReturnType<typeof actorCtx>, id: string, input: z.output<B>) => Promise<void>,
  ) =>
    app[method](
      url,
      { schema: { tags, summary, params: idParams, body, response: { 200: assignmentResponse, ...refusals } } },
      async (req) => {
        await run(actorCtx(req), req.params.id, req.body as z.output<B>);
        return assignmentResponseOf(app.db, req, req.params.id);
      },
    );

  assignmentChange(
    'post',
    '/expert-assignments/:id/declaration',
    '专家声明与申报单位无利害关系（每项评审任务评分前）',
    declareRequest,
    (ctx, id) => declareNoConflict({ db: app.db, ctx, id }),
  );
  assignmentChange(
    'put',
    '/expert-assignments/:id/draft',
    '专家暂存评分（可不完整；每项仍不得超过权重分）',
    scoreDraftRequest,
    (ctx, id, input) => saveScoreDraft({ db: app.db, ctx, id, input }),
  );
  assignmentChange(
    'put',
    '/expert-assignments/:id/due',
    '设置或清除评审截止日期（省科技厅，专家尚未评分时）',
    setDueRequest,
    (ctx, id, input) => setAssignmentDue({ db: app.db, ctx, id, input }),
  );

  app.post(
    '/expert-assignments/bulk',
    {
      schema: {
        tags,
        summary: '批量分配评审专家（按专业领域匹配，遵守回避规则）',
        body: bulkAssignmentRequest,
        response: { 200: bulkAssignmentResponse, ...refusals },
      },
    },
    async (req) => bulkAssignExperts({ db: app.db, ctx: actorCtx(req), input: req.body }),
  );

  app.get(
    '/experts/me/fields',
    {
      schema: {
        tags,
        summary: '本人的评审专业领域（评审专家）',
        response: { 200: expertFieldsResponse, 403: errorResponse },
      },
    },
    async (req) => {
      return { fields: await getOwnExpertFields(app.db, requireActor(req)) };
    },
  );

  app.put(
    '/experts/me/fields',
    {
      schema: {
        tags,
        summary: '设置本人的评审专业领域（评审专家；分配时与申报的主要专业方向匹配）',
        body: expertFieldsRequest,
        response: { 200: expertFieldsResponse, 403: errorResponse, 422: errorResponse },
      },
    },
    async (req) => ({ fields: await setOwnExpertFields({ db: app.db, ctx: actorCtx(req), input: req.body }) }),
  );
};

export default routes;
