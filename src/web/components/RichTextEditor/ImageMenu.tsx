import type { ReactNode } from 'react';
import { Dropdown, type MenuProps } from 'antd';

/** The picture tool's menu (a chunk of its own: antd's Dropdown loads when the tool is first used). */
export function ImageMenu(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  disabled?: boolean;
  menu: MenuProps;
  children: ReactNode;
}) {
  return (
    <Dropdown
      trigger={['click']}
      open={props.open}
      onOpenChange={props.onOpenChange}
      disabled={props.disabled}
      menu={props.menu}
    >
      {props.children}
    </Dropdown>
  );
}
