import { useState } from 'react';
import { Button, Flex, InputNumber } from 'antd';
import { m } from '../../i18n';

const t = m.applicant.editor;

/** The table tool's rows and columns (a chunk of its own: antd's InputNumber loads when the tool opens). */
export function TableSize({ onInsert }: { onInsert: (rows: number, cols: number) => void }) {
  const [rows, setRows] = useState(3);
  const [cols, setCols] = useState(3);
  return (
    <Flex vertical gap={8} style={{ width: 200 }}>
      <label>
        {t.rows}
        <InputNumber min={1} max={30} value={rows} onChange={(v) => setRows(v ?? 1)} style={{ width: '100%' }} />
      </label>
      <label>
        {t.cols}
        <InputNumber min={1} max={10} value={cols} onChange={(v) => setCols(v ?? 1)} style={{ width: '100%' }} />
      </label>
      <Button type="primary" size="small" onClick={() => onInsert(rows, cols)}>
        {t.insert}
      </Button>
    </Flex>
  );
}
