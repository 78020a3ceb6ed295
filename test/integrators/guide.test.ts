/**
 * The integrator guide (docs/integrators.md) keeps up with the code: it names every problem type
 * the API can send and every path of the contract.
 */
import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { PROBLEM_TYPES } from '../../shared/model/problem-types'

const guide = () => readFile(new URL('../../docs/integrators.md', import.meta.url), 'utf8')

describe('docs/integrators.md', () => {
  it.each(Object.values(PROBLEM_TYPES))('Should document the problem type %s', async (type) => {
    expect(await guide()).toContain(`\`${type}\``)
  })

  it('Should mention every path of openapi/openapi.json', async () => {
    const doc = JSON.parse(
      await readFile(new URL('../../openapi/openapi.json', import.meta.url), 'utf8')
    ) as {
      paths: Record<string, unknown>
    }
    const text = await guide()
    // `/v1/x/{id}/task-sessions` is written as `/{id}/task-sessions` beside `/v1/x`: check each family's base path and suffixes.
    const missing = Object.keys(doc.paths).filter((p) => {
      const base = p.replace(/\/\{id\}(\/task-sessions)?$/, '')
      const suffix = p.slice(base.length)
      return !text.includes(base) || (suffix !== '' && !text.includes(suffix))
    })
    expect(missing).toEqual([])
  })
})
