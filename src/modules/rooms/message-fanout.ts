import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AttachmentsService } from '../attachments/attachments.service.js';
import type { MessageViewDto } from './dto/room.dto.js';
import { Message } from './message.entity.js';
import { RealtimeEvents } from './realtime-events.js';
import { toMessageView } from './message-view.js';

/** Between nodes: a message was stored (its view). Handled by code, never sent to sockets. */
const STORED_EVENT = 'kenesh:message-stored';
/** How long a later message waits for an earlier one before the earlier is read from the database. */
export const REORDER_WAIT_MS = 50;
/** At most this many missing messages are read at a time to close a gap. */
const FILL_LIMIT = 500;
/** How often a node compares its rooms' lines with the database, for events that never came. */
export const SWEEP_MS = 5_000;

/** One room's line on this node: what its sockets have been sent, and what waits. */
interface Line {
  /** The highest seq sent to this node's sockets in the room, with none missing below it. */
  last: number;
  /** Arrived out of order, waiting for the seqs before them. */
  waiting: Map<number, MessageViewDto>;
  timer?: NodeJS.Timeout;
  filling: boolean;
  /**
   * Set while the room's first sockets on this node are joining: messages wait here, unsent,
   * until the joins say where their history ended (`last` means nothing meanwhile).
   */
  pending?: PendingJoins;
}

/** The joins of a room in flight on this node while it has no line yet. */
interface PendingJoins {
  count: number;
  /** The lowest seq the finished joins' histories reached; the line starts there. */
  base?: number;
}

/**
 * Sends `message:new` to this node's sockets in seq order, with no gaps and no repeats.
 *
 * Messages reach a node out of order: two senders' commits finish in either order, and with
 * several nodes a message from another node comes through the adapter later than a local one.
 * Every node therefore gets each stored message (locally, or from other nodes through the
 * adapter), and per room sends them on only in seq order. A message that arrives ahead of a
 * missing one waits up to 50 ms; then the missing ones are read from the database. That is
 * always possible: a room's seq is taken under its row lock, held until commit, so when seq N
 * is committed every seq below it is too. A message at or below what was sent is a repeat
 * and is dropped.
 *
 * An event can also never come (its node died after the commit, or the link between nodes
 * was down). Every 5 s each node compares its rooms' lines with the rooms' `last_seq` and
 * reads what it missed, so live sockets get every message within seconds even then.
 */
