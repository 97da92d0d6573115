// `npm run bench`: every figure of issue 7 beside its baseline and goal, measured on this machine in one run.
// Sections can be picked: `npm run bench -- P4 P5`.
import os from 'node:os';
import type { Figure, Section } from './figures.ts';

const sections: Record<string, () => Promise<{ run: Section }>> = {
  P1: () => import('./badge-latency.ts'),
  P2: () => import('./backfill.ts'),
  P4: () => import('./matcher.ts'),
  P5: () => import('./bundles.ts'),
  P6: () => import('./memory.ts'),
};

const wanted = process.argv.slice(2).map((arg) => arg.toUpperCase());
const figures: Figure[] = [];
console.log(
  `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB, Node ${process.version}`,
);
for (const [id, load] of Object.entries(sections)) {
  if (wanted.length > 0 && !wanted.some((name) => id.startsWith(name) || name.startsWith(id))) continue;
  console.log(`\n${id}…`);
  try {
    const found = await (await load()).run();
    for (const figure of found)
      console.log(
        `  ${figure.id} ${figure.what}: ${figure.measured} (baseline ${figure.baseline}; goal ${figure.goal})`,
      );
    figures.push(...found);
  } catch (error) {
    console.error(`  ${id} failed:`, error);
    figures.push({ id, what: 'section failed', measured: String(error), baseline: '—', goal: '—', met: false });
  }
}

console.log('\n| Figure | Measured | Baseline | Goal | Met |\n| --- | --- | --- | --- | --- |');
for (const figure of figures) {
  const met = figure.met === undefined ? '—' : figure.met ? 'yes' : 'no';
  console.log(`| ${figure.id} ${figure.what} | ${figure.measured} | ${figure.baseline} | ${figure.goal} | ${met} |`);
  if (figure.note) console.log(`|   ↳ ${figure.note} | | | | |`);
}
process.exit(0);
