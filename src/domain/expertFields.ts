/**
 * Matching an expert's professional fields against a space's 主要专业方向 (issue 14 item 10): two
 * fields match when one names the other ("生物医药" and "生物医药与大健康"), compared without spaces
 * and case.
 */

const norm = (s: string) => s.replace(/\s+/g, '').toLowerCase();

/** A stored JSON array of fields, or [] for null or anything else. */
export function parseFields(json: string | null | undefined): string[] {
  if (!json) return [];
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : [];
  } catch {
    return [];
  }
}

/** Whether any of the expert's fields matches any of the space's. */
export function fieldsMatch(expertFields: readonly string[], spaceFields: readonly string[]): boolean {
  const space = spaceFields.map(norm).filter(Boolean);
  return expertFields
    .map(norm)
    .filter(Boolean)
    .some((e) => space.some((s) => s.includes(e) || e.includes(s)));
}
