// The rooms I may see, with how many messages I have not read; fetched again after a reconnect.
import { useEffect, useState } from 'preact/hooks';
import { api, ok } from '../../api/client.js';
import { t } from '../../i18n/index.js';
import { onConnect, startRealtime } from '../../realtime/socket.js';
import type { ScreenProps } from '../../routes.js';
import { ProblemAlert } from '../../ui/form.js';
import { Link } from '../../ui/link.js';
import type { Room } from './chat.js';
import './rooms.css';

export default function RoomsScreen(_props: ScreenProps) {
  const [rooms, setRooms] = useState<Room[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const load = (cursor?: string) => {
    setBusy(true);
    ok(api.GET('/api/v1/rooms', { params: { query: { cursor, limit: 50 } } })).then(
      (page) => {
        setRooms((before) => (cursor ? [...(before ?? []), ...page.items] : page.items));
        setNext(page.nextCursor);
        setError(null);
        setBusy(false);
      },
      (e: unknown) => {
        setError(e);
        setBusy(false);
      },
    );
  };

  useEffect(() => {
    load();
    void startRealtime();
    let first = true;
    return onConnect(() => {
      if (!first) load();
      first = false;
    });
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
