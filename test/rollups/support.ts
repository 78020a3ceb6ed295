/**
 * What the rollup tests share: a simulator-backed EM reader, a temporary rollup directory, and the
 * comparison of two reports "field for field, `generatedAt` and `basis` aside".
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfig } from '../../shared/config/env'
import { createDirRollupStore, type RollupStore } from '../../shared/rollups/store'
import { createEmReader, type EmReader } from '../../shared/services/em-reader'
import { credentialsFrom, emClientFrom } from '../../shared/runtime'
import { startSimulator, type Simulator, type SimulatorOptions } from '../../tools/em-simulator/index'

export interface Rig {
  readonly sim: Simulator
  readonly reader: EmReader
  readonly store: RollupStore
  readonly dir: string
  close(): Promise<void>
}

export const startRig = async (o: SimulatorOptions): Promise<Rig> => {
  const sim = await startSimulator(o)
  const config = loadConfig({
    EM_URL: sim.url,
    EM_USERNAME: sim.credentials.username,
    EM_PASSWORD: sim.credentials.password,
    EM_TIMEOUT_MS: '10000',
  })
  const em = emClientFrom(config, credentialsFrom(config))
  const dir = mkdtempSync(join(tmpdir(), 'rollups-'))
  return {
    sim,
    reader: createEmReader(em),
    store: createDirRollupStore(dir),
    dir,
    close: async () => {
      await em.close().catch(() => undefined)
      await sim.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** A report without what may differ between a rollup-served and a walked one. */
export const comparable = <R extends { generatedAt: string; basis: unknown }>(r: R) => {
  const { generatedAt: _g, basis: _b, ...rest } = r
  return rest
}
