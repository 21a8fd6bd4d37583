import fs from 'node:fs';
import { loadConfig } from '../config.js';
import { publicKeyFromPem } from '../audit/keys.js';
import { anchorSink } from '../audit/service.js';
import { verifyAuditChain } from '../audit/verify.js';
import { openConfiguredDatabase } from './db.js';

/**
 * npm run audit:verify [-- --public-key FILE] [-- --anchors DIR] — verifies every record's hash, every
 * seal's root, link and signature, that nothing older than two sealing intervals is unsealed, and the
 * seals against the anchors (the directory, and the Object Lock bucket when AUDIT_ANCHOR_S3_BUCKET is set); prints the public key it checked with; exits 1 naming the first problem.
 * A province verifies with its own copy of the public key and of the anchors.
 */
const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const config = loadConfig();
const keyFile = opt('--public-key') ?? config.auditSigningKeyFile;
const anchorDir = opt('--anchors') ?? config.auditAnchorDir;
const { publicKey, publicPem, keyId } = publicKeyFromPem(fs.readFileSync(keyFile, 'utf8'));
console.log(`Public key (${keyId}):\n${publicPem.trim()}`);
const database = openConfiguredDatabase();
try {
  const r = await verifyAuditChain(database.db, {
    publicKey,
    anchors: anchorSink(config, anchorDir),
    now: new Date(),
    intervalMs: config.AUDIT_SEAL_INTERVAL_MS,
  });
  if (r.ok) {
    console.log(
      `Audit log intact (${database.dialect}): ${r.count} records, ${r.sealed} of them in ${r.seals} signed seals ` +
        `(latest: ${r.latestSeal ?? '—'}), ${r.anchored ?? 0} anchored seal heads match.`,
    );
  } else {
    console.error(
      `Audit log BROKEN${r.brokenAt !== undefined ? ` at record ${r.brokenAt}` : ''}` +
        `${r.sealId !== undefined ? ` (seal ${r.sealId})` : ''}: ${r.reason}. ${r.count} records verified before it.`,
    );
    process.exitCode = 1;
  }
} finally {
  await database.destroy();
}
