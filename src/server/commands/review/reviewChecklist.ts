import { randomUUID } from 'node:crypto';
import { AppError, type ErrorDetail } from '../../../domain/errors.js';
import type { SaveChecklistRequest } from '../../../domain/schemas/review.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db, Executor } from '../../db/database.js';
import { appendAudit } from '../../audit/audit.js';
import { assertMaySeeChecklist, checklistEditable, CITY_REVIEW_STATUSES } from '../../policies/checklists.js';
import { hasConflict } from '../../repositories/conflicts.js';
import {
  findChecklist,
  insertChecklist,
  updateChecklist,
  type ChecklistRow,
} from '../../repositories/reviewConfigs.js';
import { isUniqueViolation } from '../../repositories/unique-violation.js';
import { loadVisibleApplication } from '../applications/loadApplication.js';
import { loadReviewConfig } from './loadReviewConfig.js';

interface StoredItem {
  key: string;
  label: string;
  checked: boolean;
  note: string | null;
}

const parseItems = (row: ChecklistRow | undefined): StoredItem[] => {
  try {
    const v: unknown = JSON.parse(row?.items ?? '[]');
    return Array.isArray(v) ? (v as StoredItem[]) : [];
  } catch {
    return [];
  }
};

export interface ChecklistView {
  applicationId: string;
  items: StoredItem[];
  row: ChecklistRow | undefined;
  editable: boolean;
}

/**
 * The authenticity review checklist of an application: the batch's items for its province, each
 * with the tick and note stored (items since removed from the configuration but ticked before are
 * kept at the end, so nothing recorded disappears).
 */
export async function getChecklist(opts: { db: Executor; actor: Actor; id: string }): Promise<ChecklistView> {
  const { db, actor } = opts;
  const app = await loadVisibleApplication(db, actor, opts.id);
  assertMaySeeChecklist(actor, app);
  const [config, row, conflicted] = await Promise.all([
    loadReviewConfig(db, app.batch_id, app.province_id),
    findChecklist(db, app.id),
    hasConflict(db, actor.userId, app.unit_id),
  ]);
  const stored = new Map(parseItems(row).map((i) => [i.key, i]));
  const items: StoredItem[] = config.checklist.map((c) => ({
    key: c.key,
    label: c.label,
    checked: stored.get(c.key)?.checked ?? false,
    note: stored.get(c.key)?.note ?? null,
  }));
  const current = new Set(config.checklist.map((c) => c.key));
  for (const s of stored.values()) if (!current.has(s.key)) items.push(s);
  return { applicationId: app.id, items, row, editable: checklistEditable(actor, app, conflicted) };
}

/** The city reviewer saves the ticks and notes (version-checked; stale → 409). */
export async function saveChecklist(opts: {
  db: Db;
  ctx: RequestContext & { actor: Actor };
  id: string;
  input: SaveChecklistRequest;
}) {
  const { db, ctx, input } = opts;
  const app = await loadVisibleApplication(db, ctx.actor, opts.id);
  assertMaySeeChecklist(ctx.actor, app);
  const conflicted = await hasConflict(db, ctx.actor.userId, app.unit_id);
  if (!checklistEditable(ctx.actor, app, conflicted)) {
    if (ctx.actor.roles.includes('city_reviewer') && !CITY_REVIEW_STATUSES.includes(app.status as never))
      throw new AppError('invalid_transition', '该申报已不在市局审核阶段，审查要点不能再修改');
    throw new AppError('forbidden', '只有本市科技局经办人可以填写真实性审查要点');
  }
  const config = await loadReviewConfig(db, app.batch_id, app.province_id);
  const labels = new Map(config.checklist.map((c) => [c.key, c.label]));
  const details: ErrorDetail[] = [];
  input.items.forEach((i, n) => {
    if (!labels.has(i.key))
      details.push({ path: `items.${n}.key`, message: `审查要点“${i.key}”不在本批次的审查要点中` });
  });
  if (details.length) throw new AppError('validation_failed', '审查要点与本批次配置不一致，请刷新后重试', details);
  const given = new Map(input.items.map((i) => [i.key, i]));
  const items: StoredItem[] = config.checklist.map((c) => ({
    key: c.key,
    label: c.label,
    checked: given.get(c.key)?.checked ?? false,
    note: given.get(c.key)?.note || null,
  }));
  const row = await findChecklist(db, app.id);
  if (input.version !== Number(row?.version ?? 0)) throw new AppError('version_conflict');
  const values = {
    items: JSON.stringify(items),
    comment: input.comment || null,
    reviewerId: ctx.actor.userId,
    now: ctx.now,
  };
  const id = row?.id ?? randomUUID();
  try {
    await db.transaction().execute(async (trx) => {
      if (row) {
        if (!(await updateChecklist(trx, { ...values, id, version: Number(row.version) })))
          throw new AppError('version_conflict');
      } else {
        await insertChecklist(trx, { ...values, id, applicationId: app.id });
      }
      await appendAudit(trx, ctx, {
        action: 'review_checklist.save',
        role: 'city_reviewer',
        target: { type: 'application', id: app.id },
        summary: {
          checked: items.filter((i) => i.checked).map((i) => i.key),
          unchecked: items.filter((i) => !i.checked).map((i) => i.key),
          ...(values.comment ? { comment: values.comment } : {}),
        },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('version_conflict');
    throw err;
  }
}
