import type { ApplicationAction } from '../../domain/workflow.js';
import type { Executor } from '../db/database.js';
import { usersOfOrg } from '../repositories/notifications.js';
import { messages, type AppInfo } from './messages.js';
import { notify, type NotificationContent } from './notify.js';

/** What the messages need to know about an application, and where its people are. */
export async function loadAppInfo(db: Executor, id: string) {
  const r = await db
    .selectFrom('applications as a')
    .innerJoin('orgs as unit', 'unit.id', 'a.unit_id')
    .innerJoin('orgs as city', 'city.id', 'a.city_id')
    .innerJoin('batches as b', 'b.id', 'a.batch_id')
    .select([
      'a.id',
      'a.space_name',
      'a.number',
      'a.unit_id',
      'a.city_id',
      'a.province_id',
      'unit.name as unit_name',
      'city.name as city_org_name',
      'city.short_name as city_short_name',
      'b.name as batch_name',
    ])
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (!r) return null;
  const info: AppInfo = {
    id: r.id,
    spaceName: r.space_name,
    number: r.number,
    unitName: r.unit_name,
    cityName: r.city_short_name ?? r.city_org_name,
    cityOrgName: r.city_org_name,
    batchName: r.batch_name,
  };
  return { info, unitId: r.unit_id, cityId: r.city_id, provinceId: r.province_id };
}

type Audience = 'applicant' | 'city_reviewers' | 'city_approvers';
type Notice = [Audience, (a: AppInfo, comment: string | null) => NotificationContent];

/** Who hears of each status change, and what. Actions not listed notify nobody. */
const TRANSITION_NOTICES: Partial<Record<ApplicationAction, Notice[]>> = {
  return: [['applicant', messages.returned]],
  decline: [['applicant', messages.declined]],
  recommend: [
    ['applicant', messages.recommendedToApplicant],
    ['city_approvers', messages.recommendedToApprover],
  ],
  dispatch_to_province: [['applicant', messages.dispatchedToProvince]],
  request_correction: [
    ['applicant', messages.correctionToApplicant],
    ['city_reviewers', messages.correctionToCity],
  ],
  dispatch_to_ministry: [['applicant', messages.dispatchedToMinistry]],
  // 予以备案 / 不予备案 reach the applicant when the Ministry publishes the batch's list (publishBatch).
};

/**
 * The notify step of applyTransition: writes the notifications (and e-mails) of one status change
 * in the same transaction as the change.
 */
export async function notifyTransition(
  trx: Executor,
  now: Date,
  e: { applicationId: string; action: ApplicationAction; comment: string | null },
): Promise<void> {
  const notices = TRANSITION_NOTICES[e.action];
  if (!notices) return;
  const app = await loadAppInfo(trx, e.applicationId);
  if (!app) return;
  for (const [audience, message] of notices) {
    const recipients =
      audience === 'applicant'
        ? await usersOfOrg(trx, app.unitId, ['applicant'])
        : await usersOfOrg(trx, app.cityId, [audience === 'city_reviewers' ? 'city_reviewer' : 'city_approver']);
    await notify(trx, now, recipients, message(app.info, e.comment));
  }
}
