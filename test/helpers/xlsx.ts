import ExcelJS from 'exceljs';

/** The first sheet of a workbook as rows of cell values (1-based columns flattened to 0-based). */
export async function readSheet(buf: Buffer): Promise<{ name: string; rows: unknown[][]; merges: string[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    rows[n - 1] = (row.values as unknown[]).slice(1);
  });
  const merges = (ws.model as unknown as { merges?: string[] }).merges ?? [];
  return { name: ws.name, rows, merges };
}
