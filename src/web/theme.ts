import type { ThemeConfig } from 'antd';

/**
 * Government-blue primary colour. Secondary text is darker than antd's default so that it
 * keeps a 4.5:1 contrast ratio (WCAG AA) on white.
 */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1554ad',
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif",
  },
};
