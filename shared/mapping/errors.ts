/**
 * @module The mappers' one error: EM sent a value the contract cannot carry (an unreadable time).
 * Rendered like an unreadable EM body (502), but it is the mapping's own, not the EM client's.
 */
export class MappingError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'MappingError'
  }
}
