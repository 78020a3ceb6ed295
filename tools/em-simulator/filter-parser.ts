/**
 * @module EM's query filter grammar, parsed exactly, so the simulator accepts what EM accepts and
 * rejects the rest with a 400 (em-reference §2 "Filter grammar").
 *
 * ```
 * or      := and (',' and)*            ';' (AND) binds tighter than ',' (OR)
 * and     := primary (';' primary)*
 * primary := '(' or ')' | field op value
 * op      := '==' | '!=' | '<=' | '>=' | '<' | '>'
 * value   := '"' ( any char but '"' | '""' )* '"'   anything inside quotes is literal
 *          | unquoted chars up to ';' ',' ')' or the end, spaces dropped (as EM drops them)
 * ```
 * Field names are letters, digits and `_` (matched case-insensitively later). Whitespace outside
 * quotes is ignored.
 */

export type FilterOp = '==' | '!=' | '<' | '<=' | '>' | '>='

export type FilterAst =
  | { kind: 'cmp'; field: string; op: FilterOp; value: string; quoted: boolean }
  | { kind: 'and'; items: FilterAst[] }
  | { kind: 'or'; items: FilterAst[] }

/** The filter text is not valid EM grammar; `position` is the 0-based offset of the problem. */
export class FilterSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number
  ) {
    super(`${message} at position ${position}`)
    this.name = 'FilterSyntaxError'
  }
}

const FIELD_CHAR = /[A-Za-z0-9_]/
/** Characters an unquoted value may not contain (they would be ambiguous). */
const UNQUOTED_FORBIDDEN = new Set(['"', '(', '=', '<', '>', '!'])
const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n'

class Parser {
  private pos = 0
  constructor(private readonly text: string) {}

  parse(): FilterAst {
    const ast = this.or()
    this.skipSpace()
    if (this.pos < this.text.length) throw this.error(`Unexpected '${this.text[this.pos] ?? ''}'`)
    return ast
  }

  private error(message: string): FilterSyntaxError {
    return new FilterSyntaxError(message, this.pos)
  }

  private skipSpace(): void {
    while (isSpace(this.text[this.pos])) this.pos++
  }

  private or(): FilterAst {
    const items = [this.and()]
    while (this.peek() === ',') {
      this.pos++
      items.push(this.and())
    }
    return items.length === 1 && items[0] !== undefined ? items[0] : { kind: 'or', items }
  }

  private and(): FilterAst {
    const items = [this.primary()]
    while (this.peek() === ';') {
      this.pos++
      items.push(this.primary())
    }
    return items.length === 1 && items[0] !== undefined ? items[0] : { kind: 'and', items }
  }

  /** The next non-space character (consumes the spaces). */
  private peek(): string | undefined {
    this.skipSpace()
    return this.text[this.pos]
  }

  private primary(): FilterAst {
    if (this.peek() === '(') {
      this.pos++
      const inner = this.or()
      if (this.peek() !== ')') throw this.error("Expected ')'")
      this.pos++
      return inner
    }
    return this.comparison()
  }

  private comparison(): FilterAst {
    this.skipSpace()
    const start = this.pos
    while (this.pos < this.text.length && FIELD_CHAR.test(this.text[this.pos] ?? '')) this.pos++
    if (this.pos === start) throw this.error('Expected a field name')
    const field = this.text.slice(start, this.pos)
    const op = this.operator()
    this.skipSpace()
    if (this.text[this.pos] === '"') return { kind: 'cmp', field, op, value: this.quoted(), quoted: true }
    return { kind: 'cmp', field, op, value: this.unquoted(), quoted: false }
  }

  private operator(): FilterOp {
    this.skipSpace()
    const two = this.text.slice(this.pos, this.pos + 2)
    if (two === '==' || two === '!=' || two === '<=' || two === '>=') {
      this.pos += 2
      return two
    }
    const one = this.text[this.pos]
    if (one === '<' || one === '>') {
      this.pos++
      return one
    }
    throw this.error('Expected an operator (==, !=, <, <=, >, >=)')
  }

  private quoted(): string {
    this.pos++ // opening quote
    let value = ''
    for (;;) {
      const next = this.text.indexOf('"', this.pos)
      if (next < 0) throw this.error('Unterminated quoted value')
      value += this.text.slice(this.pos, next)
      if (this.text[next + 1] === '"') {
        value += '"'
        this.pos = next + 2
      } else {
        this.pos = next + 1
        return value
      }
    }
  }

  private unquoted(): string {
    const start = this.pos
    let value = ''
    for (; this.pos < this.text.length; this.pos++) {
      const c = this.text[this.pos] ?? ''
      if (c === ';' || c === ',' || c === ')') break
      if (UNQUOTED_FORBIDDEN.has(c)) throw this.error(`Unexpected '${c}' in an unquoted value`)
      if (c !== ' ') value += c // EM drops spaces from unquoted values
    }
    if (value.trim() === '') {
      this.pos = start
      throw this.error('Expected a value')
    }
    return value.trim()
  }
}

/**
 * Parses an EM filter expression.
 * @throws FilterSyntaxError when the text is not valid filter grammar.
 * @example parseFilter('Name=="a;b";(Result==Failed,Result==Warning)')
 */
export const parseFilter = (text: string): FilterAst => new Parser(text).parse()
