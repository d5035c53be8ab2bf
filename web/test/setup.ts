// What a browser gives the client and Node does not, before any module under test is imported:
// IndexedDB (fake-indexeddb), localStorage (a Map), location and navigator. api/client.ts reads
// them at import. Each test file runs in a fresh module graph, so each gets its own.
import 'fake-indexeddb/auto';

export class MemoryStorage implements Storage {
  private readonly map = new Map<string, string>();
  get length(): number {
    return this.map.size;
  }
  clear(): void {
    this.map.clear();
  }
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.map.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.map.delete(key);
  }
  setItem(key: string, value: string): void {
    this.map.set(key, String(value));
  }
}

const g = globalThis as Record<string, unknown>;
g.localStorage = new MemoryStorage();
g.location = { origin: 'http://hub.test' };
if (typeof g.navigator === 'undefined') g.navigator = { onLine: true, languages: ['ky'] };
