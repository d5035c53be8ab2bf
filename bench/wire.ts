/**
 * `npm run bench:wire [-- --before=<another build's dist/src/main.js>]`: bytes on the wire for
 * what a phone on 2G/3G reads most. Seeds 100 issues with bodies of 200–1,600 characters, a
 * room with 100 messages and 30 notifications through the API (messages with the hub's own
 * statement), then reads each answer as identity, gzip and br, and re-reads with
 * `If-None-Match`. Prints body bytes, bytes on the socket (headers included) and time to first
 * byte (median of REPEAT, localhost: what compression costs the hub, not what the network
 * costs). With --before, the same data is read again through that build (e.g. main's, built
 * in another folder) and its identity bytes are shown beside. Nothing is asserted. See
 * bench/README.md.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import pg from 'pg';
import { INSERT_MESSAGE } from '../src/modules/rooms/message-sql.js';
import {
  API,
  call,
  HOST,
  loadAverage,
  log,
  MAIN,
  makeDataDir,
  ms,
  percentile,
  runBench,
  startHub,
  stopHub,
  table,
} from './lib.js';

const ISSUES = 100;
const MESSAGES = 100;
const NOTIFICATIONS = 30;
const REPEAT = 15;
const PASSWORD = 'bench password 0123456789';
const TERRITORY = '0b0e6c1a-8f0c-4c59-9d0a-3a1f8b6a0102';
const ENCODINGS = ['identity', 'gzip', 'br'] as const;
type Encoding = (typeof ENCODINGS)[number];

/** Sentences of the kind issues are written in, Kyrgyz and Russian mixed as on the network. */
const SENTENCES = [
  'Жайкы сугат мезгилинде Көк-Таш каналындагы суу жетишпейт.',
  'Айыл өкмөтү суу бөлүштүрүү графигин жарыялашы керек.',
  'Чек арадагы жолдун үч чакырымы жазда жуулуп кетти, мектеп автобусу өтө албайт.',
  'Мы просим районную администрацию рассмотреть вопрос на ближайшей сессии айылного кенеша.',
  'Жители Ак-Сая трижды обращались в водоканал, ответа не получили.',
  'Малчылар жайытка баруучу көпүрөнүн абалынан тынчсызданышат.',
  'Фельдшерско-акушерский пункт открыт только два дня в неделю.',
  'Бул маселе эки айылдын ортосундагы мамилеге да таасир этүүдө.',
  'Предлагаем создать совместную рабочую группу с соседним джамоатом.',
  'Мектептин чатыры агып, класстардын экөөсү жабык турат.',
];

/** Deterministic text of about `length` characters (the same data for every build). */
function text(seed: number, length: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < length; i++) {
    const sentence = SENTENCES[(seed * 7 + i * 3) % SENTENCES.length];
    parts.push(sentence);
    size += sentence.length + 1;
    if (i % 4 === 3) parts.push('\n\n');
  }
  return parts.join(' ').slice(0, length);
}

interface Case {
  name: string;
  path: string;
  /** Sent with the tag of the previous answer. */
  revalidate?: boolean;
}

interface Sample {
  status: number;
  body: number;
  wire: number;
  ttfbMs: number;
  totalMs: number;
  etag?: string;
}

