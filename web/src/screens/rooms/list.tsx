// The rooms I may see, with how many messages I have not read; fetched again after a reconnect.
import { useEffect } from 'preact/hooks';
import { api, ok } from '../../api/client.js';
import { t } from '../../i18n/index.js';
import { startRealtime } from '../../realtime/socket.js';
import type { ScreenProps } from '../../routes.js';
import { ProblemAlert } from '../../ui/form.js';
import { useLivePages } from '../../ui/live-pages.js';
import { Link } from '../../ui/link.js';
import './rooms.css';

export default function RoomsScreen(_props: ScreenProps) {
  const {
    items: rooms,
    next,
    error,
    busy,
    load,
  } = useLivePages((cursor) =>
    ok(api.GET('/api/v1/rooms', { params: { query: { cursor, limit: 50 } } })),
  );

  useEffect(() => {
    void startRealtime();
  }, []);

  return (
    <>
      <h1>{t('nav.rooms')}</h1>
      <ProblemAlert error={error} />
      {rooms === null && !error && <p class="loading">{t('app.loading')}</p>}
      {rooms?.length === 0 && <p class="muted">{t('rooms.none')}</p>}
      {rooms && rooms.length > 0 && (
        <ul class="plain rooms">
          {rooms.map((r) => (
            <li key={r.id} class="card room-card">
              <Link href={`/rooms/${r.id}`}>
                <span class="room-name">{r.name}</span>
                <span class="muted"> · {t(`rooms.kind.${r.kind}`)}</span>
                {r.unread > 0 && (
                  <span class="count">{t('rooms.unread', { count: r.unread })}</span>
                )}
                {r.locked && <span class="badge">{t('room.locked')}</span>}
              </Link>
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
