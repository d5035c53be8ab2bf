import { type INestApplication, Module } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { type JsonSchema, validatorSchema } from '../../common/validation/validator-schema.js';
import { RefusalAckDto } from './dto/socket.dto.js';
import {
  CLIENT_EVENTS,
  type ClientEventSpec,
  SERVER_EVENTS,
  type ServerEventSpec,
} from './realtime-contract.js';

/**
 * Selects no controller: the swagger scan then yields only the schemas of the models it is
 * given. Also the module of the throwaway app `asyncapi-cli` builds the document with.
 */
@Module({})
export class AsyncApiSchemasModule {}

const SCHEMAS = '#/components/schemas/';
const CHANNEL = '#/channels/rt';

/**
 * The AsyncAPI 3.0 document of the `/rt` namespace, built from `realtime-contract.ts`: input
 * payloads from their class-validator decorators (what the gateway checks), acks and server
 * events from the swagger metadata of their DTOs (what the code is typed with). Keys sorted,
 * so the committed copy diffs cleanly.
 */
export function asyncApiDocument(app: INestApplication): JsonSchema {
  const client = Object.entries(CLIENT_EVENTS) as [string, ClientEventSpec][];
  const server = Object.entries(SERVER_EVENTS) as [string, ServerEventSpec][];
  const inputs = new Set(client.map(([, spec]) => spec.payload));
  const models = [
    ...new Set([
      RefusalAckDto,
      ...client.flatMap(([, spec]) => [spec.payload, spec.ack]),
      ...server.map(([, spec]) => spec.payload),
    ]),
  ];
  const openapi = SwaggerModule.createDocument(app, new DocumentBuilder().build(), {
    include: [AsyncApiSchemasModule],
    extraModels: models as unknown as (new () => object)[],
  });
  const swaggerSchemas = (openapi.components?.schemas ?? {}) as Record<string, JsonSchema>;
  const schemas: Record<string, JsonSchema> = {};
  for (const [name, schema] of Object.entries(swaggerSchemas)) {
    schemas[name] = toJsonSchema(schema) as JsonSchema;
  }
  for (const model of inputs) {
    // The structure is what class-validator checks; swagger only lends the descriptions.
    const checked = validatorSchema(model);
    const described = (schemas[model.name]?.properties ?? {}) as Record<string, JsonSchema>;
    for (const [field, property] of Object.entries(
      checked.properties as Record<string, JsonSchema>,
    )) {
      if (described[field]?.description) property.description = described[field].description;
    }
    schemas[model.name] = checked;
  }

  const messages: Record<string, JsonSchema> = {};
  const operations: Record<string, JsonSchema> = {};
  const ref = (id: string) => ({ $ref: `${CHANNEL}/messages/${id}` });
  for (const [event, spec] of client) {
    const id = camel(event);
    messages[`${id}Request`] = {
      name: event,
      title: event,
      summary: spec.summary,
      payload: { $ref: SCHEMAS + spec.payload.name },
    };
    const codes = [...new Set([...spec.refusals, 'internal'])];
    messages[`${id}Ack`] = {
      name: `${event} ack`,
      title: `${event} ack`,
      summary: `The ack of ${event}: ${spec.ack.name.replace(/Dto$/, '')} or a refusal`,
      description: `A refusal's code is one of: ${codes.join(', ')}.`,
      payload: {
        oneOf: [
          { $ref: SCHEMAS + spec.ack.name },
          {
            allOf: [
              { $ref: SCHEMAS + RefusalAckDto.name },
              { properties: { error: { properties: { code: { enum: codes } } } } },
            ],
          },
        ],
      },
    };
    operations[`receive${capital(id)}`] = {
      action: 'receive',
      channel: { $ref: CHANNEL },
      title: `Client emits ${event}`,
      summary: spec.summary,
      description: spec.description,
      messages: [ref(`${id}Request`)],
      reply: { channel: { $ref: CHANNEL }, messages: [ref(`${id}Ack`)] },
    };
  }
  for (const [event, spec] of server) {
    const id = `${camel(event)}Event`;
    messages[id] = {
      name: event,
      title: event,
      summary: spec.summary,
      payload: { $ref: SCHEMAS + spec.payload.name },
    };
    operations[`send${capital(camel(event))}`] = {
      action: 'send',
      channel: { $ref: CHANNEL },
      title: `Server emits ${event}`,
      summary: spec.summary,
      description: spec.description,
      messages: [ref(id)],
    };
  }

  return sortKeys({
    asyncapi: '3.0.0',
    info: {
      title: 'Kenesh real-time API',
      version: '1',
      description: [
        'socket.io 4 namespace `/rt` on the hub’s own port and default path (`/socket.io`).',
        '',
        'Handshake: `io(origin + "/rt", { auth: { token: accessToken } })`. Without a valid ' +
          'token the connection is refused with `connect_error` whose message is ' +
          '`unauthorized`; while the database (or Redis) does not answer, `unavailable` (retry ' +
          'with the same token). The server disconnects at the token’s expiry after ' +
          '`session:expired`.',
        '',
        'Every client event takes an ack: `{ ok: true, … }` or a refusal ' +
          '`{ ok: false, error: { code, message, errors? } }` with a code of the contract. An ' +
          'event the server does not know is acked `not_found`; a payload with a NUL, an ' +
          'unpaired surrogate, nesting deeper than 32 or a `__proto__` key is acked ' +
          '`validation_failed` before any handler runs. Frames over 64 KB close the connection.',
        '',
        'Operations are described from the server’s side: `receive` is what a client emits, ' +
          '`send` what it listens to. Delivery and ordering: docs/realtime.md.',
      ].join('\n'),
    },
    defaultContentType: 'application/json',
    servers: {
      hub: {
        host: 'localhost:3000',
        protocol: 'ws',
        pathname: '/socket.io',
        description:
          'The hub itself (PORT, default 3000); socket.io over WebSocket, or HTTP long-polling ' +
          'with sticky sessions behind a balancer.',
        security: [{ $ref: '#/components/securitySchemes/accessToken' }],
      },
    },
    channels: {
      rt: {
        address: '/rt',
        title: 'The /rt namespace',
        description:
          'One connection per client; rooms are joined with room:join, and user-addressed events ' +
          '(notification, room:muted, room:banned) reach every socket of their user.',
        messages: Object.fromEntries(
          Object.entries(messages).map(([id]) => [id, { $ref: `#/components/messages/${id}` }]),
        ),
      },
    },
    operations,
    components: {
      schemas,
      messages,
      securitySchemes: {
        accessToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'The access token from POST /api/v1/auth/login (or /auth/refresh), sent in the ' +
            'socket.io handshake as `auth: { token }`, not in a header.',
        },
      },
    },
  }) as JsonSchema;
}

