import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Parser } from '@asyncapi/parser';
import { MESSAGE_MAPPING_METADATA, MESSAGE_METADATA } from '@nestjs/websockets/constants.js';
import { RoomsGateway } from '../src/modules/rooms/rooms.gateway.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * The AsyncAPI document of `/rt`: served, committed (`npm run asyncapi`), valid AsyncAPI 3.0,
 * and naming exactly the events the code handles and emits.
 */

interface AsyncApi {
  asyncapi: string;
  operations: Record<
    string,
    { action: 'send' | 'receive'; messages: { $ref: string }[]; reply?: object }
  >;
  components: {
    messages: Record<string, { name: string; payload: Record<string, unknown> }>;
    schemas: Record<string, { properties?: Record<string, Record<string, unknown>> }>;
  };
}

const ROOT = join(import.meta.dirname, '..');

let t: TestApp;
let served: AsyncApi;

beforeAll(async () => {
  t = await startTestApp();
  const res = await t.http.get('/api/asyncapi-json');
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  served = res.body as AsyncApi;
});

afterAll(() => t?.close());

/** Event names of one side, read from the operations and the messages they carry. */
function events(doc: AsyncApi, action: 'send' | 'receive'): string[] {
  return Object.values(doc.operations)
    .filter((op) => op.action === action)
    .flatMap((op) => op.messages.map((m) => m.$ref.split('/').at(-1)!))
    .map((id) => doc.components.messages[id].name)
    .sort();
}

describe('the AsyncAPI document', () => {
  it('is public and the committed openapi/asyncapi.json is what runs (npm run asyncapi)', async () => {
    const committed = JSON.parse(
      await readFile(join(ROOT, 'openapi', 'asyncapi.json'), 'utf8'),
    ) as AsyncApi;
    expect(served).toEqual(committed);
    // Sorted keys, so that a change shows as a small diff in review.
    const keys = Object.keys(served.components.schemas);
    expect(keys).toEqual([...keys].sort());
  });

  it('is valid AsyncAPI 3.0, without errors or warnings from the reference parser', async () => {
    expect(served.asyncapi).toBe('3.0.0');
    const { document, diagnostics } = await new Parser().parse(JSON.stringify(served));
    const problems = diagnostics
      // 0 error, 1 warning (2 information, 3 hint: e.g. "3.1.0 exists").
      .filter((d) => Number(d.severity) <= 1)
      .map((d) => `${d.code} ${d.path.join('.')}: ${d.message}`);
    expect(problems).toEqual([]);
    expect(document).toBeDefined();
    // The parser loads its rulesets on first use: seconds on a busy machine.
  }, 90_000);

  it('describes every event the gateway subscribes, and no other', () => {
    const subscribed = Object.getOwnPropertyNames(RoomsGateway.prototype)
      .map((name) => (RoomsGateway.prototype as unknown as Record<string, unknown>)[name])
      .filter((fn) => typeof fn === 'function' && Reflect.getMetadata(MESSAGE_MAPPING_METADATA, fn))
      .map((fn) => Reflect.getMetadata(MESSAGE_METADATA, fn as object) as string)
      .sort();
    expect(subscribed).toEqual(['message:send', 'room:join', 'room:leave', 'room:read', 'typing']);
    expect(events(served, 'receive')).toEqual(subscribed);
    // Each takes an ack: a reply with the success shape or a refusal.
    for (const op of Object.values(served.operations).filter((o) => o.action === 'receive')) {
      expect(op.reply).toBeDefined();
    }
  });

  it('describes every event the server emits (read from the source), and no other', async () => {
    const emitted = new Set<string>();
    const files = (await readdir(join(ROOT, 'src'), { recursive: true })).filter((f) =>
      f.endsWith('.ts'),
    );
    // `.emit('x'`, `toRoom(id, 'x'`, `toUser(id, 'x'`, `toLocalRoom(id, 'x'`, and the
    // handshake's refusals (`next(handshakeError(...))`), which socket.io sends as `connect_error`.
    for (const file of files) {
      const source = await readFile(join(ROOT, 'src', file), 'utf8');
      for (const m of source.matchAll(/\.emit\(\s*'([^']+)'/g)) emitted.add(m[1]);
      for (const m of source.matchAll(/\bto(?:Room|User|LocalRoom)\([^,]+,\s*'([^']+)'/g)) {
        emitted.add(m[1]);
      }
      if (file.endsWith('rooms.gateway.ts') && /next\(\s*handshakeError\(/.test(source)) {
        emitted.add('connect_error');
      }
    }
    // Not socket events: a child-process stub's `exit` in the embedded PostgreSQL.
    emitted.delete('exit');
    // Stored messages reach sockets through MessageFanout as `message:new` (toLocalRoom).
    expect([...emitted].sort()).toEqual(events(served, 'send'));
  });

  it('gives each client event its payload from the DTO the gateway validates with', () => {
    const schemas = served.components.schemas;
    expect(schemas.SendPayload).toMatchObject({
      additionalProperties: false,
      // The body may be left out when files are sent (a voice note alone).
      required: ['clientMsgId', 'roomId'],
      properties: {
        roomId: { type: 'string', format: 'uuid' },
        clientMsgId: { type: 'string', format: 'uuid' },
        body: { type: 'string', maxLength: 4000 },
        replyToSeq: { type: 'integer', minimum: 1 },
        attachmentIds: {
          type: 'array',
          items: { type: 'string', format: 'uuid' },
          maxItems: 10,
          uniqueItems: true,
        },
      },
    });
    expect(schemas.JoinPayload).toMatchObject({
      required: ['roomId'],
      properties: { afterSeq: { type: 'integer', minimum: 0 } },
    });
    // A refusal names a code of the contract.
    expect(schemas.SocketErrorDto.properties?.code.enum).toEqual(
      expect.arrayContaining(['validation_failed', 'not_found', 'muted', 'banned', 'room_locked']),
    );
  });
});
