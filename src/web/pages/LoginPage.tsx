import { useState } from 'react';
import { Alert, Button, Flex, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { errorText } from '../api/client';
import { login, type SessionUser } from '../api/session';
import { noticeText, readNotice } from '../auth/notice';
import { useSessionQuery, useSetSession } from '../auth/useSession';
import { m } from '../i18n';
import {
  landingPath,
  NOTICE_PATH,
  PASSWORD_PATH,
  PUBLIC_LIST_PATH,
  REGISTER_PATH,
  REGISTRATION_STATUS_PATH,
} from '../navigation';
import './login.css';

interface LoginForm {
  username: string;
  password: string;
}

const afterLogin = (user: SessionUser) => (user.mustChangePassword ? PASSWORD_PATH : landingPath(user.roles));

export function LoginPage() {
  const session = useSessionQuery();
  const setSession = useSetSession();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const [notice, setNotice] = useState(() => readNotice(location.state));
  const mutation = useMutation({
    mutationFn: (v: LoginForm) => login(v.username.trim(), v.password),
    onMutate: () => setNotice(undefined),
    onSuccess: (user) => {
      // Nothing cached for a previous user may leak into this session.
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
      setSession(user);
      void navigate(afterLogin(user), { replace: true });
    },
  });

  const current = session.data?.user;
  if (current && !mutation.isPending && !mutation.isSuccess) return <Navigate to={afterLogin(current)} replace />;

  return (
    <main className="login-page">
      <Flex vertical align="center" gap={24} className="login-inner">
        <header className="login-brand">
          <div className="login-emblem" aria-hidden="true">
            众
          </div>
          <h1 className="login-title">{m.app.title}</h1>
          <span className="login-subtitle">{m.app.subtitle}</span>
        </header>
        {/* Plain elements styled in login.css: the first page loads no Card or Typography code. */}
        <section className="login-card" aria-labelledby="login-heading">
          <h2 id="login-heading" className="login-heading">
            {m.login.heading}
          </h2>
          {notice ? (
            <Alert
              type={notice === 'logged_out' ? 'success' : 'warning'}
              showIcon
              title={noticeText[notice]}
              style={{ marginBottom: 16 }}
            />
          ) : null}
          {mutation.isError ? (
            <Alert type="error" showIcon title={errorText(mutation.error)} style={{ marginBottom: 16 }} />
          ) : null}
          <Form<LoginForm> layout="vertical" requiredMark={false} onFinish={(v) => mutation.mutate(v)}>
            <Form.Item
              name="username"
              label={m.login.username}
              rules={[{ required: true, whitespace: true, message: m.login.usernameRequired }]}
            >
              <Input prefix={<UserOutlined />} autoComplete="username" size="large" autoFocus />
            </Form.Item>
            <Form.Item
              name="password"
              label={m.login.password}
              rules={[{ required: true, message: m.login.passwordRequired }]}
            >
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
            </Form.Item>
            <Button type="primary" htmlType="submit" size="large" block loading={mutation.isPending}>
              {m.login.submit}
            </Button>
          </Form>
          <p className="login-note login-hint">{m.login.hint}</p>
          <p className="login-note">
            {m.publicSite.loginLinks}
            <Link to={REGISTER_PATH}>{m.publicSite.loginRegister}</Link>
            {' · '}
            <Link to={REGISTRATION_STATUS_PATH}>{m.publicSite.registrationStatus.title}</Link>
            {' · '}
            <Link to={NOTICE_PATH}>{m.publicSite.loginNotice}</Link>
            {' · '}
            <Link to={PUBLIC_LIST_PATH}>{m.publicSite.loginFiled}</Link>
          </p>
        </section>
      </Flex>
    </main>
  );
}
