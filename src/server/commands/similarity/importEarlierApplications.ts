import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { readManifest, type ManifestRow } from '../../../domain/similarity/importManifest.js';
import { IMPORTED_BATCH_NAME, splitImportedText } from '../../../domain/similarity/importSections.js';
import {
  documentFingerprints,
  normalizeText,
  prepareDocument,
  type SectionText,
} from '../../../domain/similarity/index.js';
import { appendAudit } from '../../audit/audit.js';
import type { Db } from '../../db/database.js';
import { findImportsByHash, insertImportedDocument } from '../../repositories/similarityImports.js';
import { extractImportText, ImportFileError, type ImportFileType } from '../../similarity/importText.js';

export interface ImportRowResult {
  /** The row's line in the CSV (the header is line 1). */
  line: number;
  file: string;
  status: 'imported' | 'skipped' | 'failed';
  /** Why a row failed or was skipped (Chinese · English); what was imported otherwise. */
  message: string;
  /** The import id (imported, or the earlier import a skipped row repeats). */
  importId?: string;
}

export interface ImportRunResult {
  runId: string;
  /** The CSV read (its path). */
  csv: string;
  imported: number;
  skipped: number;
  failed: number;
  rows: ImportRowResult[];
}

/** A failure of the whole run (no folder, no CSV, a bad header): nothing is imported. */
export class ImportRunError extends Error {}

interface Parsed {
  row: ManifestRow;
  type: ImportFileType;
  sections: SectionText[];
  hash: string;
}

/** The CSV beside the files: the one given (relative to the folder or absolute), else the folder's only .csv. */
async function findCsv(dir: string, csv: string | undefined): Promise<string> {
  if (csv) return path.resolve(dir, csv);
  const found = (await fs.readdir(dir)).filter((f) => f.toLowerCase().endsWith('.csv'));
  if (found.length === 1) return path.join(dir, found[0]!);
  throw new ImportRunError(
    found.length === 0
      ? `目录中没有 CSV 文件 · no .csv file in ${dir}`
      : `目录中有多个 CSV 文件，请用 --csv 指定 · several .csv files in ${dir} (${found.join(', ')}): name one with --csv`,
  );
}

