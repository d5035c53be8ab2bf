// Room moderation: pick a room, then lock or unlock it, set slow mode, unpin; and for each of
// its recent messages hide it, pin it, or mute, ban or unban its author. The chosen room is in
// the address (?room=), so a flag can link straight to it.
import { useEffect, useState } from 'preact/hooks';
import { lang, t } from '../../i18n/index.js';
import { formatDate } from '../../i18n/format.js';
import { api, newId, ok, type Schemas } from '../../api/client.js';
import { query } from '../../router.js';
import { Alert, Field, ProblemAlert, ProblemForm, RadioGroup } from '../../ui/form.js';
import { Link } from '../../ui/link.js';
import { fieldErrors, problemText } from '../../ui/problem.js';
import { useAction } from '../../ui/action.js';
import { ListFooter, useCursorList } from '../../ui/cursor-list.js';
import { MemberName } from '../../ui/member-name.js';

type Room = Schemas['RoomViewDto'];
type Message = Schemas['MessageViewDto'];
const SLOW = [0, 10, 30, 60, 300, 900];

export function RoomModeration() {
  const roomId = query().get('room');
  return roomId ? <RoomPanel key={roomId} id={roomId} /> : <RoomList />;
}

function RoomList() {
  const list = useCursorList(
    (cursor) => ok(api.GET('/api/v1/rooms', { params: { query: { cursor } } })),
    'rooms',
  );
  return (
    <>
      <ul class="plain">
        {list.items.map((room) => (
          <li key={room.id} class="card">
            <Link href={`/facilitation/rooms?room=${room.id}`}>{room.name}</Link>{' '}
            {room.locked && <span class="badge">{t('facilitation.rooms.locked')}</span>}{' '}
            {room.slowModeSeconds > 0 && (
              <span class="badge">
                {t('facilitation.rooms.slowEvery', { count: room.slowModeSeconds })}
              </span>
            )}
          </li>
        ))}
      </ul>
      <ListFooter list={list} />
    </>
  );
}

function RoomPanel(props: { id: string }) {
  const id = props.id;
  const [room, setRoom] = useState<Room | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [slow, setSlow] = useState(0);
  const act = useAction();
  useEffect(() => {
    ok(api.GET('/api/v1/rooms/{id}', { params: { path: { id } } }))
      .then((r) => {
        setRoom(r);
        setSlow(r.slowModeSeconds);
      })
      .catch(setError);
  }, [id]);
  const messages = useCursorList(async (cursor) => {
    const page = await ok(
      api.GET('/api/v1/rooms/{id}/messages', {
        params: { path: { id }, query: { cursor, limit: 30 } },
      }),
    );
    // Newest first: a moderator looks at what was just said.
    return { items: page.items.slice().reverse(), nextCursor: page.nextCursor };
  }, id);

  if (error !== null) return <Alert>{problemText(error)}</Alert>;
  if (!room) return <p class="loading">{t('app.loading')}</p>;
  const header = { 'Idempotency-Key': newId() };
  // Each moderation step answers with the room as it now is.
  const changeRoom = (send: () => Parameters<typeof ok<Room>>[0]) =>
    void act.run(async () => setRoom(await ok(send())));

  return (
    <>
      <p>
        <Link href="/facilitation/rooms">{t('facilitation.rooms.all')}</Link>
      </p>
      <h3>{room.name}</h3>
      <ProblemAlert error={act.error} />
      <p role="status">
        {room.locked ? t('facilitation.rooms.isLocked') : t('facilitation.rooms.isOpen')}
        {room.slowModeSeconds > 0 &&
          ` · ${t('facilitation.rooms.slowEvery', { count: room.slowModeSeconds })}`}
      </p>
      <div class="row">
        <button
          type="button"
          disabled={act.busy}
          onClick={() =>
            changeRoom(() =>
              api.POST('/api/v1/rooms/{id}/lock', {
                params: { path: { id }, header },
                body: { locked: !room.locked },
              }),
            )
          }
        >
          {room.locked ? t('facilitation.rooms.unlock') : t('facilitation.rooms.lock')}
        </button>
      </div>
      <form
        class="row slow"
        onSubmit={(e) => {
          e.preventDefault();
          changeRoom(() =>
            api.POST('/api/v1/rooms/{id}/slow-mode', {
              params: { path: { id }, header },
              body: { seconds: slow },
            }),
          );
        }}
      >
        <label for="slow-mode">{t('facilitation.rooms.slowMode')}</label>
        <select
          id="slow-mode"
          class="inline"
          value={String(slow)}
          onChange={(e) => setSlow(Number(e.currentTarget.value))}
        >
          {SLOW.map((s) => (
            <option key={s} value={String(s)}>
              {s === 0
                ? t('facilitation.rooms.slowOff')
                : t('facilitation.rooms.slowEvery', { count: s })}
            </option>
          ))}
        </select>
        <button type="submit" disabled={act.busy}>
          {t('facilitation.rooms.apply')}
        </button>
      </form>
      {room.pinnedSeq !== null && (
        <p class="row">
          {t('facilitation.rooms.pinned', { seq: room.pinnedSeq })}
          <button
            type="button"
            disabled={act.busy}
            onClick={() =>
              changeRoom(() =>
                api.POST('/api/v1/rooms/{id}/pin', {
                  params: { path: { id }, header },
                  body: { seq: null },
                }),
              )
            }
          >
            {t('facilitation.rooms.unpin')}
          </button>
        </p>
      )}
      <h3>{t('facilitation.rooms.messages')}</h3>
      <ul class="plain">
        {messages.items.map((m) => (
          <li key={m.id}>
            <MessageCard
              room={room}
              message={m}
              onRoom={setRoom}
              onHidden={(hidden) =>
                messages.update((items) => items.map((x) => (x.id === hidden.id ? hidden : x)))
              }
            />
          </li>
        ))}
      </ul>
      <ListFooter list={messages} empty={t('facilitation.rooms.noMessages')} />
    </>
  );
}

