import { todayInShanghai } from '../../../domain/application.js';
import { registrationStatusLabels, type RegistrationStatus } from '../../../domain/schemas/registrations.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { isoDateTime } from '../../documents/format.js';
import { tableXlsx, type TableColumn } from '../../documents/tableXlsx.js';
import { registrationCityOf } from '../../policies/registrations.js';
import { findOrg } from '../../repositories/orgs.js';
import { listRegistrations } from '../../repositories/registrations.js';
import { auditDownload } from '../documents/auditDownload.js';

/** Most rows one export holds: a city's registrations over years stay far below it. */
const MAX_ROWS = 20_000;

/**
 * The city's unit registrations as an Excel sheet, with the list's filters (status, search): the
 * same scope as GET /api/registrations. Audited (it carries contacts' names, telephones and e-mail).
 */
export async function exportRegistrations(opts: {
  db: Db;
  ctx: RequestContext & { actor: Actor };
  status: RegistrationStatus | 'all';
  q?: string;
}): Promise<{ body: Buffer; fileName: string }> {
  const { db, ctx } = opts;
  const actor = ctx.actor;
  const cityId = registrationCityOf(actor);
  const city = await findOrg(db, cityId);
  const { items: rows } = await listRegistrations(
    db,
    { cityId, status: opts.status === 'all' ? undefined : opts.status, q: opts.q },
    { page: 1, pageSize: MAX_ROWS, sort: 'createdAt', order: 'asc' },
  );
  type Row = (typeof rows)[number];
  const columns: TableColumn<Row>[] = [
    { header: '序号', width: 6, value: (_r, i) => i + 1, align: 'center' },
    { header: '单位名称', width: 30, value: (r) => r.unit_name },
    { header: '统一社会信用代码', width: 22, value: (r) => r.uscc, align: 'center' },
    { header: '联系人', width: 10, value: (r) => r.contact_name, align: 'center' },
    { header: '联系人手机', width: 14, value: (r) => r.mobile, align: 'center' },
    { header: '电子邮箱', width: 26, value: (r) => r.email },
    { header: '登录名', width: 16, value: (r) => r.username },
    {
      header: '状态',
      width: 8,
      value: (r) => registrationStatusLabels[r.status as RegistrationStatus] ?? r.status,
      align: 'center',
    },
    { header: '提交时间', width: 17, value: (r) => isoDateTime(r.created_at), align: 'center' },
    { header: '审核时间', width: 17, value: (r) => (r.decided_at ? isoDateTime(r.decided_at) : null), align: 'center' },
    { header: '审核意见', width: 30, value: (r) => r.comment },
  ];
  const stamp = todayInShanghai(ctx.now);
  const filter = opts.status === 'all' ? '全部状态' : registrationStatusLabels[opts.status];
  const body = await tableXlsx({
    sheet: '单位注册申请',
    title: `${city?.name ?? ''}申报单位注册申请`,
    subtitle: `导出时间：${stamp}；${filter}${opts.q ? `；检索“${opts.q}”` : ''}；共 ${rows.length} 条`,
    columns,
    rows,
    generatedAt: ctx.now,
  });
  await auditDownload(db, ctx, {
    action: 'export.registrations_xlsx',
    target: { type: 'registration', id: '*' },
    summary: { status: opts.status, ...(opts.q ? { q: opts.q } : {}), count: rows.length },
  });
  return { body, fileName: `单位注册申请-${stamp}.xlsx` };
}
