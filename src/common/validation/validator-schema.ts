import { getMetadataStorage } from 'class-validator';

export type JsonSchema = Record<string, unknown>;

/**
 * The JSON Schema of an input DTO, read from the class-validator decorators that validate it,
 * so a described payload cannot drift from the checked one. Unknown fields are refused by
 * every validation here (`forbidNonWhitelisted`), hence `additionalProperties: false`. A
 * decorator this does not know throws: teach it here rather than describe less than is checked.
 */
export function validatorSchema(cls: abstract new (...args: never[]) => object): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const optional = new Set<string>();
  for (const meta of getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false)) {
    const property = (properties[meta.propertyName] ??= {});
    const args = (meta.constraints ?? []) as unknown[];
    if (meta.each) {
      // A rule on each element of an array (`attachmentIds`): it describes the items.
      if (meta.name !== 'isUuid')
        throw new Error(`validatorSchema: 'each' ${meta.name} on ${cls.name}.${meta.propertyName}`);
      property.items = { type: 'string', format: 'uuid' };
      continue;
    }
    switch (meta.name) {
      case 'isOptional':
        optional.add(meta.propertyName);
        break;
      case 'isUuid':
        Object.assign(property, { type: 'string', format: 'uuid' });
        break;
      case 'isString':
        property.type = 'string';
        break;
      case 'isInt':
        property.type = 'integer';
        break;
      case 'isBoolean':
        property.type = 'boolean';
        break;
      case 'min':
        property.minimum = args[0];
        break;
      case 'max':
        property.maximum = args[0];
        break;
      case 'minLength':
        property.minLength = args[0];
        break;
      case 'maxLength':
        property.maxLength = args[0];
        break;
      case 'isIn':
        property.enum = args[0];
        break;
      case 'isArray':
        property.type = 'array';
        break;
      case 'arrayMaxSize':
        property.maxItems = args[0];
        break;
      case 'arrayUnique':
        property.uniqueItems = true;
        break;
      default:
        throw new Error(
          `validatorSchema: ${cls.name}.${meta.propertyName} uses ${meta.name ?? meta.type}, ` +
            'which it cannot describe yet',
        );
    }
  }
  const required = Object.keys(properties)
    .filter((name) => !optional.has(name))
    .sort();
  return {
    type: 'object',
    properties,
    ...(required.length ? { required } : {}),
    additionalProperties: false,
  };
}
