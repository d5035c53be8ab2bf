import type { DataSource } from 'typeorm';
import type { AttachmentsService } from '../attachments/attachments.service.js';
import type { MessageViewDto } from './dto/room.dto.js';
import { MessageFanout } from './message-fanout.js';
import type { RealtimeEvents } from './realtime-events.js';

/**
 * The line's start while a room's first socket on a node joins. These orders of events are
 * rare with real sockets (a commit's answer overtaking an earlier one's during a join's history
 * read), so they are played here directly. No gap is left to read, so no database is needed.
 */
const ROOM = '6f1d7a52-4d0e-4a43-9a39-0e0f3c5b1a01';

function setUp() {
  const sent: number[] = [];
  let members = 0;
  const events = {
    hasLocalMembers: () => members > 0,
    toLocalRoom: (_room: string, _event: string, view: MessageViewDto) => sent.push(view.seq),
    toOtherNodes: () => undefined,
    onOtherNodes: () => undefined,
  } as unknown as RealtimeEvents;
  const database = {
    getRepository: () => {
      throw new Error('no gap was expected');
    },
  } as unknown as DataSource;
  const attachments = {
    viewsFor: () => {
      throw new Error('no gap was expected');
    },
  } as unknown as AttachmentsService;
  const fanout = new MessageFanout(database, events, attachments);
  const message = (seq: number) => ({ roomId: ROOM, seq }) as MessageViewDto;
  return {
    fanout,
    sent,
    store: (seq: number) => fanout.stored(message(seq)),
    subscribe: () => (members += 1),
  };
}

describe('MessageFanout while the first socket joins', () => {
  it('a message overtaken by a later one during the history read still reaches the socket', () => {
    const { fanout, sent, store, subscribe } = setUp();
    const done = fanout.joining(ROOM);
    subscribe();
    // The history was read up to 3; then 4 and 5 committed, and 5's answer came first.
    store(5);
    store(4);
    expect(sent).toEqual([]);
    done(3);
    expect(sent).toEqual([4, 5]);
    store(6);
    expect(sent).toEqual([4, 5, 6]);
    fanout.onModuleDestroy();
  });

  it('what the history already returned is not sent again; what follows is', () => {
    const { fanout, sent, store, subscribe } = setUp();
    const done = fanout.joining(ROOM);
    subscribe();
    store(4);
    store(5);
    done(5);
    expect(sent).toEqual([]);
    store(6);
    expect(sent).toEqual([6]);
    fanout.onModuleDestroy();
  });

  it('two joins at once: the line starts where the shorter history ended', () => {
    const { fanout, sent, store, subscribe } = setUp();
    const first = fanout.joining(ROOM);
    const second = fanout.joining(ROOM);
    subscribe();
    subscribe();
    store(6);
    store(5);
    first(6);
    expect(sent).toEqual([]);
    second(4);
    expect(sent).toEqual([5, 6]);
    fanout.onModuleDestroy();
  });

  it('a message stored before the socket entered the channel is kept for the join', () => {
    const { fanout, sent, store, subscribe } = setUp();
    const done = fanout.joining(ROOM);
    store(8);
    subscribe();
    done(7);
    expect(sent).toEqual([8]);
    fanout.onModuleDestroy();
  });

  it('a failed join leaves no line behind', () => {
    const { fanout, sent, store, subscribe } = setUp();
    const done = fanout.joining(ROOM);
    store(3);
    done(null);
    subscribe();
    // A later join starts its own line.
    const again = fanout.joining(ROOM);
    store(4);
    again(4);
    store(5);
    expect(sent).toEqual([5]);
    fanout.onModuleDestroy();
  });
});
