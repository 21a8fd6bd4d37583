import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import {
  auditFilterQuery,
  auditListResponse,
  auditProofParams,
  auditVerifyResponse,
  listAuditQuery,
} from '../../domain/schemas/audit.js';
import { errorResponse } from '../../domain/schemas/common.js';
import { appendAudit } from '../audit/audit.js';
import { buildProof } from '../audit/proof.js';
import { auditXlsx } from '../documents/auditXlsx.js';
import { verifyAuditChain } from '../audit/verify.js';
import { requireActor } from '../plugins/auth.js';
import { assertMayReadAudit } from '../policies/audit.js';
import { canSeeAuditRecord, exportAuditLog, listAuditLog } from '../queries/audit/listAuditLog.js';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: '审计日志查询（审计管理员）',
        querystring: listAuditQuery,
        response: { 200: auditListResponse, 422: errorResponse },
      },
    },
    async (req) => listAuditLog(app.db, requireActor(req), req.query),
  );

  app.get(
    '/audit/export.xlsx',
    {
      schema: {
        tags: ['audit'],
        summary: '导出审计日志（当前筛选条件，最多 10000 条）',
        querystring: auditFilterQuery,
      },
    },
    async (req, reply) => {
      const records = await exportAuditLog(app.db, requireActor(req), req.query);
      const file = await auditXlsx(records);
      await app.db.transaction().execute((trx) =>
        appendAudit(trx, req.ctx(), {
          action: 'export.audit_xlsx',
          summary: { count: records.length, ...req.query },
        }),
      );
      reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      reply.header('content-disposition', `attachment; filename="audit-log.xlsx"`);
      return file;
    },
  );

  app.get(
    '/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary: '校验审计日志（记录哈希、封存默克尔根、签名、锚定副本）',
        response: { 200: auditVerifyResponse },
      },
    },
    async (req) => {
      assertMayReadAudit(requireActor(req));
      const { key, anchors, intervalMs } = app.audit;
      return verifyAuditChain(app.db, { publicKey: key.publicKey, anchors, now: app.clock.now(), intervalMs });
    },
  );

  app.get(
    '/audit/public-key',
    {
      schema: {
        tags: ['audit'],
        summary: '审计封存签名公钥（Ed25519，PEM）',
        response: { 200: z.string() },
      },
      config: { auth: 'public' },
    },
    async (_req, reply) => {
      reply.type('application/x-pem-file; charset=utf-8');
      reply.header('x-audit-key-id', app.audit.key.keyId);
      return app.audit.key.publicPem;
    },
  );

  app.get(
    '/audit/:seq/proof',
    {
      schema: {
        tags: ['audit'],
        summary: '审计记录的封存包含证明（审计管理员）',
        params: auditProofParams,
      },
    },
    async (req, reply) => {
      const seq = req.params.seq;
      // Only a record the auditor may see (the same jurisdiction as the list).
      if (!(await canSeeAuditRecord(app.db, requireActor(req), seq))) throw new AppError('not_found', '审计记录不存在');
      const result = await buildProof(app.db, seq, app.audit.key);
      if (result.status === 'missing') throw new AppError('not_found', '审计记录不存在');
      if (result.status === 'pending') throw new AppError('conflict', '该记录尚待封存，请稍后再下载证明');
      reply.header('content-disposition', `attachment; filename="audit-proof-${seq}.json"`);
      return result.proof;
    },
  );
};
export default routes;
