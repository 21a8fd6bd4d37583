import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  accountActionParams,
  accountListResponse,
  accountResponse,
  createAccountRequest,
  listAccountsQuery,
  setRolesRequest,
  updateAccountRequest,
} from '../../domain/schemas/accounts.js';
import { errorResponse, idParams } from '../../domain/schemas/common.js';
import { createAccount } from '../commands/accounts/createAccount.js';
import { runAccountAction } from '../commands/accounts/runAccountAction.js';
import { setAccountRoles } from '../commands/accounts/setAccountRoles.js';
import { updateAccount } from '../commands/accounts/updateAccount.js';
import { actorCtx, requireActor } from '../plugins/auth.js';
import { assertMayListAccounts } from '../policies/accounts.js';
import { jurisdictionOf } from '../policies/common.js';
import { presentAccount } from '../presenters/account.js';
import { listAccounts } from '../repositories/accounts.js';

const tags = ['accounts'];

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/accounts',
    {
      schema: {
        tags,
        summary: '账号列表（安全管理员）',
        querystring: listAccountsQuery,
        response: { 200: accountListResponse },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      assertMayListAccounts(actor);
      const { page, pageSize, sort, order, cursor, limit, ...filter } = req.query;
      const list = await listAccounts(
        app.db,
        { ...filter, scope: jurisdictionOf(actor) },
        { page, pageSize, sort, order, cursor, limit },
      );
      const now = app.clock.now();
      return { ...list, items: list.items.map((r) => presentAccount(r, now, actor)) };
    },
  );

  app.post(
    '/accounts',
    {
      schema: {
        tags,
        summary: '创建账号',
        body: createAccountRequest,
        response: { 200: accountResponse, 409: errorResponse, 422: errorResponse },
      },
    },
    async (req) => {
      const { account, temporaryPassword } = await createAccount({ db: app.db, ctx: actorCtx(req), input: req.body });
      return { account: presentAccount(account, app.clock.now(), req.actor), temporaryPassword };
    },
  );

  app.patch(
    '/accounts/:id',
    {
      schema: {
        tags,
        summary: '修改账号信息',
        params: idParams,
        body: updateAccountRequest,
        response: { 200: accountResponse, 409: errorResponse },
      },
    },
    async (req) => {
      const { account } = await updateAccount({ db: app.db, ctx: actorCtx(req), id: req.params.id, input: req.body });
      return { account: presentAccount(account, app.clock.now(), req.actor) };
    },
  );

  app.put(
    '/accounts/:id/roles',
    {
      schema: {
        tags,
        summary: '分配角色',
        params: idParams,
        body: setRolesRequest,
        response: { 200: accountResponse, 422: errorResponse },
      },
    },
    async (req) => {
      const { account } = await setAccountRoles({
        db: app.db,
        ctx: actorCtx(req),
        id: req.params.id,
        roles: req.body.roles,
      });
      return { account: presentAccount(account, app.clock.now(), req.actor) };
    },
  );

  app.post(
    '/accounts/:id/actions/:action',
    {
      schema: {
        tags,
        summary: '停用、启用、解锁、重置密码',
        params: accountActionParams,
        response: { 200: accountResponse, 409: errorResponse },
      },
    },
    async (req) => {
      const r = await runAccountAction({
        db: app.db,
        ctx: actorCtx(req),
        id: req.params.id,
        action: req.params.action,
      });
      return { account: presentAccount(r.account, app.clock.now(), req.actor), temporaryPassword: r.temporaryPassword };
    },
  );
};
export default routes;
