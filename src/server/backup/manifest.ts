import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * The manifest of a backup directory: what each part is, its size and SHA-256, and what the backup
 * was taken from. Restore trusts nothing in the directory that the manifest does not vouch for.
 */

export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_FORMAT = 'makerspace-filing-backup';
/** The database parts' names inside a backup directory. */
export const SQLITE_PART = 'database.sqlite';
export const PG_PART = 'database.pgdump';
/** The DATA_DIR subdirectories a backup carries when present: uploads, audit signing keys, audit anchors. */
export const DATA_DIRS = ['files', 'keys', 'audit-anchors'] as const;

const partPath = z
  .string()
  .min(1)
  .refine(
    (p) =>
      p === SQLITE_PART ||
      p === PG_PART ||
      (DATA_DIRS.some((d) => p.startsWith(`${d}/`)) &&
        p.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..') &&
        !p.includes('\\') &&
        !p.includes('\0')),
    'part path outside the backup layout',
  );

const partSchema = z.object({
  path: partPath,
  size: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type Part = z.infer<typeof partSchema>;

export const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  formatVersion: z.literal(1),
  createdAt: z.string(),
  app: z.object({ name: z.string(), version: z.string() }),
  database: z.object({
    kind: z.enum(['sqlite', 'postgres']),
    part: z.enum([SQLITE_PART, PG_PART]),
    /** The migrations applied in the backed-up database (the schema version). */
    migrations: z.object({ count: z.number().int(), latest: z.string().nullable(), names: z.array(z.string()) }),
    /** PostgreSQL: the one schema dumped, when the application lives in a schema of its own. */
    pgSchema: z.string().nullable().optional(),
    /** PostgreSQL: extensions the dump's objects use, created before a schema-only restore. */
    extensions: z.array(z.object({ name: z.string(), schema: z.string() })).optional(),
    serverVersion: z.string().optional(),
    tool: z.string().optional(),
  }),
  files: z.discriminatedUnion('storage', [
    z.object({ storage: z.literal('local'), count: z.number().int(), bytes: z.number().int() }),
    z.object({ storage: z.literal('object'), bucket: z.string(), note: z.string() }),
  ]),
  parts: z.array(partSchema),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** SHA-256 and size of a file, streamed. */
export async function hashFile(file: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of fs.createReadStream(file)) {
    size += (chunk as Buffer).length;
    hash.update(chunk as Buffer);
  }
  return { sha256: hash.digest('hex'), size };
}

/** Reads and validates a backup directory's manifest; throws a message naming the problem. */
export async function readManifest(dir: string): Promise<Manifest> {
  const file = path.join(dir, MANIFEST_FILE);
  let raw: string;
  try {
    raw = await fsp.readFile(file, 'utf8');
  } catch {
    throw new Error(`${file} not found: not a backup directory.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new Error(`${file} is not valid JSON.`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file} is not a valid manifest: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const m = parsed.data;
  if (!m.parts.some((p) => p.path === m.database.part)) throw new Error(`${file} lists no database part.`);
  return m;
}

/**
 * Checks every part against the manifest (size, then SHA-256); returns the problems, empty when the
 * backup is intact. Nothing is restored from a backup with a problem.
 */
export async function checkParts(dir: string, manifest: Manifest): Promise<string[]> {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const part of manifest.parts) {
    if (seen.has(part.path)) {
      problems.push(`${part.path}: listed twice`);
      continue;
    }
    seen.add(part.path);
    const file = path.join(dir, ...part.path.split('/'));
    const stat = await fsp.lstat(file).catch(() => null);
    if (!stat?.isFile()) {
      problems.push(`${part.path}: missing`);
      continue;
    }
    if (stat.size !== part.size) {
      problems.push(`${part.path}: size ${stat.size}, manifest says ${part.size}`);
      continue;
    }
    const { sha256 } = await hashFile(file);
    if (sha256 !== part.sha256) problems.push(`${part.path}: SHA-256 does not match the manifest`);
  }
  return problems;
}

/** The application's name and version, from its package.json. */
export function appVersion(): { name: string; version: string } {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (fs.existsSync(candidate)) {
      const pkg = JSON.parse(fs.readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'makerspace-filing') return { name: pkg.name, version: pkg.version ?? 'unknown' };
    }
    const up = path.dirname(dir);
    if (up === dir) return { name: 'makerspace-filing', version: process.env.npm_package_version ?? 'unknown' };
    dir = up;
  }
}
