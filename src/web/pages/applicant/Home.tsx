import { Alert, Button, Card, Empty, Flex, List, Tag, Typography } from 'antd';
import { FormOutlined, PlusOutlined, ReadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { formatBeijing } from '../../../domain/schemas/batches.js';
import {
  APPLICATIONS_KEY,
  createApplication,
  useAllApplicationPages,
  type ApplicationListItem,
} from '../../api/applications';
import { applicantDeadlineFor, useBatches, type Batch } from '../../api/batches';
import { errorText } from '../../api/client';
import { useOrgs } from '../../api/orgs';
import { LoadFailed } from '../../components/LoadFailed';
import { WorkbenchHome } from '../../components/WorkbenchHome';
import { formatTime } from '../../format';
import { m } from '../../i18n';
import { APPLICANT_NOTICE_PATH, ROLE_HOME } from '../../navigation';
import { remainingText } from './DeadlineCountdown';
import { statusColor } from './statusColor';
import './applicant.css';

const t = m.applicant.home;
export const applicationPath = (id: string) => `${ROLE_HOME.applicant}/applications/${encodeURIComponent(id)}`;
const cardTitle = (text: string) => <h2 style={{ fontSize: 16, margin: 0 }}>{text}</h2>;

/** An open batch with this city's deadline and the button that starts (or continues) the application. */
function BatchCard({
  batch,
  cityId,
  mine,
  ready,
}: {
  batch: Batch;
  cityId?: string;
  mine?: ApplicationListItem;
  ready: boolean;
}) {
  const navigate = useNavigate();
  const qc = useQueryClient();
  const start = useMutation({
    mutationFn: () => createApplication(batch.id),
    onSuccess: (detail) => {
      void qc.invalidateQueries({ queryKey: APPLICATIONS_KEY });
      void navigate(applicationPath(detail.id));
    },
  });
  const deadline = applicantDeadlineFor(batch, cityId);
  const left = deadline ? remainingText(deadline.dueAt, Date.now()) : null;
  return (
    <Card size="small" className="workbench-batch">
      <Flex justify="space-between" align="center" wrap gap={12}>
        <div>
          <Typography.Text strong style={{ fontSize: 15 }}>
            {batch.name}
          </Typography.Text>
          <div>
            {deadline ? (
              <Typography.Text>
                {t.deadline}：{formatBeijing(deadline.dueAt)}（北京时间）
                <Typography.Text strong type={left ? undefined : 'danger'}>
                  {' '}
                  {left ?? m.applicant.deadline.passed}
                </Typography.Text>
              </Typography.Text>
            ) : (
              <Typography.Text type="secondary">{t.noDeadline}</Typography.Text>
            )}
          </div>
        </div>
        <Flex gap={8} wrap>
          <Button icon={<ReadOutlined />} onClick={() => navigate(APPLICANT_NOTICE_PATH)}>
            {t.notice}
          </Button>
          {mine ? (
            <Button type="primary" icon={<FormOutlined />} onClick={() => navigate(applicationPath(mine.id))}>
              {mine.status === 'draft' || mine.status === 'returned' ? t.continue : t.view}
            </Button>
          ) : (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              loading={start.isPending || !ready}
              disabled={!left}
              onClick={() => start.mutate()}
            >
              {t.start}
            </Button>
          )}
        </Flex>
      </Flex>
      {start.isError ? <Alert type="error" showIcon title={errorText(start.error)} style={{ marginTop: 12 }} /> : null}
    </Card>
  );
}

function MyApplications({ items }: { items: ApplicationListItem[] }) {
  const navigate = useNavigate();
  return (
    <List
      dataSource={items}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.noApplications} /> }}
      renderItem={(a) => (
        <List.Item
          actions={[
            <Button key="open" type="link" onClick={() => navigate(applicationPath(a.id))}>
              {a.status === 'draft' || a.status === 'returned' ? t.continue : t.view}
            </Button>,
          ]}
        >
          <List.Item.Meta
            title={
              <Flex gap={8} align="center" wrap>
                <a href={applicationPath(a.id)} onClick={(e) => (e.preventDefault(), navigate(applicationPath(a.id)))}>
                  {a.spaceName || t.untitled}
                </a>
                <Tag color={statusColor(a.status)}>{a.statusLabel}</Tag>
              </Flex>
            }
            description={[
              a.batchName,
              a.number ? `${t.number} ${a.number}` : null,
              `${t.updatedAt} ${formatTime(a.savedAt && a.savedAt > a.updatedAt ? a.savedAt : a.updatedAt)}`,
            ]
              .filter(Boolean)
              .join(' · ')}
          />
        </List.Item>
      )}
    />
  );
}

/** The applicant's workbench: the open batch with its deadline, the unit's applications and their status. */
export function ApplicantHome() {
  const batches = useBatches('open');
  const list = useAllApplicationPages({});
  const unit = useOrgs({ kind: 'applicant_unit' });
  const items = list.data ?? [];
  const cityId = unit.data?.[0]?.cityId ?? undefined;
  return (
    <WorkbenchHome role="applicant">
      <Card title={cardTitle(t.openBatches)}>
        {batches.isError ? (
          <LoadFailed error={batches.error} onRetry={() => void batches.refetch()} />
        ) : batches.data?.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.noOpenBatch} />
        ) : (
          <Flex vertical gap={12}>
            {(batches.data ?? []).map((b) => (
              <BatchCard
                key={b.id}
                batch={b}
                cityId={cityId}
                ready={list.isSuccess}
                mine={items.find((a) => a.batchId === b.id)}
              />
            ))}
          </Flex>
        )}
      </Card>
      <Card title={cardTitle(t.myApplications)}>
        {list.isError ? (
          <LoadFailed error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <MyApplications items={items} />
        )}
      </Card>
    </WorkbenchHome>
  );
}
