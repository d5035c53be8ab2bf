// My notifications, newest first, paged; new ones arrive live. The hub writes each title and
// summary in my language. Opening one marks it read and goes to what it is about.
import { useEffect } from 'preact/hooks';
import { api, ok } from '../api/client.js';
import { formatDate } from '../i18n/format.js';
import { lang, t } from '../i18n/index.js';
import { refreshUnread, unreadCount } from '../realtime/notification-badge.js';
import { on, startRealtime, type Notification } from '../realtime/socket.js';
import { navigate } from '../router.js';
import type { ScreenProps } from '../routes.js';
import { ProblemAlert } from '../ui/form.js';
import { useLivePages } from '../ui/live-pages.js';
import './rooms/rooms.css';

/** Where a notification leads: its room, its issue (a merged one: the issue it went into). */
export function targetOf(n: Notification): string | null {
  const p = n.payload as Record<string, unknown>;
  if (typeof p.roomId === 'string') return `/rooms/${p.roomId}`;
  if (n.issueId) return `/issues/${n.issueId}`;
  if (typeof p.organisationId === 'string') return `/organisations/${p.organisationId}`;
  return null;
}

export default function NotificationsScreen(_props: ScreenProps) {
  const { items, setItems, next, error, setError, busy, load } = useLivePages(
    (cursor) => ok(api.GET('/api/v1/notifications', { params: { query: { cursor, limit: 20 } } })),
    (page) => {
      unreadCount.value = page.unreadCount;
    },
  );

  useEffect(() => {
    const off = on('notification', (n) =>
      setItems((before) => (before?.some((b) => b.id === n.id) ? before : [n, ...(before ?? [])])),
    );
    // This screen is live: it starts the socket now (the menu's badge waits a few seconds).
    void startRealtime();
    return off;
  }, []);

  const markRead = async (ids: string[] | 'all') => {
    const answer = await ok(
      api.POST('/api/v1/notifications/read', {
        body: ids === 'all' ? { all: true } : { ids },
      }),
    );
    unreadCount.value = answer.unreadCount;
    setItems((before) =>
      (before ?? []).map((n) => (ids === 'all' || ids.includes(n.id) ? { ...n, read: true } : n)),
    );
  };

  const open = (n: Notification) => {
    const to = targetOf(n);
    if (!n.read) void markRead([n.id]).catch(() => undefined);
    if (to) navigate(to);
  };

  const anyUnread = (unreadCount.value ?? 0) > 0 || items?.some((n) => !n.read);

  return (
    <>
      <h1>{t('nav.notifications')}</h1>
      <div class="row">
        <p class="muted" aria-live="polite">
          {t('notifications.unread', { count: unreadCount.value ?? 0 })}
        </p>
        {anyUnread && (
          <button
            type="button"
            onClick={() => void markRead('all').then(refreshUnread, (e: unknown) => setError(e))}
          >
            {t('notifications.markAllRead')}
          </button>
        )}
      </div>
      <ProblemAlert error={error} />
      {items === null && !error && <p class="loading">{t('app.loading')}</p>}
      {items?.length === 0 && <p class="muted">{t('notifications.none')}</p>}
      {items && items.length > 0 && (
        <ul class="plain notifications">
          {items.map((n) => (
            <li key={n.id} class={`card notification${n.read ? '' : ' unread'}`}>
              <button type="button" class="open" onClick={() => open(n)}>
                {!n.read && <span class="visually-hidden">{t('notifications.new')} </span>}
                <strong>{n.title}</strong>
                <span class="summary">{n.summary}</span>
                <time class="muted" dateTime={n.createdAt}>
                  {formatDate(n.createdAt, lang.value, true)}
                </time>
              </button>
              {!n.read && (
                <button
                  type="button"
                  class="link"
                  onClick={() => void markRead([n.id]).catch((e: unknown) => setError(e))}
                >
                  {t('notifications.markRead')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {next && (
        <button type="button" disabled={busy} onClick={() => load(next)}>
          {t('app.more')}
        </button>
      )}
    </>
  );
}
