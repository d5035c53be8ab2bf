import { describe, expect, it } from 'vitest';
import { Timeline } from '../src/screens/rooms/timeline.js';
import type { Message } from '../src/realtime/socket.js';

function msg(seq: number, extra: Partial<Message> = {}): Message {
  return {
    id: `id-${seq}`,
    roomId: 'room',
    seq,
    clientMsgId: `c-${seq}`,
    authorId: 'a',
    body: `body ${seq}`,
    createdAt: new Date(0).toISOString(),
    hidden: false,
    replyToSeq: null,
    attachments: [],
    ...extra,
  };
}

describe('a room timeline', () => {
  it('keeps one message per seq, in seq order, whatever order they come in', () => {
    const t = new Timeline();
    expect(t.add([msg(3), msg(1)]).map((m) => m.seq)).toEqual([1, 3]);
    // A join's catch-up repeating a live message, and the ack of my own send.
    expect(t.add([msg(3), msg(2), msg(4)]).map((m) => m.seq)).toEqual([2, 4]);
    expect(t.add([msg(4)])).toEqual([]);
    expect(t.messages.value.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    expect(t.minSeq).toBe(1);
    expect(t.maxSeq).toBe(4);
  });

  it('applies message:hidden by seq: members lose the body, moderators keep it', () => {
    const t = new Timeline();
    t.add([msg(1), msg(2)]);
    t.hide(2, false);
    expect(t.bySeq(2)).toMatchObject({ hidden: true, body: '' });
    t.hide(1, true);
    expect(t.bySeq(1)).toMatchObject({ hidden: true, body: 'body 1' });
  });

  it('does not let an older visible copy undo a hide', () => {
    const t = new Timeline();
    t.add([msg(1)]);
    t.hide(1, false);
    t.add([msg(1)]);
    expect(t.bySeq(1)?.hidden).toBe(true);
  });

  it('knows which of my outbox items came back (by clientMsgId)', () => {
    const t = new Timeline();
    t.add([msg(1, { clientMsgId: 'mine' })]);
    expect(t.hasClientMsg('mine')).toBe(true);
    expect(t.hasClientMsg('other')).toBe(false);
  });

  it('drops a file hidden by a moderator from its message, keeping the rest', () => {
    const tl = new Timeline();
    const file = (id: string) => ({
      id,
      kind: 'image' as const,
      mimeType: 'image/jpeg',
      size: 1,
      sha256: 'x',
      caption: null,
      urls: { original: `/f/${id}` },
    });
    tl.add([msg(1, { attachments: [file('a'), file('b')] }), msg(2)]);
    tl.hideAttachment(1, 'a');
    expect(tl.bySeq(1)?.attachments.map((a) => a.id)).toEqual(['b']);
    expect(tl.bySeq(1)?.body).toBe('body 1');
    tl.hideAttachment(9, 'b'); // not held: nothing happens
    expect(tl.messages.value).toHaveLength(2);
  });
});
