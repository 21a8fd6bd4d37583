import { useState } from 'react';
import { Button, Drawer } from 'antd';
import { CheckCircleOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { fmt, m } from '../../i18n';
import { Checklist } from './Checklist';
import type { ChecklistItem } from './checklist';

const t = m.applicant.checklist;

/**
 * The completeness checklist on a narrow screen, from any step: a button that says how many items
 * remain and opens the list from the bottom; choosing an item closes it and jumps to the field.
 */
export function ChecklistDrawer({ items, onJump }: { items: ChecklistItem[]; onJump: (item: ChecklistItem) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        block
        icon={items.length === 0 ? <CheckCircleOutlined /> : <UnorderedListOutlined />}
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
      >
        {items.length === 0 ? t.openComplete : fmt(t.open, { count: items.length })}
      </Button>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        placement="bottom"
        size="large"
        title={t.title}
        styles={{ body: { padding: 12 } }}
      >
        <Checklist
          items={items}
          onJump={(item) => {
            setOpen(false);
            onJump(item);
          }}
        />
      </Drawer>
    </>
  );
}
