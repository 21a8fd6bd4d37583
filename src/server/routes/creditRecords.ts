import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponse, idParams } from '../../domain/schemas/common.js';
import {
  creditRecordListResponse,
  creditRecordResponse,
  endCreditRecordRequest,
  exportCreditRecordsQuery,
  listCreditRecordsQuery,
} from '../../domain/schemas/integrity.js';
import { endCreditRecord } from '../commands/integrity/endCreditRecord.js';
import { exportCreditRecords } from '../commands/integrity/exportCreditRecords.js';
import { contentDisposition } from '../files/store.js';
import { requireActor } from '../plugins/auth.js';
import { auditDownload } from '../commands/documents/auditDownload.js';
import { creditScopeOf } from '../policies/integrity.js';
import { presentCreditRecord } from '../presenters/integrity.js';
import { listCreditRecordPage } from '../repositories/creditRecords.js';

const tags = ['integrity'];

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/credit-records',
    {
      schema: {
        tags,
        summary: '不良科技信用记录（省科技厅：本省；科技部：全部）',
        querystring: listCreditRecordsQuery,
        response: { 200: creditRecordListResponse, 403: errorResponse },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const scope = creditScopeOf(actor);
      const now = app.clock.now();
      const { status, q, ...page } = req.query;
      const list = await listCreditRecordPage(app.db, { scope, status, q, now }, page);
      return { ...list, items: list.items.map((r) => presentCreditRecord(r, now)) };
    },
  );

  app.get(
    '/credit-records/export',
    {
      schema: {
        tags,
        summary: '导出信用记录（CSV 带 BOM 或 JSON），报送省公共信用信息平台',
        querystring: exportCreditRecordsQuery,
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const out = await exportCreditRecords({
        db: app.db,
        actor,
        now: app.clock.now(),
        ...req.query,
      });
      await auditDownload(
        app.db,
        { ...req.ctx(), actor },
        {
          action: 'export.credit_records',
          target: { type: 'credit_record', id: '*' },
          summary: { ...req.query, count: out.count, fileName: out.fileName },
        },
      );
      return reply
        .header('content-type', out.contentType)
        .header('content-disposition', contentDisposition(out.fileName))
        .send(out.body);
    },
  );

  app.post(
    '/credit-records/:id/actions/end',
    {
      schema: {
        tags,
        summary: '终止信用记录（记录省份的省科技厅或科技部）',
        params: idParams,
        body: endCreditRecordRequest,
        response: { 200: creditRecordResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse },
      },
    },
    async (req) => {
      const ctx = { ...req.ctx(), actor: requireActor(req) };
      const row = await endCreditRecord({ db: app.db, ctx, id: req.params.id, input: req.body });
      return { record: presentCreditRecord(row, ctx.now) };
    },
  );
};
export default routes;
