import { Button, Empty, Flex, List, Tag, Typography } from 'antd';
import type { Notification } from '../api/notifications';
import { formatTime } from '../format';
import { m } from '../i18n';

const t = m.review.bell;

/** Notifications, newest first; unread ones stand out. Choosing one opens the page it concerns. */
export function BellList({
  items,
  onOpen,
  loading,
}: {
  items: Notification[];
  onOpen: (n: Notification) => void;
  loading?: boolean;
}) {
  return (
    <List
      size="small"
      loading={loading}
      dataSource={items}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.empty} /> }}
      renderItem={(n) => (
        <List.Item style={{ padding: 0 }}>
          <Button type="text" onClick={() => onOpen(n)} className={`bell-item${n.readAt ? '' : ' bell-item-unread'}`}>
            <Flex vertical gap={2} align="flex-start" style={{ width: '100%' }}>
              <Flex gap={6} align="center" wrap>
                {n.readAt ? null : (
                  <>
                    <span className="bell-dot" aria-hidden />
                    <span className="bell-sr-only">{t.unreadMark}</span>
                  </>
                )}
                <Tag style={{ marginInlineEnd: 0 }}>{n.kindLabel}</Tag>
                <Typography.Text strong={!n.readAt} style={{ whiteSpace: 'normal', textAlign: 'start' }}>
                  {n.subject}
                </Typography.Text>
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'normal', textAlign: 'start' }}>
                {n.body}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatTime(n.createdAt)}
              </Typography.Text>
            </Flex>
          </Button>
        </List.Item>
      )}
    />
  );
}
