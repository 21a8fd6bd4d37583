import type { ReactNode } from 'react';
import { Card, Empty, Flex, Skeleton, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { filterQuery, type Dashboard } from '../../api/dashboard';
import { errorText } from '../../api/client';
import { m } from '../../i18n';
import './dashboard.css';

const t = m.review.home;

export interface CountTile {
  key: string;
  label: string;
  count: number;
  to: string;
  /** Work waiting for the user: shown first and highlighted. */
  todo?: boolean;
}

/** Numbers that link: each opens the list of exactly what it counts. */
export function CountTiles({ tiles }: { tiles: CountTile[] }) {
  return (
    <div className="count-tiles">
      {tiles.map((c) => (
        <Link key={c.key} to={c.to} className={`count-tile${c.todo && c.count > 0 ? ' count-tile-todo' : ''}`}>
          <span className="count-tile-number">{c.count}</span>
          <span className="count-tile-label">{c.label}</span>
        </Link>
      ))}
    </div>
  );
}

interface Props {
  dashboard: { data?: Dashboard; isPending: boolean; error: unknown };
  /** The role's queue, where counts by status link to. */
  listPath: string;
  /** Role-specific tiles (to-dos) before the counts by status. */
  extra?: (d: Dashboard) => CountTile[];
  children?: ReactNode;
}

/** The landing page's card: the user's to-dos and the applications within reach by status. */
export function StatusCounts({ dashboard, listPath, extra, children }: Props) {
  const d = dashboard.data;
  // The authorities' lists start at submission: an applicant's draft or withdrawn application is not theirs to count.
  const shown = d?.byStatus.filter((s) => s.status !== 'draft' && s.status !== 'withdrawn') ?? [];
  const body = !d ? (
    dashboard.error ? (
      <Typography.Text type="danger">{errorText(dashboard.error)}</Typography.Text>
    ) : (
      <Skeleton active />
    )
  ) : (
    <Flex vertical gap={16}>
      {extra && extra(d).length ? (
        <section aria-label={t.todo}>
          <Typography.Title level={3} className="count-heading">
            {t.todo}
          </Typography.Title>
          <CountTiles tiles={extra(d)} />
        </section>
      ) : null}
      <section aria-label={t.byStatus}>
        <Typography.Title level={3} className="count-heading">
          {t.byStatus}
        </Typography.Title>
        {shown.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.none} />
        ) : (
          <CountTiles
            tiles={[
              {
                key: 'total',
                label: t.total,
                count: shown.reduce((n, s) => n + s.count, 0),
                to: `${listPath}?${filterQuery({ ...d.total.filter, status: shown.map((s) => s.status) })}`,
              },
              ...shown.map((s) => ({
                key: s.status,
                label: s.label,
                count: s.count,
                to: `${listPath}?${filterQuery(s.filter)}`,
              })),
            ]}
          />
        )}
      </section>
      {children}
    </Flex>
  );
  return <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.counts}</h2>}>{body}</Card>;
}
