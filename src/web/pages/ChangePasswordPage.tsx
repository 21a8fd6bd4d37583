import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { PASSWORD_RULE_TEXT, passwordSchema } from '../../domain/password.js';
import { errorText, isApiError } from '../api/client';
import { changePassword, fetchSession, SESSION_KEY } from '../api/session';
import { useCurrentUser } from '../auth/useSession';
import { PageHeader } from '../components/PageHeader';
import { zodRule } from '../components/zodRule';
import { m } from '../i18n';
import { landingPath } from '../navigation';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** The user's own password change; when it was forced, the user continues to the landing page. */
export function ChangePasswordPage() {
  const user = useCurrentUser();
  const forced = user.mustChangePassword;
  const [form] = Form.useForm<PasswordForm>();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const mutation = useMutation({
    mutationFn: (v: PasswordForm) => changePassword(v.currentPassword, v.newPassword),
    onSuccess: async () => {
      message.success(`${m.password.success}。${m.password.otherSessionsEnded}`);
      form.resetFields();
      const session = await qc.fetchQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 0 });
      if (forced && session.user) void navigate(landingPath(session.user.roles), { replace: true });
    },
    onError: (e) => {
      if (!isApiError(e)) return;
      form.setFields(
        e.details
          .filter((d) => d.path === 'currentPassword' || d.path === 'newPassword')
          .map((d) => ({ name: d.path as keyof PasswordForm, errors: [d.message] })),
      );
    },
  });

  return (
    <>
      <PageHeader title={m.password.title} />
      <Card style={{ maxWidth: 560 }}>
        {forced ? <Alert type="warning" showIcon title={m.password.forcedNotice} style={{ marginBottom: 16 }} /> : null}
        {mutation.isError ? (
          <Alert type="error" showIcon title={errorText(mutation.error)} style={{ marginBottom: 16 }} />
        ) : null}
        <Form<PasswordForm> form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)}>
          <Form.Item
            name="currentPassword"
            label={m.password.current}
            rules={[{ required: true, message: m.login.passwordRequired }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={m.password.new}
            extra={PASSWORD_RULE_TEXT}
            dependencies={['currentPassword']}
            rules={[
              { required: true, message: m.login.passwordRequired },
              zodRule(passwordSchema),
              ({ getFieldValue }) => ({
                validator: async (_r, value: string) => {
                  if (value && value === getFieldValue('currentPassword')) throw new Error(m.password.sameAsCurrent);
                },
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={m.password.confirm}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: m.password.confirmRequired },
              ({ getFieldValue }) => ({
                validator: async (_r, value: string) => {
                  if (value && value !== getFieldValue('newPassword')) throw new Error(m.password.mismatch);
                },
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={mutation.isPending}>
            {m.password.submit}
          </Button>
        </Form>
      </Card>
    </>
  );
}
