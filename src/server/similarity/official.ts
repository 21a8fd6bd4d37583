import { NARRATIVE_TITLE, narrativeOutline, successCaseFields } from '../../domain/application/labels.js';
import { applicantPledgeText, supervisorPledgeText } from '../../domain/pledges.js';
import { officialHashes } from '../../domain/similarity/index.js';

/**
 * The official wording an application may quote without it counting as copied: the batch's notice
 * (which carries the wording of attachments 2–5), the outline of the 申报书 (attachment 3) with its
 * headings and field names, and the pledges. Every k-gram of them is excluded.
 */
export function officialTexts(noticeText: string): string[] {
  const headings: string[] = [NARRATIVE_TITLE];
  const walk = (items: readonly { label: string; children?: readonly { label: string }[] }[]) => {
    for (const h of items) {
      headings.push(h.label);
      if (h.children) walk(h.children);
    }
  };
  walk(narrativeOutline);
  for (const f of successCaseFields) headings.push(f.label);
  const pledges = [applicantPledgeText, supervisorPledgeText].map((p) => JSON.stringify(p));
  return [noticeText, ...headings, ...pledges];
}

const cache = new Map<string, Set<number>>();

/** The official k-gram hashes for a batch's notice text (cached per text; notices rarely change). */
export function officialHashesFor(noticeText: string): Set<number> {
  let set = cache.get(noticeText);
  if (!set) {
    set = officialHashes(officialTexts(noticeText));
    if (cache.size > 20) cache.clear();
    cache.set(noticeText, set);
  }
  return set;
}
