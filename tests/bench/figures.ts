// What every benchmark reports: a figure beside its baseline and its goal, printed together by run.ts.
export interface Figure {
  /** P1…P6 */
  id: string;
  what: string;
  measured: string;
  baseline: string;
  goal: string;
  /** undefined when the goal is not a pass/fail threshold. */
  met?: boolean;
  note?: string;
}

export type Section = () => Promise<Figure[]>;

export const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms`;
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Median of `runs` timings of `work` (ms), after one warm-up run. */
export async function medianMs(work: () => unknown, runs = 5): Promise<number> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}
