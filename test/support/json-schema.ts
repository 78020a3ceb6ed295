/**
 * A small JSON Schema checker for the subset the generated OpenAPI 3.1 document uses ($ref, type
 * lists, properties/required/additionalProperties, anyOf/allOf, enum, items, pattern, min/max), so
 * responses can be checked against the committed document itself rather than against our zod.
 */
type Schema = Record<string, unknown>

const typeOf = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v

export const validate = (doc: Schema, schema: Schema, value: unknown, path = '$'): string[] => {
  if (typeof schema['$ref'] === 'string') {
    const name = schema['$ref'].replace('#/components/schemas/', '')
    const target = ((doc['components'] as Schema)['schemas'] as Schema)[name] as Schema | undefined
    if (!target) return [`${path}: unresolved ${schema['$ref']}`]
    return validate(doc, target, value, path)
  }
  const errors: string[] = []
  if (Array.isArray(schema['anyOf'])) {
    const ok = (schema['anyOf'] as Schema[]).some((s) => validate(doc, s, value, path).length === 0)
    if (!ok) errors.push(`${path}: matches no anyOf branch`)
  }
  if (Array.isArray(schema['allOf'])) {
    for (const s of schema['allOf'] as Schema[]) errors.push(...validate(doc, s, value, path))
  }
  if (schema['type'] !== undefined) {
    const types = Array.isArray(schema['type']) ? (schema['type'] as string[]) : [schema['type'] as string]
    const t = typeOf(value)
    if (!types.includes(t) && !(t === 'integer' && types.includes('number'))) {
      return [...errors, `${path}: expected ${types.join('|')}, got ${t}`]
    }
  }
  if (Array.isArray(schema['enum']) && !(schema['enum'] as unknown[]).includes(value))
    errors.push(`${path}: not in enum`)
  if (
    typeof value === 'string' &&
    typeof schema['pattern'] === 'string' &&
    !new RegExp(schema['pattern']).test(value)
  ) {
    errors.push(`${path}: does not match ${schema['pattern']}`)
  }
  if (typeof value === 'number') {
    if (typeof schema['minimum'] === 'number' && value < schema['minimum'])
      errors.push(`${path}: below minimum`)
    if (typeof schema['maximum'] === 'number' && value > schema['maximum'])
      errors.push(`${path}: above maximum`)
  }
  if (Array.isArray(value) && schema['items']) {
    value.forEach((v, i) => errors.push(...validate(doc, schema['items'] as Schema, v, `${path}[${i}]`)))
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && schema['properties']) {
    const props = schema['properties'] as Record<string, Schema>
    const obj = value as Record<string, unknown>
    for (const key of (schema['required'] as string[] | undefined) ?? []) {
      if (!(key in obj)) errors.push(`${path}.${key}: missing`)
    }
    for (const [key, v] of Object.entries(obj)) {
      const p = props[key]
      if (p) errors.push(...validate(doc, p, v, `${path}.${key}`))
      else if (schema['additionalProperties'] === false) errors.push(`${path}.${key}: not in the schema`)
      else errors.push(`${path}.${key}: undocumented key`)
    }
  }
  return errors
}

/** The 200 application/json schema of an operation in the document. */
export const responseSchema = (
  doc: Schema,
  path: string,
  status = '200',
  media = 'application/json'
): Schema => {
  const op = ((doc['paths'] as Schema)[path] as Schema)['get'] as Schema
  const res = (op['responses'] as Schema)[status] as Schema
  return ((res['content'] as Schema)[media] as Schema)['schema'] as Schema
}
