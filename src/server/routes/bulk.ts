import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponse } from '../../domain/schemas/common.js';
import {
  bulkActionRequest,
  bulkActionResponse,
  scanPaperCopyRequest,
  scanPaperCopyResponse,
} from '../../domain/schemas/bulk.js';
import { runBulkAction } from '../commands/bulk/runBulkAction.js';
import { scanPaperCopy } from '../commands/paperCopies/scanPaperCopy.js';
import { requireActor } from '../plugins/auth.js';

/** Work on many applications at once: bulk actions, and paper copies registered scan by scan. */
const routes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/applications/bulk-actions',
    {
      schema: {
        tags: ['applications'],
        summary: '批量操作（逐份执行与单份操作相同的检查，各自一个事务；逐行返回成功或拒绝原因）',
        body: bulkActionRequest,
        response: { 200: bulkActionResponse, 403: errorResponse, 422: errorResponse },
      },
    },
    async (req) => ({
      results: await runBulkAction({
        db: app.db,
        ctx: { ...req.ctx(), actor: requireActor(req) },
        input: req.body,
        log: req.log,
      }),
    }),
  );

  app.post(
    '/paper-copies/scans',
    {
      schema: {
        tags: ['paper-copies'],
        summary: '扫码登记纸质材料（省受理单位）：按校验码找到本省申报并登记一份',
        body: scanPaperCopyRequest,
        response: {
          200: scanPaperCopyResponse,
          403: errorResponse,
          404: errorResponse,
          409: errorResponse,
          422: errorResponse,
        },
      },
    },
    async (req) => scanPaperCopy({ db: app.db, ctx: { ...req.ctx(), actor: requireActor(req) }, input: req.body }),
  );
};
export default routes;
