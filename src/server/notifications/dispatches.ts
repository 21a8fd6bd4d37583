import type { Executor } from '../db/database.js';
import { findOrg } from '../repositories/orgs.js';
import { activeUsers, usersInProvince, usersOfOrg } from '../repositories/notifications.js';
import { messages } from './messages.js';
import { notify } from './notify.js';

interface DispatchRef {
  id: string;
  level: string;
  from_org_id: string;
  province_id: string;
}

/** A dispatch was sent: its receivers (the acceptance centre, or the Ministry) hear of it, once per dispatch. */
export async function notifyDispatchSent(trx: Executor, now: Date, d: DispatchRef, count: number): Promise<void> {
  const from = await findOrg(trx, d.from_org_id);
  const level = d.level === 'province' ? 'province' : 'city';
  const recipients =
    level === 'city'
      ? await usersInProvince(trx, d.province_id, ['acceptance_clerk'])
      : await usersInProvince(trx, null, ['ministry_officer']);
  await notify(trx, now, recipients, messages.dispatchSent({ id: d.id, fromName: from?.name ?? '', count, level }));
}

/** The approvers who sign a dispatch of this level: the city's approvers, or the province's 分管领导. */
const approvers = (trx: Executor, d: DispatchRef) =>
  d.level === 'province'
    ? usersInProvince(trx, d.province_id, ['province_approver'])
    : usersOfOrg(trx, d.from_org_id, ['city_approver']);

/** A package waits for signature (new, or edited after a send-back): its approvers hear of it. */
export async function notifyDispatchToSign(trx: Executor, now: Date, d: DispatchRef): Promise<void> {
  const from = await findOrg(trx, d.from_org_id);
  const level = d.level === 'province' ? 'province' : 'city';
  await notify(
    trx,
    now,
    await approvers(trx, d),
    messages.dispatchToSign({ id: d.id, fromName: from?.name ?? '', level }),
  );
}

/** The approver sent a package back: its builder hears why. */
export async function notifyDispatchReturned(
  trx: Executor,
  now: Date,
  d: DispatchRef & { created_by: string },
  comment: string,
): Promise<void> {
  const builder = await activeUsers(trx, [d.created_by]);
  await notify(trx, now, builder, messages.dispatchReturned({ id: d.id, comment }));
}

/** A dispatch was received: its senders (the city bureau, or the province officers) hear of it. */
export async function notifyDispatchReceived(
  trx: Executor,
  now: Date,
  d: DispatchRef,
  count: number,
  receiverOrgId: string,
): Promise<void> {
  const receiver = await findOrg(trx, receiverOrgId);
  // A province dispatch comes from the province (its officers sit in its departments); a city one from the bureau.
  const senders =
    d.level === 'province'
      ? await usersInProvince(trx, d.province_id, ['province_officer', 'province_approver'])
      : await usersOfOrg(trx, d.from_org_id, ['city_reviewer', 'city_approver']);
  await notify(trx, now, senders, messages.dispatchReceived({ id: d.id, toName: receiver?.name ?? '', count }));
}
