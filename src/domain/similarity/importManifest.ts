/**
 * The CSV beside the files of `npm run similarity:import`: one row per earlier 申报书, with its file
 * and the facts a 查重 report shows about it. A header row names the columns, in Chinese or English
 * (any order; see COLUMNS). Rows are checked one by one: a bad row is reported and the others go on.
 */
import { normalizeUscc, usccProblem } from '../uscc.js';

/** The columns, each with the header names accepted (compared without spaces, case-insensitively). */
export const MANIFEST_COLUMNS = {
  file: ['file', 'filename', '文件', '文件名'],
  year: ['year', '年度', '申报年度', '年份'],
  unitName: ['unit', 'unitname', '单位', '单位名称', '运营主体', '申报单位'],
  uscc: ['uscc', '统一社会信用代码', '信用代码'],
  spaceName: ['space', 'spacename', '空间名称', '众创空间名称'],
  cityName: ['city', 'cityname', '城市', '所在城市', '设区市'],
  provinceName: ['province', 'provincename', '省份', '所在省份'],
} as const;
export type ManifestColumn = keyof typeof MANIFEST_COLUMNS;
const REQUIRED: readonly ManifestColumn[] = ['file', 'year', 'unitName', 'spaceName'];
const REQUIRED_LABELS: Record<string, string> = {
  file: '文件名',
  year: '年度',
  unitName: '单位名称',
  spaceName: '空间名称',
};

export interface ManifestRow {
  /** The row's line in the CSV (1-based; the header is line 1). */
  line: number;
  file: string;
  year: number;
  unitName: string;
  uscc: string | null;
  spaceName: string;
  cityName: string;
  provinceName: string | null;
}

export interface ManifestProblem {
  line: number;
  file: string;
  message: string;
}

/** RFC 4180 CSV: quoted fields (with "" for a quote and line breaks inside), CRLF or LF, a BOM dropped. */
export function parseCsv(text: string): string[][] {
  const src = text.replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < src.length) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') endField();
    else if (c === '\n' || c === '\r') {
      endRow();
      if (c === '\r' && src[i + 1] === '\n') i++;
    } else field += c;
    i++;
  }
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

const headerKey = (s: string) => s.replace(/\s+/g, '').toLowerCase();

/** Which column each header names; an error message (Chinese and English) when a required one is missing. */
export function manifestHeader(header: readonly string[]): Map<ManifestColumn, number> | string {
  const map = new Map<ManifestColumn, number>();
  header.forEach((name, i) => {
    const key = headerKey(name);
    for (const [col, names] of Object.entries(MANIFEST_COLUMNS) as [ManifestColumn, readonly string[]][])
      if ((names as readonly string[]).includes(key) && !map.has(col)) map.set(col, i);
  });
  const missing = REQUIRED.filter((c) => !map.has(c));
  if (missing.length > 0)
    return `CSV 表头缺少列：${missing.map((c) => REQUIRED_LABELS[c] ?? c).join('、')} · the CSV header lacks: ${missing.join(', ')} (accepted names: ${missing.map((c) => MANIFEST_COLUMNS[c].join('/')).join('; ')})`;
  return map;
}

/** The earliest year accepted (the national filing of maker spaces began later). */
export const MIN_IMPORT_YEAR = 2000;

/**
 * The rows of a manifest: each valid row, and a problem for each bad one (line, file, a message in
 * Chinese and English). Blank lines are skipped. `currentYear` bounds the year from above.
 */
export function readManifest(
  text: string,
  currentYear: number,
): { rows: ManifestRow[]; problems: ManifestProblem[] } | { error: string } {
  const [header, ...records] = parseCsv(text);
  if (!header) return { error: 'CSV 文件为空 · the CSV is empty' };
  const columns = manifestHeader(header);
  if (typeof columns === 'string') return { error: columns };
  const rows: ManifestRow[] = [];
  const problems: ManifestProblem[] = [];
  records.forEach((record, index) => {
    const line = index + 2;
    if (record.every((f) => f.trim() === '')) return;
    const get = (c: ManifestColumn) => {
      const i = columns.get(c);
      return i === undefined ? '' : (record[i] ?? '').trim();
    };
    const file = get('file');
    const bad = (message: string) => problems.push({ line, file, message });
    if (!file) return bad('未填写文件名 · no file name');
    const yearText = get('year').replace(/年$/, '');
    const year = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
    if (!(year >= MIN_IMPORT_YEAR && year <= currentYear))
      return bad(
        `年度“${get('year')}”无效，应为 ${MIN_IMPORT_YEAR}–${currentYear} 之间的四位年份 · bad year "${get('year')}" (${MIN_IMPORT_YEAR}–${currentYear})`,
      );
    const unitName = get('unitName');
    if (!unitName) return bad('未填写单位名称 · no unit name');
    const spaceName = get('spaceName');
    if (!spaceName) return bad('未填写空间名称 · no space name');
    const usccRaw = get('uscc');
    const uscc = usccRaw ? normalizeUscc(usccRaw) : null;
    const usccBad = uscc ? usccProblem(uscc) : null;
    if (usccBad) return bad(`统一社会信用代码无效：${usccBad} · bad USCC "${usccRaw}"`);
    rows.push({
      line,
      file,
      year,
      unitName,
      uscc,
      spaceName,
      cityName: get('cityName'),
      provinceName: get('provinceName') || null,
    });
  });
  return { rows, problems };
}
