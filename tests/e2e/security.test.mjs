// The page's security promises, checked in the browser: its Content-Security-Policy holds with no violation, no
// request ever leaves the page's origin, mail text with markup in it stays text, and a stray script error shows
// the error banner instead of a dead page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch } from './harness.mjs';

let site;
let browser;
before(async () => { site = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await site?.close(); });

const PAYLOAD_SCRIPT = '<script>alert(1)</script>';
const PAYLOAD_IMG = '<img src=x onerror=alert(1)>';

/** Opens the app in its own context and records, from before the first byte: every request of the context
 * (service workers included), web sockets, CSP violations, page errors, console errors and dialogs. */
async function openWatched(query) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const seen = { requests: [], sockets: [], errors: [], dialogs: [] };
  context.on('request', (r) => seen.requests.push(r.url()));
  // Runs before any page script (and is not itself subject to the CSP): collects violations as they happen.
  await context.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} ${e.sample}`);
    });
  });
  const page = await context.newPage();
  page.on('websocket', (ws) => seen.sockets.push(ws.url()));
  page.on('pageerror', (e) => seen.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') seen.errors.push(m.text()); });
  page.on('dialog', async (d) => { seen.dialogs.push(`${d.type()}: ${d.message()}`); await d.dismiss(); });
  await page.goto(site.url + query);
  await page.locator('.app[data-ready=true]').waitFor({ state: 'attached' });
  return { context, page, seen, violations: () => page.evaluate(() => window.cspViolations) };
}

const device = (page, name) => page.locator(`[data-testid=device][data-device=${name}]`);
const deviceMessages = (page, name) => device(page, name).locator('[data-testid=device-message]');

/** Types lines into the terminal as the given protocol, Enter after each. */
async function terminal(page, protocol, lines) {
  await page.locator('[data-testid=terminal-protocol]').selectOption(protocol);
  const input = page.locator('[data-testid=terminal-input]');
  for (const line of lines) {
    await input.fill(line);
    await input.press('Enter');
  }
}

test('the built page declares a strict CSP, starts under it with zero violations, and the CSP is enforced', async () => {
  const { context, page, seen, violations } = await openWatched('?fresh');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v.join(' ')]));
  assert.equal(directives['default-src'], "'self'");
  assert.equal(directives['script-src'], "'self' 'wasm-unsafe-eval'");
  assert.equal(directives['object-src'], "'none'");
  assert.equal(directives['base-uri'], "'none'");
  assert.equal(directives['form-action'], "'none'");
  assert.ok(!/unsafe-inline/.test(directives['script-src'] + directives['style-src']), 'no inline script or <style>');
  assert.ok(!/(https?:|\*)/.test(csp), 'no other origin is named');
  // The policy governs only what follows it: it must come before every script, stylesheet and icon.
  const beforeMeta = await page.evaluate(() => {
    const meta = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
    return [...document.querySelectorAll('script, link, style')].filter((e) =>
      e.compareDocumentPosition(meta) & Node.DOCUMENT_POSITION_FOLLOWING).length;
  });
  assert.equal(beforeMeta, 0, 'the CSP meta comes first');
  assert.equal(await page.locator('script:not([src])').count(), 0, 'no inline script in the page');
  assert.ok(await device(page, 'laptop').count(), 'the app started');
  await device(page, 'phone').locator('[data-action=check-mail]').click();
  await page.locator('[data-testid=transcript-line]').first().waitFor();
  assert.deepEqual(await violations(), [], 'no CSP violation while starting and running');
  assert.deepEqual(seen.errors, []);

  // Enforced, not just declared: an inline script is refused.
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.inlineRan = true';
    document.head.append(s);
  });
  await page.waitForFunction(() => window.cspViolations.length > 0);
  assert.equal(await page.evaluate(() => window.inlineRan), undefined, 'the inline script did not run');
  assert.match((await violations())[0], /^script-src-elem blocked inline/);
  await context.close();
});

test('a whole session sends no request outside the page origin', async () => {
  const { context, page, seen, violations } = await openWatched('?fresh&speed=instant');
  const origin = new URL(site.url).origin;
  for (const name of ['laptop', 'phone', 'tablet']) await device(page, name).locator('[data-action=check-mail]').click();
  await page.locator('[data-action=send-mail]').click();
  await page.locator('[data-action=send-mail]').click();
  await device(page, 'tablet').locator('[data-action=check-mail]').click();
  // Open, flag and delete on the IMAP devices. Dialogs close by their button: the shortcut keys (Escape) log a
  // console error of their own (a passive keydown listener calls preventDefault; see the report of issue 8).
  for (const name of ['phone', 'tablet']) {
    await deviceMessages(page, name).first().locator('[data-action=open]').click();
    await page.locator('[data-testid=reader] button').click();
    await deviceMessages(page, name).first().locator('[data-action=flag]').click();
    await deviceMessages(page, name).last().locator('[data-action=delete]').click();
  }
  await deviceMessages(page, 'laptop').first().locator('[data-action=open]').click();
  await page.locator('[data-testid=reader] button').click();
  await device(page, 'tablet').locator('[data-action=toggle-online]').click();
  await page.locator('[data-action=send-mail]').click();
  await device(page, 'tablet').locator('[data-action=toggle-online]').click();
  await page.locator('[data-action=add-device]').click();
  const added = await page.locator('[data-testid=device]').nth(3).getAttribute('data-device');
  await device(page, added).locator('[data-action=check-mail]').click();
  await page.locator('[data-action=warp-day]').click();
  await device(page, 'laptop').locator('[data-action=check-mail]').click();
  await terminal(page, 'pop3', ['USER alice', 'PASS wonderland', 'STAT', 'LIST', 'RETR 1', 'QUIT']);
  await terminal(page, 'imap', ['a1 LOGIN alice wonderland', 'a2 SELECT INBOX', 'a3 FETCH 1:* (FLAGS)', 'a4 LOGOUT']);
  for (let i = 0; i < 5; i++) await page.locator('[data-action=step-back]').click();
  for (let i = 0; i < 5; i++) await page.locator('[data-action=step]').click();
  await page.locator('[data-testid=transcript-line]').nth(2).click();
  await page.locator('[data-action=help]').click();
  await page.locator('[data-testid=help] button').click();
  await page.getByRole('button', { name: 'Projector' }).click();
  // A language is fetched from the page's own origin (i18n/zh.json), never from elsewhere.
  await page.locator('[data-action=language]').selectOption('zh');
  await page.locator('html[lang=zh-Hans]').waitFor({ state: 'attached' });
  await page.locator('[data-action=language]').selectOption('en');
  // Lessons, when the page offers them: open the first and click it through to its end.
  if (await page.locator('[data-testid=lesson]').count()) {
    await page.locator('[data-testid=lesson]').first().click();
    const panel = page.locator('[data-testid=lesson-panel]');
    await panel.waitFor();
    let ended = false;
    for (let guard = 0; guard < 40 && !ended; guard++) {
      const choices = panel.locator('[data-testid=lesson-choice]');
      if (await choices.count() && await choices.last().isEnabled()) await choices.last().click();
      const run = panel.locator('[data-action=lesson-run]');
      if (await run.count() && await run.isEnabled()) await run.click();
      const next = panel.locator('[data-action=lesson-next]');
      ended = (await next.count()) === 0;
      if (ended) break;
      const step = await panel.getAttribute('data-step');
      await next.click();
      await page.waitForFunction((s) => document.querySelector('[data-testid=lesson-panel]')?.dataset.step !== s, step);
    }
    assert.ok(ended, 'the first lesson was clicked through to its end');
  }
  // Reloaded (the saved world comes back) at real speed, so animation frames and timers run too.
  await page.goto(site.url);
  await page.locator('[data-testid=server]').waitFor();
  await device(page, 'laptop').locator('[data-action=check-mail]').click();
  await page.locator('[data-testid=packet]').first().waitFor();

  assert.ok(seen.requests.length >= 5, `the page's own files were requested (${seen.requests.length})`);
  const foreign = seen.requests.filter((u) => !u.startsWith(`${origin}/`) && !/^(data|blob):/.test(u));
  assert.deepEqual(foreign, [], 'every request stays on the page origin');
  assert.deepEqual(seen.sockets, [], 'no web socket');
  assert.deepEqual(await violations(), []);
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(seen.dialogs, []);
  await context.close();
});

