// A room's chat: live messages with presence and typing, replies (quoted), my read marker, flags,
// older history on scroll. What I write goes to the outbox first (nothing typed is lost) and
// shows sending / sent / failed; after a reconnect it is sent again, in order, once. Photos, files
// and voice notes (hold to record) go the same way: kept on the phone, uploaded, then sent.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, newId, ok } from '../../api/client.js';
import { formatDate } from '../../i18n/format.js';
import { has, lang, t, type MessageKey } from '../../i18n/index.js';
import { dropDraft, loadDraft, saveDraft } from '../../offline/db.js';
import type { OutboxItem } from '../../offline/outbox.js';
import type { Message, MessagePayload } from '../../realtime/socket.js';
import type { ScreenProps } from '../../routes.js';
import { me, outbox } from '../../session.js';
import { Alert } from '../../ui/form.js';
import { Link } from '../../ui/link.js';
import { problemText } from '../../ui/problem.js';
import { RoomChat } from './chat.js';
import { nameOf } from './names.js';
import { AttachPicker } from '../../attachments/picker.js';
import { PendingFiles } from '../../attachments/pending.js';
import { picked, queueWithFiles, release, type Picked } from '../../attachments/queue.js';
import { attachmentsOf } from '../../attachments/types.js';
import { Attachments } from '../../attachments/view.js';
import { VoiceButton } from '../../attachments/voice.js';
import { finishedRecording } from '../../attachments/webm.js';
import './rooms.css';

const QUOTE_CHARS = 120;

function excerpt(text: string): string {
  return text.length > QUOTE_CHARS ? `${text.slice(0, QUOTE_CHARS)}…` : text;
}

/** A message's text, or what it carries when it has none (a voice note alone). */
function textOf(m: Message): string {
  if (m.body) return m.body;
  const first = attachmentsOf(m)[0];
  if (!first) return '';
  return t(
    first.kind === 'audio' ? 'att.audio' : first.kind === 'image' ? 'att.photo' : 'att.document',
  );
}

/** Today's messages by their time only; older ones with their date. */
function when(iso: string): string {
  const d = new Date(iso);
  if (d.toDateString() !== new Date().toDateString()) return formatDate(d, lang.value, true);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

function codeText(code: string | undefined): string {
  const key = `problem.${code ?? 'internal'}`;
  return has(key) ? t(key as MessageKey) : t('problem.internal');
}

function Author(props: { id: string | null }) {
  return <strong>{nameOf(props.id) ?? t('room.someone')}</strong>;
}

function Quote(props: { chat: RoomChat; seq: number }) {
  const quoted = props.chat.timeline.bySeq(props.seq);
  return (
    <a class="quote" href={`#msg-${props.seq}`}>
      <span class="visually-hidden">{t('room.inReplyTo')} </span>
      {quoted ? (
        <>
          <Author id={quoted.authorId} />
          {': '}
          {quoted.hidden && !quoted.body ? t('room.hiddenMessage') : excerpt(textOf(quoted))}
        </>
      ) : (
        t('room.earlierMessage', { seq: props.seq })
      )}
    </a>
  );
}

function FlagForm(props: { message: Message; onDone: (sent: boolean) => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `flag-${props.message.seq}`;
  const key = useMemo(() => newId(), []);
  return (
    <form
      class="flag"
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        ok(
          api.POST('/api/v1/messages/{id}/flags', {
            params: { path: { id: props.message.id }, header: { 'Idempotency-Key': key } },
            body: { reason: reason.trim() },
          }),
        ).then(
          () => props.onDone(true),
          (err: unknown) => {
            setBusy(false);
            setError(problemText(err));
          },
        );
      }}
    >
      <label for={id}>{t('room.flagReason')}</label>
      <input
        id={id}
        value={reason}
        required
        minLength={3}
        maxLength={500}
        onInput={(e) => setReason(e.currentTarget.value)}
      />
      {error && <Alert>{error}</Alert>}
      <div class="row">
        <button type="submit" class="primary" disabled={busy}>
          {t('room.flagSend')}
        </button>
        <button type="button" onClick={() => props.onDone(false)}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  );
}

