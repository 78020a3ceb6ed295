/**
 * @module The benchmark's arithmetic: medians, interleaved measured/reference runs (so machine drift
 * hits both sides alike) and the `Figure` record every measurement ends in. Absolute times on these
 * shared machines are noise; every figure is a ratio against a reference taken in the same run.
 */

/** One line of the results table (and of `bench/results.json`). */
export interface Figure {
  readonly id: string
  readonly name: string
  readonly unit: string
  readonly measured: number
  /** null when the budget is absolute (no reference). */
  readonly reference: number | null
  /** measured / reference for costs; reference / measured for the report speed-up; null when absolute. */
  readonly ratio: number | null
  /** Human form of the budget, e.g. `≤ 2.0×`. */
  readonly budget: string
  readonly pass: boolean
  readonly note?: string
}

/** The median (mean of the two middle values for an even count); NaN for no values. */
export const median = (values: readonly number[]): number => {
  if (values.length === 0) return Number.NaN
  const s = [...values].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 === 1 ? (s[mid] ?? Number.NaN) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2
}

/** Samples of both sides, in the order they were taken. */
export interface PairedSamples {
  readonly measured: number[]
  readonly reference: number[]
}

export type Sampler = () => number | Promise<number>

/**
 * Runs `warmup` unrecorded rounds, then `reps` recorded rounds of both samplers, alternating which
 * goes first (A B, B A, …) so that drift and warm-up effects land on both sides equally.
 */
export const interleave = async (
  reps: number,
  measured: Sampler,
  reference: Sampler,
  warmup = 1
): Promise<PairedSamples> => {
  for (let i = 0; i < warmup; i++) {
    await measured()
    await reference()
  }
  const out: PairedSamples = { measured: [], reference: [] }
  for (let i = 0; i < reps; i++) {
    if (i % 2 === 0) {
      out.measured.push(await measured())
      out.reference.push(await reference())
    } else {
      out.reference.push(await reference())
      out.measured.push(await measured())
    }
  }
  return out
}

/** Milliseconds one synchronous call takes. */
export const timeSync = (run: () => unknown): number => {
  const started = performance.now()
  run()
  return performance.now() - started
}

/** Milliseconds one asynchronous call takes. */
export const timeAsync = async (run: () => Promise<unknown>): Promise<number> => {
  const started = performance.now()
  await run()
  return performance.now() - started
}

export interface RatioFigureInput {
  readonly id: string
  readonly name: string
  readonly unit: string
  readonly samples: PairedSamples
  /** `max`: measured/reference ≤ limit; `min`: measured/reference ≥ limit; `speedup`: reference/measured ≥ limit. */
  readonly kind: 'max' | 'min' | 'speedup'
  readonly limit: number
  readonly note?: string
}

/** A figure from paired samples: medians of both sides and their ratio against the budget. */
export const ratioFigure = (i: RatioFigureInput): Figure => {
  const measured = median(i.samples.measured)
  const reference = median(i.samples.reference)
  const ratio = i.kind === 'speedup' ? reference / measured : measured / reference
  const pass = Number.isFinite(ratio) && (i.kind === 'max' ? ratio <= i.limit : ratio >= i.limit)
  const budget =
    i.kind === 'max'
      ? `≤ ${i.limit.toFixed(2)}×`
      : i.kind === 'min'
        ? `≥ ${i.limit.toFixed(2)}×`
        : `≥ ${i.limit.toFixed(1)}× faster`
  return {
    id: i.id,
    name: i.name,
    unit: i.unit,
    measured,
    reference,
    ratio,
    budget,
    pass,
    ...(i.note === undefined ? {} : { note: i.note }),
  }
}

/** A figure with an absolute budget (no reference). */
export const absoluteFigure = (
  i: Omit<Figure, 'reference' | 'ratio' | 'pass'> & { readonly ok: (v: number) => boolean }
): Figure => {
  const { ok, ...rest } = i
  return { ...rest, reference: null, ratio: null, pass: ok(i.measured) }
}
