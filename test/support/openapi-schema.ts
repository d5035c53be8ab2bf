import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** Just enough of an OpenAPI 3.1 document for the checks below. */
export interface OpenApiDoc {
  openapi: string;
  paths: Record<string, Record<string, OperationObject>>;
  components: { schemas: Record<string, SchemaObject> };
  [key: string]: unknown;
}

export interface OperationObject {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: { name: string; in: string; schema?: SchemaObject }[];
  requestBody?: { content: Record<string, { schema?: SchemaObject }> };
  responses: Record<string, { content?: Record<string, { schema?: SchemaObject }> }>;
}

export type SchemaObject = Record<string, unknown>;

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

export function operationsOf(
  doc: OpenApiDoc,
): { path: string; method: string; op: OperationObject }[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    HTTP_METHODS.filter((method) => item[method]).map((method) => ({
      path,
      method,
      op: item[method],
    })),
  );
}

/** JSON pointer escaping of one reference token (RFC 6901). */
function token(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

const SUBSCHEMA_MAPS = ['properties', 'patternProperties', '$defs'];
const SUBSCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SUBSCHEMAS = ['items', 'not', 'additionalProperties', 'contains'];

/** Every schema object in the document with its JSON pointer, nested ones included. */
export function schemasOf(doc: OpenApiDoc): { pointer: string; schema: SchemaObject }[] {
  const found: { pointer: string; schema: SchemaObject }[] = [];
  const visit = (schema: unknown, pointer: string): void => {
    if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return;
    const node = schema as SchemaObject;
    found.push({ pointer, schema: node });
    for (const key of SUBSCHEMA_MAPS) {
      const map = node[key] as Record<string, unknown> | undefined;
      if (map && typeof map === 'object')
        for (const [name, child] of Object.entries(map))
          visit(child, `${pointer}/${key}/${token(name)}`);
    }
    for (const key of SUBSCHEMA_LISTS) {
      const list = node[key];
      if (Array.isArray(list)) list.forEach((child, i) => visit(child, `${pointer}/${key}/${i}`));
    }
    for (const key of SUBSCHEMAS) visit(node[key], `${pointer}/${key}`);
  };
  for (const [name, schema] of Object.entries(doc.components.schemas))
    visit(schema, `#/components/schemas/${token(name)}`);
  for (const { path, method, op } of operationsOf(doc)) {
    const base = `#/paths/${token(path)}/${method}`;
    op.parameters?.forEach((p, i) => visit(p.schema, `${base}/parameters/${i}/schema`));
    for (const [type, media] of Object.entries(op.requestBody?.content ?? {}))
      visit(media.schema, `${base}/requestBody/content/${token(type)}/schema`);
    for (const [status, response] of Object.entries(op.responses))
      for (const [type, media] of Object.entries(response.content ?? {}))
        visit(media.schema, `${base}/responses/${status}/content/${token(type)}/schema`);
  }
  return found;
}

/**
 * Schemas that say nothing a client can use: `type: object` with no properties, reference or
 * additionalProperties (what `string | null` without `type` compiles to), or no type at all.
 */
export function vagueSchemas(doc: OpenApiDoc): string[] {
  const says = (s: SchemaObject): boolean =>
    ['$ref', 'allOf', 'anyOf', 'oneOf', 'enum', 'const'].some((key) => key in s);
  return schemasOf(doc)
    .filter(({ schema }) => {
      const types = ([] as unknown[]).concat(schema.type ?? []);
      if (types.includes('object'))
        return !('properties' in schema || 'additionalProperties' in schema || says(schema));
      return types.length === 0 && !says(schema);
    })
    .map(({ pointer, schema }) => `${pointer} ${JSON.stringify(schema)}`);
}

/** `required` names a property the schema does not have. */
export function requiredWithoutProperty(doc: OpenApiDoc): string[] {
  return schemasOf(doc).flatMap(({ pointer, schema }) => {
    const properties = (schema.properties ?? {}) as Record<string, unknown>;
    const required = (schema.required ?? []) as string[];
    return required.filter((name) => !(name in properties)).map((name) => `${pointer}: ${name}`);
  });
}

/**
 * An ajv for the document's dialect (JSON Schema 2020-12), with its formats; the whole
 * document is registered under `kenesh` so `#/components/...` references resolve. `strict`
 * forbids properties a schema does not declare, for checking real answers.
 */
export function documentAjv(doc: OpenApiDoc, { strict = false } = {}): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  // A CommonJS module: under nodenext its default import is the whole module object.
  addFormats.default(ajv);
  const copy = JSON.parse(JSON.stringify(doc)) as OpenApiDoc;
  if (strict) {
    for (const { schema } of schemasOf(copy))
      if (schema.properties && !('additionalProperties' in schema))
        schema.additionalProperties = false;
  }
  ajv.addSchema({ ...copy, $id: 'kenesh' });
  return ajv;
}

/** Every `example` that its own schema rejects, with ajv's reasons. */
export function invalidExamples(doc: OpenApiDoc): string[] {
  const ajv = documentAjv(doc);
  return schemasOf(doc)
    .filter(({ schema }) => 'example' in schema)
    .flatMap(({ pointer, schema }) => {
      const validate = ajv.compile({ $ref: `kenesh${pointer}` });
      return validate(schema.example)
        ? []
        : [`${pointer}: ${JSON.stringify(schema.example)} ${ajv.errorsText(validate.errors)}`];
    });
}

/** The validator of an operation's answer with this status, by path template and method. */
export function responseValidator(
  ajv: Ajv2020,
  doc: OpenApiDoc,
  path: string,
  method: string,
  status: number,
): ValidateFunction | null {
  const response = doc.paths[path]?.[method]?.responses[String(status)];
  if (!response) throw new Error(`${method.toUpperCase()} ${path} does not declare ${status}`);
  const type = Object.keys(response.content ?? {})[0];
  if (!type) return null;
  return ajv.compile({
    $ref: `kenesh#/paths/${token(path)}/${method}/responses/${status}/content/${token(type)}/schema`,
  });
}
