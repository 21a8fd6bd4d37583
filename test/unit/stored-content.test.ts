import { describe, expect, it } from 'vitest';
import {
  draftContentSchema,
  makeSubmissionContentSchema,
  parseStoredContent,
  parseStoredSnapshot,
} from '../../src/domain/application.js';
import { cloneExampleContent } from '../../src/domain/example-content.js';

describe('stored content read back with the draft schema', () => {
  it('reads what the draft and the submission schemas wrote unchanged', () => {
    const example = cloneExampleContent();
    const draft = draftContentSchema.parse(example);
    expect(parseStoredContent(JSON.parse(JSON.stringify(draft)))).toEqual({ content: draft, problems: [] });
    const frozen = makeSubmissionContentSchema({ today: '2026-06-01' }).parse(example);
    expect(parseStoredContent(JSON.parse(JSON.stringify(frozen)))).toEqual({ content: frozen, problems: [] });
  });

  it('leaves out what does not parse, keeps the rest and reports it', () => {
    const read = parseStoredContent({
      basicInfo: { spaceName: '甲专业化众创空间', managementTeamSize: 'twelve', head: 'x', mainFields: ['a', 7, 'b'] },
      narrative: 5,
      provincialFiling: { status: 'filed' },
    });
    expect(read.content).toEqual({
      basicInfo: { spaceName: '甲专业化众创空间', mainFields: ['a', 'b'] },
      provincialFiling: { status: 'filed' },
    });
    expect(read.problems.map((p) => p.path).sort()).toEqual([
      'basicInfo.head',
      'basicInfo.mainFields.1',
      'basicInfo.managementTeamSize',
      'narrative',
    ]);
  });

  it('reads anything that is not an object as empty content', () => {
    for (const v of [null, undefined]) expect(parseStoredContent(v)).toEqual({ content: {}, problems: [] });
    for (const v of ['x', 3, []]) expect(parseStoredContent(v).content).toEqual({});
    expect(parseStoredContent([]).problems).toHaveLength(1);
  });

  it('reads a snapshot with the files it froze, dropping a file entry that is not one', () => {
    const read = parseStoredSnapshot({
      basicInfo: { spaceName: '乙' },
      files: [
        { kind: 'other', fileName: 'a.pdf', sha256: 'ab', size: 3 },
        { fileName: 'b.pdf' },
        { fileName: 'c.pdf', sha256: 'cd' },
      ],
    });
    expect(read.content).toEqual({
      basicInfo: { spaceName: '乙' },
      files: [
        { kind: 'other', fileName: 'a.pdf', sha256: 'ab', size: 3 },
        { kind: 'other', fileName: 'c.pdf', sha256: 'cd', size: 0 },
      ],
    });
    expect(read.problems).toEqual([{ path: 'files.1', message: '附件记录格式不正确' }]);
  });
});
