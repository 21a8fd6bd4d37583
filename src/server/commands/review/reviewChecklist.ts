import { randomUUID } from 'node:crypto';
import { AppError, type ErrorDetail } from '../../../domain/errors.js';
import {
  checklistLevelTitles,
  pendingReconfirmation,
  type ChecklistLevel,
} from '../../../domain/schemas/checklistLevels.js';
import type { SaveChecklistRequest } from '../../../domain/schemas/review.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db, Executor } from '../../db/database.js';
import { appendAudit } from '../../audit/audit.js';
import { assertMaySeeChecklist, authorizeChecklistSave, checklistEditableAt } from '../../policies/checklists.js';
import type { ApplicationRef } from '../../policies/applications.js';
import { hasConflict } from '../../repositories/conflicts.js';
import {
  findChecklist,
  insertChecklist,
  updateChecklist,
  type ChecklistRow,
} from '../../repositories/reviewConfigs.js';
import { isUniqueViolation } from '../../repositories/unique-violation.js';
import { loadVisibleApplication } from '../applications/loadApplication.js';
import { loadReviewConfig, type EffectiveReviewConfig } from './loadReviewConfig.js';

interface StoredItem {
  key: string;
  label: string;
  checked: boolean;
  note: string | null;
}

const parseItems = (json: string | null | undefined): StoredItem[] => {
  try {
    const v: unknown = JSON.parse(json ?? '[]');
    return Array.isArray(v) ? (v as StoredItem[]) : [];
  } catch {
    return [];
  }
};

export interface ChecklistView {
  applicationId: string;
  level: ChecklistLevel;
  items: StoredItem[];
  previousItems: StoredItem[] | null;
  pendingReconfirmation: string[];
  row: ChecklistRow | undefined;
  editable: boolean;
}

/** Per level: the configured items and what the audit calls the save (who may save: policies/checklists). */
const LEVELS = {
  city: { items: (c: EffectiveReviewConfig) => c.checklist, audit: 'review_checklist.save' },
  acceptance: { items: (c: EffectiveReviewConfig) => c.acceptanceChecklist, audit: 'acceptance_checklist.save' },
} as const;

/** The checklist's items in force merged with what is stored (items since removed but stored are kept at the end). */
function merge(config: readonly { key: string; label: string }[], stored: StoredItem[]): StoredItem[] {
  const byKey = new Map(stored.map((i) => [i.key, i]));
  const items: StoredItem[] = config.map((c) => ({
    key: c.key,
    label: c.label,
    checked: byKey.get(c.key)?.checked ?? false,
    note: byKey.get(c.key)?.note ?? null,
  }));
  const current = new Set(config.map((c) => c.key));
  for (const s of stored) if (!current.has(s.key)) items.push(s);
  return items;
}

/** The checklist of one level as stored, with the previous round and what waits for confirmation. */
export async function readChecklist(
  db: Executor,
  app: ApplicationRef & { batch_id: string },
  level: ChecklistLevel,
): Promise<Omit<ChecklistView, 'editable'>> {
  const [config, row] = await Promise.all([
    loadReviewConfig(db, app.batch_id, app.province_id),
    findChecklist(db, app.id, level),
  ]);
  const items = merge(LEVELS[level].items(config), parseItems(row?.items));
  const previousItems = row?.previous_items ? parseItems(row.previous_items) : null;
  return {
    applicationId: app.id,
    level,
    items,
    previousItems,
    pendingReconfirmation: pendingReconfirmation(previousItems, items),
    row,
  };
}

/**
 * A checklist of an application: the city's 真实性审查 or the acceptance centre's 形式审查, each
 * item with the tick and note stored, and the ticks of the round before the last return (上一轮).
 */
export async function getChecklist(opts: {
  db: Executor;
  actor: Actor;
  id: string;
  level?: ChecklistLevel;
}): Promise<ChecklistView> {
  const { db, actor } = opts;
  const level = opts.level ?? 'city';
  const app = await loadVisibleApplication(db, actor, opts.id);
  assertMaySeeChecklist(actor, app);
  const [view, conflicted] = await Promise.all([
    readChecklist(db, app, level),
    hasConflict(db, actor.userId, app.unit_id),
  ]);
  return { ...view, editable: checklistEditableAt(level, actor, app, conflicted) };
}

/** The reviewer of the level saves the ticks and notes (version-checked; stale → 409). */
export async function saveChecklist(opts: {
  db: Db;
  ctx: RequestContext & { actor: Actor };
  id: string;
  input: SaveChecklistRequest;
  level?: ChecklistLevel;
}) {
  const { db, ctx, input } = opts;
  const level = opts.level ?? 'city';
  const spec = LEVELS[level];
  const app = await loadVisibleApplication(db, ctx.actor, opts.id);
  assertMaySeeChecklist(ctx.actor, app);
  const conflicted = await hasConflict(db, ctx.actor.userId, app.unit_id);
  const role = authorizeChecklistSave(ctx.actor, app, level, conflicted);
  const config = spec.items(await loadReviewConfig(db, app.batch_id, app.province_id));
  const labels = new Map(config.map((c) => [c.key, c.label]));
  const details: ErrorDetail[] = [];
  input.items.forEach((i, n) => {
    if (!labels.has(i.key))
      details.push({
        path: `items.${n}.key`,
        message: `${checklistLevelTitles[level]}“${i.key}”不在本批次的配置中`,
      });
  });
  if (details.length) throw new AppError('validation_failed', '审查要点与本批次配置不一致，请刷新后重试', details);
  const given = new Map(input.items.map((i) => [i.key, i]));
  const items: StoredItem[] = config.map((c) => ({
    key: c.key,
    label: c.label,
    checked: given.get(c.key)?.checked ?? false,
    note: given.get(c.key)?.note || null,
  }));
  const row = await findChecklist(db, app.id, level);
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
        await insertChecklist(trx, { ...values, id, applicationId: app.id, level });
      }
      await appendAudit(trx, ctx, {
        action: spec.audit,
        role,
        target: { type: 'application', id: app.id },
        summary: {
          checked: items.filter((i) => i.checked).map((i) => i.key),
          unchecked: items.filter((i) => !i.checked).map((i) => i.key),
          ...(row?.previous_items ? { reconfirmedRound: true } : {}),
          ...(values.comment ? { comment: values.comment } : {}),
        },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('version_conflict');
    throw err;
  }
}
