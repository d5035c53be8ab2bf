import { Injectable } from '@nestjs/common';

/**
 * The connection between nodes that the socket.io adapter uses, as readiness sees it. The
 * adapter is made outside the module graph (app-setup), so it registers its check here.
 */
@Injectable()
export class RealtimeLink {
  private check?: () => Promise<void>;
  private kind = 'memory';

  attach(kind: string, check: () => Promise<void>): void {
    this.kind = kind;
    this.check = check;
  }

  get adapter(): string {
    return this.kind;
  }

  /** Resolves when the link answers within `timeoutMs`; rejects otherwise. */
  async ping(timeoutMs: number): Promise<void> {
    if (!this.check) return;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.check(),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no answer within ${timeoutMs} ms`)),
            timeoutMs,
          );
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
}
