import type { ThemeConfig } from 'antd';

/**
 * Government-blue primary colour. Text colours antd draws lighter by default (secondary and
 * placeholder text, links, danger red) are darkened so that every text keeps the 4.5:1 contrast
 * of WCAG AA on white; axe-core checks this in the browser tests.
 */
export const theme: ThemeConfig = {
  // antd's zero-runtime mode (antd 6): the components' styles come from antd's prebuilt stylesheet
  // (antd/dist/antd.css, imported in main.tsx, ~75 KB compressed and cached with the other hashed
  // assets) instead of being generated in the browser on each component's first render. The tokens
  // below still apply: the stylesheet reads them as CSS variables, which antd sets at run time. The
  // applicant editor's largest contentful paint at 10 Mbit/s: 1,464–1,556 ms → 1,288–1,448 ms (medians
  // of five loads, builds alternated; README "antd's prebuilt stylesheet"). Unhashed class names, as
  // the sheet has.
  zeroRuntime: true,
  hashed: false,
  token: {
    colorPrimary: '#1554ad',
    colorLink: '#1554ad',
    // antd lightens a hovered link (3.3:1 on a hovered table row): darken it instead.
    colorLinkHover: '#0f3f85',
    colorError: '#c4161c',
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif",
  },
};
