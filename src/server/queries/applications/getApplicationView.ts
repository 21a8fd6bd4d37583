import type { DraftContent } from '../../../domain/application.js';
import type { Actor } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { allowedActions, viewsAsUnit } from '../../policies/applications.js';
import { assessmentActions } from '../../policies/experts.js';
import {
  findPledgeForSnapshot,
  findSnapshot,
  listEvents,
  listFiles,
  type ApplicationRow,
} from '../../repositories/applications.js';
import { effectiveDeadline } from '../../repositories/deadlines.js';
import { findOrg } from '../../repositories/orgs.js';
import { isPublished } from '../../repositories/publications.js';
import { gatherActionFacts } from '../../commands/applications/actionFacts.js';
import { loadVisibleApplication } from '../../commands/applications/loadApplication.js';

/** Everything the detail response shows, for the actor. */
export interface ApplicationView {
  app: ApplicationRow;
  content: DraftContent;
  files: Awaited<ReturnType<typeof listFiles>>;
  events: Awaited<ReturnType<typeof listEvents>>;
  snapshot: { seq: number; sha256: string; created_at: string } | null;
  pledge: { signer_name: string; signed_at: string; snapshot_sha256: string } | null;
  deadline: Date | null;
  allowedActions: ReturnType<typeof allowedActions>;
  /** Assessment actions beside the workflow (the province officer's expert assignment). */
  assessmentActions: ReturnType<typeof assessmentActions>;
  /** The viewer is an account of the applicant unit (sees the working copy and no personal names). */
  viewerIsUnit: boolean;
  /** The unit's own last save of the working copy, for the unit's accounts. */
  lastSave: { at: string; byName: string | null } | null;
  /** The unit's registered 法定代表人 (issue 17). */
  unitLegalRepresentative: string | null;
  now: Date;
}

/**
 * Reads one application as the actor sees it (404 outside its reach). The applicant unit sees its
 * working copy; everyone else the content as last submitted, which is what the pledge is bound to.
 */
export async function getApplicationView(opts: {
  db: Executor;
  actor: Actor;
  id: string;
  now: Date;
}): Promise<ApplicationView> {
  const { db, actor, now } = opts;
  const loaded = await loadVisibleApplication(db, actor, opts.id);
  const viewerIsUnit = viewsAsUnit(actor, loaded);
  // The Ministry's decision reaches the applicant when it is published (issue 14): until then the
  // unit sees its application still with the Ministry, without the decision in its timeline.
  const unpublishedDecision =
    viewerIsUnit && ['filed', 'not_filed'].includes(loaded.status) && !(await isPublished(db, loaded.id));
  const app = unpublishedDecision ? { ...loaded, status: 'dispatched_to_ministry' } : loaded;
  const [files, events, snapshotRow, deadline, facts] = await Promise.all([
    listFiles(db, app.id),
    listEvents(db, app.id).then((all) =>
      unpublishedDecision ? all.filter((e) => e.action !== 'file' && e.action !== 'reject') : all,
    ),
    app.current_snapshot_id ? findSnapshot(db, app.current_snapshot_id) : Promise.resolve(undefined),
    effectiveDeadline(db, app.batch_id, 'applicant', { cityId: app.city_id, provinceId: app.province_id }),
    gatherActionFacts(db, actor, app, now),
  ]);
  const pledge = snapshotRow ? await findPledgeForSnapshot(db, snapshotRow.id) : undefined;
  const unit = await findOrg(db, app.unit_id);
  const saver =
    viewerIsUnit && app.saved_by
      ? await db.selectFrom('users').select('display_name').where('id', '=', app.saved_by).executeTakeFirst()
      : undefined;
  const content: DraftContent = viewerIsUnit || !snapshotRow ? app.content : snapshotRow.content;
  return {
    app,
    content,
    files,
    events,
    snapshot: snapshotRow
      ? { seq: Number(snapshotRow.seq), sha256: snapshotRow.sha256, created_at: snapshotRow.created_at }
      : null,
    pledge: pledge ?? null,
    deadline,
    allowedActions: allowedActions(actor, app, facts),
    assessmentActions: assessmentActions(actor, app),
    viewerIsUnit,
    lastSave: viewerIsUnit && app.saved_at ? { at: app.saved_at, byName: saver?.display_name ?? null } : null,
    unitLegalRepresentative: unit?.legal_representative ?? null,
    now,
  };
}
