import { Button, Card, Empty, Flex, Typography } from 'antd';
import { DownloadOutlined, FileWordOutlined, FileTextOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { deadlineKindLabels, formatBeijing, type DeadlineKind } from '../../../domain/schemas/batches.js';
import { batchDocumentUrl, type Batch, type Deadline } from '../../api/batches';
import { formatBytes } from '../../api/uploads';
import { fmt, m } from '../../i18n';
import { LOGIN_PATH } from '../../navigation';
import { noticeContacts } from './noticeText';
import { REGISTER_PATH } from './PublicLayout';

const t = m.publicSite.notice;
const KIND_ORDER: DeadlineKind[] = ['applicant', 'city', 'province'];
const cardTitle = (text: string) => <h2 style={{ fontSize: 16, margin: 0 }}>{text}</h2>;

function DeadlineItem({ d }: { d: Deadline }) {
  return (
    <li>
      <Flex justify="space-between" wrap gap={8}>
        <Typography.Text>{d.scopeOrgName ?? t.nationwide}</Typography.Text>
        <Typography.Text strong>{formatBeijing(d.dueAt)}</Typography.Text>
      </Flex>
      {d.extensions.length > 0 ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {fmt(t.extended, { time: formatBeijing(d.originalDueAt) })}
        </Typography.Text>
      ) : null}
    </li>
  );
}

export function DeadlinesCard({ batch }: { batch: Batch }) {
  return (
    <Card title={cardTitle(t.deadlines)} size="small">
      {KIND_ORDER.map((kind) => {
        const list = batch.deadlines.filter((d) => d.kind === kind);
        return (
          <div key={kind} style={{ marginBottom: 8 }}>
            <Typography.Text type="secondary">{deadlineKindLabels[kind]}</Typography.Text>
            {list.length ? (
              <ul className="notice-deadline-list">
                {list.map((d) => (
                  <DeadlineItem key={d.id} d={d} />
                ))}
              </ul>
            ) : (
              <div>{t.noDeadline}</div>
            )}
          </div>
        );
      })}
      {batch.recordedDates.cityToProvince || batch.recordedDates.provinceToMinistry ? (
        <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 12 }}>
          {t.recorded}：
          {[
            batch.recordedDates.applicantToCity &&
              `${deadlineKindLabels.applicant} ${batch.recordedDates.applicantToCity}`,
            batch.recordedDates.cityToProvince && `${deadlineKindLabels.city} ${batch.recordedDates.cityToProvince}`,
            batch.recordedDates.provinceToMinistry &&
              `${deadlineKindLabels.province} ${batch.recordedDates.provinceToMinistry}`,
          ]
            .filter(Boolean)
            .join('；')}
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}

export function DocumentsCard({ batch }: { batch: Batch }) {
  return (
    <Card title={cardTitle(t.documents)} size="small">
      {batch.documents.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.noDocuments} />
      ) : (
        <Flex vertical gap={8}>
          {batch.documents.map((doc) => (
            <a
              key={doc.id}
              href={batchDocumentUrl(batch.id, doc.id)}
              download={doc.fileName}
              className="notice-doc-link"
            >
              <Flex gap={8} align="flex-start">
                {doc.mime.includes('word') ? <FileWordOutlined aria-hidden /> : <FileTextOutlined aria-hidden />}
                <span style={{ flex: 1 }}>
                  {doc.title}
                  <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 6 }}>
                    {formatBytes(doc.size)}
                  </Typography.Text>
                </span>
                <DownloadOutlined aria-hidden />
              </Flex>
            </a>
          ))}
        </Flex>
      )}
    </Card>
  );
}

export function ContactsCard({ text }: { text: string }) {
  const groups = noticeContacts(text);
  if (groups.length === 0) return null;
  return (
    <Card title={cardTitle(t.contacts)} size="small">
      {groups.map((g, i) => (
        <div key={i} style={{ marginBottom: i < groups.length - 1 ? 12 : 0 }}>
          {g.issuer ? <Typography.Text strong>{g.issuer}</Typography.Text> : null}
          {g.lines.map((line) => (
            <div key={line} style={{ overflowWrap: 'anywhere' }}>
              {line}
            </div>
          ))}
        </div>
      ))}
    </Card>
  );
}

export function ApplyCard() {
  const navigate = useNavigate();
  return (
    <Card title={cardTitle(t.applyTitle)} size="small">
      <Typography.Paragraph style={{ marginTop: 0 }}>{t.applyText}</Typography.Paragraph>
      <Flex gap={8} wrap>
        <Button type="primary" onClick={() => navigate(REGISTER_PATH)}>
          {t.applyRegister}
        </Button>
        <Button onClick={() => navigate(LOGIN_PATH)}>{t.applyLogin}</Button>
      </Flex>
    </Card>
  );
}
