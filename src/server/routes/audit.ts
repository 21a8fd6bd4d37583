import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditListResponse, auditVerifyResponse, listAuditQuery } from '../../domain/schemas/audit.js';
import { verifyAuditChain } from '../audit/verify.js';
import { requireActor } from '../plugins/auth.js';
import { assertRole, jurisdictionOf } from '../policies/common.js';
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
      assertRole(actor, 'audit_admin');
      const rows = await listAudit(app.db, { ...req.query, scope: jurisdictionOf(actor) });
      const more = rows.length > req.query.limit;
      const items = rows.slice(0, req.query.limit);
      return { items: items.map(presentAuditRecord), nextCursor: more ? String(items.at(-1)!.seq) : null };
    },
  );

  app.get(
    '/audit/verify',
    { schema: { tags: ['audit'], summary: '校验审计日志哈希链', response: { 200: auditVerifyResponse } } },
    async (req) => {
      assertRole(requireActor(req), 'audit_admin');
      return verifyAuditChain(app.db);
    },
  );
};
export default routes;