/** A CSV saved by Excel is UTF-8 (with or without BOM) or, in China, GB18030/GBK: both are read. */
async function readCsvText(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch {
    throw new ImportRunError(`无法读取 CSV 文件 · cannot read the CSV ${file}`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** The file a row names, inside the folder (a path leading out of it is refused). */
function rowPath(dir: string, file: string): string {
  const full = path.resolve(dir, file);
  const rel = path.relative(dir, full);
  if (rel.startsWith('..') || path.isAbsolute(rel))
    throw new ImportFileError('文件不在导入目录内 · the file lies outside the imported folder');
  return full;
}

/** SHA-256 of the text's characters that count for 查重: the same document, however laid out, once. */
function contentHash(text: string): string {
  const { cps } = normalizeText(text);
  return createHash('sha256')
    .update(Buffer.from(cps.buffer, cps.byteOffset, cps.byteLength))
    .digest('hex');
}

/**
 * Imports a folder of earlier years' 申报书 (docx, PDF, text) as 查重 sources, with the facts of the
 * CSV beside them (`npm run similarity:import -- DIR`). Each file is read and split into the outline's
 * sections outside any transaction; then, in one transaction, the new ones (by content hash) are
 * added to the fingerprint index and the run is audited (similarity.import, with its counts). A bad
 * row (missing or unreadable file, bad year …) is reported and the others are imported; a document
 * already imported is skipped.
 */
export async function importEarlierApplications(
  db: Db,
  opts: { dir: string; csv?: string; now: Date },
): Promise<ImportRunResult> {
  const dir = path.resolve(opts.dir);
  const stat = await fs.stat(dir).catch(() => null);
  if (!stat?.isDirectory()) throw new ImportRunError(`目录不存在 · no such folder: ${dir}`);
  const csv = await findCsv(dir, opts.csv);
  const manifest = readManifest(await readCsvText(csv), opts.now.getUTCFullYear());
  if ('error' in manifest) throw new ImportRunError(manifest.error);

  const results = new Map<number, ImportRowResult>();
  for (const p of manifest.problems)
    results.set(p.line, { line: p.line, file: p.file, status: 'failed', message: p.message });
  const parsed: Parsed[] = [];
  for (const row of manifest.rows) {
    try {
      const { type, text } = await extractImportText(rowPath(dir, row.file));
      parsed.push({ row, type, sections: splitImportedText(text), hash: contentHash(text) });
    } catch (err) {
      if (!(err instanceof ImportFileError)) throw err;
      results.set(row.line, { line: row.line, file: row.file, status: 'failed', message: err.message });
    }
  }

  const runId = randomUUID();
  const at = opts.now.toISOString();
  await db.transaction().execute(async (trx) => {
    const known = await findImportsByHash(
      trx,
      parsed.map((p) => p.hash),
    );
    for (const p of parsed) {
      const { row } = p;
      const earlier = known.get(p.hash);
      if (earlier) {
        results.set(row.line, {
          line: row.line,
          file: row.file,
          status: 'skipped',
          importId: earlier.id,
          message: `内容已导入（${earlier.file_name}），跳过 · already imported as ${earlier.id} (${earlier.file_name}): skipped`,
        });
        continue;
      }
      const doc = prepareDocument(p.sections);
      const importId = `imp-${p.hash.slice(0, 16)}`;
      await insertImportedDocument(
        trx,
        {
          application_id: null,
          snapshot_id: null,
          unit_id: null,
          uscc: row.uscc,
          unit_name: row.unitName,
          space_name: row.spaceName,
          number: row.file,
          city_id: null,
          city_name: row.cityName,
          province_id: null,
          batch_id: null,
          batch_name: IMPORTED_BATCH_NAME,
          year: row.year,
          sections: JSON.stringify(p.sections),
          char_count: doc.length,
          source_file: row.file,
          indexed_at: at,
        },
        documentFingerprints(doc),
        {
          id: importId,
          content_hash: p.hash,
          file_name: row.file,
          file_type: p.type,
          year: row.year,
          unit_name: row.unitName,
          uscc: row.uscc,
          space_name: row.spaceName,
          city_name: row.cityName,
          province_name: row.provinceName,
          char_count: doc.length,
          sections: p.sections.length,
          import_run: runId,
          imported_at: at,
        },
      );
      known.set(p.hash, { id: importId, file_name: row.file });
      const keys = p.sections.map((s) => s.key).join(', ');
      results.set(row.line, {
        line: row.line,
        file: row.file,
        status: 'imported',
        importId,
        message: `已导入，${doc.length} 字，${p.sections.length} 个部分 · imported as ${importId}: ${doc.length} characters, sections ${keys}`,
      });
    }
    const rows = [...results.values()].sort((a, b) => a.line - b.line);
    await appendAudit(
      trx,
      { actor: null, ip: null, requestId: null, now: opts.now },
      {
        action: 'similarity.import',
        actorName: 'cli',
        target: { type: 'similarity_import', id: runId },
        summary: {
          csv: path.basename(csv),
          rows: rows.length,
          imported: rows.filter((r) => r.status === 'imported').length,
          skipped: rows.filter((r) => r.status === 'skipped').length,
          failed: rows.filter((r) => r.status === 'failed').length,
          via: 'command line',
        },
      },
    );
  });
  const rows = [...results.values()].sort((a, b) => a.line - b.line);
  const count = (s: ImportRowResult['status']) => rows.filter((r) => r.status === s).length;
  return { runId, csv, imported: count('imported'), skipped: count('skipped'), failed: count('failed'), rows };
}
