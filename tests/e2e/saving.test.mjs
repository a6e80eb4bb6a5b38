// Saving and sharing: share links and JSON files restore a world exactly, the world survives a reload,
// and every kind of bad input (damaged or hostile links, wrong files, corrupt storage) gets a clear
// message while a good world keeps running and nothing saved is lost.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { serveDist, launch, openApp, screenshot } from './harness.mjs';

let site;
let browser;
before(async () => { site = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await site?.close(); });

const click = (page, device, action) => page.locator(`[data-testid=device][data-device=${device}] [data-action=${action}]`).first().click();

/** Everything a learner sees of the world: server, devices, their mail and flags, the transcript, the clock. */
async function snapshot(page) {
  return page.evaluate(() => ({
    // Rows leaving the stage are a moment of animation, not the world's state.
    server: [...document.querySelectorAll('[data-testid=server-message]:not([data-state=leaving])')].map((e) => `${e.dataset.folder} ${e.dataset.uid} ${e.dataset.messageId} ${e.dataset.flags}`),
    devices: [...document.querySelectorAll('[data-testid=device]')].map((d) => ({
      id: d.dataset.device, protocol: d.dataset.protocol, online: d.dataset.online,
      mail: [...d.querySelectorAll('[data-testid=device-message]:not([data-state=leaving])')].map((e) => `${e.dataset.folder} ${e.dataset.messageId} ${e.dataset.flags}`),
    })),
    lines: document.querySelectorAll('[data-testid=transcript-line]').length,
    time: document.querySelector('[data-testid=sim-time]')?.dataset.ms,
  }));
}

/** A world with some history: the phone syncs, a mail arrives, the phone reads it, the laptop downloads. */
async function busyWorld(page) {
  await click(page, 'phone', 'check-mail');
  await page.locator('[data-action=send-mail]').click();
  await page.locator('[data-testid=device][data-device=phone] [data-testid=device-message] [data-action=open]').first().click();
  await page.keyboard.press('Escape');
  await click(page, 'laptop', 'check-mail');
}

async function shareUrl(page) {
  await page.locator('[data-action=share]').click();
  const input = page.locator('[data-testid=share-url]');
  await input.waitFor();
  return input.inputValue();
}

/** Opens a URL in a new browser context (no storage, as on another computer). */
async function openElsewhere(url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const errors = [];
  const dialogs = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await page.goto(url);
  await page.locator('.app[data-ready=true]').waitFor({ state: 'attached' });
  return { page, context, errors, dialogs };
}

const base64url = (bytes) => Buffer.from(bytes).toString('base64url');

test('a share link restores the world exactly, on another computer', async () => {
  const { page, errors } = await openApp(browser, site.url, '?fresh&speed=instant');
  await busyWorld(page);
  const before = await snapshot(page);
  const url = await shareUrl(page);
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/#v1\.[A-Za-z0-9_-]+$/, 'the world is in the fragment, nothing in the query');
  assert.ok(url.length < 2000, `a short link (${url.length} characters)`);
  await screenshot(page, 'share-panel.png');
  const elsewhere = await openElsewhere(url);
  await elsewhere.page.locator('[data-testid=notice]').waitFor();
  assert.deepEqual(await snapshot(elsewhere.page), before);
  assert.deepEqual(elsewhere.errors, []);
  await elsewhere.context.close();
  assert.deepEqual(errors, []);
  await page.close();
});

test('damaged, edited, hostile and future links say so, and the default world runs', async () => {
  const { page } = await openApp(browser, site.url, '?fresh&speed=instant');
  await busyWorld(page);
  const good = await shareUrl(page);
  await page.close();
  const fragment = good.split('#')[1];
  const bomb = `v1.${base64url(deflateRawSync(Buffer.alloc(8_000_000, 32)))}`;
  const markup = `v1.${base64url(deflateRawSync(Buffer.from('<img src=x onerror=alert(1)><script>alert(2)</script>')))}`;
  const cases = [
    ['truncated', fragment.slice(0, Math.floor(fragment.length / 2)), /cut short|edited|not JSON|stray/],
    ['edited', fragment.slice(0, 20) + (fragment[20] === 'A' ? 'B' : 'A') + fragment.slice(21), /./],
    ['a stray character', `${fragment.slice(0, 10)}$${fragment.slice(10)}`, /stray character/],
    ['a decompression bomb', bomb, /more than a saved world may be/],
    ['markup instead of a world', markup, /not JSON/],
    ['from a newer Mailroom', 'v9.AAAA', /newer Mailroom/],
  ];
  for (const [what, bad, reason] of cases) {
    const { page: p, context, errors, dialogs } = await openElsewhere(`${site.url}#${bad}`);
    const error = p.locator('[data-testid=error]');
    await error.waitFor();
    assert.match(await error.innerText(), /share link could not be opened/, what);
    assert.match(await error.innerText(), reason, what);
    assert.equal(await p.locator('[data-testid=server-message]').count(), 3, `${what}: the default world runs`);
    assert.equal(await p.locator('[data-testid=device]').count(), 3, what);
    assert.equal(await p.locator('[data-testid=notice]').count(), 0, what);
    assert.equal(await p.locator('img[src=x]').count(), 0, `${what}: no markup rendered`);
    assert.deepEqual(dialogs, [], what);
    assert.deepEqual(errors, [], what);
    await context.close();
  }
});

