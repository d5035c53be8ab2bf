// One open room: its history (REST), its live events (the socket), and what I send (the outbox).
// After every (re)connect it rejoins with `afterSeq` = the last seq seen and pages the rest over
// REST while `hasMore`; repeats are dropped by seq (Timeline). The room's last messages are kept
// on the phone so it opens without a connection.
import { signal } from '@preact/signals';
import { api, ok, type Schemas } from '../../api/client.js';
import { HubUnreachable } from '../../api/tokens.js';
import { cacheGet, cachePut } from '../../offline/db.js';
import {
  on,
  onConnect,
  connected,
  refused,
  refusalError,
  request,
  startRealtime,
  type JoinAck,
  type Message,
} from '../../realtime/socket.js';
import { me } from '../../session.js';
import { Timeline } from './timeline.js';

export type Room = Schemas['RoomViewDto'];

const PAGE = 50;
const CATCH_UP_PAGE = 500;
const TYPING_SHOWN_MS = 4000;
const TYPING_EVERY_MS = 2000;
const KEPT = 100;

export class RoomChat {
  readonly timeline = new Timeline();
  readonly room = signal<Room | null>(null);
  readonly online = signal<string[]>([]);
  /** Who is typing (not me), until when. */
  readonly typing = signal<ReadonlyMap<string, number>>(new Map());
  /** A problem loading the room (a problem code or 'network'). */
  readonly error = signal<unknown>(null);
  /** muted / banned while the room is open. */
  readonly notice = signal<{ kind: 'muted' | 'banned'; until?: string } | null>(null);
  /** The first seq that was unread when the room opened (the "new messages" line). */
  readonly firstUnread = signal<number | null>(null);
  /** Messages that arrived live (for the screen reader's announcement and scrolling). */
  readonly arrived = signal<Message[]>([]);
  readonly loadingOlder = signal(false);

  private readonly off: Array<() => void> = [];
  private chain: Promise<void> = Promise.resolve();
  private readSent = 0;
  private typingSentAt = 0;
  private typingTimer?: ReturnType<typeof setTimeout>;
  private keepTimer?: ReturnType<typeof setTimeout>;
  private stopped = false;

  constructor(readonly roomId: string) {}

  private get moderator(): boolean {
    return this.room.value?.moderator ?? false;
  }

  start(): void {
    const mine = (p: { roomId: string }) => p.roomId === this.roomId && !this.stopped;
    this.off.push(
      on('message:new', (m) => {
        if (!mine(m)) return;
        const added = this.timeline.add([m]);
        if (added.length) this.arrived.value = added;
        this.keep();
      }),
      on('message:hidden', (h) => {
        if (mine(h)) this.timeline.hide(h.seq, this.moderator);
        this.keep();
      }),
      on('attachment:hidden', (h) => {
        if (mine(h)) this.timeline.hideAttachment(h.seq, h.attachmentId);
        this.keep();
      }),
      on('room:presence', (p) => {
        if (mine(p)) this.online.value = p.online;
      }),
      on('typing', (p) => {
        if (!mine(p) || p.userId === me.value?.id) return;
        this.typing.value = new Map(this.typing.value).set(p.userId, Date.now() + TYPING_SHOWN_MS);
        this.expireTyping();
      }),
      on('room:updated', (u) => {
        const room = this.room.value;
        if (mine(u) && room)
          this.room.value = {
            ...room,
            locked: u.locked,
            slowModeSeconds: u.slowModeSeconds,
            pinnedSeq: u.pinnedSeq,
          };
      }),
      on('room:muted', (p) => {
        if (mine(p)) this.notice.value = { kind: 'muted', until: p.until };
      }),
      on('room:banned', (p) => {
        if (mine(p)) this.notice.value = { kind: 'banned' };
      }),
      onConnect(() => this.queue(() => this.join())),
    );
    this.queue(async () => {
      await this.open();
      if (connected.value) await this.join();
    });
    void startRealtime();
  }

  stop(): void {
    this.stopped = true;
    for (const off of this.off.splice(0)) off();
    clearTimeout(this.typingTimer);
    this.flushKeep();
    if (connected.value) request('room:leave', { roomId: this.roomId }).catch(() => undefined);
  }

  /** Runs room work one at a time (an open, a join and a catch-up never interleave). */
  private queue(work: () => Promise<void>): void {
    this.chain = this.chain
      .then(() => (this.stopped ? undefined : work()))
      .catch((e: unknown) => {
        // Unreachable with a room already shown: the banner says it; the next connect catches up.
        if (!(e instanceof HubUnreachable) || !this.room.value) this.error.value = e;
      });
  }

