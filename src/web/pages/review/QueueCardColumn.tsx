import { Typography } from 'antd';
import type { TableColumnType } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { Link } from 'react-router-dom';
import type { ApplicationListItem } from '../../api/applications';
import { formatTime } from '../../format';
import { m } from '../../i18n';
import { StatusTag } from './StatusTag';

const t = m.review.queue;

/**
 * The queue on a phone: one column, each row a small card (the space's name in full and linked, then
 * its number and 复制比, unit, where it comes from, status and submission time), instead of eight columns that
 * squeezed the name to a few characters. Sorted by name like the wide list's first column.
 */
export function queueCardColumn(opts: {
  detailBase: string;
  sortOrder: SortOrder | undefined;
  /** The Ministry's rows name their province before the city. */
  whereOf: (a: ApplicationListItem) => string;
  /** The 复制比 (a fraction), or a negative number while none is known. */
  similarityOf: (a: ApplicationListItem) => number;
}): TableColumnType<ApplicationListItem> {
  return {
    title: t.spaceName,
    key: 'spaceName',
    sorter: true,
    sortOrder: opts.sortOrder,
    render: (_: unknown, a) => (
      <div className="list-card queue-card">
        <Link to={`${opts.detailBase}/${a.id}`} className="list-card-name">
          {a.spaceName ?? t.unnamed}
        </Link>
        <div className="list-card-line">
          <StatusTag status={a.status} />
          <Typography.Text type="secondary">{a.number ?? m.common.none}</Typography.Text>
          {opts.similarityOf(a) >= 0 ? (
            <Typography.Text type="secondary" className="value-nowrap">
              {m.similarity.column} {(opts.similarityOf(a) * 100).toFixed(1)}%
            </Typography.Text>
          ) : null}
        </div>
        <div className="list-card-line">{a.unit.name}</div>
        <Typography.Text type="secondary" className="list-card-line">
          {[opts.whereOf(a), a.submittedAt ? formatTime(a.submittedAt) : null].filter(Boolean).join(' · ')}
        </Typography.Text>
      </div>
    ),
  };
}
