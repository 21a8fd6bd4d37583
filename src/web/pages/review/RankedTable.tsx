import { useState } from 'react';
import { Button, Flex, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, HolderOutlined } from '@ant-design/icons';
import { fmt, m } from '../../i18n';

const t = m.review.dispatch;

export interface RankedRow {
  id: string;
  number: string | null;
  spaceName: string | null;
  unitName: string;
}

/** Moves one entry of a list from one index to another. */
export function move<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
}

interface Props<R extends RankedRow> {
  rows: R[];
  onChange: (rows: R[]) => void;
  disabled?: boolean;
}

/**
 * The recommendation order: rows are dragged (native HTML5 drag and drop) or moved with the
 * 上移/下移 buttons, which keyboard and screen-reader users can reach; each move is announced.
 */
export function RankedTable<R extends RankedRow>({ rows, onChange, disabled }: Props<R>) {
  const [dragging, setDragging] = useState<number | null>(null);
  const [over, setOver] = useState<number | null>(null);
  const [announce, setAnnounce] = useState('');

  const shift = (from: number, to: number) => {
    if (to < 0 || to >= rows.length || from === to) return;
    const next = move(rows, from, to);
    onChange(next);
    setAnnounce(fmt(t.rankMoved, { name: rows[from]!.spaceName ?? rows[from]!.unitName, rank: to + 1 }));
  };

  const columns: TableColumnsType<R> = [
    {
      title: t.rank,
      key: 'rank',
      width: 80,
      render: (_: unknown, _r, i) => (
        <Flex align="center" gap={6}>
          {disabled ? null : <HolderOutlined aria-hidden style={{ cursor: 'grab', color: '#5b6577' }} />}
          <Typography.Text strong>{i + 1}</Typography.Text>
        </Flex>
      ),
    },
    { title: t.spaceName, key: 'space', render: (_: unknown, r) => r.spaceName ?? m.review.queue.unnamed },
    { title: t.unit, dataIndex: 'unitName', key: 'unit', width: 240 },
    {
      title: t.number,
      dataIndex: 'number',
      key: 'number',
      width: 150,
      render: (v: string | null) => v ?? m.common.none,
    },
    ...(disabled
      ? []
      : [
          {
            title: m.common.actions,
            key: 'move',
            width: 170,
            render: (_: unknown, r: R, i: number) => (
              <Flex gap={4}>
                <Button
                  size="small"
                  icon={<ArrowUpOutlined aria-hidden />}
                  aria-label={`${t.moveUp}：${r.spaceName ?? r.unitName}`}
                  disabled={i === 0}
                  onClick={() => shift(i, i - 1)}
                >
                  {t.moveUp}
                </Button>
                <Button
                  size="small"
                  icon={<ArrowDownOutlined aria-hidden />}
                  aria-label={`${t.moveDown}：${r.spaceName ?? r.unitName}`}
                  disabled={i === rows.length - 1}
                  onClick={() => shift(i, i + 1)}
                >
                  {t.moveDown}
                </Button>
              </Flex>
            ),
          },
        ]),
  ];

  return (
    <div data-testid="ranked-table">
      <Table<R>
        rowKey="id"
        size="small"
        pagination={false}
        columns={columns}
        dataSource={rows}
        scroll={{ x: 760 }}
        rowClassName={(_r, i) =>
          i === over && dragging !== null && dragging !== i
            ? 'ranked-row-over'
            : dragging === i
              ? 'ranked-row-dragging'
              : ''
        }
        onRow={(_r, index) =>
          disabled || index === undefined
            ? {}
            : {
                draggable: true,
                onDragStart: (e) => {
                  e.dataTransfer.effectAllowed = 'move';
                  e.dataTransfer.setData('text/plain', String(index));
                  setDragging(index);
                },
                onDragOver: (e) => {
                  e.preventDefault();
                  e.dataTransfer.dropEffect = 'move';
                  if (over !== index) setOver(index);
                },
                onDrop: (e) => {
                  e.preventDefault();
                  const from = Number(e.dataTransfer.getData('text/plain'));
                  if (Number.isInteger(from)) shift(from, index);
                  setDragging(null);
                  setOver(null);
                },
                onDragEnd: () => {
                  setDragging(null);
                  setOver(null);
                },
              }
        }
      />
      <div aria-live="polite" className="visually-hidden">
        {announce}
      </div>
    </div>
  );
}
