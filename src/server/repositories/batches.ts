import type { Executor } from '../db/database.js';
import { listDeadlines, listExtensions } from './deadlines.js';
import type { BatchTable } from '../db/schema.js';
import type { BatchSort } from '../../domain/schemas/batches.js';
import { countAll, orderBySort, paginate, type PageRequest } from '../queries/pagination.js';

export const findBatch = (db: Executor, id: string) =>
  db.selectFrom('batches').selectAll().where('id', '=', id).executeTakeFirst();

export const findBatchByName = (db: Executor, name: string) =>
  db.selectFrom('batches').selectAll().where('name', '=', name).executeTakeFirst();

const SORT_COLUMNS: Record<BatchSort, readonly string[]> = {
  year: ['batches.year', 'batches.created_at'],
  name: ['batches.name'],
  status: ['batches.status'],
  createdAt: ['batches.created_at'],
};

/** One page of the batches (by default the newest year first), with the total under the status filter. */
export function listBatches(db: Executor, f: { status?: string }, req: PageRequest<BatchSort>) {
  const base = () => db.selectFrom('batches').$if(!!f.status, (q) => q.where('status', '=', f.status!));
  return paginate(req, {
    rows: (limit, offset) =>
      orderBySort(base().selectAll(), req, SORT_COLUMNS, ['batches.id']).limit(limit).offset(offset).execute(),
    count: async () => (await base().select(countAll()).executeTakeFirstOrThrow()).n,
  });
}

export const insertBatch = (db: Executor, row: BatchTable) => db.insertInto('batches').values(row).execute();

/** Updates a batch only if it still has the version the change was based on; false otherwise. */
export async function updateBatch(
  db: Executor,
  id: string,
  version: number,
  changes: Partial<Omit<BatchTable, 'id' | 'version'>>,
  now: Date,
): Promise<boolean> {
  const res = await db
    .updateTable('batches')
    .set({ ...changes, updated_at: now.toISOString(), version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** The documents of the given batches, in their display order. */
export const listBatchDocuments = (db: Executor, batchIds: string[]) =>
  batchIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('batch_documents')
        .selectAll()
        .where('batch_id', 'in', batchIds)
        .orderBy('sort_order')
        .orderBy('created_at')
        .orderBy('id')
        .execute();

export const findBatchDocument = (db: Executor, batchId: string, docId: string) =>
  db
    .selectFrom('batch_documents')
    .selectAll()
    .where('batch_id', '=', batchId)
    .where('id', '=', docId)
    .executeTakeFirst();

export async function nextDocumentSortOrder(db: Executor, batchId: string): Promise<number> {
  const row = await db
    .selectFrom('batch_documents')
    .select((eb) => eb.fn.max('sort_order').as('n'))
    .where('batch_id', '=', batchId)
    .executeTakeFirst();
  return row?.n == null ? 0 : Number(row.n) + 1;
}

/** Everything a batch is shown with: its documents, deadlines and their extensions. */
export async function findBatchRelations(db: Executor, batchIds: string[]) {
  const [documents, deadlines] = await Promise.all([listBatchDocuments(db, batchIds), listDeadlines(db, batchIds)]);
  const extensions = await listExtensions(
    db,
    deadlines.map((d) => d.id),
  );
  return { documents, deadlines, extensions };
}
export type BatchRelations = Awaited<ReturnType<typeof findBatchRelations>>;
