import { opinionLevelActions, opinionLevelTitles, type OpinionLevel } from '../../../domain/opinions.js';
import { checklistLevelTitles } from '../../../domain/schemas/checklistLevels.js';
import { verificationCode } from '../../../domain/verification-code.js';
import { actionLabels, type ApplicationAction } from '../../../domain/workflow.js';
import type { Actor } from '../../context.js';
import type { Executor } from '../../db/database.js';
import type { OpinionFormInput } from '../../documents/opinionFormPdf.js';
import { assertMaySeeChecklist } from '../../policies/checklists.js';
import { findSnapshot, listEvents } from '../../repositories/applications.js';
import { findOrg } from '../../repositories/orgs.js';
import { loadVisibleApplication } from '../applications/loadApplication.js';
import { readChecklist } from '../review/reviewChecklist.js';

const PROVINCE_ROLES = ['province_officer', 'province_approver'];

/**
 * The input of one 审核意见表: the application (within the actor's reach; the applicant unit does not
 * see the authorities' review records), the level's checklist and every decision taken at the level
 * with its opinion. The body printed above the seal is the one that decided last at that level.
 */
export async function opinionFormInput(opts: {
  db: Executor;
  actor: Actor;
  id: string;
  level: OpinionLevel;
  now: Date;
}): Promise<{ input: OpinionFormInput; app: { id: string; number: string | null; unit_id: string } }> {
  const { db, actor, level } = opts;
  const app = await loadVisibleApplication(db, actor, opts.id);
  assertMaySeeChecklist(actor, app);
  const actions = opinionLevelActions[level] as readonly string[];
  const events = (await listEvents(db, app.id)).filter(
    (e) =>
      actions.includes(e.action) &&
      (level !== 'province' || e.action !== 'cancel_for_dishonesty' || PROVINCE_ROLES.includes(e.actor_role ?? '')),
  );
  const checklist = level === 'province' ? null : await readChecklist(db, app, level);
  const snapshot = app.current_snapshot_id ? await findSnapshot(db, app.current_snapshot_id) : undefined;
  const fallbackOrg = level === 'city' ? app.city_id : app.province_id;
  const lastOrg = events.at(-1)?.actor_org_name;
  const orgName = lastOrg ?? (await findOrg(db, fallbackOrg))?.name ?? '';
  return {
    app,
    input: {
      levelTitle: opinionLevelTitles[level],
      orgName,
      batchName: app.batch_name,
      number: app.number,
      spaceName: app.space_name,
      unitName: app.unit_name,
      cityName: app.city_name,
      verificationCode: snapshot ? verificationCode(snapshot.sha256) : null,
      checklistTitle: level === 'province' ? null : checklistLevelTitles[level],
      checklist: checklist?.items ?? [],
      checklistComment: checklist?.row?.comment ?? null,
      opinions: events.map((e) => ({
        action: actionLabels[e.action as ApplicationAction] ?? e.action,
        opinion: e.comment,
        by: [e.actor_org_name, e.actor_display_name].filter(Boolean).join(' '),
        at: e.at,
      })),
      printedAt: opts.now,
    },
  };
}
