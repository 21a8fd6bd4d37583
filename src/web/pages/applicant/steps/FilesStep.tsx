import { useRef, useState } from 'react';
import { Alert, App, Button, Card, Flex, Progress, Tag, Typography } from 'antd';
import { DeleteOutlined, DownloadOutlined, EyeOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  APPLICATION_FILE_KINDS,
  applicationFileKindLabels,
  UPLOAD_ACCEPT,
  UPLOAD_MAX_BYTES,
  UPLOAD_TYPES_LABEL,
  type ApplicationFileKind,
} from '../../../../domain/schemas/applications.js';
import { applicationFileUrl, applicationKey, type ApplicationDetail } from '../../../api/applications';
import { errorText } from '../../../api/client';
import { deleteApplicationFile, formatBytes, uploadApplicationFile } from '../../../api/uploads';
import { DownloadButton } from '../../../components/DownloadButton';
import { formatTime } from '../../../format';
import { fmt, m } from '../../../i18n';

const t = m.applicant.files;
const MAX_LABEL = formatBytes(UPLOAD_MAX_BYTES);

interface KindProps {
  detail: ApplicationDetail;
  kind: ApplicationFileKind;
  editable: boolean;
  error?: string;
}

/** The slots whose document is printed from the system, signed and stamped, then scanned (下载打印). */
const PRINTABLE: Partial<Record<ApplicationFileKind, 'basic_info' | 'pledge'>> = {
  stamp_scan: 'basic_info',
  pledge_scan: 'pledge',
};

function KindCard({ detail, kind, editable, error }: KindProps) {
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const files = detail.files.filter((f) => f.kind === kind);
  const required = detail.requiredFileKinds.includes(kind);
  const refresh = () => qc.invalidateQueries({ queryKey: applicationKey(detail.id) });

  const upload = async (file: File) => {
    setRefused(null);
    if (file.size > UPLOAD_MAX_BYTES) {
      setRefused(fmt(t.refused, { name: file.name, message: fmt(t.tooBig, { max: MAX_LABEL }) }));
      return;
    }
    setProgress(0);
    try {
      await uploadApplicationFile(detail.id, kind, file, setProgress);
      message.success(fmt(t.uploaded, { name: file.name }));
      await refresh();
    } catch (e) {
      setRefused(fmt(t.refused, { name: file.name, message: errorText(e) }));
    } finally {
      setProgress(null);
    }
  };

  const remove = (fileId: string, name: string) =>
    modal.confirm({
      title: fmt(t.deleteConfirm, { name }),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await deleteApplicationFile(detail.id, fileId);
          message.success(t.deleted);
          await refresh();
        } catch (e) {
          message.error(errorText(e));
        }
      },
    });

  const label = applicationFileKindLabels[kind];
  return (
    <Card
      size="small"
      className="file-kind"
      title={<h3 className="file-kind-title">{label}</h3>}
      extra={required ? <Tag color="red">{t.required}</Tag> : null}
    >
      {PRINTABLE[kind] ? (
        <Flex gap={8} align="center" wrap style={{ marginBottom: 8 }}>
          <DownloadButton
            size="small"
            url={`/api/applications/${encodeURIComponent(detail.id)}/print/${PRINTABLE[kind]}.pdf`}
            label={`${m.applicant.print.button}：${label}`}
          >
            {m.applicant.print.button}
          </DownloadButton>
          <Typography.Text type="secondary">{m.applicant.print.hint[PRINTABLE[kind]]}</Typography.Text>
        </Flex>
      ) : null}
      {files.length === 0 ? <Typography.Text type="secondary">{t.none}</Typography.Text> : null}
      <ul className="file-list" aria-label={label}>
        {files.map((f) => (
          <li key={f.id}>
            <Flex justify="space-between" align="center" wrap gap={8}>
              <div style={{ minWidth: 0 }}>
                <Typography.Text strong style={{ wordBreak: 'break-all' }}>
                  {f.fileName}
                </Typography.Text>
                <div className="file-meta">
                  {formatBytes(f.size)} · {formatTime(f.uploadedAt)}
                </div>
              </div>
              <Flex gap={4} wrap>
                <Button
                  size="small"
                  icon={<EyeOutlined />}
                  href={applicationFileUrl(detail.id, f.id, true)}
                  target="_blank"
                  rel="noopener"
                  aria-label={`${t.preview}：${f.fileName}`}
                >
                  {t.preview}
                </Button>
                <Button
                  size="small"
                  icon={<DownloadOutlined />}
                  href={applicationFileUrl(detail.id, f.id)}
                  aria-label={`${t.download}：${f.fileName}`}
                >
                  {t.download}
                </Button>
                {editable ? (
                  <Button
                    size="small"
                    danger
                    icon={<DeleteOutlined />}
                    onClick={() => remove(f.id, f.fileName)}
                    aria-label={`${t.delete}：${f.fileName}`}
                  >
                    {t.delete}
                  </Button>
                ) : null}
              </Flex>
            </Flex>
          </li>
        ))}
      </ul>
      {progress !== null ? (
        <Progress percent={progress} size="small" aria-label={fmt(t.uploading, { percent: progress })} />
      ) : null}
      {refused || error ? (
        <Alert type="error" showIcon title={refused ?? error} style={{ margin: '8px 0' }} role="alert" />
      ) : null}
      {editable ? (
        <>
          <input
            ref={input}
            type="file"
            accept={UPLOAD_ACCEPT}
            hidden
            aria-hidden
            tabIndex={-1}
            data-kind={kind}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void upload(file);
            }}
          />
          <Button
            id={`files-${kind}`}
            icon={<UploadOutlined />}
            loading={progress !== null}
            onClick={() => input.current?.click()}
            aria-label={`${t.upload}：${label}`}
          >
            {progress !== null ? fmt(t.uploading, { percent: progress }) : t.upload}
          </Button>
        </>
      ) : null}
    </Card>
  );
}

/** 附件: supporting files by kind, checked by content on the server; preview, download, delete while editable. */
export function FilesStep({
  detail,
  editable,
  errors,
}: {
  detail: ApplicationDetail;
  editable: boolean;
  errors: Record<string, string>;
}) {
  const kinds = [...APPLICATION_FILE_KINDS].sort(
    (a, b) => Number(detail.requiredFileKinds.includes(b)) - Number(detail.requiredFileKinds.includes(a)),
  );
  return (
    <Card title={<h2 className="step-title">{t.heading}</h2>}>
      <Typography.Paragraph type="secondary">
        {fmt(t.hint, { types: UPLOAD_TYPES_LABEL, max: MAX_LABEL })}
      </Typography.Paragraph>
      <Flex vertical gap={12}>
        {kinds.map((kind) => (
          <KindCard key={kind} detail={detail} kind={kind} editable={editable} error={errors[`files.${kind}`]} />
        ))}
      </Flex>
    </Card>
  );
}