function MessageItem(props: {
  chat: RoomChat;
  message: Message;
  moderator: boolean;
  onReply: (m: Message) => void;
}) {
  const m = props.message;
  const [flagging, setFlagging] = useState(false);
  const [flagged, setFlagged] = useState(false);
  const mine = m.authorId === me.value?.id;
  const withheld = m.hidden && !props.moderator;
  return (
    <li id={`msg-${m.seq}`} class={`msg${mine ? ' mine' : ''}${m.hidden ? ' hidden' : ''}`}>
      <div class="meta">
        <Author id={m.authorId} /> <time dateTime={m.createdAt}>{when(m.createdAt)}</time>
        {m.hidden && props.moderator && <span class="badge">{t('room.hiddenBadge')}</span>}
      </div>
      {m.replyToSeq ? <Quote chat={props.chat} seq={m.replyToSeq} /> : null}
      {withheld ? (
        <p class="body muted">{t('room.hiddenMessage')}</p>
      ) : (
        <>
          {m.body && <p class="body">{m.body}</p>}
          <Attachments items={attachmentsOf(m)} />
        </>
      )}
      {mine && <span class="status sent">{t('room.sent')}</span>}
      {!withheld && (
        <div class="actions">
          <button type="button" class="link" onClick={() => props.onReply(m)}>
            {t('room.reply')}
          </button>
          {!mine &&
            (flagged ? (
              <span class="muted" role="status">
                {t('room.flagged')}
              </span>
            ) : (
              <button
                type="button"
                class="link"
                aria-expanded={flagging}
                onClick={() => setFlagging(!flagging)}
              >
                {t('room.flag')}
              </button>
            ))}
        </div>
      )}
      {flagging && (
        <FlagForm
          message={m}
          onDone={(sent) => {
            setFlagging(false);
            setFlagged(sent);
          }}
        />
      )}
    </li>
  );
}

function PendingItem(props: { item: OutboxItem }) {
  const item = props.item;
  const p = item.payload as MessagePayload;
  const failed = item.state === 'failed';
  return (
    <li class={`msg mine pending${failed ? ' failed' : ''}`} data-client-msg-id={item.id}>
      <div class="meta">
        <strong>{me.value?.displayName}</strong>
      </div>
      {p.body && <p class="body">{p.body}</p>}
      <PendingFiles item={item} />
      {failed ? (
        <div class="status failed">
          <span>
            {t('room.failed')} {codeText(item.error)}
          </span>
          <div class="actions">
            <button type="button" class="link" onClick={() => void outbox()?.retry(item.id)}>
              {t('room.retry')}
            </button>
            <button type="button" class="link" onClick={() => void outbox()?.discard(item.id)}>
              {t('room.discard')}
            </button>
          </div>
        </div>
      ) : (
        <span class="status sending">{t('room.sending')}</span>
      )}
    </li>
  );
}

function typingText(ids: string[]): string {
  if (!ids.length) return '';
  const names = ids.map((id) => nameOf(id) ?? t('room.someone'));
  return names.length === 1
    ? t('room.typingOne', { name: names[0] })
    : t('room.typingMany', { count: names.length });
}

