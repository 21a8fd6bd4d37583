import { Menu } from 'antd';
import { useLocation, useNavigate } from 'react-router-dom';
import type { Role } from '../../domain/roles.js';
import { menuFor, selectedPath } from './menu';

/** The union of the user's role menus; `onNavigate` lets the mobile drawer close itself. */
export function NavMenu({ roles, onNavigate }: { roles: readonly Role[]; onNavigate?: () => void }) {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const items = menuFor(roles);
  const selected = selectedPath(items, pathname);
  return (
    <Menu
      mode="inline"
      selectedKeys={selected ? [selected] : []}
      items={items.map((i) => ({ key: i.path, icon: i.icon, label: i.label }))}
      onClick={({ key }) => {
        void navigate(key);
        onNavigate?.();
      }}
      style={{ borderInlineEnd: 'none' }}
    />
  );
}
