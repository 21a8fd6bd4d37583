import type { ReactNode } from 'react';
import { Button, Checkbox, Flex, Typography } from 'antd';
import { fmt } from '../i18n';

interface Props {
  /** `selected`: 已选 {count} … as the list counts its records. */
  labels: { region: string; selectPage: string; selected: string; clear: string };
  selected: { id: string }[];
  /** The rows of the page shown, for 全选本页. */
  pageRows: { id: string }[];
  onSelectPage: (selected: boolean) => void;
  onClear: () => void;
  /** The actions on the selection. */
  children: ReactNode;
}

/** The bar above a list once rows may be selected: 全选本页, the count, the actions and 取消选择. */
export function BulkSelectionBar({ labels, selected, pageRows, onSelectPage, onClear, children }: Props) {
  const chosen = new Set(selected.map((r) => r.id));
  const pageAll = pageRows.length > 0 && pageRows.every((r) => chosen.has(r.id));
  const pageSome = pageRows.some((r) => chosen.has(r.id));
  return (
    <Flex gap={12} wrap align="center" className="bulk-bar" role="region" aria-label={labels.region}>
      <Checkbox
        checked={pageAll}
        indeterminate={!pageAll && pageSome}
        disabled={pageRows.length === 0}
        onChange={(e) => onSelectPage(e.target.checked)}
      >
        {labels.selectPage}
      </Checkbox>
      <Typography.Text strong>{fmt(labels.selected, { count: selected.length })}</Typography.Text>
      {children}
      <Button onClick={onClear} disabled={selected.length === 0}>
        {labels.clear}
      </Button>
    </Flex>
  );
}
