import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../domain/errors.js';
import { listOrgsQuery, orgListResponse } from '../../domain/schemas/orgs.js';
import { presentOrg } from '../presenters/org.js';
import { listOrgs } from '../repositories/orgs.js';
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
};
export default routes;
