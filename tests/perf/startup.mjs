// The page's start under Lighthouse's CPU slowdown (4x), measured for real (not a test): the long tasks from
// navigation until the page is quiet, so a change to the first render can be judged before a full Lighthouse run.
import { serveDist, launch } from '../e2e/harness.mjs';

const RUNS = Number(process.env.RUNS ?? 5);
const site = await serveDist({ gzip: true });
const browser = await launch();
const all = [];
for (let i = 0; i < RUNS; i++) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push([Math.round(e.startTime), Math.round(e.duration)]);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`${site.url}?fresh`);
  await page.locator('[data-testid=device]').first().waitFor();
  await page.waitForTimeout(3000);
  const tasks = await page.evaluate(() => window.__longTasks);
  const blocking = tasks.reduce((sum, [, d]) => sum + Math.max(0, d - 50), 0);
  console.log(`run ${i}: blocking ${blocking} ms; tasks ${tasks.map(([s, d]) => `${d}@${s}`).join(' ')}`);
  all.push(blocking);
  await context.close();
}
all.sort((a, b) => a - b);
console.log(`median blocking ${all[Math.floor(all.length / 2)]} ms`);
await browser.close();
await site.close();
