import { verifyAuditChain } from '../audit/verify.js';
import { openDatabase } from '../db/database.js';

/**
 * The audit verification after a restore: the same code as `npm run audit:verify`, through its
 * exported entry point, on the restored database.
 */
export async function verifyRestoredAudit(opts: {
  databaseUrl?: string;
  sqlitePath: string;
  pgSchema?: string;
}): Promise<{ ok: boolean; message: string }> {
  const database = openDatabase({
    url: opts.databaseUrl,
    sqlitePath: opts.sqlitePath,
    ...(opts.pgSchema ? { pgSchema: opts.pgSchema } : {}),
    poolSize: 2,
  });
  try {
    const result = await verifyAuditChain(database.db);
    return result.ok
      ? { ok: true, message: `audit log intact: ${result.count} records verified` }
      : {
          ok: false,
          message: `audit log BROKEN at record ${result.brokenAt}: ${result.reason} (${result.count} records before it verified)`,
        };
  } finally {
    await database.destroy();
  }
}
