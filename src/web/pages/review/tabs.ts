import { APPLICATION_STATUSES, type ApplicationStatus } from '../../../domain/workflow.js';
import { m } from '../../i18n';
import type { QueueTab } from './ApplicationQueue';

const t = m.review.tabs;

/** Every status after submission (the authorities never list drafts). */
export const AFTER_SUBMISSION: ApplicationStatus[] = APPLICATION_STATUSES.filter(
  (s) => s !== 'draft' && s !== 'withdrawn',
);

const tab = (key: string, label: string, statuses: ApplicationStatus[]): QueueTab => ({ key, label, statuses });

export const cityTabs: QueueTab[] = [
  tab('submitted', t.submitted, ['submitted']),
  tab('correction', t.correction, ['correction_requested']),
  tab('returned', t.returned, ['returned']),
  tab('recommended', t.recommended, ['recommended']),
  tab('declined', t.declined, ['declined']),
  tab('dispatched', t.dispatched, ['dispatched_to_province']),
  tab('all', t.all, AFTER_SUBMISSION),
];

export const acceptanceTabs: QueueTab[] = [
  tab('incoming', t.toAccept, ['dispatched_to_province']),
  tab('accepted', t.accepted, ['accepted']),
  tab('correction', t.correction, ['correction_requested']),
  tab('all', t.all, AFTER_SUBMISSION),
];

export const provinceTabs: QueueTab[] = [
  tab('accepted', t.toAssess, ['accepted']),
  tab('recommended', t.provinceRecommended, ['province_recommended']),
  tab('declined', t.provinceDeclined, ['province_declined']),
  tab('dispatched', t.toMinistry, ['dispatched_to_ministry']),
  tab('filed', t.filed, ['filed']),
  tab('cancelled', t.cancelled, ['cancelled']),
  tab('all', t.all, AFTER_SUBMISSION),
];

export const ministryTabs: QueueTab[] = [
  tab('incoming', t.toFile, ['dispatched_to_ministry']),
  tab('filed', t.filed, ['filed']),
  tab('notFiled', t.notFiled, ['not_filed']),
  tab('cancelled', t.cancelled, ['cancelled']),
  tab('all', t.all, ['dispatched_to_ministry', 'filed', 'not_filed', 'cancelled']),
];
