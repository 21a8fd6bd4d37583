import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.js';
import { TestClock } from '../../src/server/clock.js';
import { prepareDatabase, sqliteFile } from '../../src/server/db/prepare.js';
import { saveFile } from '../../src/server/files/store.js';
import { localFileStore } from '../../src/server/files/fileStore.js';
import { pdf } from '../helpers/applications.js';

/** Issue 11, item 8: the SQLite file was created 0644 and DATA_DIR 0755. */

const mode = (p: string) => fs.statSync(p).mode & 0o777;
const dirs: string[] = [];
const tempDataDir = () => {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'msf-modes-')), 'data');
  dirs.push(path.dirname(dir));
  return dir;
};

afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('file modes', () => {
  it('creates DATA_DIR and its files directory 0700, the SQLite file and its WAL 0600, stored files 0600', async () => {
    const dataDir = tempDataDir();
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SEED_DEMO: '0', DATA_DIR: dataDir });
    const { database } = await prepareDatabase(config, new TestClock());
    try {
      await database.db
        .insertInto('idempotency_keys')
        .values({
          key: 'k-modes-1',
          user_id: 'u',
          route: 'POST /x',
          status_code: 200,
          body: '{}',
          created_at: new Date().toISOString(),
        })
        .execute();
      expect(mode(dataDir)).toBe(0o700);
      expect(mode(path.join(dataDir, 'files'))).toBe(0o700);
      expect(mode(sqliteFile(config))).toBe(0o600);
      expect(mode(`${sqliteFile(config)}-wal`)).toBe(0o600);
      const stored = await saveFile(localFileStore(dataDir), pdf());
      const file = path.join(dataDir, 'files', stored.sha256.slice(0, 2), stored.sha256);
      expect(mode(file)).toBe(0o600);
      expect(mode(path.dirname(file))).toBe(0o700);
    } finally {
      await database.destroy();
    }
  });

  it('tightens a data directory and database left readable by an earlier version', async () => {
    const dataDir = tempDataDir();
    fs.mkdirSync(path.join(dataDir, 'files'), { recursive: true, mode: 0o755 });
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SEED_DEMO: '0', DATA_DIR: dataDir });
    fs.writeFileSync(sqliteFile(config), '');
    fs.chmodSync(sqliteFile(config), 0o644);
    fs.chmodSync(dataDir, 0o755);
    fs.chmodSync(path.join(dataDir, 'files'), 0o755);
    const { database } = await prepareDatabase(config, new TestClock());
    await database.destroy();
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(path.join(dataDir, 'files'))).toBe(0o700);
    expect(mode(sqliteFile(config))).toBe(0o600);
  });
});
