import { Button, Dropdown, Flex, Tag, Typography } from 'antd';
import { KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { roleLabels } from '../../domain/roles.js';
import type { SessionUser } from '../api/session';
import { m } from '../i18n';
import { PASSWORD_PATH } from '../navigation';

interface Props {
  user: SessionUser;
  compact: boolean;
  /** During a forced password change only logging out is offered. */
  forced: boolean;
  onLogout: () => void;
}

const roleText = (user: SessionUser) => user.roles.map((r) => roleLabels[r]).join(m.layout.rolesSeparator);

/** Who is logged in (name, organisation, roles) with the change-password and logout entries. */
export function UserBar({ user, compact, forced, onLogout }: Props) {
  const navigate = useNavigate();
  if (compact) {
    const items = [
      ...(forced ? [] : [{ key: 'password', icon: <KeyOutlined />, label: m.layout.changePassword }]),
      { key: 'logout', icon: <LogoutOutlined />, label: m.layout.logout },
    ];
    return (
      <Dropdown
        trigger={['click']}
        popupRender={(menu) => (
          <div className="user-popup">
            <div className="user-popup-summary">
              <UserSummary user={user} />
            </div>
            {menu}
          </div>
        )}
        menu={{ items, onClick: ({ key }) => void (key === 'logout' ? onLogout() : navigate(PASSWORD_PATH)) }}
      >
        <Button type="text" icon={<UserOutlined />} aria-label={`${user.displayName} ${m.layout.userMenu}`}>
          {user.displayName}
        </Button>
      </Dropdown>
    );
  }
  return (
    <Flex align="center" gap={12}>
      <UserSummary user={user} />
      {forced ? null : (
        <Button type="text" icon={<KeyOutlined />} onClick={() => navigate(PASSWORD_PATH)}>
          {m.layout.changePassword}
        </Button>
      )}
      <Button icon={<LogoutOutlined />} onClick={onLogout}>
        {m.layout.logout}
      </Button>
    </Flex>
  );
}

function UserSummary({ user }: { user: SessionUser }) {
  return (
    <Flex vertical style={{ lineHeight: 1.4 }}>
      <Flex align="center" gap={6}>
        <Typography.Text strong>{user.displayName}</Typography.Text>
        <Tag color="blue" style={{ marginInlineEnd: 0 }}>
          {roleText(user)}
        </Tag>
      </Flex>
      <Typography.Text style={{ fontSize: 12, color: '#4a5566' }}>{user.orgName}</Typography.Text>
    </Flex>
  );
}
