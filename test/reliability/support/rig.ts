/**
 * @module The shared test harness with the reliability suite's knobs: the EM client's format
 * (`json` or `xml`, config `EM_FORMAT`), the EM URL (a closed port, a proxy, via `env`) and the
 * simulator (an HTTPS one, one the test owns).
 */
import type { Simulator, SimulatorOptions } from '../../../tools/em-simulator/index'
import { startHarness } from '../../support/harness'
import type { Harness } from '../../support/harness'

export interface RigOptions {
  /** The `Accept` type the EM client asks for (default `json`). */
  readonly format?: 'json' | 'xml'
  /** Environment on top of the defaults (EM_URL from the simulator, API_KEYS, PAGE_TOKEN_KEY…). */
  readonly env?: Record<string, string>
  /** Use this simulator (the rig does not close it); otherwise one is started (and closed). */
  readonly sim?: Simulator
  readonly simulator?: SimulatorOptions
}

/** Starts a rig; `close()` disposes the client and the simulator it started. */
export const startRig = (opts: RigOptions = {}): Promise<Harness> =>
  startHarness({
    ...(opts.sim ? { sim: opts.sim } : {}),
    ...(opts.simulator ? { simulator: opts.simulator } : {}),
    env: { EM_FORMAT: opts.format ?? 'json', ...opts.env },
  })
