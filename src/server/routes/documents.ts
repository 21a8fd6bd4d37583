import { PassThrough, type Writable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { downloadQuery } from '../../domain/schemas/applications.js';
import { exportApplicationsQuery } from '../../domain/schemas/exportSelection.js';
import { errorResponse, idParams } from '../../domain/schemas/common.js';
import {
  applicationPdfInput,
  loadNarrativeImages,
  documentStem,
  loadApplicationForDocument,
} from '../commands/documents/applicationDocuments.js';
import { loadDispatchForDocuments } from '../commands/documents/dispatchDocuments.js';
import { exportApplications } from '../commands/documents/exportApplications.js';
import { packageDispatch } from '../commands/documents/packageDispatch.js';
import { renderApplicationPdf } from '../documents/applicationPdf.js';
import { isoDate, safeFileName } from '../documents/format.js';
import { renderLetterDocx, renderLetterPdf, renderPledgeDocx, renderPledgePdf } from '../documents/letters.js';
import { renderNarrativeDocx } from '../documents/narrativeDocx.js';
import { contentDisposition } from '../files/store.js';
import { requireActor } from '../plugins/auth.js';
import { auditDownload } from '../commands/documents/auditDownload.js';

const tags = ['documents'];

const MIME = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
} as const;

/** A finished file: its length is known, so the browser can show the download's progress. */
function sendBuffer(
  reply: FastifyReply,
  data: Buffer,
  fileName: string,
  disposition: 'attachment' | 'inline' = 'attachment',
) {
  const ext = fileName.slice(fileName.lastIndexOf('.') + 1) as keyof typeof MIME;
  return reply
    .header('content-type', MIME[ext])
    .header('content-length', data.length)
    .header('content-disposition', contentDisposition(fileName, disposition))
    .send(data);
}

/**
 * A file produced while it is sent (chunked, no length; X-Expected-Length, when given, is an estimate
 * for the client's progress). The checks ran before: a failure from here on can only cut the
 * transfer, which the client sees as an incomplete download.
 */
