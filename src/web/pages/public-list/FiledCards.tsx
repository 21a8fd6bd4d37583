import { Flex, List, Tag, Typography } from 'antd';
import type { PublicFiledItem } from '../../../domain/schemas/public.js';
import { fmt, m } from '../../i18n';

const t = m.review.publicList;

/** The filed spaces as cards, for phones (a seven-column table does not fit 375 px). */
export function FiledCards({ items, loading }: { items: PublicFiledItem[]; loading: boolean }) {
  return (
    <List
      loading={loading}
      dataSource={items}
      locale={{ emptyText: t.empty }}
      renderItem={(r) => (
        <List.Item>
          <Flex vertical gap={4}>
            <Typography.Text strong>{r.spaceName}</Typography.Text>
            <Typography.Text>{fmt(t.operatorIs, { name: r.operatorName })}</Typography.Text>
            <Flex wrap gap={4}>
              {r.mainFields.map((f) => (
                <Tag key={f}>{f}</Tag>
              ))}
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.provinceName} · {r.cityName} · {r.batchName}
              {r.filedOn ? ` · ${fmt(t.filedOn, { date: r.filedOn })}` : ''}
            </Typography.Text>
          </Flex>
        </List.Item>
      )}
    />
  );
}
