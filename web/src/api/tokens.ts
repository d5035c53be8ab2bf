// The session's tokens, kept in localStorage (never in a URL) and refreshed one at a time across
// tabs: a refresh token used twice revokes the login (docs/auth.md), so a tab takes the
// `kenesh.refresh` Web Lock, then looks whether another tab has rotated the pair meanwhile and
// uses that pair instead of spending the old token again. A refused refresh (401) ends the
// session; an unreachable hub (network error, 503) keeps it for when the hub is back.

export interface Session {
  userId: string;
  accessToken: string;
  refreshToken: string;
  /** Epoch ms after which the access token is treated as expired (a little early). */
  accessExpiresAt: number;
}

export interface KeeperDeps {
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  /** POSTs the refresh token; answers the HTTP status and, on 200, the new pair. */
  postRefresh(refreshToken: string): Promise<{ status: number; body?: RefreshAnswer }>;
  /** Web Locks when the browser has them; without, refreshes are only joined within this tab. */
  locks?: Pick<LockManager, 'request'>;
  now?: () => number;
}

export interface RefreshAnswer {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user?: { id: string };
}

/** The hub could not be reached (offline or 503): the session stays. */
export class HubUnreachable extends Error {
  constructor(readonly status?: number) {
    super('hub unreachable');
  }
}

export const STORAGE_KEY = 'kenesh.session';
const EARLY_MS = 30_000;

export class TokenKeeper {
  private pending?: Promise<Session | null>;
  private readonly now: () => number;
  private readonly listeners = new Set<(s: Session | null) => void>();

  constructor(private readonly deps: KeeperDeps) {
    this.now = deps.now ?? Date.now;
  }

  read(): Session | null {
    const raw = this.deps.storage.getItem(STORAGE_KEY);
    if (!raw) return null;
    try {
      const s = JSON.parse(raw) as Session;
      return typeof s.accessToken === 'string' && typeof s.refreshToken === 'string' ? s : null;
    } catch {
      return null;
    }
  }

  /** Keeps a pair answered by login, register or refresh. */
  store(answer: RefreshAnswer, userId: string): Session {
    const session: Session = {
      userId,
      accessToken: answer.accessToken,
      refreshToken: answer.refreshToken,
      accessExpiresAt: this.now() + answer.expiresIn * 1000 - EARLY_MS,
    };
    this.deps.storage.setItem(STORAGE_KEY, JSON.stringify(session));
    this.emit(session);
    return session;
  }

  clear(): void {
    this.deps.storage.removeItem(STORAGE_KEY);
    this.emit(null);
  }

  onChange(listener: (s: Session | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Another tab changed the stored session (the `storage` event): tell the listeners. */
  storageChanged(): void {
    this.emit(this.read());
  }

  /** An access token fit to send: the stored one, or a fresh one when it has expired. */
  async accessToken(): Promise<string | null> {
    const s = this.read();
    if (!s) return null;
    if (s.accessExpiresAt > this.now()) return s.accessToken;
    return (await this.refresh(s.accessToken))?.accessToken ?? null;
  }

  /**
   * A new pair after `staleAccess` was refused or expired. Joins a refresh already running in
   * this tab; across tabs, the lock holder's pair is reused. Null when the login has ended.
   */
  refresh(staleAccess: string): Promise<Session | null> {
    this.pending ??= this.locked(() => this.refreshOnce(staleAccess)).finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private locked<T>(work: () => Promise<T>): Promise<T> {
    const locks = this.deps.locks;
    return locks ? (locks.request('kenesh.refresh', work) as Promise<T>) : work();
  }

  private async refreshOnce(staleAccess: string): Promise<Session | null> {
    const current = this.read();
    if (!current) return null;
    // Another tab rotated the pair while this one waited for the lock: use theirs.
    if (current.accessToken !== staleAccess && current.accessExpiresAt > this.now()) return current;
    let answer: Awaited<ReturnType<KeeperDeps['postRefresh']>>;
    try {
      answer = await this.deps.postRefresh(current.refreshToken);
    } catch {
      throw new HubUnreachable();
    }
    if (answer.status === 200 && answer.body) {
      return this.store(answer.body, answer.body.user?.id ?? current.userId);
    }
    if (answer.status === 401 || answer.status === 400) {
      this.clear();
      return null;
    }
    throw new HubUnreachable(answer.status);
  }

  private emit(s: Session | null): void {
    for (const l of this.listeners) l(s);
  }
}
