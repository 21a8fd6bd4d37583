import { describe, expect, it } from 'vitest';
import { auditSummaryText } from '../../src/domain/auditSummary.js';

describe('auditSummaryText', () => {
  it('reads a status change in Chinese', () => {
    expect(auditSummaryText({ from: 'submitted', to: 'returned' })).toMatch(/^状态：.+ → .+$/);
  });

  it('names the fields in Chinese and leaves internal ids to the JSON', () => {
    const text = auditSummaryText({ provinceId: 'prov-320000', textVersion: 2, textSha256: 'abc' });
    expect(text).toBe('文本版本：2；文本 SHA-256：abc');
  });

  it('counts lists of ids, says 是/否 for flags and skips empty values', () => {
    const text = auditSummaryText({
      level: 'city',
      applicationIds: ['a', 'b'],
      supplementary: false,
      pledgeSigner: '周审核',
      comment: null,
    });
    expect(text).toBe('层级：设区市；申报：2 项；补报：否；承诺签署人：周审核');
  });
});
