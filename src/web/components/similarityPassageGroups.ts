/**
 * The passages of a 查重 report as the tab shows them: the report lists text found in several
 * sources once per source (the source matching most first), so an application holding text that many
 * others share would show the same passage many times over. Passages with the same section and text
 * are one group: the first (the source matching most) is shown side by side, the others as a list of
 * further sources.
 */
export function groupPassages<P extends { section: string; text: string }>(
  passages: readonly P[],
): { first: P; others: P[] }[] {
  const groups = new Map<string, { first: P; others: P[] }>();
  for (const p of passages) {
    const key = `${p.section}\u0000${p.text}`;
    const group = groups.get(key);
    if (group) group.others.push(p);
    else groups.set(key, { first: p, others: [] });
  }
  return [...groups.values()];
}
