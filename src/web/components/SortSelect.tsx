import { Select, Space } from 'antd';
import type { SortOrder } from '../../domain/schemas/pagination.js';
import { m } from '../i18n';

interface Props<K extends string> {
  /** The sort keys offered, each with the name of its column. */
  options: readonly { value: K; label: string }[];
  sort: K;
  order: SortOrder;
  onChange: (sort: K, order: SortOrder) => void;
}

/**
 * 排序 above a list: the sort key and its direction as two compact selects. It reads and writes the
 * same URL parameters as the column headers (useListParams), so both always agree; it sorts by keys
 * that have no header of their own (申报编号 under the name) and on a phone, where the card view has
 * no headers (issue 17).
 */
export function SortSelect<K extends string>({ options, sort, order, onChange }: Props<K>) {
  return (
    <Space.Compact>
      <Select<K>
        aria-label={m.common.sort}
        prefix={m.common.sort}
        popupMatchSelectWidth={false}
        style={{ width: 190 }}
        value={sort}
        options={options.map((o) => ({ value: o.value, label: o.label }))}
        onChange={(k) => onChange(k, order)}
      />
      <Select<SortOrder>
        aria-label={m.common.sortOrder}
        style={{ width: 80 }}
        value={order}
        options={[
          { value: 'asc', label: m.common.asc },
          { value: 'desc', label: m.common.desc },
        ]}
        onChange={(o) => onChange(sort, o)}
      />
    </Space.Compact>
  );
}
