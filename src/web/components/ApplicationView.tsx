import type { ReactNode } from 'react';
import { Card, Col, Descriptions, Row, Tabs } from 'antd';
import type { ApplicationDetail } from '../api/applications';
import { formatTime } from '../format';
import { m } from '../i18n';
import { ApplicationViewBasicInfo } from './ApplicationViewBasicInfo';
import { ApplicationViewFiles } from './ApplicationViewFiles';
import { ApplicationViewFiling } from './ApplicationViewFiling';
import { ApplicationViewNarrative } from './ApplicationViewNarrative';
import { ApplicationViewSimilarity } from './ApplicationViewSimilarity';
import { ApplicationViewTimeline } from './ApplicationViewTimeline';
import './application-view.css';

const t = m.review.detail;

interface Props {
  detail: ApplicationDetail;
  /** The right-hand column: actions, indicators, checklists (below the content on narrow screens). */
  aside?: ReactNode;
  /** Tabs a role adds (paper copies, scores …), after the standard ones. */
  extraTabs?: { key: string; label: string; children: ReactNode }[];
}

/** An application as the authorities read it: the submitted content laid out like the printed attachments. */
export function ApplicationView({ detail, aside, extraTabs = [] }: Props) {
  const summary = (
    <Card size="small">
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, md: 2, lg: 3, xl: 3, xxl: 3 }}
        items={[
          { key: 'number', label: t.number, children: detail.number ?? m.common.none },
          { key: 'unit', label: t.unit, children: detail.unit.name },
          { key: 'uscc', label: t.uscc, children: detail.unit.uscc },
          { key: 'city', label: t.city, children: detail.cityName },
          { key: 'batch', label: t.batch, children: detail.batchName },
          {
            key: 'submitted',
            label: t.submittedAt,
            children: detail.submittedAt ? formatTime(detail.submittedAt) : m.common.none,
          },
        ]}
      />
    </Card>
  );
  const tabs = [
    {
      key: 'basicInfo',
      label: t.tabs.basicInfo,
      children: <ApplicationViewBasicInfo info={detail.content.basicInfo} indicators={detail.indicators} />,
    },
    {
      key: 'narrative',
      label: t.tabs.narrative,
      children: <ApplicationViewNarrative narrative={detail.content.narrative} />,
    },
    {
      key: 'files',
      label: `${t.tabs.files}（${detail.files.length}）`,
      children: <ApplicationViewFiles detail={detail} />,
    },
    { key: 'filing', label: t.tabs.filing, children: <ApplicationViewFiling detail={detail} /> },
    { key: 'timeline', label: t.tabs.timeline, children: <ApplicationViewTimeline timeline={detail.timeline} /> },
    // 查重: every reviewer of a submitted application (the server refuses applicants and outsiders).
    ...(detail.number
      ? [
          {
            key: 'similarity',
            label: m.similarity.tab,
            children: <ApplicationViewSimilarity applicationId={detail.id} />,
          },
        ]
      : []),
    ...extraTabs,
  ];
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24}>{summary}</Col>
      <Col xs={24} xl={aside ? 17 : 24}>
        <Card size="small" className="application-view-card">
          <Tabs items={tabs} />
        </Card>
      </Col>
      {aside ? (
        <Col xs={24} xl={7}>
          <div className="application-view-aside">{aside}</div>
        </Col>
      ) : null}
    </Row>
  );
}
