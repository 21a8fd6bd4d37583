import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { paginate } from '../queries/pagination.js';
import { formatBeijing } from '../../domain/schemas/batches.js';
import { errorResponse } from '../../domain/schemas/common.js';
import { publicFiledQuery, publicFiledResponse, type PublicFiledItem } from '../../domain/schemas/public.js';
import { countFiled, countFiledByProvince, listFiled, type FiledRow } from '../repositories/publicList.js';

const mainFields = (json: string | null): string[] => {
  try {
    const v: unknown = JSON.parse(json ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
};

/** Exactly the public fields of a filed space: nothing about people, numbers, scores or contacts. */
const presentFiled = (r: FiledRow): PublicFiledItem => ({
  spaceName: r.space_name ?? '',
  operatorName: r.operator_name,
  mainFields: mainFields(r.main_fields),
  provinceId: r.province_id,
  provinceName: r.province_short_name ?? r.province_org_name,
  cityName: r.city_short_name ?? r.city_org_name,
  batchName: r.batch_name,
  year: Number(r.batch_year),
  filedOn: r.filed_at ? formatBeijing(r.filed_at).slice(0, 10) : null,
});

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/public/filed',
    {
      // Public: the published list of filed spaces (备案示范名单), no login.
      config: {
        auth: 'public',
        rateLimit: {
          max: app.config.RATE_LIMIT_PUBLIC ?? (app.config.NODE_ENV === 'test' ? 10_000 : 120),
          timeWindow: '1 minute',
        },
      },
      schema: {
        tags: ['public'],
        summary: '已备案的国家专业化众创空间名单（公开，按省份分页）',
        querystring: publicFiledQuery,
        response: { 200: publicFiledResponse, 422: errorResponse, 429: errorResponse },
      },
    },
    async (req) => {
      const { page, pageSize, sort, order, cursor, limit, ...filter } = req.query;
      const [list, provinces] = await Promise.all([
        paginate(
          { page, pageSize, cursor, limit },
          {
            rows: (n, offset) => listFiled(app.db, filter, { sort, order }, offset, n),
            count: () => countFiled(app.db, filter),
          },
        ),
        countFiledByProvince(app.db, { batchId: filter.batchId, q: filter.q }),
      ]);
      return {
        ...list,
        items: list.items.map(presentFiled),
        provinces: provinces.map((p) => ({
          provinceId: p.province_id,
          provinceName: p.province_short_name ?? p.province_org_name,
          count: Number(p.n),
        })),
      };
    },
  );
};
export default routes;
