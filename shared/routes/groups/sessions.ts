/** @module The sessions group: every family's list, get and task-session routes. */
import { registerSessionRoutes } from '../sessions'
import type { RegisterRoutes } from './index'

export const registerSessions: RegisterRoutes = (app, { reader, tokens, deps }) =>
  registerSessionRoutes(app, { reader, tokens, onPage: (_f, n) => deps.onPage?.(n) })
