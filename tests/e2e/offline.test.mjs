// After one visit the page works with no network at all: the service worker answers from its cache.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('after the first visit, the page loads and runs with the server gone', async (t) => {
  const site = await serveDist();
  const context = await browser.newContext();
  // A failed assertion must not leave the server holding the test runner open.
  t.after(async () => { await context.close(); await site.close().catch(() => {}); });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${site.url}?fresh&speed=instant`);
  await page.locator('.app[data-ready=true]').waitFor({ state: 'attached' });
  // The worker has installed (and so cached the built files) once it is ready.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  const cached = await page.evaluate(async () => (await (await caches.open('mailroom-v1')).keys()).map((r) => new URL(r.url).pathname));
  assert.ok(cached.some((p) => p.endsWith('.wasm')), `the wasm is cached: ${cached}`);
  assert.ok(cached.some((p) => p.endsWith('.css')), 'the stylesheet is cached');
  await site.close();
  // A real outage: nothing listens on the port any more.
  await assert.rejects(fetch(site.url), 'the server is gone');
  await page.goto(`${site.url}?fresh&speed=instant&lesson=pop3-download-and-delete`);
  await page.locator('.app[data-ready=true]').waitFor({ state: 'attached' });
  assert.equal(await page.locator('[data-testid=lesson-panel]').count(), 1, 'a lesson opens offline');
  await page.goto(`${site.url}?fresh&speed=instant`);
  await page.locator('.app[data-ready=true]').waitFor({ state: 'attached' });
  await page.locator('[data-testid=device][data-device=laptop] [data-action=check-mail]').click();
  assert.equal(await page.locator('[data-testid=server-message]').count(), 0, 'the simulation runs offline');
  assert.ok(await page.locator('[data-testid=transcript-line]').count() > 5);
  assert.deepEqual(errors, []);
});

test('a language chosen once is cached: the page shows it again with the server gone', async (t) => {
  const site = await serveDist();
  const context = await browser.newContext();
  t.after(async () => { await context.close(); await site.close().catch(() => {}); });
  const page = await context.newPage();
  await page.goto(`${site.url}?fresh`);
  await page.locator('.app[data-ready=true]').waitFor({ state: 'attached' });
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  // The worker controls the page from its next load; choosing Japanese there fetches its catalogue through it.
  await page.reload();
  await page.locator('.app[data-ready=true]').waitFor({ state: 'attached' });
  await page.locator('[data-action=language]').selectOption('ja');
  await page.locator('html[lang=ja]').waitFor({ state: 'attached' });
  const japanese = await page.locator('[data-testid=server] h2').innerText();
  await site.close();
  await assert.rejects(fetch(site.url), 'the server is gone');
  await page.goto(`${site.url}?fresh&lang=ja`);
  await page.locator('.app[data-ready=true]').waitFor({ state: 'attached' });
  assert.equal(await page.locator('html').getAttribute('lang'), 'ja');
  assert.equal(await page.locator('[data-testid=server] h2').innerText(), japanese);
  assert.equal(await page.locator('[data-testid=error]').count(), 0, 'no language error offline');
});
