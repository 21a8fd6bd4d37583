import { Card, Col, Empty, Flex, Row, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { batchStatusLabels } from '../../../domain/schemas/batches.js';
import { useBatch, useBatches, type Batch } from '../../api/batches';
import { FullPageSpin } from '../../components/FullPageSpin';
import { LoadFailed } from '../../components/LoadFailed';
import { fmt, m } from '../../i18n';
import { NoticeBody } from './NoticeBody';
import { ApplyCard, ContactsCard, DeadlinesCard, DocumentsCard } from './NoticeSide';
import { PublicLayout } from './PublicLayout';

const t = m.publicSite.notice;

/** A batch's notice: the document itself, and beside it the deadlines, templates, contacts and how to apply. */
export function BatchNotice({ batch, others, apply = true }: { batch: Batch; others: Batch[]; apply?: boolean }) {
  return (
    <>
      <Flex align="center" gap={12} wrap style={{ marginBottom: 16 }}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {batch.name}
        </Typography.Title>
        <Tag color={batch.status === 'open' ? 'green' : undefined}>{batchStatusLabels[batch.status]}</Tag>
        <Typography.Text type="secondary">{fmt(t.year, { year: batch.year })}</Typography.Text>
      </Flex>
      <Row gutter={[16, 16]}>
        <Col xs={{ span: 24, order: 2 }} lg={{ span: 16, order: 1 }}>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.body}</h2>}>
            {batch.noticeText.trim() ? <NoticeBody text={batch.noticeText} /> : <Empty />}
          </Card>
        </Col>
        <Col xs={{ span: 24, order: 1 }} lg={{ span: 8, order: 2 }} className="notice-side">
          <DeadlinesCard batch={batch} />
          <DocumentsCard batch={batch} />
          <ContactsCard text={batch.noticeText} />
          {apply ? <ApplyCard /> : null}
          {others.length > 0 ? (
            <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.otherBatches}</h2>} size="small">
              {others.map((b) => (
                <div key={b.id}>
                  <Link to={`/batches/${encodeURIComponent(b.id)}`}>{b.name}</Link>
                </div>
              ))}
            </Card>
          ) : null}
        </Col>
      </Row>
    </>
  );
}

/** The open batch's notice (the newest open one; otherwise the newest batch); `apply` offers registration. */
export function CurrentNotice({ apply = true }: { apply?: boolean }) {
  const batches = useBatches();
  if (batches.isPending) return <FullPageSpin />;
  if (batches.isError) return <LoadFailed error={batches.error} onRetry={() => void batches.refetch()} />;
  const list = batches.data;
  const current = list.find((b) => b.status === 'open') ?? list[0];
  return current ? (
    <BatchNotice batch={current} others={list.filter((b) => b.id !== current.id)} apply={apply} />
  ) : (
    <>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t.title}
      </Typography.Title>
      <Empty description={t.none} />
    </>
  );
}

/** /notice: the current notice for everyone. */
export function NoticePage() {
  return (
    <PublicLayout>
      <CurrentNotice />
    </PublicLayout>
  );
}

/** /batches/:id: one batch's notice. */
export function BatchNoticePage() {
  const { id } = useParams();
  const batch = useBatch(id);
  let body;
  if (batch.isPending) body = <FullPageSpin />;
  else if (batch.isError) body = <LoadFailed error={batch.error} onRetry={() => void batch.refetch()} />;
  else body = <BatchNotice batch={batch.data} others={[]} />;
  return <PublicLayout>{body}</PublicLayout>;
}
