import type { Trx } from '../../db/database.js';

/**
 * When an application comes back to the province (a supplementary dispatch after a correction), the
 * paper registered for it before may no longer be the submission now current: copies that matched an
 * older snapshot, and copies registered without a code before the current snapshot was made, become
 * `outdated` and stop counting toward the two expected. Returns how many were marked.
 */
export async function outdateStalePaperCopies(trx: Trx, applicationId: string): Promise<number> {
  const current = await trx
    .selectFrom('applications as a')
    .innerJoin('application_snapshots as s', 's.id', 'a.current_snapshot_id')
    .select(['s.id', 's.created_at'])
    .where('a.id', '=', applicationId)
    .executeTakeFirst();
  if (!current) return 0;
  const res = await trx
    .updateTable('paper_copies')
    .set({ code_status: 'outdated' })
    .where('application_id', '=', applicationId)
    .where((eb) =>
      eb.or([
        eb.and([eb('code_status', '=', 'match'), eb('snapshot_id', '<>', current.id)]),
        eb.and([eb('code_status', 'is', null), eb('registered_at', '<', current.created_at)]),
      ]),
    )
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}
