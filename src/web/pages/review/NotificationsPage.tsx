import { Button, Card, Flex, Pagination, Segmented } from 'antd';
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
import { NOTIFICATION_SORTS } from '../../../domain/schemas/notifications.js';
import { useClampPage, useListParams } from '../../components/useListParams';

const t = m.review.bell;

/** Every notification of the user, newest first, with paging. */
export function NotificationsPage() {
  const lp = useListParams(NOTIFICATION_SORTS, { sort: 'createdAt', order: 'desc' });
  const unreadOnly = lp.params.get('unread') === '1';
  const list = useNotifications(lp.page, lp.pageSize, unreadOnly);
  useClampPage(lp.page, lp.pageSize, list.data?.total, (p) => lp.update({ page: String(p) }));
  const pagination = lp.tableProps<Notification>(list.data?.total).pagination || {};
  const count = useUnreadCount();
  const read = useMarkRead();
  const readAll = useMarkAllRead();
  const navigate = useNavigate();
  const items = list.data?.items ?? [];
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
            onChange={(v) => lp.update({ unread: v === 'unread' ? '1' : undefined })}
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
        <Flex justify="end" style={{ marginTop: 12 }}>
          <Pagination
            {...pagination}
            onChange={(page, pageSize) =>
              lp.update(
                pageSize !== lp.pageSize
                  ? { pageSize: pageSize === 20 ? undefined : String(pageSize) }
                  : { page: String(page) },
              )
            }
          />
        </Flex>
      </Card>
    </>
  );
}