function sendStream(
  req: FastifyRequest,
  reply: FastifyReply,
  fileName: string,
  write: (out: Writable) => Promise<unknown>,
  expectedLength?: number,
) {
  const ext = fileName.slice(fileName.lastIndexOf('.') + 1) as keyof typeof MIME;
  const out = new PassThrough();
  write(out).catch((err: unknown) => {
    req.log.error({ err }, 'document stream failed');
    out.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return reply
    .header('content-type', MIME[ext])
    .header('content-disposition', contentDisposition(fileName))
    .header('x-accel-buffering', 'no')
    .headers(expectedLength ? { 'x-expected-length': String(Math.round(expectedLength)) } : {})
    .send(out);
}

/** The files that leave the system: application PDF, 申报书 Word, 推荐函 and pledges, 汇总表, dispatch package. */
const routes: FastifyPluginAsyncZod = async (app) => {
  /** The application the actor may read, and the input of its PDF as of now. */
  const applicationPdfFor = async (req: FastifyRequest, id: string) => {
    const actor = requireActor(req);
    const { row, chosen } = await loadApplicationForDocument(app.db, actor, id);
    const input = await applicationPdfInput(app.db, row, chosen, {
      now: req.ctx().now,
      publicBaseUrl: app.config.publicBaseUrl,
      files: app.files,
    });
    return { actor, row, chosen, input };
  };

  app.get(
    '/applications/:id/pdf',
    {
      schema: {
        tags,
        summary:
          '申报材料 PDF（基础信息表、申报书、材料清单、信用承诺书；每页带申报编号、校验码和核验二维码；草稿加水印）',
        params: idParams,
        querystring: downloadQuery,
        response: { 404: errorResponse },
      },
    },
    async (req, reply) => {
      const { actor, row, chosen, input } = await applicationPdfFor(req, req.params.id);
      const pdf = await renderApplicationPdf(input);
      const name = `${safeFileName(documentStem(row))}-申报材料${chosen.official ? '' : '（草稿）'}.pdf`;
      await auditDownload(
        app.db,
        { ...req.ctx(), actor },
        {
          action: 'download.application_pdf',
          target: { type: 'application', id: row.id },
          summary: { fileName: name },
        },
        row.unit_id,
      );
      return sendBuffer(reply, pdf, name, req.query.disposition);
    },
  );

  for (const part of ['basic_info', 'pledge'] as const) {
    const title = part === 'basic_info' ? '基础信息表（附件2）' : '申报单位信用承诺书（附件4）';
    app.get(
      `/applications/:id/print/${part}.pdf`,
      {
        schema: {
          tags,
          summary: `打印用的${title} PDF：打印、签字盖章后扫描上传（当前填写内容，不带草稿水印）`,
          params: idParams,
          response: { 404: errorResponse },
        },
      },
      async (req, reply) => {
        const { row, input } = await applicationPdfFor(req, req.params.id);
        // The paper to sign is printed without the 草稿 watermark: its scan is part of the submission.
        const pdf = await renderApplicationPdf({ ...input, draft: false, part });
        return sendBuffer(reply, pdf, `${safeFileName(documentStem(row))}-${title}-打印.pdf`);
      },
    );
  }

  app.get(
    '/applications/:id/narrative.docx',
    {
      schema: {
        tags,
        summary: '申报书 Word 文档（按附件3编写提纲）',
        params: idParams,
        response: { 404: errorResponse },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const { row, chosen } = await loadApplicationForDocument(app.db, actor, req.params.id);
      const images = await loadNarrativeImages(app.db, app.files, row.id, chosen);
      const docx = await renderNarrativeDocx({
        content: chosen.content,
        number: row.number,
        unitName: row.unit_name,
        images,
      });
      const name = `${safeFileName(documentStem(row))}-申报书.docx`;
      await auditDownload(
        app.db,
        { ...req.ctx(), actor },
        {
          action: 'download.application_docx',
          target: { type: 'application', id: row.id },
          summary: { fileName: name },
        },
        row.unit_id,
      );
      return sendBuffer(reply, docx, name);
    },
  );

  for (const kind of ['letter', 'pledge'] as const) {
    for (const format of ['pdf', 'docx'] as const) {
      const title = kind === 'letter' ? '推荐函' : '信用承诺书';
      const render = {
        letter: { pdf: renderLetterPdf, docx: renderLetterDocx },
        pledge: { pdf: renderPledgePdf, docx: renderPledgeDocx },
      }[kind][format];
      app.get(
        `/dispatches/:id/${kind}.${format}`,
        {
          schema: {
            tags,
            summary: `${kind === 'letter' ? '推荐函' : '主管部门信用承诺书（附件5）'}（${format === 'pdf' ? 'PDF' : 'Word'}）`,
            params: idParams,
            response: { 404: errorResponse },
          },
        },
        async (req, reply) => {
          const actor = requireActor(req);
          const { now } = req.ctx();
          const { dispatch, paper } = await loadDispatchForDocuments(app.db, actor, req.params.id, now);
          // The day in Beijing: a letter dated 12月6日 downloads as …-12-06, also before 08:00.
          const date = isoDate(dispatch.sent_at ?? now);
          const name = `${safeFileName(dispatch.from_org_name)}-${title}-${date}.${format}`;
          const data = await render(paper);
          await auditDownload(
            app.db,
            { ...req.ctx(), actor },
            {
              action: 'download.dispatch_document',
              target: { type: 'dispatch', id: dispatch.id },
              summary: { fileName: name },
            },
          );
          return sendBuffer(reply, data, name);
        },
      );
    }
  }

  app.get(
    '/dispatches/:id/package.zip',
    {
      schema: {
        tags,
        summary: '报送材料包 ZIP（推荐函、信用承诺书、汇总表，每项申报的 PDF 与上传材料；边生成边下载）',
        params: idParams,
        response: { 404: errorResponse, 409: errorResponse },
      },
    },
    async (req, reply) => {
      const ctx = { ...req.ctx(), actor: requireActor(req) };
      const { fileName, write, expectedLength } = await packageDispatch({
        db: app.db,
        ctx,
        id: req.params.id,
        files: app.files,
        publicBaseUrl: app.config.publicBaseUrl,
      });
      return sendStream(req, reply, fileName, write, expectedLength);
    },
  );

  app.get(
    '/exports/applications.xlsx',
    {
      schema: {
        tags,
        summary: '申报汇总表 Excel（范围与筛选同申报列表，或 ids 导出所选；边生成边下载）',
        querystring: exportApplicationsQuery,
        response: { 403: errorResponse },
      },
    },
    async (req, reply) => {
      const ctx = { ...req.ctx(), actor: requireActor(req) };
      const { fileName, write } = await exportApplications({ db: app.db, ctx, filter: req.query });
      return sendStream(req, reply, fileName, write);
    },
  );
};

export default routes;
