import { Card, Table, Tabs, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { ASSIGNMENT_STATUSES, assignmentStatusLabels, type AssignmentStatus } from '../../../domain/schemas/experts.js';
import { useAssignments, type Assignment } from '../../api/experts';
import { LoadFailed } from '../../components/LoadFailed';
import { PageHeader } from '../../components/PageHeader';
import { formatTime } from '../../format';
import { m } from '../../i18n';
import { expertPaths } from './paths';
import '../review/review.css';

const t = m.review.expert;
const isStatus = (s: string | null): s is AssignmentStatus =>
  !!s && (ASSIGNMENT_STATUSES as readonly string[]).includes(s);

/** The expert's review tasks by status. */
export function AssignmentsPage() {
  const [params, setParams] = useSearchParams();
  const param = params.get('status');
  const status: AssignmentStatus = isStatus(param) ? param : 'assigned';
  const list = useAssignments({ status });
  const columns: TableColumnsType<Assignment> = [
    {
      title: t.space,
      key: 'space',
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
      key: 'total',
      width: 80,
      render: (v: number | null) => v ?? m.common.none,
    },
    {
      title: m.progress.expert.dueColumn,
      key: 'due',
      width: 120,
      render: (_: unknown, a) =>
        a.dueOn ? <Tag color={a.overdue ? 'red' : undefined}>{a.dueOn}</Tag> : m.progress.expert.noDue,
    },
    { title: t.assignedAt, dataIndex: 'assignedAt', key: 'at', width: 170, render: (v: string) => formatTime(v) },
  ];
  return (
    <>
      <PageHeader title={t.title} subtitle={t.subtitle} />
      <Card>
        <Tabs
          className="review-tabs"
          activeKey={status}
          onChange={(k) => setParams({ status: k }, { replace: true })}
          items={ASSIGNMENT_STATUSES.map((s) => ({ key: s, label: assignmentStatusLabels[s] }))}
        />
        {list.isError ? (
          <LoadFailed error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<Assignment>
            rowKey="id"
            size="middle"
            loading={list.isPending}
            columns={columns}
            dataSource={list.data}
            pagination={false}
            locale={{ emptyText: t.empty }}
            scroll={{ x: 900 }}
          />
        )}
      </Card>
    </>
  );
}