@Injectable()
export class MessageFanout implements OnModuleDestroy {
  private readonly logger = new Logger(MessageFanout.name);
  private readonly lines = new Map<string, Line>();
  private sweeper?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: RealtimeEvents,
    private readonly attachments: AttachmentsService,
  ) {}

  /** Once the namespace is attached: listens for the other nodes' messages. */
  start(): void {
    this.events.onOtherNodes(STORED_EVENT, (view) => this.arrive(view as MessageViewDto));
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_MS);
    this.sweeper.unref();
  }

  /** A message this node stored (after its commit). */
  stored(view: MessageViewDto): void {
    this.events.toOtherNodes(STORED_EVENT, view);
    this.arrive(view);
  }

  /**
   * A socket of this node starts joining the room (before it enters the room's channel).
   * Returns what to call when the join ends: with the seq its history reached, or `null` if
   * it failed. While the room has no line here, messages that arrive meanwhile wait for that
   * seq instead of starting the line themselves: the history may have been read before an
   * earlier message committed, and such a message can arrive after a later one.
   */
  joining(roomId: string): (seq: number | null) => void {
    let line = this.lines.get(roomId);
    // A line left from sockets that have all gone since: start afresh from the join.
    if (line && !line.pending && !this.events.hasLocalMembers(roomId)) {
      this.forget(roomId);
      line = undefined;
    }
    if (!line) {
      line = { last: 0, waiting: new Map(), filling: false, pending: { count: 0 } };
      this.lines.set(roomId, line);
    }
    const pending = line.pending;
    if (!pending) return () => undefined;
    pending.count += 1;
    const start = line;
    let ended = false;
    return (seq) => {
      if (ended) return;
      ended = true;
      pending.count -= 1;
      if (seq !== null) pending.base = Math.min(pending.base ?? seq, seq);
      if (pending.count === 0 && this.lines.get(roomId) === start) this.settle(roomId, start);
    };
  }

  /** The last pending join ended: the line starts where the shortest history ended. */
  private settle(roomId: string, line: Line): void {
    const base = line.pending?.base;
    line.pending = undefined;
    if (base === undefined || !this.events.hasLocalMembers(roomId)) {
      this.forget(roomId);
      return;
    }
    // Sockets whose history went further get those messages again: seq tells them apart.
    line.last = base;
    for (const seq of line.waiting.keys()) if (seq <= base) line.waiting.delete(seq);
    this.flush(roomId, line);
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
    for (const line of this.lines.values()) clearTimeout(line.timer);
    this.lines.clear();
  }

  private arrive(view: MessageViewDto): void {
    const { roomId } = view;
    const joining = this.lines.get(roomId);
    if (joining?.pending) {
      // Kept until the joins end, even before their sockets are in the channel.
      joining.waiting.set(view.seq, view);
      return;
    }
    if (!this.events.hasLocalMembers(roomId)) {
      this.forget(roomId);
      return;
    }
    let line = this.lines.get(roomId);
    if (!line) {
      // Sockets here but neither a line nor a join in flight (not expected): start here.
      line = { last: view.seq - 1, waiting: new Map(), filling: false };
      this.lines.set(roomId, line);
    }
    if (view.seq <= line.last) return;
    line.waiting.set(view.seq, view);
    this.flush(roomId, line);
  }

  private flush(roomId: string, line: Line): void {
    for (let view = line.waiting.get(line.last + 1); view; view = line.waiting.get(line.last + 1)) {
      line.waiting.delete(view.seq);
      line.last = view.seq;
      this.events.toLocalRoom(roomId, 'message:new', view);
    }
    if (line.waiting.size === 0) {
      clearTimeout(line.timer);
      line.timer = undefined;
    } else if (!line.timer && !line.filling) {
      line.timer = setTimeout(
        () => void this.fill(roomId, line, Math.min(...line.waiting.keys()) - 1),
        REORDER_WAIT_MS,
      );
      line.timer.unref();
    }
  }

  /** Reads the messages after the line up to `upTo`, then sends on what it can. */
  private async fill(roomId: string, line: Line, upTo: number): Promise<void> {
    line.timer = undefined;
    line.filling = true;
    const from = line.last;
    try {
      const rows = await this.dataSource
        .getRepository(Message)
        .createQueryBuilder('m')
        .where('m.room_id = :roomId AND m.seq > :from AND m.seq <= :upTo', { roomId, from, upTo })
        .orderBy('m.seq', 'ASC')
        .limit(FILL_LIMIT)
        .getMany();
      const wanted = rows.filter((row) => row.seq > line.last && !line.waiting.has(row.seq));
      // Their files in one query, signed once for every socket here.
      const files = await this.attachments.viewsFor(
        'message',
        wanted.filter((row) => !row.hiddenAt).map((row) => row.id),
      );
      for (const row of wanted) {
        if (row.seq > line.last && !line.waiting.has(row.seq))
          line.waiting.set(row.seq, toMessageView(row, false, files.get(row.id)));
      }
    } catch (error) {
      this.logger.warn({ event: 'message_gap_fill_failed', roomId, from, upTo, err: error });
    } finally {
      line.filling = false;
    }
    // What could not be read while later messages wait is skipped: clients see the gap in
    // seq and page it over REST. (With nothing waiting, the next sweep tries again.)
    if (line.waiting.size && line.last < upTo && !line.waiting.has(line.last + 1)) {
      this.logger.warn({ event: 'message_gap_skipped', roomId, from: line.last, upTo });
      line.last = upTo;
    }
    if (this.lines.get(roomId) === line) this.flush(roomId, line);
  }

  /** Rooms whose `last_seq` is ahead of their line get the missing messages read. */
  private async sweep(): Promise<void> {
    const ids: string[] = [];
    for (const [roomId, line] of this.lines) {
      if (line.pending) continue;
      if (!this.events.hasLocalMembers(roomId)) this.forget(roomId);
      else if (!line.filling && !line.timer && !line.waiting.size) ids.push(roomId);
    }
    if (!ids.length) return;
    let rows: { id: string; last_seq: number }[];
    try {
      rows = await this.dataSource.query(
        'SELECT id, last_seq FROM rooms WHERE id = ANY($1::uuid[])',
        [ids],
      );
    } catch (error) {
      this.logger.warn({ event: 'message_sweep_failed', err: error });
      return;
    }
    for (const row of rows) {
      const line = this.lines.get(row.id);
      if (!line || line.filling || line.timer || row.last_seq <= line.last) continue;
      this.logger.log({
        event: 'message_sweep_behind',
        roomId: row.id,
        from: line.last,
        upTo: row.last_seq,
      });
      void this.fill(row.id, line, row.last_seq);
    }
  }

  private forget(roomId: string): void {
    const line = this.lines.get(roomId);
    if (!line) return;
    clearTimeout(line.timer);
    this.lines.delete(roomId);
  }
}
