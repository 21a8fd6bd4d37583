import type { Executor } from '../db/database.js';

/** Every provincial-level unit (provinces, cities with separate planning status, the XPCC) in official order. */
export const provincesInOrder = (db: Executor) =>
  db
    .selectFrom('orgs')
    .select(['id', 'name', 'short_name'])
    .where('kind', '=', 'province')
    .orderBy('sort_order')
    .orderBy('name')
    .execute();

/** Applications in the given statuses, counted by province and status. */
export const countByProvinceStatus = (db: Executor, statuses: readonly string[], batchId?: string) =>
  db
    .selectFrom('applications')
    .select(['province_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', 'in', [...statuses])
    .$if(!!batchId, (q) => q.where('batch_id', '=', batchId!))
    .groupBy(['province_id', 'status'])
    .execute();

/** The provinces' lists to the Ministry, sent or received, counted by province and status. */
export const countProvinceDispatches = (db: Executor, batchId?: string) =>
  db
    .selectFrom('dispatches')
    .select(['province_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('level', '=', 'province')
    .where('status', 'in', ['sent', 'received'])
    .$if(!!batchId, (q) => q.where('batch_id', '=', batchId!))
    .groupBy(['province_id', 'status'])
    .execute();

/** Published decisions (予以备案 and 不予备案), counted by the province of the application. */
export const countPublishedByProvince = (db: Executor, batchId?: string) =>
  db
    .selectFrom('publication_items as pi')
    .innerJoin('applications as a', 'a.id', 'pi.application_id')
    .select(['a.province_id', (eb) => eb.fn.countAll<number>().as('n')])
    .$if(!!batchId, (q) => q.where('a.batch_id', '=', batchId!))
    .groupBy('a.province_id')
    .execute();