/** `room:join` → `roomJoin`, `connect_error` → `connectError`. */
function camel(event: string): string {
  return event.replace(/[:_]([a-z])/g, (_, c: string) => c.toUpperCase());
}

function capital(id: string): string {
  return id.charAt(0).toUpperCase() + id.slice(1);
}

/**
 * The swagger module writes OpenAPI 3.0 schemas; AsyncAPI's default schema format is JSON
 * Schema (draft 07): `nullable` becomes a `null` type, `example` becomes `examples`.
 */
function toJsonSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toJsonSchema);
  if (typeof value !== 'object' || value === null) return value;
  const out: JsonSchema = {};
  for (const [key, child] of Object.entries(value as JsonSchema)) {
    if (key === 'nullable' || key === 'example') continue;
    out[key] = key === 'properties' ? mapValues(child as JsonSchema, toJsonSchema) : child;
    if (key === 'items' || key === 'allOf' || key === 'oneOf' || key === 'anyOf') {
      out[key] = toJsonSchema(child);
    }
  }
  const source = value as JsonSchema;
  if (source.example !== undefined) out.examples = [source.example];
  if (source.nullable !== true) return out;
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    const values = out.enum as unknown[] | undefined;
    if (Array.isArray(values) && !values.includes(null)) out.enum = [...values, null];
    return out;
  }
  return { oneOf: [out, { type: 'null' }] };
}

function mapValues(object: JsonSchema, fn: (value: unknown) => unknown): JsonSchema {
  return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, fn(v)]));
}

export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}
