// Lighthouse 12 on the default page as a class feels it: dist/ served as a real static host would (gzip, cache
// headers), Lighthouse's default mobile profile (simulated slow 4G, 4× CPU slowdown), RUNS runs, the median of each
// figure. Prints one line per figure and the targets, or with `--json` one JSON object (scripts/bench reads it).
// Exits 1 when a median misses its target. Lighthouse's figures move a lot on a busy machine: run it on a quiet one.
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { serveDist } from '../e2e/harness.mjs';

const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const json = process.argv.includes('--json');
// The targets of the page (README, Figures): scores out of 100, times in ms, bytes of the first load.
const TARGETS = { performance: 95, accessibility: 100, bestPractices: 100, lcpMs: 2000, tbtMs: 150 };
const CHROME_FLAGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
].join(' ');

const site = await serveDist({ gzip: true });
const dir = await mkdtemp(join(tmpdir(), 'mailroom-lighthouse-'));
const runs = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const out = join(dir, `run-${i}.json`);
    // ?fresh: the default world, whatever an earlier run left in this profile's storage.
    await promisify(execFile)('node_modules/.bin/lighthouse', [
      `${site.url}?fresh`, '--quiet', '--output=json', `--output-path=${out}`,
      '--only-categories=performance,accessibility,best-practices', `--chrome-flags=${CHROME_FLAGS}`,
    ], { env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' } });
    // LIGHTHOUSE_KEEP=DIR keeps each run's whole report, to see what an audit found.
    if (process.env.LIGHTHOUSE_KEEP) await copyFile(out, join(process.env.LIGHTHOUSE_KEEP, `lighthouse-${i}.json`));
    const report = JSON.parse(await readFile(out, 'utf8'));
    if (report.runtimeError) throw new Error(`lighthouse: ${report.runtimeError.code} ${report.runtimeError.message}`);
    const audit = (id) => report.audits[id]?.numericValue ?? null;
    const failing = (category) => report.categories[category].auditRefs
      .filter((ref) => ref.weight > 0 && report.audits[ref.id].score !== null && report.audits[ref.id].score < 1)
      .map((ref) => ref.id);
    runs.push({
      performance: Math.round(report.categories.performance.score * 100),
      accessibility: Math.round(report.categories.accessibility.score * 100),
      bestPractices: Math.round(report.categories['best-practices'].score * 100),
      fcpMs: audit('first-contentful-paint'),
      lcpMs: audit('largest-contentful-paint'),
      tbtMs: audit('total-blocking-time'),
      cls: audit('cumulative-layout-shift'),
      siMs: audit('speed-index'),
      transferBytes: audit('total-byte-weight'),
      lcpElement: report.audits['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node?.snippet ?? null,
      failingAccessibility: failing('accessibility'),
      failingBestPractices: failing('best-practices'),
    });
  }
} finally {
  await site.close();
  await rm(dir, { recursive: true, force: true });
}

const median = (key) => {
  const values = runs.map((r) => r[key]).filter((v) => v !== null).sort((a, b) => a - b);
  return values.length ? values[Math.floor(values.length / 2)] : null;
};
const result = { runs: RUNS, targets: TARGETS, each: runs };
for (const key of ['performance', 'accessibility', 'bestPractices', 'fcpMs', 'lcpMs', 'tbtMs', 'cls', 'siMs', 'transferBytes']) {
  result[key] = median(key);
}
const missed = [
  ...['performance', 'accessibility', 'bestPractices'].filter((k) => result[k] < TARGETS[k]),
  ...['lcpMs', 'tbtMs'].filter((k) => result[k] > TARGETS[k]),
];
result.missed = missed;

if (json) {
  console.log(JSON.stringify(result));
} else {
  const each = (key, digits = 0) => runs.map((r) => (r[key] ?? NaN).toFixed(digits)).join(', ');
  console.log(`lighthouse: median of ${RUNS} runs (mobile: simulated slow 4G, 4x CPU)`);
  console.log(`  performance ${result.performance} (target >= ${TARGETS.performance}; runs ${each('performance')})`);
  console.log(`  accessibility ${result.accessibility} (target ${TARGETS.accessibility}; runs ${each('accessibility')})`);
  console.log(`  best practices ${result.bestPractices} (target ${TARGETS.bestPractices}; runs ${each('bestPractices')})`);
  console.log(`  largest contentful paint ${Math.round(result.lcpMs)} ms (target <= ${TARGETS.lcpMs}; runs ${each('lcpMs')})`);
  console.log(`  total blocking time ${Math.round(result.tbtMs)} ms (target <= ${TARGETS.tbtMs}; runs ${each('tbtMs')})`);
  console.log(`  first contentful paint ${Math.round(result.fcpMs)} ms, speed index ${Math.round(result.siMs)} ms, CLS ${result.cls.toFixed(3)}`);
  console.log(`  transferred ${Math.round(result.transferBytes / 1024)} KiB; LCP element: ${runs[0].lcpElement}`);
  const failures = [...new Set(runs.flatMap((r) => [...r.failingAccessibility, ...r.failingBestPractices]))];
  if (failures.length) console.log(`  audits that did not pass: ${failures.join(', ')}`);
}
if (missed.length) {
  console.error(`lighthouse: missed the target for ${missed.join(', ')}`);
  process.exit(1);
}
