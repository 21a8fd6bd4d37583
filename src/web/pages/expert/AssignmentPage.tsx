import { useState } from 'react';
import { Alert, App, Button, Flex, Skeleton, Tag } from 'antd';
import { ArrowLeftOutlined, StopOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { useApplication } from '../../api/applications';
import { errorText } from '../../api/client';
import { useAssignment, useDeclineAssignment } from '../../api/experts';
import { ApplicationView } from '../../components/ApplicationView';
import { ApplicationViewDownloads } from '../../components/ApplicationViewDownloads';
import { IndicatorsCard } from '../../components/ApplicationViewIndicators';
import { LoadFailed } from '../../components/LoadFailed';
import { PageHeader } from '../../components/PageHeader';
import { fmt, m } from '../../i18n';
import { CommentModal } from '../review/CommentModal';
import { FieldVisitsPanel } from '../review/FieldVisitsPanel';
import { expertPaths } from './paths';
import { DeclarationCard } from './DeclarationCard';
import { ScoreForm } from './ScoreForm';

const t = m.review.expert;

/** One review task: the application to read, the scoring form, field visits, and recusal. */
export function AssignmentPage() {
  const { id } = useParams<{ id: string }>();
  const assignment = useAssignment(id);
  const application = useApplication(assignment.data?.application.id);
  const decline = useDeclineAssignment();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [declining, setDeclining] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (assignment.isError) return <LoadFailed error={assignment.error} onRetry={() => void assignment.refetch()} />;
  if (application.isError) return <LoadFailed error={application.error} onRetry={() => void application.refetch()} />;
  const a = assignment.data;
  const d = application.data;
  if (!a || !d) return <Skeleton active paragraph={{ rows: 12 }} />;

  return (
    <>
      <PageHeader
        title={d.spaceName ?? m.review.queue.unnamed}
        subtitle={
          <Flex gap={8} wrap component="span">
            <Tag>{a.statusLabel}</Tag>
            <span>{d.unit.name}</span>
            {a.dueOn ? (
              <Tag color={a.overdue ? 'red' : 'blue'} data-testid="due-on">
                {fmt(m.progress.expert.dueOn, { day: a.dueOn })}
              </Tag>
            ) : null}
          </Flex>
        }
        extra={
          <>
            <ApplicationViewDownloads id={d.id} />
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(expertPaths.assignments)}>
              {m.review.detail.back}
            </Button>
          </>
        }
      />
      <ApplicationView
        detail={d}
        extraTabs={[
          {
            key: 'visits',
            label: m.review.visits.tab,
            children: <FieldVisitsPanel applicationId={d.id} />,
          },
        ]}
        aside={
          <>
            {a.status === 'withdrawn' ? (
              <Alert type="info" showIcon title={t.withdrawn} description={a.withdrawReason} />
            ) : null}
            <DeclarationCard assignment={a} />
            <ScoreForm assignment={a} />
            {a.allowedActions.includes('decline') ? (
              <Button block icon={<StopOutlined />} onClick={() => setDeclining(true)}>
                {t.decline}
              </Button>
            ) : null}
            <IndicatorsCard indicators={d.indicators} />
          </>
        }
      />
      <CommentModal
        open={declining}
        title={t.decline}
        label={t.declineReason}
        okText={t.decline}
        busy={decline.isPending}
        error={error}
        onCancel={() => setDeclining(false)}
        onOk={(reason) =>
          decline.mutate(
            { id: a.id, reason },
            {
              onSuccess: () => {
                setDeclining(false);
                message.success(t.declined);
              },
              onError: (e) => setError(errorText(e)),
            },
          )
        }
      />
    </>
  );
}
