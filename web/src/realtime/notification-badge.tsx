// The unread-notifications count in the main menu. The count is one small request; the socket
// (and socket.io-client with it) starts after the first paint. Live `notification` events add to
// the count; after a reconnect it is asked again (notifications are not replayed).
import { signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { api, ok } from '../api/client.js';
import { t } from '../i18n/index.js';
import { me } from '../session.js';
import { on, onConnect, startRealtime } from './socket.js';
import './badge.css';

/** Unread notifications of the signed-in user (null until known). */
export const unreadCount = signal<number | null>(null);

export function refreshUnread(): void {
  ok(api.GET('/api/v1/notifications/unread-count')).then(
    (a) => (unreadCount.value = a.unreadCount),
    () => undefined,
  );
}

let wired = false;
function wire(): void {
  if (wired) return;
  wired = true;
  on('notification', (n) => {
    if (!n.read && unreadCount.value !== null) unreadCount.value += 1;
  });
  onConnect(refreshUnread);
}

export function NotificationBadge() {
  const user = me.value?.id;
  useEffect(() => {
    if (!user) return;
    wire();
    unreadCount.value = null;
    refreshUnread();
    // A few seconds after the first paint, when the page is idle: on slow 3G socket.io-client and
    // the handshake would otherwise queue ahead of the screen's own data (six connections at
    // most). The count above is already right; live events only keep it so.
    const later = globalThis.requestIdleCallback ?? ((f: () => void) => setTimeout(f, 1));
    const timer = setTimeout(() => later(() => void startRealtime()), 3000);
    return () => clearTimeout(timer);
  }, [user]);
  const count = unreadCount.value;
  if (!count) return null;
  return (
    <span class="count nav-count">
      <span aria-hidden="true">{count > 99 ? '99+' : count}</span>
      <span class="visually-hidden">{t('notifications.unread', { count })}</span>
    </span>
  );
}
