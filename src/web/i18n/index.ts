import zhCN, { type Messages } from './zh-CN';

/** The active catalogue. Only Chinese today; a language switch would choose another `Messages` here. */
export const m: Messages = zhCN;

/** Fills {name} placeholders: fmt('共 {total} 条', { total: 3 }) → '共 3 条'. */
export function fmt(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (all, key: string) => (key in vars ? String(vars[key]) : all));
}

export type { Messages };
