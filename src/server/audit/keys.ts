import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface AuditSigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SubjectPublicKeyInfo PEM, as served at GET /api/audit/public-key. */
  publicPem: string;
  /** First 16 hex digits of SHA-256 over the public key's DER: names the key in every seal. */
  keyId: string;
}

export function publicKeyId(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

export function publicKeyFromPem(pem: string): { publicKey: KeyObject; publicPem: string; keyId: string } {
  // A private key file also yields its public key.
  const publicKey = pem.includes('PRIVATE KEY') ? createPublicKey(createPrivateKey(pem)) : createPublicKey(pem);
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new Error('the audit key must be an Ed25519 key');
  return {
    publicKey,
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyId: publicKeyId(publicKey),
  };
}

/**
 * The seals' Ed25519 signing key, kept in a file outside the database (AUDIT_SIGNING_KEY_FILE).
 * Created at first start, readable by the server's user only (0600, its directory 0700); an existing
 * file is never overwritten. Production puts it where the database administrator cannot read it.
 */
export function loadSigningKey(file: string, opts: { create: boolean } = { create: true }): AuditSigningKey {
  if (!fs.existsSync(file)) {
    if (!opts.create) throw new Error(`audit signing key ${file} does not exist`);
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    try {
      // 'wx': another process starting at the same moment keeps its key; we read it below.
      fs.writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  const privateKey = createPrivateKey(fs.readFileSync(file, 'utf8'));
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`audit signing key ${file} is not an Ed25519 key`);
  return { privateKey, ...publicKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()) };
}