  /** The room and its latest page; from the phone's copy when the hub cannot be reached. */
  private async open(): Promise<void> {
    try {
      const [room, page] = await Promise.all([
        ok(api.GET('/api/v1/rooms/{id}', { params: { path: { id: this.roomId } } })),
        ok(
          api.GET('/api/v1/rooms/{id}/messages', {
            params: { path: { id: this.roomId }, query: { limit: PAGE } },
          }),
        ),
      ]);
      this.room.value = room;
      this.firstUnread.value = room.unread > 0 ? room.lastSeq - room.unread + 1 : null;
      this.timeline.add(page.items);
      this.timeline.hasOlder.value = page.hasMore;
      this.error.value = null;
      this.keep();
    } catch (e) {
      const kept = me.value
        ? await cacheGet<{ room: Room; messages: Message[] }>(me.value.id, this.key()).catch(
            () => undefined,
          )
        : undefined;
      if (!kept) throw e;
      this.room.value = kept.room;
      this.timeline.add(kept.messages);
      this.timeline.hasOlder.value = (kept.messages[0]?.seq ?? 1) > 1;
    }
  }

  /** Joins (or rejoins after a reconnect) from the last seq seen, then pages what is left. */
  private async join(): Promise<void> {
    if (!this.room.value) await this.open();
    const ack = await request<JoinAck>('room:join', {
      roomId: this.roomId,
      afterSeq: this.timeline.maxSeq,
    });
    if (refused(ack)) {
      if (ack.error.code === 'banned') this.notice.value = { kind: 'banned' };
      else throw refusalError(ack);
      return;
    }
    const room = this.room.value;
    if (room)
      this.room.value = {
        ...room,
        locked: ack.room.locked,
        slowModeSeconds: ack.room.slowModeSeconds,
        lastSeq: ack.room.lastSeq,
      };
    this.arrive(this.timeline.add(ack.missed));
    let more = ack.hasMore;
    while (more && !this.stopped) {
      const page = await ok(
        api.GET('/api/v1/rooms/{id}/messages', {
          params: {
            path: { id: this.roomId },
            query: { afterSeq: this.timeline.maxSeq, limit: CATCH_UP_PAGE },
          },
        }),
      );
      this.arrive(this.timeline.add(page.items));
      more = page.hasMore && page.items.length > 0;
    }
    this.keep();
  }

  private arrive(added: Message[]): void {
    if (added.length) this.arrived.value = added;
  }

  /** The page before the oldest message held. */
  async loadOlder(): Promise<void> {
    if (this.loadingOlder.value || !this.timeline.hasOlder.value) return;
    this.loadingOlder.value = true;
    try {
      const page = await ok(
        api.GET('/api/v1/rooms/{id}/messages', {
          params: {
            path: { id: this.roomId },
            query: { beforeSeq: this.timeline.minSeq, limit: PAGE },
          },
        }),
      );
      this.timeline.add(page.items);
      this.timeline.hasOlder.value = page.hasMore;
    } finally {
      this.loadingOlder.value = false;
    }
  }

  /** Moves my read marker to the newest message held (forward only). */
  markRead(): void {
    const seq = this.timeline.maxSeq;
    if (seq <= this.readSent || !connected.value) return;
    this.readSent = seq;
    request('room:read', { roomId: this.roomId, seq }).catch(() => {
      this.readSent = 0;
    });
  }

  /** Says I am typing, at most once per two seconds. */
  typingNow(): void {
    const now = Date.now();
    if (now - this.typingSentAt < TYPING_EVERY_MS || !connected.value) return;
    this.typingSentAt = now;
    request('typing', { roomId: this.roomId }).catch(() => undefined);
  }

  private expireTyping(): void {
    clearTimeout(this.typingTimer);
    const now = Date.now();
    const left = [...this.typing.value].filter(([, until]) => until > now);
    if (left.length !== this.typing.value.size) this.typing.value = new Map(left);
    if (left.length)
      this.typingTimer = setTimeout(
        () => this.expireTyping(),
        Math.min(...left.map(([, u]) => u)) - now + 10,
      );
  }

  private key(): string {
    return `room:${this.roomId}`;
  }

  /** Keeps the room's last messages on the phone (soon, not on every message). */
  private keep(): void {
    clearTimeout(this.keepTimer);
    this.keepTimer = setTimeout(() => this.flushKeep(), 1000);
  }

  private flushKeep(): void {
    clearTimeout(this.keepTimer);
    const room = this.room.value;
    const user = me.value?.id;
    if (!room || !user) return;
    const messages = this.timeline.messages.value.slice(-KEPT);
    void cachePut(user, this.key(), { room, messages }).catch(() => undefined);
  }
}