function Composer(props: {
  chat: RoomChat;
  replyTo: Message | null;
  onCancelReply: () => void;
  disabled: boolean;
}) {
  const { chat } = props;
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<Picked[]>([]);
  const user = me.value?.id;
  const draftKey = `room:${chat.roomId}`;
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (!user) return;
    loadDraft<string>(user, draftKey).then(
      (d) => d && setBody((b) => b || d),
      () => undefined,
    );
  }, [user, draftKey]);
  useEffect(() => {
    if (props.replyTo) box.current?.focus();
  }, [props.replyTo]);
  const send = () => {
    const text = body.trim();
    if ((!text && !files.length) || !outbox() || props.disabled) return;
    const payload: MessagePayload = { roomId: chat.roomId, body: text };
    if (props.replyTo) payload.replyToSeq = props.replyTo.seq;
    void queueWithFiles('message', draftKey, payload, files, newId());
    release(files);
    setFiles([]);
    setBody('');
    props.onCancelReply();
    if (user) void dropDraft(user, draftKey).catch(() => undefined);
  };
  const room = chat.room.value;
  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      {props.replyTo && (
        <div class="replying">
          <span>
            {t('room.replyingTo')} <Author id={props.replyTo.authorId} />
            {': '}
            {excerpt(textOf(props.replyTo))}
          </span>
          <button type="button" class="link" onClick={props.onCancelReply}>
            {t('room.cancelReply')}
          </button>
        </div>
      )}
      <label for="message-body">{t('room.message')}</label>
      <div class="send-row">
        <textarea
          id="message-body"
          ref={box}
          rows={2}
          maxLength={4000}
          value={body}
          disabled={props.disabled}
          aria-describedby="message-hint"
          onInput={(e) => {
            const v = e.currentTarget.value;
            setBody(v);
            if (v) chat.typingNow();
            if (user) void saveDraft(user, draftKey, v).catch(() => undefined);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
              e.preventDefault();
              send();
            } else if (e.key === 'Escape' && props.replyTo) props.onCancelReply();
          }}
        />
        <button
          type="submit"
          class="primary"
          disabled={props.disabled || (!body.trim() && !files.length)}
        >
          {t('room.send')}
        </button>
      </div>
      <div class="composer-extras">
        <VoiceButton
          disabled={props.disabled}
          onRecorded={(r) => {
            const payload: MessagePayload = { roomId: chat.roomId, body: '' };
            const id = newId();
            void finishedRecording(r.blob, r.durationMs).then((blob) =>
              queueWithFiles('message', draftKey, payload, [picked(blob, r.name)], id),
            );
          }}
        />
        <AttachPicker
          id="message-files"
          files={files}
          onChange={setFiles}
          disabled={props.disabled}
          compact
        />
      </div>
      <small id="message-hint" class="hint">
        {t('room.sendHint')}
        {room && room.slowModeSeconds > 0
          ? ` ${t('room.slowMode', { count: room.slowModeSeconds })}`
          : ''}
      </small>
    </form>
  );
}

