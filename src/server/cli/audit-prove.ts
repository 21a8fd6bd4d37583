import fs from 'node:fs';
import { loadConfig } from '../config.js';
import { publicKeyFromPem } from '../audit/keys.js';
import { buildProof, checkProof, type InclusionProof } from '../audit/proof.js';
import { openConfiguredDatabase } from './db.js';

/**
 * npm run audit:prove -- SEQ              builds record SEQ's inclusion proof from the database and checks it
 * npm run audit:prove -- --file P.json    checks a downloaded proof offline (no database)
 * Either with [--public-key FILE] (default: the configured key file). Exits 1 when the proof fails.
 */
const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const config = loadConfig();
const key = publicKeyFromPem(fs.readFileSync(opt('--public-key') ?? config.auditSigningKeyFile, 'utf8'));
let proof: InclusionProof | null = null;
const file = opt('--file');
if (file) {
  proof = JSON.parse(fs.readFileSync(file, 'utf8')) as InclusionProof;
} else {
  const seq = Number(args.find((a) => /^\d+$/.test(a)));
  if (!Number.isSafeInteger(seq) || seq < 1) {
    console.error('usage: npm run audit:prove -- SEQ | --file proof.json [--public-key key.pem]');
    process.exit(2);
  }
  const database = openConfiguredDatabase();
  try {
    const r = await buildProof(database.db, seq, key);
    if (r.status !== 'sealed') {
      console.error(
        r.status === 'pending' ? `Record ${seq} is not sealed yet (待封存).` : `Record ${seq} does not exist.`,
      );
      process.exitCode = 1;
    } else proof = r.proof;
  } finally {
    await database.destroy();
  }
}
if (proof) {
  const problem = checkProof(proof, key.publicKey);
  if (problem) {
    console.error(`Proof of record ${proof.seq} FAILS: ${problem}`);
    process.exitCode = 1;
  } else {
    console.log(
      `Record ${proof.seq} is included in seal ${proof.seal.id} (records ${proof.seal.first_seq}–${proof.seal.last_seq}, ` +
        `root ${proof.seal.root}, sealed ${proof.seal.sealed_at}), signature valid for key ${key.keyId}.`,
    );
  }
}
