// A LockManager for tests: `request(name, callback)` runs callbacks one at a time per name, in
// the order asked, as Web Locks do across the tabs of one browser. `active` counts holders.
export interface FakeLocks extends Pick<LockManager, 'request'> {
  /** Callbacks holding a lock right now, by name. */
  readonly active: Map<string, number>;
  /** The most callbacks that ever held one name at once (1 when serialised). */
  maxActive: number;
}

export function fakeLocks(): FakeLocks {
  const tails = new Map<string, Promise<unknown>>();
  const state = { active: new Map<string, number>(), maxActive: 0 };
  const request = <T>(name: string, callback: (lock: Lock | null) => T | Promise<T>) => {
    const run = (tails.get(name) ?? Promise.resolve()).then(async () => {
      const n = (state.active.get(name) ?? 0) + 1;
      state.active.set(name, n);
      state.maxActive = Math.max(state.maxActive, n);
      try {
        return await callback({ name, mode: 'exclusive' });
      } finally {
        state.active.set(name, (state.active.get(name) ?? 1) - 1);
      }
    });
    tails.set(
      name,
      run.catch(() => undefined),
    );
    return run;
  };
  return Object.assign(state, { request }) as unknown as FakeLocks;
}
