/**
 * A small JSON Schema checker for the subset the generated OpenAPI 3.1 document uses ($ref, type
 * lists, properties/required/additionalProperties, anyOf/oneOf/allOf, enum/const, items, pattern,
 * formats uuid/date-time/date, min/max and their exclusive forms, minLength/maxLength,
 * minItems/maxItems), so responses and parameters can be checked against the committed document
 * itself rather than against our zod.
 */
type Schema = Record<string, unknown>

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/
const DATE = /^\d{4}-\d{2}-\d{2}$/

/** Whether a string is valid for a JSON Schema `format` (unknown formats are annotations: valid). */
export const formatHolds = (format: string, value: string): boolean => {
  switch (format) {
    case 'uuid':
      return UUID.test(value)
    case 'date-time': {
      if (!DATE_TIME.test(value)) return false
      const [y, m, d] = value.slice(0, 10).split('-').map(Number)
      const t = new Date(value)
      return !Number.isNaN(t.getTime()) && new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 0)).getUTCDate() === d
    }
    case 'date':
      return DATE.test(value) && !Number.isNaN(new Date(`${value}T00:00:00Z`).getTime())
    default:
      return true
  }
}

/** The object a local `$ref` (`#/a/b/c`) points to in the document, or undefined. */
export const resolveRef = (doc: Schema, ref: string): Schema | undefined => {
  if (!ref.startsWith('#/')) return undefined
  let node: unknown = doc
  for (const part of ref.slice(2).split('/')) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~')
    if (node === null || typeof node !== 'object') return undefined
    node = (node as Schema)[key]
  }
  return node !== null && typeof node === 'object' ? (node as Schema) : undefined
}

/** Follows `$ref`s until an object that is not one. */
export const deref = (doc: Schema, obj: Schema): Schema => {
  let o = obj
  for (let i = 0; i < 16 && typeof o['$ref'] === 'string'; i++) {
    const next = resolveRef(doc, o['$ref'])
    if (!next) return o
    o = next
  }
  return o
}

const typeOf = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v

export const validate = (doc: Schema, schema: Schema, value: unknown, path = '$'): string[] => {
  if (typeof schema['$ref'] === 'string') {
    const target = resolveRef(doc, schema['$ref'])
    if (!target) return [`${path}: unresolved ${schema['$ref']}`]
    return validate(doc, target, value, path)
  }
  const errors: string[] = []
  if (Array.isArray(schema['anyOf'])) {
    const ok = (schema['anyOf'] as Schema[]).some((s) => validate(doc, s, value, path).length === 0)
    if (!ok) errors.push(`${path}: matches no anyOf branch`)
  }
  if (Array.isArray(schema['oneOf'])) {
    const n = (schema['oneOf'] as Schema[]).filter((s) => validate(doc, s, value, path).length === 0).length
    if (n !== 1) errors.push(`${path}: matches ${n} oneOf branches, not one`)
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
  if ('const' in schema && schema['const'] !== value) errors.push(`${path}: not the const`)
  if (typeof value === 'string') {
    const length = [...value].length
    if (typeof schema['minLength'] === 'number' && length < schema['minLength'])
      errors.push(`${path}: shorter than ${schema['minLength']}`)
    if (typeof schema['maxLength'] === 'number' && length > schema['maxLength'])
      errors.push(`${path}: longer than ${schema['maxLength']}`)
    if (typeof schema['format'] === 'string' && !formatHolds(schema['format'], value))
      errors.push(`${path}: not a valid ${schema['format']}`)
  }
  if (Array.isArray(value)) {
    if (typeof schema['minItems'] === 'number' && value.length < schema['minItems'])
      errors.push(`${path}: fewer than ${schema['minItems']} items`)
    if (typeof schema['maxItems'] === 'number' && value.length > schema['maxItems'])
      errors.push(`${path}: more than ${schema['maxItems']} items`)
  }
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
    if (typeof schema['exclusiveMinimum'] === 'number' && value <= schema['exclusiveMinimum'])
      errors.push(`${path}: not above exclusiveMinimum`)
    if (typeof schema['exclusiveMaximum'] === 'number' && value >= schema['exclusiveMaximum'])
      errors.push(`${path}: not below exclusiveMaximum`)
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
      const extra = schema['additionalProperties']
      if (p) errors.push(...validate(doc, p, v, `${path}.${key}`))
      else if (extra === false) errors.push(`${path}.${key}: not in the schema`)
      else if (extra === true) continue
      else if (extra !== null && typeof extra === 'object')
        errors.push(...validate(doc, extra as Schema, v, `${path}.${key}`))
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
