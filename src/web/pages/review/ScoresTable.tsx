import { Empty, Flex, Table, Typography } from 'antd';
import { useAssignments, type Assignment } from '../../api/experts';
import { fmt, m } from '../../i18n';
import { KeyboardScroll } from './KeyboardScroll';

const t = m.review.scores;

/** The submitted experts' scores of one application, criterion by criterion, with their comments. */
export function ScoresTable({ applicationId }: { applicationId: string }) {
  const assignments = useAssignments({ applicationId });
  const scored = (assignments.data ?? []).filter((a) => a.status === 'submitted');
  if (!assignments.isPending && scored.length === 0) return <Empty description={t.none} />;
  const criteria = scored[0]?.criteria ?? [];
  const scoreOf = (a: Assignment, key: string) => a.scores?.find((s) => s.key === key)?.score;
  const rows = [
    ...criteria.map((c) => ({
      key: c.key,
      label: `${c.label}（${c.weight}）`,
      values: scored.map((a) => scoreOf(a, c.key)),
    })),
    { key: '__total', label: t.total, values: scored.map((a) => a.totalScore ?? undefined) },
  ];
  return (
    <Flex vertical gap={16}>
      <KeyboardScroll label={t.tab}>
        <Table
          rowKey="key"
          size="small"
          pagination={false}
          loading={assignments.isPending}
          dataSource={rows}
          scroll={{ x: 200 + scored.length * 120 }}
          columns={[
            { title: t.criterion, dataIndex: 'label', key: 'label', width: 200 },
            ...scored.map((a, i) => ({
              title: a.expert.displayName,
              key: a.id,
              width: 120,
              render: (_: unknown, r: (typeof rows)[number]) => r.values[i] ?? m.common.none,
            })),
          ]}
        />
      </KeyboardScroll>
      {scored.map((a) => (
        <div key={a.id}>
          <Typography.Text strong>{fmt(t.commentOf, { name: a.expert.displayName })}</Typography.Text>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{a.comment}</Typography.Paragraph>
        </div>
      ))}
    </Flex>
  );
}
