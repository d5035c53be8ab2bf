/**
 * The baseline of `npm run bench:realtime`: the least a socket.io server can do to store a room
 * message and broadcast it. Started by bench/realtime.ts as its own process with `PORT` and
 * `DATABASE_URL` (the hub's database). Namespace `/rt`, the same events and shapes as the hub,
 * but no authentication, no validation, no access, sanction or rate checks, no ORM and the
 * in-memory adapter: `room:join` joins the channel, `message:send` runs the hub's transaction
 * (the same `UPDATE rooms … RETURNING` and `INSERT INTO messages`) through `pg`, then emits
 * `message:new` to the room and acks. Not part of the application.
 */
import { createServer } from 'node:http';
import pg from 'pg';
import { Server } from 'socket.io';

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
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // The hub's statement, word for word (RoomsService.send).
    const counter = await client.query<{ last_seq: number }>(
      'WITH bumped AS (UPDATE rooms SET last_seq = last_seq + 1, updated_at = now() WHERE id = $1 RETURNING last_seq) SELECT last_seq FROM bumped',
      [input.roomId],
    );
    const seq = counter.rows[0].last_seq;
    const inserted = await client.query<{ id: string; created_at: Date }>(
      `INSERT INTO messages (room_id, seq, client_msg_id, author_id, body, reply_to_seq)
       VALUES ($1, $2, $3, $4, $5, NULL) RETURNING id, created_at`,
      [input.roomId, seq, input.clientMsgId, input.authorId, input.body],
    );
    await client.query('COMMIT');
    return {
      id: inserted.rows[0].id,
      roomId: input.roomId,
      seq,
      clientMsgId: input.clientMsgId,
      authorId: input.authorId,
      body: input.body,
      replyToSeq: null,
      createdAt: inserted.rows[0].created_at.toISOString(),
      hidden: false,
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
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

http.listen(port, '127.0.0.1', () => console.log(`realtime-baseline: listening on ${port}`));

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
