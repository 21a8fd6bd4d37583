import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../domain/errors.js';
import { errorResponse } from '../../domain/schemas/common.js';
import { listOrgsPageQuery, listOrgsQuery, orgListResponse, orgPageResponse } from '../../domain/schemas/orgs.js';
import { requireActor } from '../plugins/auth.js';
import { presentOrg } from '../presenters/org.js';
import { listOrgs, listOrgsTreePage } from '../repositories/orgs.js';
import { jurisdictionOf } from '../policies/common.js';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/orgs',
    {
      // Public for kind=city (the registration form chooses a city); otherwise a session is required.
      config: { auth: 'public' },
      schema: {
        tags: ['orgs'],
        summary: '单位列表（kind=city 时无需登录）',
        querystring: listOrgsQuery,
        response: { 200: orgListResponse },
      },
    },
    async (req) => {
      const q = req.query;
      if (q.kind !== 'city' && !req.actor) throw new AppError('unauthorized');
      // Applicant units are visible only to logged-in staff, never publicly.
      if (!req.actor && q.kind === 'city') {
        const rows = await listOrgs(app.db, { kind: 'city', provinceId: q.provinceId, q: q.q, parentId: q.parentId });
        return { items: rows.map(presentOrg) };
      }
      // Units are listed only within the actor's jurisdiction, whatever the kind asked (an applicant
      // without `kind` saw every applicant unit: issue 11 item 8); other kinds are reference data.
      const rows = await listOrgs(app.db, { ...q, unitScope: jurisdictionOf(req.actor!) });
      return { items: rows.map(presentOrg) };
    },
  );

  app.get(
    '/orgs/paged',
    {
      schema: {
        tags: ['orgs'],
        summary: '单位列表（分页，系统管理员的单位管理）',
        querystring: listOrgsPageQuery,
        response: { 200: orgPageResponse, 422: errorResponse },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { page, pageSize, sort, order, cursor, limit, ...filter } = req.query;
      // The same rows as the whole list (units only within the actor's jurisdiction), one page at a time,
      // each with its parent's name and number of children (childCount; the hierarchy).
      const list = await listOrgsTreePage(
        app.db,
        { ...filter, unitScope: jurisdictionOf(actor) },
        { page, pageSize, sort, order, cursor, limit },
      );
      const items = list.items.map((o) => ({
        ...presentOrg(o.row),
        parentName: o.parentName,
        childCount: o.childCount,
      }));
      return { ...list, items };
    },
  );
};
export default routes;
