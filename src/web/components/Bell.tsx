import { lazy, Suspense, useEffect, useState } from 'react';
import { Badge, Button, Flex, Popover, Skeleton, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useLocation, useNavigate } from 'react-router-dom';
import { useMarkAllRead, useMarkRead, useNotifications, useUnreadCount, type Notification } from '../api/notifications';
import { fmt, m } from '../i18n';

// The list (antd List, with its pagination and select) loads when the popover first opens, not with every page.
const BellList = lazy(() => import('./BellList').then((mod) => ({ default: mod.BellList })));
import './bell.css';

const t = m.review.bell;
export const NOTIFICATIONS_PATH = '/notifications';

/** The header's bell: the unread count, and the latest notifications in a popover. */
export function Bell() {
  const count = useUnreadCount();
  const [open, setOpen] = useState(false);
  const list = useNotifications(1, 8);
  const read = useMarkRead();
  const readAll = useMarkAllRead();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const unread = count.data ?? 0;
  const refetchCount = count.refetch;

  // A new page is a good moment to look again (no timer: see useUnreadCount).
  useEffect(() => {
    void refetchCount();
  }, [pathname, refetchCount]);

  const openOne = (n: Notification) => {
    setOpen(false);
    if (!n.readAt) read.mutate(n.id);
    void navigate(n.link);
  };

  const content = (
    <div className="bell-popover">
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t.title}</Typography.Text>
        <Button size="small" type="link" disabled={unread === 0} onClick={() => readAll.mutate()}>
          {t.markAll}
        </Button>
      </Flex>
      <Suspense fallback={<Skeleton active title={false} />}>
        <BellList items={list.data?.items ?? []} loading={list.isPending} onOpen={openOne} />
      </Suspense>
      <Button
        block
        type="link"
        onClick={() => {
          setOpen(false);
          void navigate(NOTIFICATIONS_PATH);
        }}
      >
        {t.more}
      </Button>
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) void list.refetch();
      }}
      content={content}
    >
      <Button
        type="text"
        data-testid="bell"
        aria-label={unread ? fmt(t.unread, { count: unread }) : t.label}
        icon={
          <Badge count={unread} size="small" overflowCount={99}>
            <BellOutlined style={{ fontSize: 18 }} />
          </Badge>
        }
      />
    </Popover>
  );
}
