import { useMemo, useState } from 'react';
import { Button, Card, Flex, Segmented } from 'antd';
import { useNavigate } from 'react-router-dom';
import {
  useMarkAllRead,
  useMarkRead,
  useNotifications,
  useUnreadCount,
  type Notification,
} from '../../api/notifications';
import { BellList } from '../../components/BellList';
import { LoadFailed } from '../../components/LoadFailed';
import { PageHeader } from '../../components/PageHeader';
import { fmt, m } from '../../i18n';

const t = m.review.bell;

/** Every notification of the user, newest first, with paging. */
export function NotificationsPage() {
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useNotifications(20, unreadOnly);
  const count = useUnreadCount();
  const read = useMarkRead();
  const readAll = useMarkAllRead();
  const navigate = useNavigate();
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const open = (n: Notification) => {
    if (!n.readAt) read.mutate(n.id);
    void navigate(n.link);
  };
  return (
    <>
      <PageHeader
        title={t.pageTitle}
        subtitle={t.pageSubtitle}
        extra={
          <Button disabled={!count.data} onClick={() => readAll.mutate()}>
            {t.markAll}
          </Button>
        }
      />
      <Card>
        <Flex justify="space-between" wrap gap={8} style={{ marginBottom: 12 }}>
          <Segmented<'all' | 'unread'>
            aria-label={t.unreadOnly}
            value={unreadOnly ? 'unread' : 'all'}
            onChange={(v) => setUnreadOnly(v === 'unread')}
            options={[
              { value: 'all', label: m.common.all },
              { value: 'unread', label: t.unreadOnly },
            ]}
          />
          <span>{count.data ? fmt(t.unread, { count: count.data }) : null}</span>
        </Flex>
        {list.isError ? (
          <LoadFailed error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <BellList items={items} loading={list.isPending} onOpen={open} />
        )}
        {list.hasNextPage ? (
          <Flex justify="center" style={{ marginTop: 12 }}>
            <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
              {t.loadMore}
            </Button>
          </Flex>
        ) : null}
      </Card>
    </>
  );
}
