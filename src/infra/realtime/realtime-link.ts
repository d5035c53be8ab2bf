import { Injectable } from '@nestjs/common';
import { within } from '../../common/async/within.js';

/**
 * The connection between nodes that the socket.io adapter uses, as readiness sees it. The
 * adapter is made outside the module graph (app-setup), so it registers its check here.
 */
@Injectable()
export class RealtimeLink {
  private check?: () => Promise<void>;
  private up: () => boolean = () => true;
  private kind = 'memory';

  attach(kind: string, check: () => Promise<void>, up?: () => boolean): void {
    this.kind = kind;
    this.check = check;
    if (up) this.up = up;
  }

  /** Without a round trip, whether the link's connections are up (for socket handshakes). */
  isUp(): boolean {
    return this.up();
  }

  get adapter(): string {
    return this.kind;
  }

  /** Resolves when the link answers within `timeoutMs`; rejects otherwise. */
  async ping(timeoutMs: number): Promise<void> {
    if (!this.check) return;
    if (!(await within(this.check(), timeoutMs)))
      throw new Error(`no answer within ${timeoutMs} ms`);
  }
}
