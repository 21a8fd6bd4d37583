import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponse, idParams } from '../../domain/schemas/common.js';
import {
  acknowledgementResponse,
  acknowledgeRequest,
  checklistResponse,
  reviewConfigQuery,
  reviewConfigResponse,
  saveChecklistRequest,
  updateReviewConfigRequest,
} from '../../domain/schemas/review.js';
import { acknowledgeIntegrity } from '../commands/review/acknowledgeIntegrity.js';
import { getReviewConfig } from '../queries/review/getReviewConfig.js';
import { getChecklist, saveChecklist } from '../commands/review/reviewChecklist.js';
import { updateReviewConfig } from '../commands/review/updateReviewConfig.js';
import { actorCtx, requireActor } from '../plugins/auth.js';
import { presentAcknowledgement, presentChecklist, presentReviewConfig } from '../presenters/review.js';

const tags = ['review'];

const routes: FastifyPluginAsyncZod = async (app) => {
  const config = async (req: FastifyRequest, batchId: string, provinceId?: string) => ({
    config: presentReviewConfig(await getReviewConfig({ db: app.db, actor: requireActor(req), batchId, provinceId })),
  });

  app.get(
    '/batches/:id/review-config',
    {
      schema: {
        tags,
        summary: '批次评审配置（真实性审查要点、廉政规定、专家评分指标与权重、同城回避）及本人确认情况',
        params: idParams,
        querystring: reviewConfigQuery,
        response: { 200: reviewConfigResponse, 403: errorResponse, 404: errorResponse, 422: errorResponse },
      },
    },
    async (req) => config(req, req.params.id, req.query.provinceId),
  );

  app.put(
    '/batches/:id/review-config',
    {
      schema: {
        tags,
        summary: '修改批次评审配置（省科技厅业务处室或系统管理员；须带版本号，默认配置为 0）',
        params: idParams,
        body: updateReviewConfigRequest,
        response: {
          200: reviewConfigResponse,
          403: errorResponse,
          404: errorResponse,
          409: errorResponse,
          422: errorResponse,
        },
      },
    },
    async (req) => {
      await updateReviewConfig({ db: app.db, ctx: actorCtx(req), batchId: req.params.id, input: req.body });
      return config(req, req.params.id, req.body.provinceId);
    },
  );

  app.post(
    '/batches/:id/acknowledgements',
    {
      schema: {
        tags,
        summary: '确认已阅读廉政规定（“六项承诺”“八个严禁”）；市科技局经办人审核前须确认',
        params: idParams,
        body: acknowledgeRequest,
        response: {
          200: acknowledgementResponse,
          201: acknowledgementResponse,
          403: errorResponse,
          404: errorResponse,
          409: errorResponse,
        },
      },
    },
    async (req, reply) => {
      const r = await acknowledgeIntegrity({ db: app.db, ctx: actorCtx(req), batchId: req.params.id, input: req.body });
      return reply.code(r.created ? 201 : 200).send({ acknowledgement: presentAcknowledgement(r.acknowledgement) });
    },
  );

  app.get(
    '/applications/:id/review-checklist',
    {
      schema: {
        tags,
        summary: '真实性审查要点勾选记录（市局经办人填写，审核人、省厅可查看）',
        params: idParams,
        response: { 200: checklistResponse, 403: errorResponse, 404: errorResponse },
      },
    },
    async (req) => ({
      checklist: presentChecklist(await getChecklist({ db: app.db, actor: requireActor(req), id: req.params.id })),
    }),
  );

  app.put(
    '/applications/:id/review-checklist',
    {
      schema: {
        tags,
        summary: '保存真实性审查要点勾选与备注（须带版本号，首次为 0）',
        params: idParams,
        body: saveChecklistRequest,
        response: {
          200: checklistResponse,
          403: errorResponse,
          404: errorResponse,
          409: errorResponse,
          422: errorResponse,
        },
      },
    },
    async (req) => {
      await saveChecklist({ db: app.db, ctx: actorCtx(req), id: req.params.id, input: req.body });
      return {
        checklist: presentChecklist(await getChecklist({ db: app.db, actor: requireActor(req), id: req.params.id })),
      };
    },
  );
};
export default routes;
