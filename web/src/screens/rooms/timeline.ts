// A room's messages as the phone knows them: one per seq, in seq order. Whatever the source (the
// first REST page, a join's `missed`, `message:new`, the ack of our own send, older pages), a seq
// seen before replaces its copy instead of showing twice; `message:hidden` applies by seq.
import { signal } from '@preact/signals';
import type { Message } from '../../realtime/socket.js';

export class Timeline {
  readonly messages = signal<Message[]>([]);
  /** Whether older messages exist before the first one held. */
  readonly hasOlder = signal(false);

  get maxSeq(): number {
    return this.messages.value.at(-1)?.seq ?? 0;
  }

  get minSeq(): number {
    return this.messages.value[0]?.seq ?? 0;
  }

  bySeq(seq: number): Message | undefined {
    return this.messages.value.find((m) => m.seq === seq);
  }

  /** Adds messages; answers those whose seq was not held before (in seq order). */
  add(incoming: readonly Message[]): Message[] {
    if (!incoming.length) return [];
    const held = new Map(this.messages.value.map((m) => [m.seq, m]));
    const added: Message[] = [];
    for (const m of incoming) {
      const before = held.get(m.seq);
      if (!before) added.push(m);
      // A hidden copy wins over a visible one: the hide may have happened after the other read.
      held.set(m.seq, before?.hidden && !m.hidden ? before : m);
    }
    this.messages.value = [...held.values()].sort((a, b) => a.seq - b.seq);
    return added.sort((a, b) => a.seq - b.seq);
  }

  /** Applies `message:hidden`: moderators keep the body, others lose it. */
  hide(seq: number, keepBody: boolean): void {
    if (!this.bySeq(seq)) return;
    this.messages.value = this.messages.value.map((m) =>
      m.seq === seq ? { ...m, hidden: true, body: keepBody ? m.body : '' } : m,
    );
  }

  /** Applies `attachment:hidden`: the file leaves its message; the rest stays. */
  hideAttachment(seq: number, attachmentId: string): void {
    if (!this.bySeq(seq)) return;
    this.messages.value = this.messages.value.map((m) =>
      m.seq === seq ? { ...m, attachments: m.attachments.filter((a) => a.id !== attachmentId) } : m,
    );
  }

  /** Whether a message with this clientMsgId has come back from the hub. */
  hasClientMsg(clientMsgId: string): boolean {
    return this.messages.value.some((m) => m.clientMsgId === clientMsgId);
  }
}
