import type { ReactNode } from 'react';
import { Button, Flex, Skeleton } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { useApplication, type ApplicationDetail } from '../../api/applications';
import { ApplicationView } from '../../components/ApplicationView';
import { ApplicationViewDownloads } from '../../components/ApplicationViewDownloads';
import { IndicatorsCard } from '../../components/ApplicationViewIndicators';
import { LoadFailed } from '../../components/LoadFailed';
import { PageHeader } from '../../components/PageHeader';
import { m } from '../../i18n';
import { ActionPanel } from './ActionPanel';
import { ChangesView } from './ChangesView';
import { DeclareConflictButton } from './DeclareConflictButton';
import { StatusTag } from './StatusTag';

export interface ReviewDetailSlots {
  /** Cards above the actions (checklists, paper copies …). */
  before?: (d: ApplicationDetail) => ReactNode;
  /** Text under the action buttons. */
  actionFooter?: (d: ApplicationDetail) => ReactNode;
  commentLabels?: Parameters<typeof ActionPanel>[0]['commentLabels'];
  extraTabs?: (d: ApplicationDetail) => { key: string; label: string; children: ReactNode }[];
  /** Offer the conflict-of-interest declaration (reviewing roles). */
  conflicts?: boolean;
}

/** After a return, every official sees what the resubmission changed (issue 14). */
const changesTab = (d: ApplicationDetail) =>
  d.timeline.some((e) => e.action === 'return')
    ? [{ key: 'changes', label: m.opinions.changes.tab, children: <ChangesView applicationId={d.id} /> }]
    : [];

/** The read view of one application for a reviewing role, with the actions the server allows. */
export function ReviewDetailPage({ backTo, slots = {} }: { backTo: string; slots?: ReviewDetailSlots }) {
  const { id } = useParams<{ id: string }>();
  const detail = useApplication(id);
  const navigate = useNavigate();
  const back = (
    <>
      {id ? <ApplicationViewDownloads id={id} opinionForms /> : null}
      <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(backTo)}>
        {m.review.detail.back}
      </Button>
    </>
  );
  if (detail.isError) return <LoadFailed error={detail.error} onRetry={() => void detail.refetch()} />;
  if (!detail.data) return <Skeleton active paragraph={{ rows: 12 }} />;
  const d = detail.data;
  return (
    <>
      <PageHeader
        title={d.spaceName ?? m.review.queue.unnamed}
        subtitle={
          <Flex gap={8} align="center" wrap component="span">
            <StatusTag status={d.status} />
            <span>{d.unit.name}</span>
          </Flex>
        }
        extra={back}
      />
      <ApplicationView
        detail={d}
        extraTabs={[...changesTab(d), ...(slots.extraTabs?.(d) ?? [])]}
        aside={
          <>
            {slots.before?.(d)}
            <ActionPanel detail={d} footer={slots.actionFooter?.(d)} commentLabels={slots.commentLabels} />
            {slots.conflicts ? <DeclareConflictButton unitId={d.unit.id} unitName={d.unit.name} /> : null}
            <IndicatorsCard indicators={d.indicators} />
          </>
        }
      />
    </>
  );
}