test('the world survives a reload; ?fresh starts over and leaves it saved', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.goto(`${site.url}?speed=instant`);
  await page.locator('.app[data-ready=true]').waitFor({ state: 'attached' });
  await click(page, 'laptop', 'check-mail');
  const saved = await snapshot(page);
  assert.equal(saved.server.length, 0);
  assert.ok(await page.evaluate(() => Object.keys(localStorage).every((k) => k.startsWith('mailroom'))));
  await page.reload();
  await page.locator('.app[data-ready=true]').waitFor({ state: 'attached' });
  const restored = await snapshot(page);
  assert.deepEqual(restored.server, saved.server);
  assert.deepEqual(restored.devices, saved.devices);
  await page.goto(`${site.url}?fresh&speed=instant`);
  await page.locator('.app[data-ready=true]').waitFor({ state: 'attached' });
  assert.equal(await page.locator('[data-testid=server-message]').count(), 3, '?fresh shows the default world');
  await click(page, 'phone', 'check-mail');
  await page.goto(`${site.url}?speed=instant`);
  await page.locator('.app[data-ready=true]').waitFor({ state: 'attached' });
  assert.deepEqual((await snapshot(page)).devices, saved.devices, '?fresh left the saved world as it was');
  await context.close();
});

test('a corrupt saved world is set aside, not lost, and the default world runs', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${site.url}?fresh`);
  await page.evaluate(() => localStorage.setItem('mailroom.world', '{"version":1,"setup":<script>'));
  await page.goto(site.url);
  const error = page.locator('[data-testid=error]');
  await error.waitFor();
  assert.match(await error.innerText(), /could not be read/);
  // The error shows with the page's first part; the stage renders after it (docs/hooks.md, data-ready).
  await page.locator('.app[data-ready=true]').waitFor({ state: 'attached' });
  assert.equal(await page.locator('[data-testid=server-message]').count(), 3);
  assert.equal(await page.evaluate(() => localStorage.getItem('mailroom.world.unreadable')), '{"version":1,"setup":<script>');
  await context.close();
});

test('a world saved as a JSON file opens again; wrong files are refused and change nothing', async () => {
  const { page } = await openApp(browser, site.url, '?fresh&speed=instant');
  await busyWorld(page);
  const before = await snapshot(page);
  await page.locator('[data-action=share]').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action=export-world]').click()]);
  assert.equal(download.suggestedFilename(), 'mailroom-world.json');
  const json = await readFile(await download.path(), 'utf8');
  assert.equal(JSON.parse(json).version, 1);
  await page.close();

  const dir = await mkdtemp(join(tmpdir(), 'mailroom-'));
  const { page: other, context, dialogs } = await openElsewhere(`${site.url}?fresh&speed=instant`);
  const importFile = async (name, contents) => {
    const path = join(dir, name);
    await writeFile(path, contents);
    await other.locator('[data-action=share]').click();
    await other.locator('[data-testid=import-world]').setInputFiles(path);
  };
  for (const [name, contents, reason] of [
    ['package.json', '{"name":"mailroom","version":"0.1.0"}', /version should be a whole number/],
    ['notes.json', 'Dear class,\n<script>alert(1)</script>', /not JSON/],
    ['huge.json', ' '.repeat(2_000_000), /more than a saved world may be/],
    ['edited.json', json.replace('"phone"', '"toaster"'), /./],
    // Device names are never free text: an id with markup is refused, and the reason quotes it as text.
    ['markup.json', json.replaceAll('"phone"', '"<img src=x onerror=alert(1)>"'), /device id “<img src=x onerror=alert\(1\)>” must be/],
  ]) {
    await importFile(name, contents);
    const error = other.locator('[data-testid=error]');
    await error.waitFor();
    assert.match(await error.innerText(), /file could not be opened/, name);
    assert.match(await error.innerText(), reason, name);
    assert.equal(await other.locator('[data-testid=server-message]').count(), 3, `${name}: the world is unchanged`);
    assert.equal(await other.locator('img[src=x], script:not([src])').count(), 0, `${name}: nothing injected`);
    await error.locator('button').click();
    await other.keyboard.press('Escape');
  }
  await importFile('mailroom-world.json', json);
  await other.locator('[data-testid=notice]').waitFor();
  assert.deepEqual(await snapshot(other), before);
  assert.deepEqual(dialogs, []);
  await context.close();
});

test('a link opened over a saved world keeps that world, and it can be restored', async () => {
  const { page } = await openApp(browser, site.url, '?fresh&speed=instant');
  await click(page, 'laptop', 'check-mail');
  const url = await shareUrl(page);
  await page.close();
  const context = await browser.newContext();
  const mine = await context.newPage();
  await mine.goto(`${site.url}?speed=instant`);
  await mine.locator('.app[data-ready=true]').waitFor({ state: 'attached' });
  await click(mine, 'phone', 'check-mail');
  const own = await snapshot(mine);
  await mine.goto(url);
  const notice = mine.locator('[data-testid=notice]');
  await notice.waitFor();
  assert.equal(await mine.locator('[data-testid=server-message]:not([data-state=leaving])').count(), 0, 'the shared world shows');
  await notice.locator('[data-action=restore-previous]').click();
  await mine.waitForFunction(() => document.querySelectorAll('[data-testid=server-message]').length === 3);
  assert.deepEqual((await snapshot(mine)).devices, own.devices);
  await context.close();
});

test('the transcript exports as text, one row per wire line', async () => {
  const { page } = await openApp(browser, site.url, '?fresh&speed=instant');
  await click(page, 'laptop', 'check-mail');
  const lines = await page.locator('[data-testid=transcript-line]').count();
  await page.locator('[data-action=share]').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action=export-transcript]').click()]);
  const text = await readFile(await download.path(), 'utf8');
  const rows = text.trimEnd().split('\n');
  assert.equal(rows.length, lines);
  assert.ok(rows.some((r) => /laptop\s+POP3 C: USER alice$/.test(r)), rows.slice(0, 5).join('\n'));
  assert.ok(rows.some((r) => /S: \+OK/.test(r)));
  await page.close();
});

test('the diagram exports as SVG and as PNG, for slides', async () => {
  const { page, errors } = await openApp(browser, site.url, '?fresh&speed=instant');
  await click(page, 'laptop', 'check-mail');
  const violations = [];
  await page.exposeFunction('reportViolation', (v) => violations.push(v));
  await page.evaluate(() => document.addEventListener('securitypolicyviolation', (e) => window.reportViolation(e.violatedDirective)));
  await page.locator('[data-action=share]').click();
  const [svgDownload] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action=export-svg]').click()]);
  assert.equal(svgDownload.suggestedFilename(), 'mailroom-diagram.svg');
  const svg = await readFile(await svgDownload.path(), 'utf8');
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.match(svg, /Laptop · POP3/);
  assert.match(svg, /INBOX · 0 messages/);
  assert.match(svg, /online · 3 messages/);
  const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action=export-png]').click()]);
  assert.equal(pngDownload.suggestedFilename(), 'mailroom-diagram.png');
  const png = await readFile(await pngDownload.path());
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG file');
  assert.equal(png.readUInt32BE(16), 1280, 'PNG width');
  assert.equal(png.readUInt32BE(20), 720, 'PNG height');
  assert.ok(png.length > 10_000, `the PNG has a drawing in it (${png.length} bytes)`);
  assert.deepEqual(violations, []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a teacher writes a mail of their own; it arrives by SMTP and the share link carries it', async () => {
  const { page, errors } = await openApp(browser, site.url, '?fresh&speed=instant');
  await page.locator('[data-action=compose]').click();
  await page.locator('[data-testid=compose-subject]').fill('x'.repeat(201));
  await page.locator('[data-testid=compose-body]').fill('Too long a subject.');
  await page.locator('[data-action=compose-send]').click();
  await page.locator('[data-testid=error]').waitFor();
  assert.match(await page.locator('[data-testid=error]').innerText(), /subject is longer than 200/);
  assert.equal(await page.locator('[data-testid=compose-body]').inputValue(), 'Too long a subject.', 'nothing typed is lost');
  assert.equal(await page.locator('[data-testid=server-message]').count(), 3);
  await page.locator('[data-testid=compose-subject]').fill('Field trip on Friday');
  await page.locator('[data-testid=compose-body]').fill('Please <b>bring lunch</b>.\n.\nA line with one dot above.');
  await page.locator('[data-action=compose-send]').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=server-message]').length === 4);
  assert.equal(await page.locator('[data-testid=compose-subject]').count(), 0, 'the form closed');
  const smtp = await page.locator('[data-testid=transcript-line][data-device=sender]').allInnerTexts();
  assert.ok(smtp.some((l) => l.includes('Subject: Field trip on Friday')), 'the subject went over SMTP');
  assert.ok(smtp.some((l) => /C:\s*\.\.\s*$/.test(l) || l.includes('..')), 'a lone dot in the body was dot-stuffed');
  const url = await shareUrl(page);
  const elsewhere = await openElsewhere(url);
  await elsewhere.page.locator('[data-testid=notice]').waitFor();
  // A shared world opens paused; instant speed runs each action to its end.
  await elsewhere.page.locator('[data-testid=speed]').selectOption('instant');
  await click(elsewhere.page, 'phone', 'check-mail');
  const mail = elsewhere.page.locator('[data-testid=device][data-device=phone] [data-testid=device-message]', { hasText: 'Field trip on Friday' });
  await mail.locator('[data-action=open]').click();
  const reader = elsewhere.page.locator('[data-testid=reader]');
  await reader.waitFor();
  assert.match(await reader.innerText(), /Please <b>bring lunch<\/b>\./);
  assert.equal(await reader.locator('b').count(), 0, 'markup shows as text');
  assert.deepEqual(elsewhere.errors, []);
  await elsewhere.context.close();
  assert.deepEqual(errors, []);
  await page.close();
});
