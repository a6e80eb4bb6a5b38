// The stage tells the mail's story at 1× (not instant): cards travel, rows are marked and leave, flags travel,
// captions say why. Every animation frame is sampled in the page, so a test sees what a viewer would.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openApp, screenshot } from './harness.mjs';

let site;
let browser;
before(async () => { site = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await site?.close(); });

/** Starts sampling the stage on every animation frame: tokens, server rows, device rows, captions. */
async function startSampling(page) {
  await page.evaluate(() => {
    window.__samples = [];
    window.__stop = false;
    const data = (selector, keys) => [...document.querySelectorAll(selector)].map((e) => {
      const o = {};
      for (const k of keys) o[k] = e.dataset[k];
      return o;
    });
    const tick = () => {
      window.__samples.push({
        t: performance.now(),
        mail: data('[data-testid=mail-token]', ['messageId', 'from', 'to']),
        changes: data('[data-testid=change-token]', ['kind', 'from', 'to']),
        server: data('[data-testid=server-message][data-folder=INBOX]', ['messageId', 'state']),
        captions: [...document.querySelectorAll('[data-testid=caption]')].map((e) => e.textContent),
      });
      if (!window.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

async function stopSampling(page) {
  return page.evaluate(() => { window.__stop = true; return window.__samples; });
}

const device = (page, id) => page.locator(`[data-testid=device][data-device=${id}]`);
const deviceRows = (page, id) => device(page, id).locator('[data-testid=device-message]:not([data-state=leaving])');

test('the laptop\'s three downloads travel as cards; DELE marks, QUIT removes, and the captions say why the phone finds nothing', async () => {
  const { page, errors } = await openApp(browser, site.url, '?fresh');
  const ids = await page.locator('[data-testid=server-message][data-folder=INBOX]').evaluateAll((els) => els.map((e) => e.dataset.messageId));
  assert.equal(ids.length, 3);
  // Rows the laptop's list gains and loses: an arrival adds one row and leaves the others be (re-created, they
  // would all flash as new again).
  await page.evaluate(() => {
    window.__laptopRows = { added: 0, removed: 0 };
    const count = (nodes, key) => { for (const n of nodes) if (n.dataset?.testid === 'device-message') window.__laptopRows[key]++; };
    new MutationObserver((list) => { for (const m of list) { count(m.addedNodes, 'added'); count(m.removedNodes, 'removed'); } })
      .observe(document.querySelector('[data-testid=device][data-device=laptop] .local-messages'), { childList: true });
  });
  await startSampling(page);
  await device(page, 'laptop').locator('[data-action=check-mail]').click();
  let shot = 0;
  // Screenshots while it runs, to look at.
  const shots = (async () => {
    for (let i = 0; i < 12; i++) {
      await page.waitForTimeout(1500);
      await screenshot(page, `stage-pop3-${String(shot++).padStart(2, '0')}.png`);
    }
  })();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=server-message][data-folder=INBOX]').length === 0, null, { timeout: 45000 });
  await page.waitForTimeout(1500);
  await shots;
  const samples = await stopSampling(page);

  for (const id of ids) {
    const seen = samples.filter((s) => s.mail.some((m) => m.messageId === id && m.from === 'server' && m.to === 'laptop'));
    assert.ok(seen.length > 0, `a card for ${id} travelled to the laptop`);
    const lasted = seen.at(-1).t - seen[0].t;
    assert.ok(lasted >= 500, `the card for ${id} was visible for ${Math.round(lasted)} ms`);
  }
  for (const id of ids) {
    const states = samples.map((s) => s.server.find((r) => r.messageId === id)?.state ?? 'gone');
    const first = (state) => states.indexOf(state);
    assert.ok(first('marked-deleted') >= 0, `${id} was marked for deletion`);
    assert.ok(first('leaving') > first('marked-deleted'), `${id} then left`);
    assert.ok(states.lastIndexOf('leaving') < states.length - 1 && states.at(-1) === 'gone', `${id} is gone at the end`);
    const leavingFrames = samples.filter((s) => s.server.some((r) => r.messageId === id && r.state === 'leaving'));
    assert.ok(leavingFrames.at(-1).t - leavingFrames[0].t >= 800, 'leaving lasts long enough to see');
  }
  assert.deepEqual(await page.evaluate(() => window.__laptopRows), { added: 3, removed: 0 }, 'each download added its own row once');
  const captions = samples.at(-1).captions.join('\n');
  assert.match(captions, /laptop downloaded 3 messages and deleted them from the server at QUIT/);
  assert.match(captions, /phone dropped 3 messages: the server said they are gone \(the laptop deleted them at QUIT\)/);
  assert.equal(await deviceRows(page, 'phone').count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a \\Seen change travels from the phone to the server, and on to the tablet at its check', async () => {
  const { page, errors } = await openApp(browser, site.url, '?fresh');
  await device(page, 'tablet').locator('[data-action=check-mail]').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=device][data-device=tablet] [data-testid=device-message]').length === 3, null, { timeout: 30000 });
  await page.waitForFunction(() => !document.querySelector('[data-testid=device][data-device=tablet].is-connected'), null, { timeout: 30000 });
  await startSampling(page);
  const id = await page.locator('[data-testid=server-message][data-folder=INBOX]').first().getAttribute('data-message-id');
  await device(page, 'phone').locator(`[data-testid=device-message][data-message-id="${id}"] [data-action=open]`).click();
  await page.keyboard.press('Escape');
  await page.waitForFunction((id) => document.querySelector(`[data-testid=server-message][data-message-id="${id}"]`)?.dataset.flags === '\\Seen', id, { timeout: 15000 });
  await screenshot(page, 'stage-seen-on-server.png');
  await device(page, 'tablet').locator('[data-action=check-mail]').click();
  await page.waitForFunction((id) => document.querySelector(`[data-testid=device][data-device=tablet] [data-testid=device-message][data-message-id="${id}"]`)?.dataset.flags === '\\Seen', id, { timeout: 30000 });
  const samples = await stopSampling(page);
  const toServer = samples.filter((s) => s.changes.some((c) => c.kind === 'seen' && c.from === 'phone' && c.to === 'server'));
  const toTablet = samples.filter((s) => s.changes.some((c) => c.kind === 'seen' && c.from === 'server' && c.to === 'tablet'));
  assert.ok(toServer.length > 0, 'a \\Seen token went from the phone to the server');
  assert.ok(toTablet.length > 0, 'a \\Seen token went from the server to the tablet');
  assert.ok(toServer[0].t < toTablet[0].t, 'first to the server, then on to the tablet');
  assert.ok(toServer.at(-1).t - toServer[0].t >= 300, 'the token is seen travelling');
  const captions = samples.at(-1).captions.join('\n');
  assert.match(captions, /tablet learned the new flags of .* at its next check/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a mail sent on a fresh page reaches the idling phone with no click on the phone', async () => {
  const { page, errors } = await openApp(browser, site.url, '?fresh');
  assert.equal(await deviceRows(page, 'phone').count(), 3, 'the phone synced as the page opened');
  await startSampling(page);
  await page.locator('[data-action=send-mail]').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=device][data-device=phone] [data-testid=device-message]').length === 4, null, { timeout: 30000 });
  await screenshot(page, 'stage-pushed-to-phone.png');
  const samples = await stopSampling(page);
  assert.ok(samples.some((s) => s.mail.some((m) => m.from === 'sender' && m.to === 'server')), 'the mail flew from the sender');
  assert.ok(samples.some((s) => s.mail.some((m) => m.from === 'server' && m.to === 'phone')), 'and on to the phone');
  assert.equal(await deviceRows(page, 'tablet').count(), 0, 'the polling tablet has not checked');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a quiet stretch is skipped with a visible "minutes later", and the tablet polls at once', async () => {
  const { page, errors } = await openApp(browser, site.url, '?fresh');
  await device(page, 'tablet').locator('[data-action=check-mail]').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=device][data-device=tablet] [data-testid=device-message]').length === 3, null, { timeout: 30000 });
  await page.waitForFunction(() => !document.querySelector('[data-testid=device][data-device=tablet].is-connected'), null, { timeout: 30000 });
  const before = Number(await page.locator('[data-testid=sim-time]').getAttribute('data-ms'));
  const started = Date.now();
  const skip = page.locator('[data-testid=time-skip]');
  await skip.waitFor({ timeout: 15000 });
  assert.ok(Date.now() - started < 15000, 'no real minutes of nothing');
  assert.match(await skip.innerText(), /\d+ minutes later/);
  const after = Number(await page.locator('[data-testid=sim-time]').getAttribute('data-ms'));
  assert.ok(after - before >= 9 * 60 * 1000, `the clock jumped ${after - before} ms`);
  await screenshot(page, 'stage-minutes-later.png');
  await page.locator('[data-testid=device][data-device=tablet].is-connected').waitFor({ timeout: 10000 });
  assert.deepEqual(errors, []);
  await page.close();
});

test('an offline device shows its waiting changes as tokens; back online, they leave for the server', async () => {
  const { page, errors } = await openApp(browser, site.url, '?fresh');
  const tablet = device(page, 'tablet');
  await tablet.locator('[data-action=check-mail]').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=device][data-device=tablet] [data-testid=device-message]').length === 3, null, { timeout: 30000 });
  await page.waitForFunction(() => !document.querySelector('[data-testid=device][data-device=tablet].is-connected'), null, { timeout: 30000 });
  await tablet.locator('[data-action=toggle-online]').click();
  await tablet.locator('[data-testid=device-message]').nth(0).locator('[data-action=flag]').click();
  const opened = await tablet.locator('[data-testid=device-message]').nth(1).getAttribute('data-message-id');
  await tablet.locator('[data-testid=device-message]').nth(1).locator('[data-action=open]').click();
  await page.keyboard.press('Escape');
  const queued = await tablet.locator('[data-testid=queued-change]').evaluateAll((es) => es.map((e) => e.dataset.kind));
  assert.deepEqual(queued, ['flagged', 'seen']);
  await screenshot(page, 'stage-queued-offline.png');
  await startSampling(page);
  await tablet.locator('[data-action=toggle-online]').click();
  await tablet.locator('[data-testid=queued-change]').first().waitFor({ state: 'detached', timeout: 30000 });
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=server-message][data-flags*="Flagged"]').length === 1, null, { timeout: 30000 });
  // The Seen waits behind the flag: the queue is replayed one command at a time, in the order it was made.
  await page.waitForFunction((id) => document.querySelector(`[data-testid=server-message][data-message-id="${id}"]`)?.dataset.flags.includes('Seen'), opened, { timeout: 30000 });
  const samples = await stopSampling(page);
  for (const kind of ['flagged', 'seen']) {
    assert.ok(samples.some((s) => s.changes.some((c) => c.kind === kind && c.from === 'tablet' && c.to === 'server')), `a ${kind} token left the tablet`);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('a flood of lines is sampled: the transcript keeps its newest 24 and redraws about ten times a second, and a pause shows the exact moment', async () => {
  const { page, errors } = await openApp(browser, site.url, '?fresh&devices=8&messages=500');
  await page.locator('[data-testid=speed]').selectOption('8');
  for (const button of await page.locator('[data-action=check-mail]').all()) await button.click();
  // Every frame for 3 s: the clock, the lines rendered, the lines hidden before them, the rows per card.
  const frames = await page.evaluate(() => new Promise((resolve) => {
    const out = [];
    const end = performance.now() + 3000;
    const tick = (t) => {
      const hidden = document.querySelector('[data-testid=transcript-hidden]');
      out.push({
        ms: Number(document.querySelector('[data-testid=sim-time]').dataset.ms),
        lines: document.querySelectorAll('[data-testid=transcript-line]').length,
        hidden: hidden ? Number(hidden.dataset.count) : 0,
        rows: Math.max(...[...document.querySelectorAll('[data-testid=device]')].map((d) => d.querySelectorAll('[data-testid=device-message]').length)),
      });
      if (t < end) requestAnimationFrame(tick); else resolve(out);
    };
    requestAnimationFrame(tick);
  }));
  const flooded = frames.filter((f) => f.lines <= 24 && f.hidden > 1000);
  assert.ok(flooded.length >= 10, `the flood was sampled on ${flooded.length} of ${frames.length} frames`);
  assert.ok(flooded.every((f) => f.rows <= 6), 'a card renders its newest 6 messages while sampled');
  // Sampled: the shown lines change far less often than the clock does.
  const clockMoves = flooded.filter((f, i) => i > 0 && f.ms !== flooded[i - 1].ms).length;
  const redraws = flooded.filter((f, i) => i > 0 && f.hidden !== flooded[i - 1].hidden).length;
  assert.ok(redraws * 2 < clockMoves, `the transcript redrew ${redraws} times while the clock moved ${clockMoves} times`);
  // Paused, the panel shows the exact moment: back to pages of 150 to 249 lines.
  await page.locator('[data-action=pause]').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=transcript-line]').length >= 150);
  assert.deepEqual(errors, []);
  await page.close();
});
