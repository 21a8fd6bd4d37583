import type { ReactNode } from 'react';
import { Button, Flex, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import type { ApplicationDetail } from '../../api/applications';
import { ApplicationViewDownloads } from '../../components/ApplicationViewDownloads';
import { m } from '../../i18n';
import { ROLE_HOME } from '../../navigation';
import { DeadlineCountdown } from './DeadlineCountdown';
import { DecisionBanner, ProgressBar, showsCountdown, WaitingNote } from './ProgressBar';
import { statusColor } from './statusColor';

/**
 * The page's h1 (the space's name or 申报材料), its status, batch and deadline, the documents to
 * download and the page's own controls.
 */
export function ApplicationHeader({ detail, extra }: { detail: ApplicationDetail; extra?: ReactNode }) {
  const navigate = useNavigate();
  return (
    <header className="application-header">
      <Button
        type="link"
        icon={<ArrowLeftOutlined />}
        onClick={() => navigate(ROLE_HOME.applicant)}
        style={{ paddingInline: 0 }}
      >
        {m.applicant.page.back}
      </Button>
      <Flex justify="space-between" align="flex-start" wrap gap={12}>
        <div style={{ minWidth: 0 }}>
          <Flex align="center" gap={8} wrap>
            <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
              {detail.spaceName || m.applicant.page.title}
            </Typography.Title>
            <Tag color={statusColor(detail.status)}>{detail.statusLabel}</Tag>
          </Flex>
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
            {detail.batchName} · {detail.unit.name}
            {detail.number ? ` · ${m.applicant.status.number} ${detail.number}` : ''}
          </Typography.Paragraph>
          {showsCountdown(detail.status) ? <DeadlineCountdown deadline={detail.deadline} /> : null}
        </div>
        {/* The PDF (草稿-watermarked until submitted; printed for the paper copies) and the 申报书 in Word. */}
        <Flex gap={8} wrap>
          <ApplicationViewDownloads id={detail.id} />
          {extra}
        </Flex>
      </Flex>
      <ProgressBar status={detail.status} />
      <DecisionBanner detail={detail} />
      <WaitingNote detail={detail} />
    </header>
  );
}
