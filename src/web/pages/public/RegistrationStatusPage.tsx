import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, Modal, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { ownRegistrationRequest, registrationStatusLabels } from '../../../domain/schemas/registrations.js';
import { errorText } from '../../api/client';
import {
  fetchOwnLicence,
  fetchOwnRegistration,
  replaceOwnLicence,
  type OwnRegistration,
  type OwnRegistrationRequest,
} from '../../api/registrations';
import { formatBytes } from '../../api/uploads';
import { zodRule } from '../../components/zodRule';
import { formatTime } from '../../format';
import { fmt, m } from '../../i18n';
import { REGISTER_PATH } from '../../navigation';
import { LicenceUpload } from './LicenceUpload';
import { PublicLayout } from './PublicLayout';

const t = m.publicSite.registrationStatus;
const STATUS_COLOR = { pending: 'blue', approved: 'green', refused: 'red' } as const;

/** The licence itself, shown in a dialog: an image as a picture, a PDF in a frame. */
function LicencePreview({ blob, name, onClose }: { blob: Blob | null; name: string; onClose: () => void }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!blob) return;
    const u = URL.createObjectURL(blob);
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [blob]);
  return (
    <Modal open={!!blob} title={name} footer={null} onCancel={onClose} width={820} destroyOnHidden>
      {url && blob?.type.startsWith('image/') ? (
        <img src={url} alt={fmt(t.licenceAlt, { name })} style={{ maxWidth: '100%' }} />
      ) : url ? (
        <iframe src={url} title={name} style={{ width: '100%', height: '70vh', border: 0 }} />
      ) : null}
    </Modal>
  );
}

/**
 * 查询注册进度 (issue 17): a unit whose registration awaits its city's decision, or was refused, has no
 * account yet; with the login name and password it registered with it sees where its registration
 * stands and the 营业执照 it uploaded, and replaces the licence while the city has not decided (the
 * server sends what it may do as allowedActions).
 */
export function RegistrationStatusPage() {
  const [form] = Form.useForm<OwnRegistrationRequest>();
  const { message } = App.useApp();
  const [creds, setCreds] = useState<OwnRegistrationRequest | null>(null);
  const [own, setOwn] = useState<OwnRegistration | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [token, setToken] = useState<string | undefined>();
  const [blob, setBlob] = useState<Blob | null>(null);

  const run = async (work: () => Promise<void>) => {
    setError(null);
    setBusy(true);
    try {
      await work();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const look = (v: OwnRegistrationRequest) =>
    run(async () => {
      const c = { username: v.username.trim(), password: v.password };
      setOwn(await fetchOwnRegistration(c));
      setCreds(c);
    });
  const replace = () =>
    run(async () => {
      if (!creds || !token) return;
      setOwn(await replaceOwnLicence(creds, token));
      setToken(undefined);
      message.success(t.replaced);
    });
  const view = () => run(async () => setBlob(creds ? await fetchOwnLicence(creds) : null));

  const reg = own?.registration;
  const can = (a: OwnRegistration['allowedActions'][number]) => own?.allowedActions.includes(a) ?? false;
  return (
    <PublicLayout>
      <Card style={{ maxWidth: 720, margin: '0 auto' }}>
        <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>
          {t.title}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t.subtitle}</Typography.Paragraph>
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
        {!reg ? (
          <Form<OwnRegistrationRequest> form={form} name="registrationStatus" layout="vertical" onFinish={look}>
            <Form.Item
              name="username"
              label={t.username}
              rules={[
                { required: true, whitespace: true, message: t.usernameRequired },
                zodRule(ownRegistrationRequest.shape.username),
              ]}
            >
              <Input autoComplete="username" maxLength={64} />
            </Form.Item>
            <Form.Item name="password" label={t.password} rules={[{ required: true, message: t.passwordRequired }]}>
              <Input.Password autoComplete="current-password" maxLength={200} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t.look}
            </Button>
          </Form>
        ) : (
          <Flex vertical gap={16}>
            <Descriptions column={1} bordered size="small">
              <Descriptions.Item label={t.unit}>{reg.unitName}</Descriptions.Item>
              <Descriptions.Item label={t.status}>
                <Tag color={STATUS_COLOR[reg.status]}>{registrationStatusLabels[reg.status]}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t.city}>{reg.cityName ?? m.common.none}</Descriptions.Item>
              <Descriptions.Item label={t.createdAt}>{formatTime(reg.createdAt)}</Descriptions.Item>
              {reg.comment ? <Descriptions.Item label={t.comment}>{reg.comment}</Descriptions.Item> : null}
              <Descriptions.Item label={t.licence}>
                {reg.licence ? (
                  <Flex gap={8} wrap align="center">
                    <span className="value-nowrap">
                      {fmt(t.licenceFile, { name: reg.licence.fileName, size: formatBytes(reg.licence.size) })}
                    </span>
                    {can('view_licence') ? (
                      <Button size="small" onClick={() => void view()} loading={busy}>
                        {t.viewLicence}
                      </Button>
                    ) : null}
                  </Flex>
                ) : (
                  t.noLicence
                )}
              </Descriptions.Item>
            </Descriptions>
            {can('replace_licence') ? (
              <Card size="small" title={<h2 style={{ fontSize: 15, margin: 0 }}>{t.replaceTitle}</h2>}>
                <Typography.Paragraph type="secondary">{t.replaceHint}</Typography.Paragraph>
                <Flex vertical gap={12} align="flex-start">
                  <LicenceUpload value={token} onChange={setToken} />
                  <Button type="primary" disabled={!token} loading={busy} onClick={() => void replace()}>
                    {t.replace}
                  </Button>
                </Flex>
              </Card>
            ) : null}
            {reg.status === 'refused' ? (
              <Alert
                type="warning"
                showIcon
                title={t.refusedHint}
                action={
                  <Link to={REGISTER_PATH}>
                    <Button size="small">{t.registerAgain}</Button>
                  </Link>
                }
              />
            ) : null}
          </Flex>
        )}
      </Card>
      <LicencePreview blob={blob} name={reg?.licence?.fileName ?? ''} onClose={() => setBlob(null)} />
    </PublicLayout>
  );
}
