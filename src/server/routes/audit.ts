import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import {
  auditListResponse,
  auditProofParams,
  auditVerifyResponse,
  listAuditQuery,
} from '../../domain/schemas/audit.js';
import { appendAudit } from '../audit/audit.js';
import { buildProof } from '../audit/proof.js';
import { auditXlsx } from '../documents/auditXlsx.js';
import { verifyAuditChain } from '../audit/verify.js';
import { requireActor } from '../plugins/auth.js';
import { assertMayReadAudit } from '../policies/audit.js';
import { jurisdictionOf } from '../policies/common.js';
import { presentAuditRecord } from '../presenters/audit.js';
import { listAudit } from '../repositories/audit.js';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: '审计日志查询（审计管理员）',
        querystring: listAuditQuery,
        response: { 200: auditListResponse },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      assertMayReadAudit(actor);
      const rows = await listAudit(app.db, { ...req.query, scope: jurisdictionOf(actor) });
      const more = rows.length > req.query.limit;
      const items = rows.slice(0, req.query.limit);
      return { items: items.map(presentAuditRecord), nextCursor: more ? String(items.at(-1)!.seq) : null };
    },
  );

  app.get(
    '/audit/export.xlsx',
    {
      schema: {
        tags: ['audit'],
        summary: '导出审计日志（当前筛选条件，最多 10000 条）',
        querystring: listAuditQuery.omit({ cursor: true, limit: true }),
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      assertMayReadAudit(actor);
      const rows = await listAudit(app.db, { ...req.query, limit: 10_000, scope: jurisdictionOf(actor) });
      const file = await auditXlsx(rows.slice(0, 10_000).map(presentAuditRecord));
      await app.db.transaction().execute((trx) =>
        appendAudit(trx, req.ctx(), {
          action: 'export.audit_xlsx',
          summary: { count: Math.min(rows.length, 10_000), ...req.query },
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
      const actor = requireActor(req);
      assertMayReadAudit(actor);
      const seq = req.params.seq;
      // Only a record the auditor may see (the same jurisdiction as the list).
      const visible = await listAudit(app.db, { cursor: String(seq + 1), limit: 1, scope: jurisdictionOf(actor) });
      if (Number(visible[0]?.seq) !== seq) throw new AppError('not_found', '审计记录不存在');
      const result = await buildProof(app.db, seq, app.audit.key);
      if (result.status === 'missing') throw new AppError('not_found', '审计记录不存在');
      if (result.status === 'pending') throw new AppError('conflict', '该记录尚待封存，请稍后再下载证明');
      reply.header('content-disposition', `attachment; filename="audit-proof-${seq}.json"`);
      return result.proof;
    },
  );
};
export default routes;
