import { loadConfig } from '../config.js';
import { openDatabase, type Database } from '../db/database.js';
import { sqliteFile } from '../db/prepare.js';

/** Opens the database the server would use, from the same environment variables. */
export function openConfiguredDatabase(): Database {
  const config = loadConfig();
  return openDatabase({ url: config.DATABASE_URL, sqlitePath: sqliteFile(config) });
}