test('markup in a delivered message shows as text: nothing it contains runs or renders', async () => {
  const { context, page, seen, violations } = await openWatched('?fresh&speed=instant');
  await terminal(page, 'smtp', [
    'HELO x', 'MAIL FROM:<a@b>', 'RCPT TO:<alice@example.org>', 'DATA',
    `Subject: ${PAYLOAD_IMG}`, `From: ${PAYLOAD_SCRIPT} <a@b>`, '',
    PAYLOAD_SCRIPT, PAYLOAD_IMG, '.', 'QUIT',
  ]);
  const screen = await page.locator('[data-testid=terminal]').innerText();
  assert.match(screen, /250 .*\n[^]*221/, 'the server accepted the message and said goodbye');
  assert.equal(await page.locator('[data-testid=server-message][data-folder=INBOX]').count(), 4, 'delivered');

  await device(page, 'phone').locator('[data-action=check-mail]').click();
  const message = deviceMessages(page, 'phone').last();
  assert.equal(await message.locator('.subject').innerText(), PAYLOAD_IMG, 'the subject shows literally');
  await message.locator('[data-action=open]').click();
  const text = await page.locator('[data-testid=reader] .message-text').innerText();
  assert.ok(text.includes(`Subject: ${PAYLOAD_IMG}`), 'the reader shows the subject as text');
  assert.ok(text.includes(PAYLOAD_SCRIPT), 'the reader shows the body as text');
  const wire = await page.locator('[data-testid=transcript-line]').allInnerTexts();
  assert.ok(wire.some((l) => l.includes(PAYLOAD_IMG)), 'the transcript shows the line as text');

  assert.equal(await page.locator('img[src=x], img[src$="/x"]').count(), 0, 'no injected image');
  assert.equal(await page.locator('script:not([src])').count(), 0, 'no injected script');
  assert.equal(await page.evaluate(() => [...document.querySelectorAll('*')].filter((e) =>
    [...e.attributes].some((a) => a.name.startsWith('on'))).length), 0, 'no inline event handler anywhere');
  assert.deepEqual(seen.dialogs, [], 'no alert');
  assert.deepEqual(await violations(), [], 'nothing even tried to run');
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('an uncaught script error shows the error banner', async () => {
  const { context, page, seen } = await openWatched('?fresh');
  assert.equal(await page.locator('[data-testid=error]').count(), 0);
  await page.evaluate(() => setTimeout(() => { throw new Error('boom'); }));
  const banner = page.locator('[data-testid=error]');
  await banner.waitFor();
  assert.ok((await banner.innerText()).trim().length > 0, 'the banner says something');
  assert.equal(await banner.getAttribute('role'), 'alert');
  assert.ok(seen.errors.some((e) => e.includes('boom')), 'the error reached the page');
  await context.close();
});
