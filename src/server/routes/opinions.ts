import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { OPINION_LEVELS, opinionLevelTitles } from '../../domain/opinions.js';
import { changesResponse } from '../../domain/schemas/changes.js';
import { errorResponse, idParams } from '../../domain/schemas/common.js';
import { checklistResponse, saveChecklistRequest } from '../../domain/schemas/review.js';
import { auditDownload } from '../commands/documents/auditDownload.js';
import { opinionFormInput } from '../commands/documents/opinionForm.js';
import { resubmissionChanges } from '../commands/review/resubmissionChanges.js';
import { getChecklist, saveChecklist } from '../commands/review/reviewChecklist.js';
import { safeFileName } from '../documents/format.js';
import { renderOpinionFormPdf } from '../documents/opinionFormPdf.js';
import { contentDisposition } from '../files/store.js';
import { requireActor } from '../plugins/auth.js';
import { presentChecklist } from '../presenters/review.js';

const tags = ['review'];

const sendPdf = (reply: FastifyReply, pdf: Buffer, fileName: string) =>
  reply
    .header('content-type', 'application/pdf')
    .header('content-length', pdf.length)
    .header('content-disposition', contentDisposition(fileName, 'attachment'))
    .send(pdf);

export const opinionFormQuery = z.object({
  level: z
    .enum(OPINION_LEVELS, { error: '层级应为 city（市局）、acceptance（省受理）或 province（省厅）' })
    .meta({ description: 'city 设区市科技局 / acceptance 省受理中心 / province 省科技厅' }),
});

/**
 * Issue 14 items 6–7: the acceptance centre's 形式审查 checklist, the 审核意见表 per application and
 * level, and what a resubmission changed against the version returned.
 */
const routes: FastifyPluginAsyncZod = async (app) => {
  const actorCtx = (req: FastifyRequest) => ({ ...req.ctx(), actor: requireActor(req) });
  const read = async (req: FastifyRequest, id: string) => ({
    checklist: presentChecklist(await getChecklist({ db: app.db, actor: requireActor(req), id, level: 'acceptance' })),
  });

  app.get(
    '/applications/:id/acceptance-checklist',
    {
      schema: {
        tags,
        summary: '形式审查要点勾选记录（省受理中心填写；退回重报后显示上一轮勾选）',
        params: idParams,
        response: { 200: checklistResponse, 403: errorResponse, 404: errorResponse },
      },
    },
    async (req) => read(req, req.params.id),
  );

  app.put(
    '/applications/:id/acceptance-checklist',
    {
      schema: {
        tags,
        summary: '保存形式审查要点勾选与备注（须带版本号，首次为 0）',
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
      await saveChecklist({ db: app.db, ctx: actorCtx(req), id: req.params.id, input: req.body, level: 'acceptance' });
      return read(req, req.params.id);
    },
  );

  app.get(
    '/applications/:id/changes',
    {
      schema: {
        tags,
        summary: '退回后重新提交的修改内容（与退回时版本对比：字段、申报书章节、附件）',
        params: idParams,
        response: { 200: changesResponse, 403: errorResponse, 404: errorResponse },
      },
    },
    async (req) => ({
      changes: await resubmissionChanges({ db: app.db, actor: requireActor(req), id: req.params.id }),
    }),
  );

  app.get(
    '/applications/:id/opinion-form.pdf',
    {
      schema: {
        tags,
        summary: '审核意见表 PDF（按层级：市局、省受理、省厅；含审查要点和各项审核决定的意见）',
        params: idParams,
        querystring: opinionFormQuery,
        response: { 403: errorResponse, 404: errorResponse, 422: errorResponse },
      },
    },
    async (req, reply) => {
      const ctx = actorCtx(req);
      const { level } = req.query;
      const { input, app: row } = await opinionFormInput({
        db: app.db,
        actor: ctx.actor,
        id: req.params.id,
        level,
        now: ctx.now,
      });
      const pdf = await renderOpinionFormPdf(input);
      const name = `${safeFileName(row.number ?? input.spaceName ?? row.id)}-审核意见表（${opinionLevelTitles[level]}）.pdf`;
      await auditDownload(
        app.db,
        ctx,
        {
          action: 'download.opinion_form',
          target: { type: 'application', id: row.id },
          summary: { level, fileName: name },
        },
        row.unit_id,
      );
      return sendPdf(reply, pdf, name);
    },
  );
};
export default routes;
