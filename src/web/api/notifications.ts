import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Notification, notificationListResponse } from '../../domain/schemas/notifications.js';
import { api } from './client';

/** The user's own notifications (the bell). */
export type { Notification };

type NotificationPage = z.infer<typeof notificationListResponse>;

const KEY = ['notifications'] as const;
const COUNT_KEY = [...KEY, 'unread-count'] as const;

/**
 * The unread count. It is refreshed when the window regains focus and on navigation, never on a
 * timer: a poll would keep an idle session alive past its 30-minute timeout.
 */
export function useUnreadCount() {
  return useQuery({
    queryKey: COUNT_KEY,
    queryFn: () => api.get<{ unreadCount: number }>('/api/notifications/unread-count').then((r) => r.unreadCount),
    staleTime: 15_000,
  });
}

/** One numbered page of the user's notifications (newest first), with the total. */
export function useNotifications(page: number, pageSize: number, unreadOnly = false) {
  return useQuery({
    queryKey: [...KEY, 'list', page, pageSize, unreadOnly],
    queryFn: () =>
      api.get<NotificationPage>('/api/notifications', {
        page,
        pageSize,
        unreadOnly: unreadOnly ? 'true' : undefined,
      }),
    placeholderData: keepPreviousData,
  });
}

function useReadMutation<V>(fn: (v: V) => Promise<{ unreadCount: number }>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (r) => {
      qc.setQueryData(COUNT_KEY, r.unreadCount);
      void qc.invalidateQueries({ queryKey: [...KEY, 'list'] });
    },
  });
}

export const useMarkRead = () =>
  useReadMutation((id: string) =>
    api.post<{ unreadCount: number }>(`/api/notifications/${encodeURIComponent(id)}/read`),
  );

export const useMarkAllRead = () =>
  useReadMutation(() => api.post<{ unreadCount: number }>('/api/notifications/read-all'));
