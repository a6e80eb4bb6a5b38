// The page's frame, as a visitor first sees it: the default world of docs/hooks.md and its hooks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openApp, screenshot } from './harness.mjs';

let site;
let browser;
before(async () => { site = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await site?.close(); });

test('the default world shows the server with three messages and three devices in order', async () => {
  const { page, errors } = await openApp(browser, site.url);
  const devices = await page.locator('[data-testid=device]').evaluateAll((els) =>
    els.map((e) => [e.dataset.device, e.dataset.protocol, e.dataset.online]));
  assert.deepEqual(devices, [['laptop', 'pop3', 'true'], ['phone', 'imap', 'true'], ['tablet', 'imap', 'true']]);
  const ids = await page.locator('[data-testid=server-message]').evaluateAll((els) => els.map((e) => e.dataset.messageId));
  assert.equal(ids.length, 3);
  assert.equal(new Set(ids).size, 3);
  // The page opens live: only the IDLE phone has spoken (it checked mail and idles).
  const speakers = await page.locator('[data-testid=transcript-line]').evaluateAll((els) => [...new Set(els.map((e) => e.dataset.device))]);
  assert.deepEqual(speakers, ['phone']);
  assert.equal(await page.title(), 'Mailroom — POP3 and IMAP, running');
  assert.equal(await page.locator('[data-action=play], [data-action=pause]').count(), 1, 'play or pause');
  for (const action of ['step', 'step-back', 'reset', 'send-mail', 'add-device']) {
    assert.equal(await page.locator(`[data-action=${action}]`).count(), 1, `control ${action}`);
  }
  assert.equal(await page.locator('[data-action=check-mail]').count(), 3);
  await screenshot(page, 'shell-1280x720.png');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the static frame paints before the wasm arrives, and the app replaces it', async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  let releaseWasm;
  const wasmHeld = new Promise((resolve) => { releaseWasm = resolve; });
  let wasmAsked = false;
  await page.route(/_bg\.wasm$/, async (route) => { wasmAsked = true; await wasmHeld; await route.continue(); });
  await page.goto(site.url + '?fresh');
  const frame = page.locator('.shell');
  await frame.waitFor();
  assert.match(await frame.innerText(), /Mail server[\s\S]*Laptop[\s\S]*Phone[\s\S]*Tablet/);
  // Painted: the browser reports a first contentful paint while the wasm is still held back.
  await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length === 1);
  await page.waitForFunction(() => document.querySelector('meta[name=mailroom-boot]') !== null);
  await screenshot(page, 'static-frame-390x844.png');
  assert.equal(await page.locator('[data-testid=server]').count(), 0, 'the app has not started yet');
  releaseWasm();
  await page.locator('[data-testid=server]').waitFor();
  assert.ok(wasmAsked, 'the wasm was fetched after the frame painted');
  assert.equal(await frame.count(), 0, 'the app replaced the static frame');
  await page.close();
});

test('?lang=zh shows the interface in Simplified Chinese', async () => {
  const { page } = await openApp(browser, site.url, '?fresh&lang=zh');
  assert.match(await page.locator('[data-testid=server] h2').innerText(), /邮件服务器/);
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-Hans');
  await screenshot(page, 'shell-zh-1280x720.png');
  await page.close();
});

/** Pauses, starts the phone's and the laptop's sessions and steps a fixed number of moments: a deterministic
 * picture with lines on the wire. */
async function midSession(page, steps) {
  await page.locator('[data-action=pause]').click();
  await page.locator('[data-testid=device][data-device=phone] [data-action=check-mail]').click();
  await page.locator('[data-testid=device][data-device=laptop] [data-action=check-mail]').click();
  for (let i = 0; i < steps; i++) await page.locator('[data-action=step]').click();
}

test('mid-session at 1280x720: packets on the links and lines in the transcript', async () => {
  const { page, errors } = await openApp(browser, site.url, '?fresh');
  await midSession(page, 40);
  assert.ok(await page.locator('[data-testid=packet]').count() > 0, 'lines are on the wire');
  assert.ok(await page.locator('[data-testid=transcript-line]').count() > 10);
  await screenshot(page, 'mid-session-1280x720.png');
  assert.deepEqual(errors, []);
  await page.close();
});

test('projector mode enlarges the page at 1920x1080', async () => {
  const { page } = await openApp(browser, site.url, '?fresh', { width: 1920, height: 1080 });
  const before = await page.locator('.brand h1').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  await page.getByRole('button', { name: 'Projector' }).click();
  const after = await page.locator('.brand h1').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  assert.ok(after > before * 1.15, `projector font ${after}px vs ${before}px`);
  await midSession(page, 40);
  await screenshot(page, 'projector-1920x1080.png');
  await page.close();
});

test('the transcript stays on its newest line as lines arrive, and keeps a reader scrolled up where they were', async () => {
  const { page, errors } = await openApp(browser, site.url, '?fresh&speed=instant');
  const box = page.locator('[data-testid=transcript] .transcript-scroll');
  const lastLineShown = () => box.evaluate((el) => {
    const lines = el.querySelectorAll('[data-testid=transcript-line]');
    const last = lines[lines.length - 1].getBoundingClientRect();
    const view = el.getBoundingClientRect();
    return last.top >= view.top && last.bottom <= view.bottom;
  });
  await page.locator('[data-action=check-mail]').nth(1).click();
  await page.locator('[data-testid=transcript-line]').first().waitFor();
  assert.ok(await box.evaluate((el) => el.scrollHeight > el.clientHeight * 2), 'enough lines to scroll');
  assert.ok(await lastLineShown(), 'the newest line is in view');
  // A reader scrolls up to the first line; more lines arrive; the first line stays where the reader left it.
  const first = page.locator('[data-testid=transcript-line]').first();
  await first.scrollIntoViewIfNeeded();
  const readingAt = (await first.boundingBox()).y;
  const before = await page.locator('[data-testid=transcript-line]').count();
  await page.locator('[data-action=check-mail]').nth(2).click();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=transcript-line]').length > n, before);
  const movedBy = Math.abs((await first.boundingBox()).y - readingAt);
  assert.ok(movedBy < 1, `the line the reader is on moved by ${movedBy} px`);
  assert.ok(!(await lastLineShown()), 'the new lines wait below the reader');
  assert.deepEqual(errors, []);
  await page.close();
});
