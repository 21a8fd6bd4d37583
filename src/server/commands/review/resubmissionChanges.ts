import { fieldChanges, fileChanges, sectionChanges } from '../../../domain/application/changes.js';
import { applicationFileKindLabels, type ApplicationFileKind } from '../../../domain/schemas/applications.js';
import type { Changes } from '../../../domain/schemas/changes.js';
import type { Actor } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { assertMaySeeChecklist } from '../../policies/checklists.js';
import { snapshotFiles } from '../documents/applicationDocuments.js';
import { loadVisibleApplication } from '../applications/loadApplication.js';
import { readSnapshot } from '../../repositories/content.js';

const NONE = { fields: [], sections: [], files: [] };

/**
 * What the applicant changed after the last return (退回修改): the version returned is the snapshot
 * in force when the application was returned; the resubmission is the snapshot submitted after it.
 * For the authorities only (the applicant unit sees its own content).
 */
export async function resubmissionChanges(opts: { db: Executor; actor: Actor; id: string }): Promise<Changes> {
  const { db, actor } = opts;
  const app = await loadVisibleApplication(db, actor, opts.id);
  assertMaySeeChecklist(actor, app);
  const events = await db
    .selectFrom('application_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .leftJoin('orgs as o', 'o.id', 'e.actor_org_id')
    .select(['e.action', 'e.seq', 'e.at', 'e.comment', 'u.display_name', 'o.name as org_name'])
    .where('e.application_id', '=', app.id)
    .where('e.action', 'in', ['submit', 'return'])
    .orderBy('e.seq')
    .execute();
  const retIndex = events.findLastIndex((e) => e.action === 'return');
  const ret = events[retIndex];
  if (!ret) return { returned: null, resubmitted: false, current: null, ...NONE };
  const snapshots = await db
    .selectFrom('application_snapshots')
    .select(['id', 'seq', 'content', 'created_at'])
    .where('application_id', '=', app.id)
    .orderBy('seq')
    .execute();
  // Each submission froze the next snapshot: the k-th submit made snapshot k. The version returned is
  // the last one submitted before the return (by time when the submissions are not on record).
  const submitsBefore = events.slice(0, retIndex).filter((e) => e.action === 'submit').length;
  const returnedAt = new Date(ret.at).getTime();
  const before =
    submitsBefore > 0
      ? snapshots.find((s) => Number(s.seq) === submitsBefore)
      : snapshots.filter((s) => new Date(s.created_at).getTime() <= returnedAt).at(-1);
  const after = snapshots.find((s) => s.id === app.current_snapshot_id);
  const returned = {
    at: ret.at,
    by: [ret.org_name, ret.display_name].filter(Boolean).join(' ') || null,
    comment: ret.comment,
    snapshotSeq: before ? Number(before.seq) : null,
  };
  const resubmitted =
    events.slice(retIndex + 1).some((e) => e.action === 'submit') && !!after && app.status !== 'returned';
  if (!before || !after || !resubmitted || before.id === after.id)
    return {
      returned,
      resubmitted,
      current: after ? { snapshotSeq: Number(after.seq), submittedAt: after.created_at } : null,
      ...NONE,
    };
  const was = readSnapshot(before.content, `snapshot ${before.id}`);
  const now = readSnapshot(after.content, `snapshot ${after.id}`);
  return {
    returned,
    resubmitted: true,
    current: { snapshotSeq: Number(after.seq), submittedAt: after.created_at },
    fields: fieldChanges(was, now),
    sections: sectionChanges(was, now),
    files: fileChanges(snapshotFiles(was), snapshotFiles(now)).map((f) => ({
      ...f,
      kindLabel: applicationFileKindLabels[f.kind as ApplicationFileKind] ?? f.kind,
    })),
  };
}
