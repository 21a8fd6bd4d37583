import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Form, Input, Modal, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { DownloadOutlined, FileTextOutlined, UploadOutlined } from '@ant-design/icons';
import { UPLOAD_ACCEPT, UPLOAD_MAX_BYTES } from '../../../domain/schemas/applications.js';
import { batchDocumentUrl, useUploadBatchDocument, type Batch } from '../../api/batches';
import { formatBytes } from '../../api/uploads';
import { applyServerErrors } from '../../components/formErrors';
import { m } from '../../i18n';

const t = m.batches.documents;

interface UploadForm {
  title?: string;
  file?: UploadFile[];
}

function UploadModal({ batchId, open, onClose }: { batchId: string; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<UploadForm>();
  const upload = useUploadBatchDocument();
  const { message } = App.useApp();
  const [failure, setFailure] = useState<string | null>(null);

  const close = () => {
    form.resetFields();
    setFailure(null);
    onClose();
  };

  const submit = (v: UploadForm) => {
    const file = v.file?.[0]?.originFileObj;
    if (!file) return;
    setFailure(null);
    upload.mutate(
      { batchId, title: (v.title ?? '').trim(), file },
      {
        onSuccess: () => {
          message.success(t.uploaded);
          close();
        },
        onError: (e) => setFailure(applyServerErrors(form, ['title', 'file'], e)),
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t.uploadTitle}
      okText={t.upload}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={upload.isPending}
      destroyOnHidden
      forceRender
    >
      {failure ? <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} role="alert" /> : null}
      <Form<UploadForm> form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="title"
          label={t.fileTitle}
          extra={t.fileTitleHint}
          rules={[{ max: 100, message: t.titleTooLong }]}
        >
          <Input placeholder={t.fileTitlePlaceholder} maxLength={100} />
        </Form.Item>
        <Form.Item
          name="file"
          label={t.file}
          extra={t.types}
          valuePropName="fileList"
          getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.slice(-1)}
          rules={[
            { required: true, message: t.chooseRequired },
            {
              validator: async (_, list: UploadFile[] | undefined) => {
                const size = list?.[0]?.size ?? 0;
                if (size > UPLOAD_MAX_BYTES) throw new Error(t.types);
              },
            },
          ]}
        >
          <Upload beforeUpload={() => false} accept={UPLOAD_ACCEPT} maxCount={1}>
            <Button icon={<UploadOutlined />}>{t.choose}</Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The notice documents and attachment templates: everyone downloads, the system administrator uploads. */
export function DocumentsCard({ batch, canUpload }: { batch: Batch; canUpload: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <Card
      title={<h2 className="batch-card-title">{t.title}</h2>}
      size="small"
      extra={
        canUpload ? (
          <Button size="small" icon={<UploadOutlined />} onClick={() => setOpen(true)}>
            {t.upload}
          </Button>
        ) : null
      }
    >
      {batch.documents.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.none} />
      ) : (
        <ul className="batch-docs">
          {batch.documents.map((doc) => (
            <li key={doc.id}>
              <Flex gap={8} align="flex-start">
                <FileTextOutlined aria-hidden style={{ marginTop: 4 }} />
                <div style={{ flex: 1, minWidth: 0 }}>
                  <div style={{ overflowWrap: 'anywhere' }}>{doc.title}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12, overflowWrap: 'anywhere' }}>
                    {doc.fileName} · {formatBytes(doc.size)}
                  </Typography.Text>
                </div>
                <a
                  href={batchDocumentUrl(batch.id, doc.id)}
                  download={doc.fileName}
                  aria-label={`${t.download}：${doc.title}`}
                >
                  <DownloadOutlined aria-hidden /> {t.download}
                </a>
              </Flex>
            </li>
          ))}
        </ul>
      )}
      {canUpload ? <UploadModal batchId={batch.id} open={open} onClose={() => setOpen(false)} /> : null}
    </Card>
  );
}
