import { useEffect, useState } from 'react';
import { Alert, Button, Flex, Typography, Upload } from 'antd';
import { FilePdfOutlined, UploadOutlined } from '@ant-design/icons';
import { LICENCE_MAX_BYTES } from '../../../domain/schemas/registrations.js';
import { errorText } from '../../api/client';
import { uploadLicence } from '../../api/registrations';
import { formatBytes } from '../../api/uploads';
import { fmt, m } from '../../i18n';

const t = m.publicSite.register;

interface Props {
  id?: string;
  /** The token of the uploaded licence (the form's value). */
  value?: string;
  onChange?: (token: string | undefined) => void;
}

interface Uploaded {
  fileName: string;
  size: number;
  mime: string;
  /** A local preview of an image (the server never serves the licence back to the anonymous unit). */
  preview: string | null;
}

/**
 * The 营业执照 of the registration form: uploaded at once (PDF, JPG, PNG; the server judges the type by
 * content and answers a one-time token, the form's value), shown as a preview, replaceable until the
 * registration is sent.
 */
export function LicenceUpload({ id, value, onChange }: Props) {
  const [uploaded, setUploaded] = useState<Uploaded | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => () => void (uploaded?.preview && URL.revokeObjectURL(uploaded.preview)), [uploaded]);

  const start = async (file: File) => {
    setError(null);
    if (file.size > LICENCE_MAX_BYTES) {
      setError(t.licenceTooLarge);
      return;
    }
    setBusy(true);
    try {
      const licence = await uploadLicence(file);
      const preview = licence.mime.startsWith('image/') ? URL.createObjectURL(file) : null;
      setUploaded({ fileName: licence.fileName, size: licence.size, mime: licence.mime, preview });
      onChange?.(licence.token);
    } catch (e) {
      setError(fmt(t.licenceFailed, { reason: errorText(e) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex vertical gap={8} align="flex-start">
      <Upload
        id={id}
        accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
        showUploadList={false}
        maxCount={1}
        beforeUpload={(file) => {
          void start(file);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} loading={busy}>
          {busy ? t.licenceUploading : value ? t.licenceReplace : t.licencePick}
        </Button>
      </Upload>
      {error ? <Alert type="error" showIcon title={error} /> : null}
      {uploaded && value ? (
        <Flex vertical gap={8} className="licence-uploaded">
          <Typography.Text type="success">
            {uploaded.preview ? null : <FilePdfOutlined aria-hidden style={{ marginRight: 6 }} />}
            {fmt(t.licenceUploaded, { name: uploaded.fileName, size: formatBytes(uploaded.size) })}
          </Typography.Text>
          {uploaded.preview ? (
            <img
              src={uploaded.preview}
              alt={t.licencePreview}
              style={{ maxWidth: 'min(360px, 100%)', maxHeight: 260, border: '1px solid #d9d9d9', borderRadius: 4 }}
            />
          ) : null}
        </Flex>
      ) : null}
    </Flex>
  );
}
