import { useState } from 'react';
import { Alert, App, Breadcrumb, Button, Card, Col, Flex, Result, Row, Skeleton, Typography } from 'antd';
import { EditOutlined, ExportOutlined, LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { deadlineKindLabels, formatBeijing, type RecordedDates } from '../../../domain/schemas/batches.js';
import { errorText, isApiError } from '../../api/client';
import { useBatch, useUpdateBatch, type Batch } from '../../api/batches';
import { LoadFailed } from '../../components/LoadFailed';
import { PageHeader } from '../../components/PageHeader';
import { fmt, m } from '../../i18n';
import { NoticeBody } from '../public/NoticeBody';
import { provincePaths } from '../province_officer/paths';
import { IntegrityPlaceholderNotice } from '../review/IntegrityPlaceholderNotice';
import '../public/public.css';
import { BatchFormModal } from './BatchFormModal';
import { statusTag } from './BatchListPage';
import { DeadlinesCard } from './DeadlinesCard';
import { DocumentsCard } from './DocumentsCard';
import { BATCHES_PATH } from './paths';
import { RequiredKindsCard } from './RequiredKindsCard';
import { batchPermissions } from './permissions';
import { useBatchContext } from './useBatchContext';

const t = m.batches.detail;
const RECORDED: [keyof RecordedDates, string][] = [
  ['applicantToCity', deadlineKindLabels.applicant],
  ['cityToProvince', deadlineKindLabels.city],
  ['provinceToMinistry', deadlineKindLabels.province],
];

function NoticeCard({ batch }: { batch: Batch }) {
  const [full, setFull] = useState(false);
  const long = batch.noticeText.length > 400;
  const recorded = RECORDED.filter(([k]) => batch.recordedDates[k]);
  return (
    <Card title={<h2 className="batch-card-title">{t.noticeTitle}</h2>} size="small">
      {recorded.length ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t.recorded}：{recorded.map(([k, label]) => `${label} ${batch.recordedDates[k]}`).join('；')}
        </Typography.Paragraph>
      ) : null}
      {batch.noticeText.trim() === '' ? (
        <Typography.Text type="secondary">{t.noNotice}</Typography.Text>
      ) : (
        <>
          <div id="batch-notice-text" className={`batch-notice${long && !full ? ' batch-notice-collapsed' : ''}`}>
            <NoticeBody text={batch.noticeText} />
          </div>
          {long ? (
            <Button
              type="link"
              style={{ paddingInline: 0 }}
              aria-expanded={full}
              aria-controls="batch-notice-text"
              onClick={() => setFull((f) => !f)}
            >
              {full ? t.showLess : t.showAll}
            </Button>
          ) : null}
        </>
      )}
    </Card>
  );
}

/** One batch: its status and notice, the deadline cascade with set/extend, required uploads and templates. */
export function BatchDetailPage() {
  const { id } = useParams();
  const batch = useBatch(id);
  const ctx = useBatchContext();
  const update = useUpdateBatch();
  const { modal, message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const back = (
    <Breadcrumb
      style={{ marginBottom: 12 }}
      items={[{ title: <Link to={BATCHES_PATH}>{m.batches.list.title}</Link> }, { title: batch.data?.name ?? '' }]}
    />
  );

  if (batch.isPending) return <Skeleton active />;
  if (batch.isError) {
    if (isApiError(batch.error) && batch.error.status === 404)
      return (
        <Result
          status="404"
          title={t.notFound}
          extra={
            <Link to={BATCHES_PATH}>
              <Button>{t.back}</Button>
            </Link>
          }
        />
      );
    return <LoadFailed error={batch.error} onRetry={() => void batch.refetch()} />;
  }
  const b = batch.data;
  const perms = batchPermissions(b);

  const toggleStatus = () => {
    const closing = b.status === 'open';
    modal.confirm({
      title: closing ? t.close : t.reopen,
      content: fmt(closing ? t.closeConfirm : t.reopenConfirm, { name: b.name }),
      okText: closing ? t.close : t.reopen,
      okButtonProps: { danger: closing },
      cancelText: m.common.cancel,
      onOk: () =>
        update
          .mutateAsync({ id: b.id, version: b.version, status: closing ? 'closed' : 'open' })
          .then(() => {
            setFailure(null);
            void message.success(closing ? t.closed : t.reopened);
          })
          .catch((e: unknown) =>
            setFailure(isApiError(e) && e.code === 'version_conflict' ? t.conflict : errorText(e)),
          ),
    });
  };

  return (
    <>
      {back}
      <PageHeader
        title={b.name}
        subtitle={
          <Flex gap={8} wrap align="center" component="span">
            {statusTag(b.status)}
            <span>{fmt(t.yearOf, { year: b.year })}</span>
            <Typography.Text type="secondary">{fmt(t.updatedAt, { time: formatBeijing(b.updatedAt) })}</Typography.Text>
          </Flex>
        }
        extra={
          <>
            {perms.canManage ? (
              <>
                <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                  {t.edit}
                </Button>
                <Button
                  icon={b.status === 'open' ? <LockOutlined /> : <UnlockOutlined />}
                  danger={b.status === 'open'}
                  onClick={toggleStatus}
                  loading={update.isPending}
                >
                  {b.status === 'open' ? t.close : t.reopen}
                </Button>
              </>
            ) : null}
            <a href={`/batches/${encodeURIComponent(b.id)}`} target="_blank" rel="noreferrer">
              <Button icon={<ExportOutlined />} tabIndex={-1}>
                {t.publicPage}
              </Button>
            </a>
          </>
        }
      />
      {failure ? (
        <Alert
          type="error"
          showIcon
          title={failure}
          closable={{ onClose: () => setFailure(null) }}
          style={{ marginBottom: 16 }}
          role="alert"
        />
      ) : null}
      <Flex vertical gap={16}>
        {/* The configuration belongs to a province: users above province level have none to show. */}
        {ctx.me && ctx.me.kind !== 'ministry' ? (
          <IntegrityPlaceholderNotice
            batchId={b.id}
            configPath={`${provincePaths.config}?batch=${encodeURIComponent(b.id)}`}
          />
        ) : null}
        <DeadlinesCard batch={b} perms={perms} me={ctx.me} provinces={ctx.provinces} cities={ctx.cities} />
        <Row gutter={[16, 16]}>
          <Col xs={{ span: 24, order: 2 }} lg={{ span: 14, order: 1 }}>
            <NoticeCard batch={b} />
          </Col>
          <Col xs={{ span: 24, order: 1 }} lg={{ span: 10, order: 2 }}>
            <Flex vertical gap={16}>
              <RequiredKindsCard batch={b} canEdit={perms.canManage} />
              <DocumentsCard batch={b} canUpload={perms.canManage} />
            </Flex>
          </Col>
        </Row>
      </Flex>
      {perms.canManage ? <BatchFormModal open={editing} batch={b} onClose={() => setEditing(false)} /> : null}
    </>
  );
}
