import { expect, it } from 'vitest';
import { groupPassages } from '../../src/web/components/similarityPassageGroups.js';

const p = (section: string, text: string, index: number) => ({ section, text, source: { index } });

it('groups passages with the same section and text, the first (source matching most) leading, in text order', () => {
  const groups = groupPassages([
    p('hostOverview', '甲乙丙', 0),
    p('hostOverview', '甲乙丙', 1),
    p('hostOverview', '甲乙丙', 2),
    p('hostOverview', '丁戊己', 1),
    p('currentStatus', '甲乙丙', 0),
  ]);
  expect(
    groups.map((g) => [g.first.section, g.first.text, g.first.source.index, g.others.map((o) => o.source.index)]),
  ).toEqual([
    ['hostOverview', '甲乙丙', 0, [1, 2]],
    ['hostOverview', '丁戊己', 1, []],
    ['currentStatus', '甲乙丙', 0, []],
  ]);
  expect(groupPassages([])).toEqual([]);
});
