import { verifyAuditChain } from '../audit/verify.js';
import { openConfiguredDatabase } from './db.js';

/** npm run audit:verify — walks the audit chain and names the first record that does not fit. */
const database = openConfiguredDatabase();
try {
  const result = await verifyAuditChain(database.db);
  if (result.ok) {
    console.log(`Audit log intact: ${result.count} records, chain verified (${database.dialect}).`);
  } else {
    console.error(
      `Audit log BROKEN at record ${result.brokenAt}: ${result.reason}. ${result.count} records before it verified.`,
    );
    process.exitCode = 1;
  }
} finally {
  await database.destroy();
}
