/** @module The events group: the change feed. */
import { DEFAULT_EVENTS_MAX_AGE_DAYS, DEFAULT_EVENTS_SETTLE_SECONDS } from '../../config/env'
import { registerEventRoutes } from '../events'
import type { RegisterRoutes } from './index'

export const registerEvents: RegisterRoutes = (app, { reader, tokens, deps }) =>
  registerEventRoutes(app, {
    reader,
    tokens,
    settleSeconds: deps.events?.settleSeconds ?? DEFAULT_EVENTS_SETTLE_SECONDS,
    maxAgeDays: deps.events?.maxAgeDays ?? DEFAULT_EVENTS_MAX_AGE_DAYS,
    now: deps.now ?? (() => new Date()),
  })