type Move = 'hide' | 'pin' | 'mute' | 'ban' | 'unban';
const MOVE = {
  hide: 'facilitation.rooms.hide',
  pin: 'facilitation.rooms.pin',
  mute: 'facilitation.rooms.mute',
  ban: 'facilitation.rooms.ban',
  unban: 'facilitation.rooms.unban',
} as const;

function MessageCard(props: {
  room: Room;
  message: Message;
  onRoom: (room: Room) => void;
  onHidden: (message: Message) => void;
}) {
  const { room, message: m } = props;
  const [move, setMove] = useState<Move>('hide');
  const [reason, setReason] = useState('');
  const [minutes, setMinutes] = useState('60');
  const [done, setDone] = useState<string | null>(null);
  const act = useAction();
  const fields = fieldErrors(act.error);
  const moves: Move[] = m.authorId ? ['hide', 'pin', 'mute', 'ban', 'unban'] : ['hide', 'pin'];
  const needsReason = move === 'hide' || move === 'mute' || move === 'ban';

  async function submit(e: Event) {
    e.preventDefault();
    setDone(null);
    const path = { id: room.id };
    const header = { 'Idempotency-Key': newId() };
    const userId = m.authorId ?? '';
    const ok_ = await act.run(async () => {
      if (move === 'hide')
        props.onHidden(
          await ok(
            api.POST('/api/v1/messages/{id}/hide', {
              params: { path: { id: m.id }, header },
              body: { reason },
            }),
          ),
        );
      else if (move === 'pin')
        props.onRoom(
          await ok(
            api.POST('/api/v1/rooms/{id}/pin', { params: { path, header }, body: { seq: m.seq } }),
          ),
        );
      else if (move === 'mute')
        await ok(
          api.POST('/api/v1/rooms/{id}/mutes', {
            params: { path, header },
            body: { userId, minutes: Number(minutes), reason },
          }),
        );
      else if (move === 'ban')
        await ok(
          api.POST('/api/v1/rooms/{id}/bans', {
            params: { path, header },
            body: { userId, reason },
          }),
        );
      else
        await ok(
          api.DELETE('/api/v1/rooms/{id}/bans/{userId}', {
            params: { path: { id: room.id, userId } },
          }),
        );
    });
    if (ok_) {
      setDone(t('facilitation.rooms.done'));
      setReason('');
    }
  }

  const key = m.id;
  return (
    <article class="card">
      <p class="muted">
        #{m.seq} · <MemberName id={m.authorId} /> · {formatDate(m.createdAt, lang.value, true)}
        {m.hidden && (
          <>
            {' '}
            · <span class="badge">{t('facilitation.rooms.hidden')}</span>
          </>
        )}
        {room.pinnedSeq === m.seq && (
          <>
            {' '}
            · <span class="badge">{t('facilitation.rooms.isPinned')}</span>
          </>
        )}
      </p>
      <p class="pre">{m.body}</p>
      <details>
        <summary>{t('facilitation.rooms.moderate', { seq: m.seq })}</summary>
        <ProblemForm onSubmit={submit} error={act.error}>
          <RadioGroup
            name={`move-${key}`}
            legend={t('facilitation.flags.what')}
            value={move}
            onChange={setMove}
            options={moves.map((a) => [a, t(MOVE[a])] as const)}
          />
          {move === 'mute' && (
            <Field
              id={`mute-minutes-${key}`}
              type="number"
              label={t('facilitation.minutes')}
              value={minutes}
              onInput={setMinutes}
              error={fields.minutes}
            />
          )}
          {needsReason && (
            <Field
              id={`reason-${key}`}
              label={t('facilitation.rooms.reason')}
              hint={t('facilitation.rooms.reasonHint')}
              value={reason}
              onInput={setReason}
              required
              minLength={3}
              maxLength={500}
              error={fields.reason}
            />
          )}
          <button type="submit" class="primary" disabled={act.busy}>
            {t(MOVE[move])}
          </button>
          {done && <Alert kind="info">{done}</Alert>}
        </ProblemForm>
      </details>
    </article>
  );
}
