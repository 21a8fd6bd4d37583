import type { ReactNode } from 'react';
import { Button, Checkbox, Flex, Typography } from 'antd';

interface Props {
  labels: { region: string; selectPage: string; clear: string };
  /** 已选 … as the list counts its records. */
  selectedText: string;
  selectedIds: string[];
  /** The ids of the page shown, for 全选本页. */
  pageIds: string[];
  onSelectPage: (selected: boolean) => void;
  onClear: () => void;
  /** The actions on the selection. */
  children: ReactNode;
}

/** The bar above a list once rows may be selected: 全选本页, the count, the actions and 取消选择. */
export function BulkSelectionBar({
  labels,
  selectedText,
  selectedIds,
  pageIds,
  onSelectPage,
  onClear,
  children,
}: Props) {
  const chosen = new Set(selectedIds);
  const pageAll = pageIds.length > 0 && pageIds.every((id) => chosen.has(id));
  const pageSome = pageIds.some((id) => chosen.has(id));
  return (
    <Flex gap={12} wrap align="center" className="bulk-bar" role="region" aria-label={labels.region}>
      <Checkbox
        checked={pageAll}
        indeterminate={!pageAll && pageSome}
        disabled={pageIds.length === 0}
        onChange={(e) => onSelectPage(e.target.checked)}
      >
        {labels.selectPage}
      </Checkbox>
      <Typography.Text strong>{selectedText}</Typography.Text>
      {children}
      <Button onClick={onClear} disabled={selectedIds.length === 0}>
        {labels.clear}
      </Button>
    </Flex>
  );
}