function get(
  port: number,
  path: string,
  token: string,
  encoding: Encoding,
  ifNoneMatch?: string,
): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let ttfbMs = 0;
    const req = http.request(
      {
        host: HOST,
        port,
        path,
        agent: false,
        headers: {
          accept: 'application/json',
          'accept-encoding': encoding,
          authorization: `Bearer ${token}`,
          ...(ifNoneMatch ? { 'if-none-match': ifNoneMatch } : {}),
        },
      },
      (res) => {
        ttfbMs = performance.now() - started;
        let body = 0;
        res.on('data', (chunk: Buffer) => (body += chunk.length));
        res.on('end', () => {
          const totalMs = performance.now() - started;
          // A socket of its own (agent: false): everything it read is this answer.
          const wire = res.socket.bytesRead;
          resolve({
            status: res.statusCode ?? 0,
            body,
            wire,
            ttfbMs,
            totalMs,
            etag: res.headers.etag,
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

interface Figures {
  status: number;
  body: number;
  wire: number;
  ttfbMs: number;
  totalMs: number;
}

async function measureCase(
  port: number,
  token: string,
  c: Case,
  encoding: Encoding,
): Promise<Figures> {
  const tag = c.revalidate ? (await get(port, c.path, token, encoding)).etag : undefined;
  const samples: Sample[] = [];
  for (let i = 0; i < REPEAT; i++) samples.push(await get(port, c.path, token, encoding, tag));
  const last = samples[samples.length - 1];
  return {
    status: last.status,
    body: last.body,
    wire: last.wire,
    ttfbMs: percentile(
      samples.map((s) => s.ttfbMs).sort((a, b) => a - b),
      50,
    ),
    totalMs: percentile(
      samples.map((s) => s.totalMs).sort((a, b) => a - b),
      50,
    ),
  };
}

async function measure(
  port: number,
  token: string,
  cases: Case[],
): Promise<Map<string, Record<Encoding, Figures>>> {
  const results = new Map<string, Record<Encoding, Figures>>();
  for (const c of cases) {
    // One unmeasured read first: the first request of a kind plans its statements.
    await get(port, c.path, token, 'identity');
    const row = {} as Record<Encoding, Figures>;
    for (const encoding of ENCODINGS) row[encoding] = await measureCase(port, token, c, encoding);
    results.set(c.name, row);
  }
  return results;
}

async function seed(port: number, pgPort: number): Promise<{ token: string; cases: Case[] }> {
  const register = (name: string) =>
    call<{ accessToken: string; user: { id: string } }>(
      port,
      {
        method: 'POST',
        path: `${API}/auth/register`,
        body: { email: `${name}@bench.kg`, password: PASSWORD, displayName: name },
      },
      201,
    );
  const alice = await register('Alice');
  const bob = await register('Bob');
  const issueIds: string[] = [];
  let longest = { id: '', length: 0 };
  for (let i = 0; i < ISSUES; i++) {
    const body = text(i, 200 + ((i * 137) % 1400));
    const created = await call<{ id: string }>(
      port,
      {
        method: 'POST',
        path: `${API}/issues`,
        token: alice.accessToken,
        body: {
          title: `${text(i + 3, 40 + (i % 5) * 12)}`.trim(),
          body,
          category: 'water_irrigation',
          territoryIds: [TERRITORY],
          decisionLevel: 'district',
        },
      },
      201,
    );
    issueIds.push(created.id);
    // The longest body: the one a card shortens most, and the largest single issue.
    if (body.length > longest.length) longest = { id: created.id, length: body.length };
  }
  for (let i = 0; i < NOTIFICATIONS; i++) {
    await call(
      port,
      {
        method: 'POST',
        path: `${API}/issues/${issueIds[i]}/comments`,
        token: bob.accessToken,
        body: { body: text(i + 1, 120) },
      },
      201,
    );
  }
  const room = await call<{ id: string }>(
    port,
    {
      method: 'POST',
      path: `${API}/rooms`,
      token: alice.accessToken,
      body: { name: 'Суу маселеси', kind: 'private', memberIds: [bob.user.id] },
    },
    201,
  );
  const db = new pg.Client({
    connectionString: `postgres://kenesh:kenesh@${HOST}:${pgPort}/kenesh`,
  });
  await db.connect();
  try {
    for (let i = 0; i < MESSAGES; i++) {
      await db.query(INSERT_MESSAGE, [
        room.id,
        randomUUID(),
        i % 2 ? alice.user.id : bob.user.id,
        text(i + 5, 30 + ((i * 53) % 250)),
        null,
      ]);
    }
  } finally {
    await db.end();
  }
  const cases: Case[] = [
    { name: 'GET /issues?limit=100', path: `${API}/issues?limit=100` },
    { name: 'GET /issues/:id', path: `${API}/issues/${longest.id}` },
    { name: 'GET /territories', path: `${API}/territories` },
    { name: 'GET /api/docs-json', path: '/api/docs-json' },
    {
      name: 'GET /rooms/:id/messages?limit=100',
      path: `${API}/rooms/${room.id}/messages?limit=100`,
    },
    { name: 'GET /notifications', path: `${API}/notifications` },
    {
      name: 're-read /issues/:id (If-None-Match)',
      path: `${API}/issues/${longest.id}`,
      revalidate: true,
    },
    { name: 're-read /territories (If-None-Match)', path: `${API}/territories`, revalidate: true },
  ];
  return { token: alice.accessToken, cases };
}

const kb = (bytes: number): string =>
  bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${bytes} B`;
const pct = (part: number, whole: number): string => `${Math.round((100 * part) / whole)} %`;

function parseBefore(argv: string[]): string | undefined {
  for (const arg of argv) {
    if (arg.startsWith('--before=')) return arg.slice('--before='.length);
    throw new Error(`unknown option ${arg} (known: --before=<dist/src/main.js of another build>)`);
  }
  return undefined;
}

async function main(): Promise<void> {
  const before = parseBefore(process.argv.slice(2));
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first`);
  if (before && !existsSync(before)) throw new Error(`--before: ${before} does not exist`);
  const dataDir = await makeDataDir();
  log(`node ${process.version}, ${availableParallelism()} CPUs, load average ${loadAverage()}`);
  const { hub } = await startHub(dataDir, { KENESH_ACCESS_TOKEN_TTL: '86400' });
  log('seeding');
  const { token, cases } = await seed(hub.port, hub.pgPort);
  log('measuring this build');
  const after = await measure(hub.port, token, cases);
  await stopHub();

  let old: Map<string, Record<Encoding, Figures>> | undefined;
  if (before) {
    // The same data folder: the same rows, read through the other build.
    const { hub: other } = await startHub(dataDir, { KENESH_ACCESS_TOKEN_TTL: '86400' }, before);
    log(`measuring ${before}`);
    old = await measure(other.port, token, cases);
    await stopHub();
  }

  const header = [
    'answer',
    ...(old ? ['before'] : []),
    'identity',
    'gzip',
    'br',
    ...(old ? ['br/before'] : ['br/identity']),
    'on socket (br)',
    'status',
    'TTFB id/gz/br ms',
  ];
  const rows = cases.map((c) => {
    const r = after.get(c.name) as Record<Encoding, Figures>;
    const o = old?.get(c.name)?.identity;
    const base = o ? o.body : r.identity.body;
    return [
      c.name,
      ...(o ? [kb(o.body)] : []),
      kb(r.identity.body),
      kb(r.gzip.body),
      kb(r.br.body),
      base ? pct(r.br.body, base) : 'n/a',
      kb(r.br.wire),
      String(r.br.status),
      ENCODINGS.map((e) => ms(r[e].ttfbMs)).join(' / '),
    ];
  });
  console.log(
    `\nBody bytes per answer (median TTFB of ${REPEAT} reads on localhost; "on socket" adds the headers)\n`,
  );
  console.log(table(header, rows));
  console.log(
    `\n${ISSUES} issues (bodies 200–1,600 characters), ${MESSAGES} messages, ${NOTIFICATIONS} notifications; load average ${loadAverage()}`,
  );
}

await runBench('bench:wire', 15 * 60_000, main);
