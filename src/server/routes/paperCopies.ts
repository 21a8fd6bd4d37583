import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponse, idParams } from '../../domain/schemas/common.js';
import {
  paperCopyListResponse,
  registerPaperCopyRequest,
  registerPaperCopyResponse,
} from '../../domain/schemas/dispatches.js';
import { listApplicationPaperCopies } from '../queries/paperCopies/listApplicationPaperCopies.js';
import { registerPaperCopy } from '../commands/paperCopies/registerPaperCopy.js';
import { requireActor } from '../plugins/auth.js';

const tags = ['paper-copies'];

/** Paper copies (纸质材料，一式两份) registered by the acceptance centre against an application. */
const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/applications/:id/paper-copies',
    {
      schema: {
        tags,
        summary: '纸质材料登记记录',
        params: idParams,
        response: { 200: paperCopyListResponse, 404: errorResponse },
      },
    },
    async (req) => listApplicationPaperCopies({ db: app.db, actor: requireActor(req), applicationId: req.params.id }),
  );

  app.post(
    '/applications/:id/paper-copies',
    {
      schema: {
        tags,
        summary: '登记纸质材料（省受理单位），按校验码核对是否为当前提交版本',
        params: idParams,
        body: registerPaperCopyRequest,
        response: {
          200: registerPaperCopyResponse,
          403: errorResponse,
          404: errorResponse,
          409: errorResponse,
          422: errorResponse,
        },
      },
    },
    async (req) =>
      registerPaperCopy({
        db: app.db,
        ctx: { ...req.ctx(), actor: requireActor(req) },
        applicationId: req.params.id,
        input: req.body,
      }),
  );
};
export default routes;
