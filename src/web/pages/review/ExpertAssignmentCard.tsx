import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Flex, List, Popconfirm, Select, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { errorText } from '../../api/client';
import {
  useAssignExpert,
  useAssignments,
  useExpertCandidates,
  useRemoveAssignment,
  type Assignment,
} from '../../api/experts';
import { fmt, m } from '../../i18n';
import { ScreenReaderOnly } from './ScreenReaderOnly';

const t = m.review.experts;
const STATUS_COLOR: Record<Assignment['status'], string> = {
  assigned: 'gold',
  submitted: 'green',
  withdrawn: 'default',
};

/**
 * The experts of one application: who is assigned and their totals, and assigning another. Experts
 * the server says cannot be assigned (declared relation, own unit, same city) are shown with why.
 */
export function ExpertAssignmentCard({ applicationId, canAssign }: { applicationId: string; canAssign: boolean }) {
  const assignments = useAssignments({ applicationId });
  const candidates = useExpertCandidates(canAssign ? applicationId : undefined);
  const assign = useAssignExpert();
  const remove = useRemoveAssignment();
  const { message } = App.useApp();
  const [expertId, setExpertId] = useState<string | undefined>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const [dueOn, setDueOn] = useState<Dayjs | null>(null);
  const p = m.progress.assign;

  const options = (candidates.data ?? [])
    .filter((c) => !c.assigned)
    .map((c) => ({
      value: c.id,
      disabled: !c.eligible,
      label: (
        <Flex vertical>
          <span>
            {c.displayName}（{c.orgName}
            {c.cityName ? `，${c.cityName}` : ''}）{c.fieldMatch ? <Tag color="green">{p.fieldMatch}</Tag> : null}
          </span>
          {c.fields.length ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {fmt(p.fields, { fields: c.fields.join('、') })}
            </Typography.Text>
          ) : null}
          {c.eligible ? null : (
            <Typography.Text type="danger" style={{ fontSize: 12, whiteSpace: 'normal' }}>
              {t.notEligible}：{c.reasons.join('；')}
            </Typography.Text>
          )}
        </Flex>
      ),
      title: `${c.displayName} ${c.orgName}`,
    }));

  return (
    <Card size="small" title={<h2 style={{ fontSize: 15, margin: 0 }}>{t.title}</h2>} data-testid="expert-assignments">
      <List
        size="small"
        dataSource={assignments.data ?? []}
        loading={assignments.isPending}
        locale={{ emptyText: t.none }}
        renderItem={(a) => (
          <List.Item
            actions={
              a.allowedActions.includes('remove')
                ? [
                    <Popconfirm
                      key="remove"
                      title={fmt(t.removeConfirm, { name: a.expert.displayName })}
                      onConfirm={() =>
                        remove.mutate(a.id, {
                          onError: (e) => {
                            message.error(errorText(e));
                          },
                        })
                      }
                    >
                      <Button size="small" type="link">
                        {t.remove}
                        <ScreenReaderOnly>：{a.expert.displayName}</ScreenReaderOnly>
                      </Button>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <Flex vertical gap={2}>
              <span>
                {a.expert.displayName} <Tag color={STATUS_COLOR[a.status]}>{a.statusLabel}</Tag>
                {a.dueOn ? (
                  <Tag color={a.overdue ? 'red' : undefined}>{fmt(m.progress.expert.dueOn, { day: a.dueOn })}</Tag>
                ) : null}
              </span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {a.expert.orgName}
                {a.totalScore !== null ? ` · ${fmt(t.total, { score: a.totalScore })}` : ''}
                {a.withdrawReason ? ` · ${a.withdrawReason}` : ''}
              </Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
      {canAssign ? (
        <Flex vertical gap={8} style={{ marginTop: 8 }}>
          {refusal ? <Alert type="error" showIcon title={t.refused} description={refusal} /> : null}
          <Select
            aria-label={t.choose}
            placeholder={t.choose}
            value={expertId}
            onChange={setExpertId}
            options={options}
            loading={candidates.isPending}
            optionLabelProp="title"
            showSearch={{ optionFilterProp: 'title' }}
            style={{ width: '100%' }}
            popupMatchSelectWidth={false}
          />
          <DatePicker
            aria-label={p.dueOn}
            placeholder={p.dueOn}
            value={dueOn}
            onChange={setDueOn}
            style={{ width: '100%' }}
          />
          <Button
            type="primary"
            disabled={!expertId}
            loading={assign.isPending}
            onClick={() => {
              setRefusal(null);
              if (expertId)
                assign.mutate(
                  { applicationId, expertId, ...(dueOn ? { dueOn: dueOn.format('YYYY-MM-DD') } : {}) },
                  {
                    onSuccess: () => {
                      setExpertId(undefined);
                      message.success(t.assigned);
                    },
                    onError: (e) => setRefusal(errorText(e)),
                  },
                );
            }}
          >
            {t.assign}
          </Button>
        </Flex>
      ) : null}
    </Card>
  );
}
