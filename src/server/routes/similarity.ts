import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../domain/errors.js';
import { errorResponse, idParams } from '../../domain/schemas/common.js';
import {
  similarityFiguresQuery,
  similarityFiguresResponse,
  similarityPairsQuery,
  similarityPairsResponse,
  similarityReportResponse,
  similarityRunResponse,
  similaritySettingsResponse,
  similaritySettingsSchema,
} from '../../domain/schemas/similarity.js';
import { getSimilarityReport } from '../queries/similarity/getSimilarityReport.js';
import { listSimilarityFigures } from '../queries/similarity/listSimilarityFigures.js';
import { listSimilarityPairs } from '../queries/similarity/listSimilarityPairs.js';
import { getSimilarityRun, startSimilarityRun } from '../commands/similarity/similarityRuns.js';
import { updateSimilaritySettings } from '../commands/similarity/updateSimilaritySettings.js';
import { authorizeSimilarityAdmin } from '../policies/similarity.js';
import { settingsFor } from '../similarity/check.js';
import { requireActor } from '../plugins/auth.js';
import { similarityReportPdf } from '../documents/similarityPdf.js';
import { contentDisposition } from '../files/store.js';

const tags = ['similarity'];

/** A finished PDF, with its length (the browser shows the download's progress). */
const sendPdf = (reply: FastifyReply, pdf: Buffer, fileName: string) =>
  reply
    .header('content-type', 'application/pdf')
    .header('content-length', pdf.length)
    .header('content-disposition', contentDisposition(fileName, 'attachment'))
    .send(pdf);

/** 查重 (issue 15): reports, the batch cross-check runs, thresholds and the pairs above them. */
const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/applications/:id/similarity',
    {
      schema: {
        tags,
        summary: '查重报告（审核各级与分配的专家；申报单位 403，管辖范围外 404）',
        params: idParams,
        response: { 200: similarityReportResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse },
      },
    },
    async (req) => {
      const { report } = await getSimilarityReport({ db: app.db, actor: requireActor(req), id: req.params.id });
      return { report };
    },
  );

  app.get(
    '/applications/:id/similarity.pdf',
    {
      schema: {
        tags,
        summary: '查重报告 PDF（与查重报告同样的权限；生成中 409）',
        params: idParams,
        response: { 404: errorResponse },
      },
    },
    async (req, reply) => {
      const { app: row, report } = await getSimilarityReport({
        db: app.db,
        actor: requireActor(req),
        id: req.params.id,
      });
      if (report.status === 'failed') throw new AppError('invalid_transition', '查重失败，暂无查重报告可下载');
      if (report.status !== 'ready') throw new AppError('invalid_transition', '查重报告尚在生成中，请稍后再下载');
      const unit = await app.db.selectFrom('orgs').select('name').where('id', '=', row.unit_id).executeTakeFirst();
      const pdf = await similarityReportPdf({
        number: row.number,
        spaceName: row.space_name,
        unitName: unit?.name ?? '',
        report,
        printedAt: app.clock.now(),
      });
      return sendPdf(reply, pdf, `查重报告-${row.number ?? row.id}.pdf`);
    },
  );

  const errors = { 403: errorResponse, 404: errorResponse, 422: errorResponse };

  app.get(
    '/batches/:id/similarity-settings',
    {
      schema: {
        tags,
        summary: '批次查重阈值（省级科技主管部门）',
        params: idParams,
        response: { 200: similaritySettingsResponse, ...errors },
      },
    },
    async (req) => {
      authorizeSimilarityAdmin(requireActor(req));
      return { settings: await settingsFor(app.db, req.params.id) };
    },
  );

  app.put(
    '/batches/:id/similarity-settings',
    {
      schema: {
        tags,
        summary: '设置批次查重阈值：对比清单的复制比阈值、套话判定篇数（省级科技主管部门）',
        params: idParams,
        body: similaritySettingsSchema,
        response: { 200: similaritySettingsResponse, ...errors },
      },
    },
    async (req) => ({
      settings: await updateSimilaritySettings({
        db: app.db,
        ctx: { ...req.ctx(), actor: requireActor(req) },
        batchId: req.params.id,
        input: req.body,
      }),
    }),
  );

  app.post(
    '/batches/:id/similarity-runs',
    {
      schema: {
        tags,
        summary: '启动全批次查重（后台任务，本省申报两两比对；已有进行中的任务时返回该任务）',
        params: idParams,
        response: { 202: similarityRunResponse, ...errors },
      },
    },
    async (req, reply) => {
      const { run } = await startSimilarityRun({
        db: app.db,
        ctx: { ...req.ctx(), actor: requireActor(req) },
        batchId: req.params.id,
        clock: () => app.clock.now(),
      });
      return reply.code(202).send({ run });
    },
  );

  app.get(
    '/similarity-runs/:id',
    {
      schema: {
        tags,
        summary: '全批次查重任务的状态与进度',
        params: idParams,
        response: { 200: similarityRunResponse, ...errors },
      },
    },
    async (req) => ({ run: await getSimilarityRun(app.db, requireActor(req), req.params.id) }),
  );

  app.get(
    '/batches/:id/similarity-pairs',
    {
      schema: {
        tags,
        summary: '复制比达到阈值的申报对（省级科技主管部门本省、科技部全部）',
        params: idParams,
        querystring: similarityPairsQuery,
        response: { 200: similarityPairsResponse, ...errors },
      },
    },
    async (req) =>
      listSimilarityPairs({
        db: app.db,
        actor: requireActor(req),
        batchId: req.params.id,
        query: req.query,
      }),
  );

  app.get(
    '/similarity-figures',
    {
      schema: {
        tags,
        summary: '列表中申报的复制比（仅返回本人可查看查重报告的申报；ids 以逗号分隔，最多 100 个）',
        querystring: similarityFiguresQuery,
        response: { 200: similarityFiguresResponse, 422: errorResponse },
      },
    },
    async (req) => listSimilarityFigures(app.db, requireActor(req), req.query.ids),
  );
};
export default routes;
