import { Alert, Button, Flex, Table, Tag } from 'antd';
import { DownloadOutlined, EyeOutlined } from '@ant-design/icons';
import { applicationFileKindLabels, type ApplicationFileKind } from '../../domain/schemas/applications.js';
import { applicationFileUrl, type ApplicationDetail } from '../api/applications';
import { formatTime } from '../format';
import { fmt, m } from '../i18n';

type FileRow = ApplicationDetail['files'][number];

const t = m.review.detail;
const PREVIEWABLE = /^(application\/pdf|image\/(png|jpeg))$/;

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The supporting files: preview in a new tab (PDF, images) or download. */
export function ApplicationViewFiles({ detail }: { detail: ApplicationDetail }) {
  const present = new Set(detail.files.map((f) => f.kind));
  const missing = detail.requiredFileKinds.filter((k) => !present.has(k));
  return (
    <Flex vertical gap={12}>
      {missing.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          title={fmt(t.requiredMissing, {
            kinds: missing.map((k) => applicationFileKindLabels[k as ApplicationFileKind] ?? k).join('、'),
          })}
        />
      ) : null}
      <Table<FileRow>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={detail.files}
        locale={{ emptyText: t.noFiles }}
        scroll={{ x: 640 }}
        columns={[
          { title: t.fileKind, dataIndex: 'kindLabel', key: 'kind', width: 200, render: (v: string) => <Tag>{v}</Tag> },
          { title: t.fileName, dataIndex: 'fileName', key: 'name' },
          { title: t.fileSize, dataIndex: 'size', key: 'size', width: 90, render: (v: number) => fileSize(v) },
          {
            title: t.uploadedAt,
            dataIndex: 'uploadedAt',
            key: 'at',
            width: 170,
            render: (v: string) => formatTime(v),
          },
          {
            title: m.common.actions,
            key: 'actions',
            width: 170,
            render: (_: unknown, f: FileRow) => (
              <Flex gap={4}>
                {PREVIEWABLE.test(f.mime) ? (
                  <Button
                    size="small"
                    type="link"
                    icon={<EyeOutlined />}
                    href={applicationFileUrl(detail.id, f.id, true)}
                    target="_blank"
                    rel="noopener"
                    aria-label={`${t.preview} ${f.fileName}`}
                  >
                    {t.preview}
                  </Button>
                ) : null}
                <Button
                  size="small"
                  type="link"
                  icon={<DownloadOutlined />}
                  href={applicationFileUrl(detail.id, f.id)}
                  aria-label={`${t.download} ${f.fileName}`}
                >
                  {t.download}
                </Button>
              </Flex>
            ),
          },
        ]}
      />
    </Flex>
  );
}
