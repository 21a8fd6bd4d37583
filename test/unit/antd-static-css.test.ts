import { describe, expect, it } from 'vitest';
import { antdStyleSheet } from '../../scripts/antdCss.js';

// antd's static style sheet as the build links it (scripts/antdCss.ts, issue 17).
describe('antd static style sheet', () => {
  const all = antdStyleSheet();
  const used = antdStyleSheet(new Set(['button', 'input', 'form', 'grid', 'col', 'row']));

  it('holds the component rules but not the default theme variables (the ConfigProvider sets ours)', () => {
    expect(all.includes('.ant-btn')).toBe(true);
    expect(all.includes('var(--ant-color-primary)')).toBe(true);
    expect(/--ant-color-primary:/.test(all)).toBe(false);
    expect(all.includes('.css-var-')).toBe(false);
    expect(all.toLowerCase().includes('#1677ff')).toBe(false);
  });

  it('drops the rules of components the bundle lacks and keeps those it has', () => {
    expect(/\.ant-btn[^a-z-]/.test(used)).toBe(true);
    expect(used.includes('.ant-input-affix-wrapper')).toBe(true);
    expect(used.includes('.ant-form-item')).toBe(true);
    expect(used.includes('.ant-col-24')).toBe(true);
    expect(used.includes('.ant-transfer')).toBe(false);
    expect(used.includes('.ant-input-number-handler')).toBe(false); // input-number is a component of its own
    expect(used.includes('.ant-mentions')).toBe(false);
    expect(used.length).toBeLessThan(all.length / 2);
  });

  it('keeps what belongs to no component: animations, icons, motion classes', () => {
    expect(/@keyframes [\w-]+/.test(used)).toBe(true);
    expect(used.includes('.anticon')).toBe(true);
    expect(used.includes('.ant-wave')).toBe(true);
  });
});
