// The browser performance script (not a test): first render, frame intervals and long tasks while 8 devices
// sync 500 messages at 8x. Prints one line per figure (`scripts/perf` runs it), or with `--json` one JSON object
// (`scripts/bench` reads it).
import { serveDist, launch } from '../e2e/harness.mjs';

const PLAY_MS = 10_000;
const site = await serveDist();
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
await page.addInitScript(() => {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
});
const started = Date.now();
await page.goto(`${site.url}?fresh&devices=8&messages=500`);
await page.locator('.app[data-ready=true]').waitFor({ state: 'attached' });
const firstRender = await page.evaluate(() => {
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  return { fcp: fcp ? fcp.startTime : null, ready: performance.now() };
});
await page.locator('[data-testid=speed]').selectOption('8');
for (const button of await page.locator('[data-action=check-mail]').all()) await button.click();
// The renderer main thread's busy time over the play (Chrome's TaskDuration): less noisy than frame times
// when other work shares the machine, so it shows whether a change made rendering cheaper.
const cdp = await page.context().newCDPSession(page);
await cdp.send('Performance.enable');
const taskSeconds = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value;
const busyBefore = await taskSeconds();
const { frames, playStart } = await page.evaluate((ms) => new Promise((resolve) => {
  const deltas = [];
  let last = performance.now();
  const playStart = last;
  const end = last + ms;
  const frame = (t) => {
    deltas.push(t - last);
    last = t;
    if (t < end) requestAnimationFrame(frame); else resolve({ frames: deltas, playStart });
  };
  requestAnimationFrame(frame);
}), PLAY_MS);
const busyMs = (await taskSeconds() - busyBefore) * 1000;
// Long tasks of the play, and apart those before it (the page's start with 8 × 500 messages, and the clicks).
const allLongTasks = await page.evaluate(() => window.__longTasks);
const longTasks = allLongTasks.filter((t) => t.start + t.duration > playStart).map((t) => t.duration);
const beforePlay = allLongTasks.filter((t) => t.start + t.duration <= playStart).map((t) => t.duration);
const lines = await page.evaluate(() => document.querySelectorAll('[data-testid=transcript-line]').length);
const sorted = [...frames].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)];
const p95 = sorted[Math.floor(sorted.length * 0.95)];
const worstTask = longTasks.length ? Math.max(...longTasks) : 0;
const figures = {
  first_render_ms: firstRender.ready,
  first_contentful_paint_ms: firstRender.fcp,
  frames: frames.length,
  play_ms: PLAY_MS,
  median_frame_ms: median,
  p95_frame_ms: p95,
  longest_frame_ms: sorted.at(-1),
  long_tasks: longTasks.length,
  longest_task_ms: worstTask,
  long_tasks_before_play: beforePlay.length,
  transcript_lines: lines,
  main_thread_busy_ms: busyMs,
};
if (process.argv.includes('--json')) {
  console.log(JSON.stringify(figures));
} else {
  console.log(`first render: ${firstRender.ready.toFixed(0)} ms to the first device card (first contentful paint ${firstRender.fcp?.toFixed(0) ?? 'n/a'} ms; wall ${Date.now() - started} ms incl. browser start)`);
  console.log(`frames: ${frames.length} in ${PLAY_MS / 1000} s; median interval ${median.toFixed(2)} ms (${(1000 / median).toFixed(1)} fps); p95 ${p95.toFixed(2)} ms; longest ${sorted.at(-1).toFixed(1)} ms`);
  console.log(`long tasks (>50 ms) during the play: ${longTasks.length}; longest ${worstTask.toFixed(1)} ms (before it, opening the page and clicking: ${beforePlay.length}, longest ${Math.max(0, ...beforePlay).toFixed(0)} ms); transcript lines rendered: ${lines}`);
  console.log(`main thread busy: ${busyMs.toFixed(0)} ms of the ${PLAY_MS / 1000} s play (${(busyMs / PLAY_MS * 100).toFixed(0)}%)`);
}
await browser.close();
await site.close();
