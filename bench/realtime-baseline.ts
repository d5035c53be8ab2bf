/**
 * The baseline of `npm run bench:realtime`: the least a socket.io server can do to store a room
 * message and broadcast it. Started by bench/realtime.ts as its own process with `PORT` and
 * `DATABASE_URL` (the hub's database). Namespace `/rt`, the same events and shapes as the hub,
 * but no authentication, no validation, no access, sanction or rate checks, no ORM and the
 * in-memory adapter: `room:join` joins the channel, `message:send` stores the message with the
 * hub's statement (`WITH bumped AS (UPDATE rooms … RETURNING last_seq) INSERT INTO messages …`,
 * one statement in autocommit) through `pg`, then emits `message:new` to the room and acks. Not
 * part of the application.
 */
import { createServer } from 'node:http';
import pg from 'pg';
import { Server } from 'socket.io';
// The hub's own statement: the room's next seq and the row, in one autocommit statement.
import { INSERT_MESSAGE } from '../src/modules/rooms/message-sql.js';

interface Sent {
  roomId: string;
  clientMsgId: string;
  body: string;
  /** No authentication: the client says who it is. */
  authorId: string;
}

type Ack = (answer: unknown) => void;

const port = Number(process.env.PORT);
const databaseUrl = process.env.DATABASE_URL;
if (!Number.isInteger(port) || !databaseUrl) {
  console.error('realtime-baseline: PORT and DATABASE_URL are required');
  process.exit(78);
}

// The hub's TypeORM pool has 20 connections (src/infra/database/data-source.ts).
const pool = new pg.Pool({
  connectionString: databaseUrl,
  max: 20,
  application_name: 'kenesh-bench-baseline',
});
pool.on('error', (error) => console.error(`realtime-baseline: pool: ${error.message}`));

async function store(input: Sent) {
  // A named prepared statement, as the hub runs it (src/infra/database/prepared.ts).
  const inserted = await pool.query<{ id: string; seq: number; created_at: Date }>({
    name: 'kenesh_insert_message',
    text: INSERT_MESSAGE,
    values: [input.roomId, input.clientMsgId, input.authorId, input.body, null],
  });
  const row = inserted.rows.at(0);
  if (!row) throw new Error(`no room ${input.roomId}`);
  return {
    id: row.id,
    roomId: input.roomId,
    seq: row.seq,
    clientMsgId: input.clientMsgId,
    authorId: input.authorId,
    body: input.body,
    replyToSeq: null,
    createdAt: row.created_at.toISOString(),
    hidden: false,
  };
}

const http = createServer((req, res) => {
  res.writeHead(req.url === '/health' ? 200 : 404).end();
});
const io = new Server(http, { maxHttpBufferSize: 64 * 1024 });
const rt = io.of('/rt');

rt.on('connection', (socket) => {
  socket.on('room:join', (payload: { roomId: string }, ack: Ack) => {
    void socket.join(`room:${payload.roomId}`);
    ack({ ok: true });
  });
  socket.on('message:send', (payload: Sent, ack: Ack) => {
    store(payload).then(
      (message) => {
        rt.to(`room:${payload.roomId}`).emit('message:new', message);
        ack({ ok: true, message });
      },
      (error: unknown) =>
        ack({
          ok: false,
          error: { code: 'internal', message: error instanceof Error ? error.message : 'failed' },
        }),
    );
  });
});

// Silent when all is well: the bench reports whatever a server writes. Ready is GET /health.
http.listen(port, '127.0.0.1');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    const force = setTimeout(() => process.exit(1), 5000);
    force.unref();
    void io
      .close()
      .then(() => pool.end())
      .finally(() => process.exit(0));
  });
}
