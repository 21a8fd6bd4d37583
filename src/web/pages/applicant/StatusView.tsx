import { Alert, App, Button, Col, Flex, Row } from 'antd';
import { RollbackOutlined, EditOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import type { ApplicationAction } from '../../../domain/workflow.js';
import { useApplicationAction, type ApplicationDetail } from '../../api/applications';
import { errorText } from '../../api/client';
import { m } from '../../i18n';
import { ApplicationHeader } from './ApplicationHeader';
import { ReadOnlyContent } from './ReadOnlyContent';
import { Receipt } from './Receipt';
import { TimelineCard } from './TimelineCard';

const t = m.applicant.status;

/** The applicant's own actions, exactly those the server allows (withdraw, reopen). */
function Actions({ detail }: { detail: ApplicationDetail }) {
  const { modal, message } = App.useApp();
  const action = useApplicationAction(detail.id);
  const [, setParams] = useSearchParams();
  const run = (a: ApplicationAction, title: string) =>
    modal.confirm({
      title,
      onOk: async () => {
        try {
          await action.mutateAsync({ action: a });
          message.success(a === 'withdraw' ? t.withdrawn : t.reopened);
          // Editing starts again from the first step.
          if (a === 'reopen') setParams({}, { replace: true });
        } catch (e) {
          message.error(errorText(e));
        }
      },
    });
  const buttons = [];
  if (detail.allowedActions.includes('withdraw'))
    buttons.push(
      <Button key="withdraw" icon={<RollbackOutlined />} onClick={() => run('withdraw', t.withdrawConfirm)}>
        {t.withdraw}
      </Button>,
    );
  if (detail.allowedActions.includes('reopen'))
    buttons.push(
      <Button key="reopen" type="primary" icon={<EditOutlined />} onClick={() => run('reopen', t.reopenConfirm)}>
        {t.reopen}
      </Button>,
    );
  return buttons.length ? (
    <Flex gap={8} wrap>
      {buttons}
    </Flex>
  ) : null;
}

/** A submitted (or otherwise not editable) application: receipt, status, timeline and the frozen content. */
export function StatusView({ detail }: { detail: ApplicationDetail }) {
  const deadlinePassed = detail.deadline !== null && Date.now() > new Date(detail.deadline).getTime();
  const stuckDraft = (detail.status === 'draft' || detail.status === 'returned') && deadlinePassed;
  return (
    <Flex vertical gap={16}>
      <ApplicationHeader detail={detail} extra={<Actions detail={detail} />} />
      {stuckDraft ? <Alert type="error" showIcon title={m.applicant.pledge.blockedDeadline} /> : null}
      {detail.status === 'submitted' ? <Alert type="info" showIcon title={m.applicant.page.readOnly} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Flex vertical gap={16}>
            {detail.status === 'withdrawn' ? null : <Receipt detail={detail} />}
            <ReadOnlyContent detail={detail} />
          </Flex>
        </Col>
        <Col xs={24} xl={8}>
          <TimelineCard detail={detail} />
        </Col>
      </Row>
    </Flex>
  );
}