export default function RoomScreen(props: ScreenProps) {
  const roomId = props.params.id;
  const chat = useMemo(() => new RoomChat(roomId), [roomId]);
  const [replyTo, setReplyTo] = useState<Message | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const older = useRef<HTMLButtonElement>(null);
  const atBottom = useRef(true);
  const ready = useRef(false);
  const lastHeight = useRef(0);
  const firstSeq = useRef(0);

  useEffect(() => {
    chat.start();
    return () => chat.stop();
  }, [chat]);

  const room = chat.room.value;
  const messages = chat.timeline.messages.value;
  const scope = `room:${roomId}`;
  const pending = (outbox()?.items.value ?? []).filter(
    (i) => i.kind === 'message' && i.scope === scope && !chat.timeline.hasClientMsg(i.id),
  );
  const moderator = room?.moderator ?? false;

  // Keep the reader where they were: at the bottom while following, in place when older
  // messages are put above.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const oldest = messages[0]?.seq ?? 0;
    if (ready.current && oldest < firstSeq.current && !atBottom.current) {
      el.scrollTop += el.scrollHeight - lastHeight.current;
    } else if (atBottom.current || !ready.current) {
      el.scrollTop = el.scrollHeight;
    }
    if (messages.length) ready.current = true;
    firstSeq.current = oldest;
    lastHeight.current = el.scrollHeight;
    if (atBottom.current && document.visibilityState === 'visible') chat.markRead();
  }, [messages, pending.length, chat]);

  // My own message scrolls into view however far up I was.
  useEffect(() => {
    if (pending.length) atBottom.current = true;
  }, [pending.length]);

  // Older history when the top of the list comes into view.
  useEffect(() => {
    const el = older.current;
    const root = scroller.current;
    if (!el || !root || typeof IntersectionObserver === 'undefined') return;
    const seen = new IntersectionObserver(
      (entries) => {
        if (ready.current && entries.some((e) => e.isIntersecting)) void chat.loadOlder();
      },
      { root },
    );
    seen.observe(el);
    return () => seen.disconnect();
  }, [chat, chat.timeline.hasOlder.value, messages.length > 0]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
    if (atBottom.current) chat.markRead();
  };

  const arrived = chat.arrived.value.filter((m) => m.authorId !== me.value?.id);
  const announce = arrived.length
    ? arrived
        .slice(-3)
        .map((m) =>
          t('room.announce', {
            name: nameOf(m.authorId) ?? t('room.someone'),
            body: m.hidden ? t('room.hiddenMessage') : textOf(m),
          }),
        )
        .join(' ')
    : '';

  const typingIds = [...chat.typing.value.keys()];
  const notice = chat.notice.value;
  const locked = room?.locked ?? false;
  const online = chat.online.value;
  const pinned = room?.pinnedSeq ? chat.timeline.bySeq(room.pinnedSeq) : undefined;

  if (chat.error.value && !room)
    return (
      <>
        <h1>{t('nav.rooms')}</h1>
        <Alert>{problemText(chat.error.value)}</Alert>
        <Link href="/rooms">{t('room.back')}</Link>
      </>
    );

  return (
    <section class="room">
      <div class="room-head">
        <Link href="/rooms" class="back">
          {t('room.back')}
        </Link>
        <h1>{room?.name ?? t('app.loading')}</h1>
        <p class="muted presence">
          {t('room.online', { count: online.length })}
          {online.length > 0 && (
            <span class="visually-hidden">
              {': '}
              {online.map((id) => nameOf(id) ?? t('room.someone')).join(', ')}
            </span>
          )}
          {locked && <span class="badge">{t('room.locked')}</span>}
        </p>
      </div>
      {notice && (
        <Alert>
          {notice.kind === 'muted'
            ? t('room.mutedUntil', { time: formatDate(notice.until ?? '', lang.value, true) })
            : t('problem.banned')}
        </Alert>
      )}
      {pinned && !pinned.hidden && (
        <p class="pinned">
          <span class="badge">{t('room.pinned')}</span> <Author id={pinned.authorId} />
          {': '}
          {excerpt(textOf(pinned))}
        </p>
      )}
      <div
        class="chat-log"
        ref={scroller}
        tabIndex={0}
        role="region"
        aria-label={t('room.history')}
        onScroll={onScroll}
      >
        {chat.timeline.hasOlder.value && (
          <button
            type="button"
            class="link older"
            ref={older}
            disabled={chat.loadingOlder.value}
            onClick={() => void chat.loadOlder()}
          >
            {chat.loadingOlder.value ? t('app.loading') : t('room.older')}
          </button>
        )}
        {room && !messages.length && !pending.length && <p class="muted">{t('room.empty')}</p>}
        <ol class="messages">
          {messages.map((m) => [
            m.seq === chat.firstUnread.value && m.seq !== messages[0]?.seq ? (
              <li key="unread" class="unread-line" role="separator">
                {t('room.newMessages')}
              </li>
            ) : null,
            <MessageItem
              key={m.seq}
              chat={chat}
              message={m}
              moderator={moderator}
              onReply={setReplyTo}
            />,
          ])}
          {pending.map((item) => (
            <PendingItem key={item.id} item={item} />
          ))}
        </ol>
      </div>
      <p class="typing muted" aria-live="polite">
        {typingText(typingIds)}
      </p>
      <div class="visually-hidden" aria-live="polite">
        {announce}
      </div>
      <Composer
        chat={chat}
        replyTo={replyTo}
        onCancelReply={() => setReplyTo(null)}
        disabled={!room || (locked && !moderator) || notice?.kind === 'banned'}
      />
      {locked && !moderator && <p class="muted">{t('problem.room_locked')}</p>}
    </section>
  );
}
