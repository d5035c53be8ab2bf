import { Injectable } from '@nestjs/common';

/**
 * Set once the process was asked to stop: readiness then answers 503 at once, so a load
 * balancer stops sending new work here while the requests already accepted finish.
 */
@Injectable()
export class ShutdownState {
  private since?: number;

  get stopping(): boolean {
    return this.since !== undefined;
  }

  begin(): void {
    this.since ??= Date.now();
  }
}
