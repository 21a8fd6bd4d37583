import { randomUUID } from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { hashFile, type Part } from './manifest.js';

/**
 * Copying the data directories (uploads, audit keys and anchors) into and out of a backup. Uploads are
 * content-addressed and written before the rows that name them, so copying them after the database
 * dump carries every file the dump refers to.
 */

/** Every regular file under dir, as paths relative to it (forward slashes); temporary uploads left out. */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(rel: string): Promise<void> {
    const entries = await fsp
      .readdir(path.join(dir, rel), { withFileTypes: true })
      .catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return [];
        throw err;
      });
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(child);
      else if (e.isFile() && !/^\.upload-.*\.tmp$/.test(e.name)) out.push(child);
    }
  }
  await walk('');
  return out;
}

/**
 * Copies dataDir/<sub> into backupDir/<sub>, file by file, and returns one part per file copied (hashed
 * from the copy). A file removed meanwhile (an unreferenced upload purged) is skipped.
 */
export async function copyIntoBackup(dataDir: string, sub: string, backupDir: string): Promise<Part[]> {
  const parts: Part[] = [];
  for (const rel of await listFiles(path.join(dataDir, sub))) {
    const from = path.join(dataDir, sub, ...rel.split('/'));
    const to = path.join(backupDir, sub, ...rel.split('/'));
    await fsp.mkdir(path.dirname(to), { recursive: true, mode: 0o700 });
    try {
      await fsp.copyFile(from, to);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw err;
    }
    await fsp.chmod(to, 0o600);
    parts.push({ path: `${sub}/${rel}`, ...(await hashFile(to)) });
  }
  return parts;
}

/** Copies one verified part of a backup into the data directory, atomically (temporary name, then rename). */
export async function restorePart(backupDir: string, part: Part, dataDir: string, mode: number): Promise<void> {
  const segments = part.path.split('/');
  const to = path.join(dataDir, ...segments);
  if (!to.startsWith(dataDir + path.sep)) throw new Error(`${part.path}: outside the data directory`);
  await fsp.mkdir(path.dirname(to), { recursive: true, mode: 0o700 });
  const tmp = path.join(path.dirname(to), `.restore-${randomUUID()}.tmp`);
  await fsp.copyFile(path.join(backupDir, ...segments), tmp);
  await fsp.chmod(tmp, mode);
  await fsp.rename(tmp, to);
}

/** Whether a directory holds any regular file (at any depth). */
export async function hasAnyFile(dir: string): Promise<boolean> {
  return (await listFiles(dir)).length > 0;
}
