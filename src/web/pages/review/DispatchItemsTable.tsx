import { Button, Flex, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import type { Dispatch } from '../../api/dispatches';
import { fmt, m } from '../../i18n';
import { StatusTag } from './StatusTag';

const t = m.review.dispatch;
type Item = Dispatch['items'][number];

interface Props {
  dispatch: Dispatch;
  /** Where an application opens; omitted, names are plain text. */
  appBase?: string;
  /** Paper copies column (city dispatches, for the acceptance centre and the city). */
  showPaper?: boolean;
  /** A per-row button (e.g. register paper copies). */
  rowAction?: { label: string; onClick: (item: Item) => void };
}

/** The applications of a dispatch in rank order. */
export function DispatchItemsTable({ dispatch, appBase, showPaper, rowAction }: Props) {
  const columns: TableColumnsType<Item> = [
    { title: t.rank, dataIndex: 'rank', key: 'rank', width: 64 },
    {
      title: t.spaceName,
      key: 'space',
      render: (_: unknown, i) => {
        const name = i.spaceName ?? m.review.queue.unnamed;
        return appBase ? <Link to={`${appBase}/${i.applicationId}`}>{name}</Link> : name;
      },
    },
    { title: t.unit, dataIndex: 'unitName', key: 'unit', width: 220 },
    {
      title: t.number,
      dataIndex: 'number',
      key: 'number',
      width: 150,
      render: (v: string | null) => v ?? m.common.none,
    },
    { title: t.appStatus, key: 'status', width: 130, render: (_: unknown, i) => <StatusTag status={i.status} /> },
    ...(showPaper
      ? [
          {
            title: t.paper,
            key: 'paper',
            width: 150,
            render: (_: unknown, i: Item) => (
              <Flex vertical gap={2}>
                <Tag color={i.paperCopies.count >= 2 ? 'green' : 'orange'}>
                  {fmt(t.paperCount, { count: i.paperCopies.count })}
                </Tag>
                {i.paperCopies.flagged > 0 ? (
                  <Typography.Text type="danger" style={{ fontSize: 12 }}>
                    {fmt(t.paperFlagged, { count: i.paperCopies.flagged })}
                  </Typography.Text>
                ) : null}
              </Flex>
            ),
          },
        ]
      : []),
    ...(rowAction
      ? [
          {
            title: m.common.actions,
            key: 'action',
            width: 130,
            render: (_: unknown, i: Item) => (
              <Button
                size="small"
                aria-label={`${rowAction.label}：${i.spaceName ?? i.unitName}`}
                onClick={() => rowAction.onClick(i)}
              >
                {rowAction.label}
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <Table<Item>
      rowKey="applicationId"
      size="small"
      pagination={false}
      columns={columns}
      dataSource={dispatch.items}
      scroll={{ x: 860 }}
    />
  );
}
