/** @module A family's group: its list, get and task-session routes. */
import type { FamilyKey } from '../../families/keys'
import { registerFamilyRoutes } from '../sessions'
import type { RegisterRoutes } from './index'

export const familyRoutes =
  (key: FamilyKey): RegisterRoutes =>
  (app, { reader, tokens, deps }) =>
    registerFamilyRoutes(app, { reader, tokens, onPage: (_f, n) => deps.onPage?.(n) }, key)
