import { useState } from 'react';
import { Button, Drawer, Grid, Layout } from 'antd';
import { MenuOutlined } from '@ant-design/icons';
import { Outlet, useLocation } from 'react-router-dom';
import { useCurrentUser } from '../auth/useSession';
import { useLogout } from '../auth/useLogout';
import { Bell } from '../components/Bell';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { m } from '../i18n';
import { NavMenu } from './NavMenu';
import { UserBar } from './UserBar';
import './layout.css';

/** Below antd's lg breakpoint (992 px) the side menu moves into a drawer. */
function useCompact(): boolean {
  const screens = Grid.useBreakpoint();
  return screens.lg === undefined ? window.innerWidth < 992 : !screens.lg;
}

function Brand() {
  return (
    <div className="app-brand">
      <span className="app-brand-mark" aria-hidden="true">
        众
      </span>
      <span className="app-brand-text">{m.app.title}</span>
    </div>
  );
}

/** The frame of every page after login: menu, header with the user, content, footer. */
export function AppLayout() {
  const user = useCurrentUser();
  const compact = useCompact();
  const logout = useLogout();
  const { pathname } = useLocation();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const forced = user.mustChangePassword;
  const showSider = !compact && !forced;

  return (
    <Layout className="app-root">
      {showSider ? (
        <Layout.Sider width={240} theme="light" className="app-sider">
          <Brand />
          <nav aria-label={m.layout.navigation}>
            <NavMenu roles={user.roles} />
          </nav>
        </Layout.Sider>
      ) : null}
      <Layout>
        <Layout.Header className="app-header">
          {compact && !forced ? (
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label={m.layout.openMenu}
              onClick={() => setDrawerOpen(true)}
            />
          ) : null}
          {showSider ? <div className="app-header-spacer" /> : <Brand />}
          {forced ? null : <Bell />}
          <UserBar user={user} compact={compact} forced={forced} onLogout={() => void logout()} />
        </Layout.Header>
        <Layout.Content className="app-content">
          <ErrorBoundary key={pathname}>
            <Outlet />
          </ErrorBoundary>
        </Layout.Content>
        <Layout.Footer className="app-footer">{m.layout.footer}</Layout.Footer>
      </Layout>
      {compact && !forced ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={272}
          title={m.app.shortTitle}
          styles={{ body: { padding: 8 } }}
        >
          <nav aria-label={m.layout.navigation}>
            <NavMenu roles={user.roles} onNavigate={() => setDrawerOpen(false)} />
          </nav>
        </Drawer>
      ) : null}
    </Layout>
  );
}
