import { Card, Table, Tabs, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import {
  ASSIGNMENT_SORTS,
  ASSIGNMENT_STATUSES,
  assignmentStatusLabels,
  type AssignmentStatus,
} from '../../../domain/schemas/experts.js';
import { useAssignmentPage, type Assignment } from '../../api/experts';
import { useClampPage, useListParams } from '../../components/useListParams';
import { LoadFailed } from '../../components/LoadFailed';
import { PageHeader } from '../../components/PageHeader';
import { formatTime } from '../../format';
import { m } from '../../i18n';
import { expertPaths } from './paths';
import '../review/review.css';
import { ListSearch } from '../../components/ListSearch';

const t = m.review.expert;
const isStatus = (s: string | null): s is AssignmentStatus =>
  !!s && (ASSIGNMENT_STATUSES as readonly string[]).includes(s);

/** The expert's review tasks by status, paged on the server (status, search, page and sort in the URL). */
export function AssignmentsPage() {
  const lp = useListParams(ASSIGNMENT_SORTS, { sort: 'assignedAt', order: 'desc' });
  const param = lp.params.get('status');
  const status: AssignmentStatus = isStatus(param) ? param : 'assigned';
  const q = lp.params.get('q') ?? undefined;
  const list = useAssignmentPage(
    { status, q },
    { page: lp.page, pageSize: lp.pageSize, sort: lp.sort, order: lp.order },
  );
  useClampPage(lp.page, lp.pageSize, list.data?.total, (p) => lp.update({ page: String(p) }));
  const columns: TableColumnsType<Assignment> = [
    {
      title: t.space,
      key: 'spaceName',
      sorter: true,
      sortOrder: lp.sortOrderOf('spaceName'),
      render: (_: unknown, a) => (
        <Link to={`${expertPaths.assignments}/${a.id}`}>{a.application.spaceName ?? m.review.queue.unnamed}</Link>
      ),
    },
    { title: t.unit, key: 'unit', width: 220, render: (_: unknown, a) => a.application.unitName },
    { title: t.city, key: 'city', width: 130, render: (_: unknown, a) => a.application.cityName },
    { title: t.status, key: 'status', width: 100, render: (_: unknown, a) => <Tag>{a.statusLabel}</Tag> },
    {
      title: t.total,
      dataIndex: 'totalScore',
      key: 'totalScore',
      width: 90,
      sorter: true,
      sortOrder: lp.sortOrderOf('totalScore'),
      render: (v: number | null) => v ?? m.common.none,
    },
    {
      title: m.progress.expert.dueColumn,
      key: 'dueOn',
      width: 130,
      sorter: true,
      sortOrder: lp.sortOrderOf('dueOn'),
      render: (_: unknown, a) =>
        a.dueOn ? <Tag color={a.overdue ? 'red' : undefined}>{a.dueOn}</Tag> : m.progress.expert.noDue,
    },
    {
      title: t.assignedAt,
      dataIndex: 'assignedAt',
      key: 'assignedAt',
      width: 170,
      sorter: true,
      sortOrder: lp.sortOrderOf('assignedAt'),
      render: (v: string) => formatTime(v),
    },
  ];
  return (
    <>
      <PageHeader title={t.title} subtitle={t.subtitle} />
      <Card>
        <Tabs
          className="review-tabs"
          activeKey={status}
          onChange={(k) => lp.update({ status: k })}
          items={ASSIGNMENT_STATUSES.map((s) => ({ key: s, label: assignmentStatusLabels[s] }))}
        />
        <ListSearch
          q={q}
          label={t.search}
          style={{ width: 320, maxWidth: '100%', marginBottom: 16 }}
          onSearch={(q) => lp.update({ q })}
        />
        {list.isError ? (
          <LoadFailed error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<Assignment>
            rowKey="id"
            size="middle"
            loading={list.isFetching}
            columns={columns}
            dataSource={list.data?.items}
            {...lp.tableProps<Assignment>(list.data?.total)}
            locale={{ emptyText: t.empty }}
            scroll={{ x: 900 }}
          />
        )}
      </Card>
    </>
  );
}
