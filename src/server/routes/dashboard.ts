import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponse } from '../../domain/schemas/common.js';
import { dashboardQuery, dashboardResponse } from '../../domain/schemas/dashboard.js';
import { ministryDashboardQuery, ministryDashboardResponse } from '../../domain/schemas/ministryDashboard.js';
import { getDashboard } from '../queries/dashboard/getDashboard.js';
import { getMinistryDashboard } from '../queries/dashboard/getMinistryDashboard.js';
import { requireActor } from '../plugins/auth.js';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/dashboard',
    {
      schema: {
        tags: ['dashboard'],
        summary:
          '工作台统计：本人范围内各状态数量；省科技厅另有分市漏斗、专业方向、运营主体性质与分市分布（每个数字附列表筛选条件）',
        querystring: dashboardQuery,
        response: { 200: dashboardResponse, 403: errorResponse, 404: errorResponse },
      },
    },
    async (req) =>
      getDashboard({
        db: app.db,
        actor: requireActor(req),
        batchId: req.query.batchId,
        provinceId: req.query.provinceId,
      }),
  );

  app.get(
    '/dashboard/ministry',
    {
      schema: {
        tags: ['dashboard'],
        summary:
          '科技部工作台：各省报送批（待接收、已接收）与报送至部申报（待备案、予以备案、不予备案、已公布），可按批次（每个数字附列表筛选条件）',
        querystring: ministryDashboardQuery,
        response: { 200: ministryDashboardResponse, 403: errorResponse },
      },
    },
    async (req) => getMinistryDashboard({ db: app.db, actor: requireActor(req), batchId: req.query.batchId }),
  );
};
export default routes;
