// Where the page's main thread spends its time under the perf script's load (not a test): a sampling CPU
// profile of 8 devices syncing 500 messages at 8x, summed by function. Give it a page whose wasm keeps its
// function names (a build with `data-wasm-opt="0"` in index.html: wasm-opt is what drops them), or the wasm shows
// as numbered functions.
import { serveDist, launch } from '../e2e/harness.mjs';

const PLAY_MS = Number(process.env.PLAY_MS ?? 8000);
const site = await serveDist();
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
await page.goto(`${site.url}?fresh&devices=8&messages=500`);
await page.locator('.app[data-ready=true]').waitFor({ state: 'attached' });
await page.locator('[data-testid=speed]').selectOption('8');
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
for (const button of await page.locator('[data-action=check-mail]').all()) await button.click();
await cdp.send('Profiler.start');
await page.waitForTimeout(PLAY_MS);
const { profile } = await cdp.send('Profiler.stop');
const self = new Map();
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const dt = new Map();
profile.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
let total = 0;
for (const [id, us] of dt) {
  const n = byId.get(id);
  const name = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}`.slice(0, 140);
  self.set(name, (self.get(name) ?? 0) + us);
  total += us;
}
const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 40));
console.log(`sampled ${(total / 1000).toFixed(0)} ms over ${PLAY_MS} ms of play`);
for (const [name, us] of rows) console.log(`${(us / 1000).toFixed(1).padStart(8)} ms ${(100 * us / total).toFixed(1).padStart(5)}%  ${name}`);
await browser.close();
await site.close();
