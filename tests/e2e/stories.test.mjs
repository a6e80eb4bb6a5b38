// The stories a teacher tells, clicked through in the default world with ?speed=instant.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openApp, screenshot } from './harness.mjs';

let site;
let browser;
before(async () => { site = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await site?.close(); });

const serverIds = (page) => page.locator('[data-testid=server-message][data-folder=INBOX]')
  .evaluateAll((els) => els.map((e) => e.dataset.messageId));
const deviceIds = (page, device) => page.locator(`[data-testid=device][data-device=${device}] [data-testid=device-message]`)
  .evaluateAll((els) => els.map((e) => e.dataset.messageId));
const click = (page, device, action) => page.locator(`[data-testid=device][data-device=${device}] [data-action=${action}]`).first().click();

test('the POP3 laptop downloads and deletes: the server is empty and the phone then finds nothing', async () => {
  const { page, errors } = await openApp(browser, site.url, '?fresh&speed=instant');
  const before = await serverIds(page);
  assert.equal(before.length, 3);
  await click(page, 'laptop', 'check-mail');
  assert.deepEqual(await deviceIds(page, 'laptop'), before);
  assert.deepEqual(await serverIds(page), []);
  const wire = await page.locator('[data-testid=transcript-line][data-device=laptop]').allInnerTexts();
  for (const command of ['USER alice', 'RETR 1', 'DELE 1', 'QUIT']) {
    assert.ok(wire.some((l) => l.includes(command)), `the transcript shows ${command}`);
  }
  await click(page, 'phone', 'check-mail');
  assert.deepEqual(await deviceIds(page, 'phone'), []);
  await screenshot(page, 'story-pop3-download-and-delete.png');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a new mail reaches the IDLE phone with no click', async () => {
  const { page } = await openApp(browser, site.url, '?fresh&speed=instant');
  await click(page, 'phone', 'check-mail');
  assert.equal((await deviceIds(page, 'phone')).length, 3);
  await page.locator('[data-action=send-mail]').click();
  const server = await serverIds(page);
  assert.equal(server.length, 4);
  assert.ok((await deviceIds(page, 'phone')).includes(server[3]), 'pushed to the phone');
  assert.ok(!(await deviceIds(page, 'tablet')).includes(server[3]), 'the tablet has not polled');
  const phoneWire = await page.locator('[data-testid=transcript-line][data-device=phone]').allInnerTexts();
  assert.ok(phoneWire.some((l) => /\* 4 EXISTS/.test(l)), 'the server pushed * 4 EXISTS');
  await page.close();
});

test('read on the phone shows \\Seen on the server and on the tablet after its check', async () => {
  const { page } = await openApp(browser, site.url, '?fresh&speed=instant');
  await click(page, 'phone', 'check-mail');
  await click(page, 'tablet', 'check-mail');
  const id = (await serverIds(page))[0];
  await page.locator(`[data-testid=device][data-device=phone] [data-testid=device-message][data-message-id="${id}"] [data-action=open]`).click();
  await page.keyboard.press('Escape');
  const onServer = page.locator(`[data-testid=server-message][data-message-id="${id}"]`);
  assert.equal(await onServer.getAttribute('data-flags'), '\\Seen');
  const onTablet = page.locator(`[data-testid=device][data-device=tablet] [data-testid=device-message][data-message-id="${id}"]`);
  assert.equal(await onTablet.getAttribute('data-flags'), '');
  await click(page, 'tablet', 'check-mail');
  assert.equal(await onTablet.getAttribute('data-flags'), '\\Seen');
  await page.close();
});

test('an offline tablet keeps its cache, queues a delete and replays it online', async () => {
  const { page } = await openApp(browser, site.url, '?fresh&speed=instant');
  await click(page, 'tablet', 'check-mail');
  await click(page, 'tablet', 'toggle-online');
  assert.equal(await page.locator('[data-testid=device][data-device=tablet]').getAttribute('data-online'), 'false');
  const id = (await serverIds(page))[1];
  const message = page.locator(`[data-testid=device][data-device=tablet] [data-testid=device-message][data-message-id="${id}"]`);
  await message.locator('[data-action=open]').click();
  assert.match(await page.locator('[data-testid=reader]').innerText(), /Homework: network protocols/);
  await page.keyboard.press('Escape');
  await page.locator(`[data-testid=device][data-device=tablet] [data-testid=device-message][data-folder=INBOX][data-message-id="${id}"] [data-action=delete]`).click();
  assert.ok((await serverIds(page)).includes(id), 'the server has heard nothing yet');
  assert.match(await page.locator('[data-testid=device][data-device=tablet] [data-testid=pending-actions]').innerText(), /^2 /);
  await click(page, 'tablet', 'toggle-online');
  assert.ok(!(await serverIds(page)).includes(id), 'replayed: moved out of INBOX');
  assert.equal(await page.locator('[data-testid=mail-token][data-kind=move]').count(), 0, 'with ?speed=instant no move card travels');
  const trash = await page.locator('[data-testid=server-message][data-folder=Trash]').evaluateAll((els) => els.map((e) => e.dataset.messageId));
  assert.deepEqual(trash, [id]);
  await page.close();
});

test('the terminal talks POP3 to the same server', async () => {
  const { page } = await openApp(browser, site.url, '?fresh&speed=instant');
  const input = page.locator('[data-testid=terminal-input]');
  for (const line of ['USER alice', 'PASS wonderland', 'STAT']) {
    await input.fill(line);
    await input.press('Enter');
  }
  const screen = await page.locator('[data-testid=terminal]').innerText();
  assert.match(screen, /S: \+OK 3 \d+/, 'STAT counts the three messages');
  await page.close();
});

test('at 1×, the phone deletes with "move to Trash": a card travels from INBOX to the Trash tab, whose count rises as it lands', async () => {
  const { page, errors } = await openApp(browser, site.url, '?fresh');
  const phone = page.locator('[data-testid=device][data-device=phone]');
  // The default world opens with the IDLE phone synced; its delete model is "move to Trash" (RFC 6851).
  await phone.locator('[data-testid=device-message]').nth(2).waitFor({ timeout: 20000 });
  await page.waitForFunction(() => !document.querySelector('[data-testid=mail-token]'), null, { timeout: 20000 });
  const id = (await serverIds(page))[0];
  const trashTab = page.locator('[data-testid=server] .folder-tab[data-folder=Trash]');
  assert.equal(await trashTab.getAttribute('data-count'), '0');
  // Every animation frame: the move card's place and ends, and the Trash tab's count.
  await page.evaluate(() => {
    window.__moves = [];
    window.__stop = false;
    const tick = () => {
      const card = document.querySelector('[data-testid=mail-token][data-kind=move]');
      const box = card?.getBoundingClientRect();
      window.__moves.push({
        t: performance.now(),
        card: card && { ...card.dataset, x: box.x + box.width / 2, y: box.y + box.height / 2 },
        trash: document.querySelector('[data-testid=server] .folder-tab[data-folder=Trash]').dataset.count,
      });
      if (!window.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await phone.locator(`[data-testid=device-message][data-folder=INBOX][data-message-id="${id}"] [data-action=delete]`).click();
  await page.locator('[data-testid=mail-token][data-kind=move]').waitFor({ timeout: 20000 });
  await page.waitForTimeout(400);
  await screenshot(page, 'story-move-to-trash.png');
  await page.waitForFunction(() => document.querySelector('[data-testid=server] .folder-tab[data-folder=Trash]').dataset.count === '1', null, { timeout: 20000 });
  await page.waitForTimeout(300);
  const samples = await page.evaluate(() => { window.__stop = true; return window.__moves; });
  const flying = samples.filter((s) => s.card);
  assert.ok(flying.length > 0, 'a move card was seen');
  for (const s of flying) {
    assert.deepEqual([s.card.messageId, s.card.from, s.card.to], [id, 'INBOX', 'Trash']);
  }
  const lasted = flying.at(-1).t - flying[0].t;
  assert.ok(lasted >= 500 && lasted <= 3000, `the card travelled for ${Math.round(lasted)} ms`);
  // It travels up, from the row in the list to the tab above it.
  assert.ok(flying.at(-1).card.y < flying[0].card.y - 20, `it moved (${flying[0].card.y} → ${flying.at(-1).card.y})`);
  const tab = await trashTab.boundingBox();
  const end = flying.at(-1).card;
  assert.ok(Math.abs(end.x - (tab.x + tab.width / 2)) < 60 && Math.abs(end.y - (tab.y + tab.height / 2)) < 40, `it ends at the Trash tab (${end.x},${end.y} vs ${JSON.stringify(tab)})`);
  // The count rises when the card lands, not before.
  assert.ok(flying.every((s) => s.trash === '0'), 'Trash still counts 0 while the card is on its way');
  const landed = samples.findIndex((s) => s.trash === '1');
  assert.ok(landed > samples.indexOf(flying.at(-1)), 'Trash counts 1 once the card has landed');
  assert.equal(await page.locator('[data-testid=mail-token][data-kind=move]').count(), 0, 'nothing is left travelling');
  const captions = await page.locator('[data-testid=caption]').allInnerTexts();
  assert.ok(captions.some((c) => /phone moved .* from INBOX to Trash on the server/.test(c)), captions.join('\n'));
  assert.deepEqual(errors, []);
  await page.close();
});

test('with reduced motion the move card does not travel: it waits at the Trash tab', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, reducedMotion: 'reduce' });
  await page.goto(`${site.url}?fresh`);
  await page.locator('.app[data-ready=true]').waitFor({ state: 'attached' });
  const phone = page.locator('[data-testid=device][data-device=phone]');
  await phone.locator('[data-testid=device-message]').nth(2).waitFor({ timeout: 20000 });
  await page.waitForFunction(() => !document.querySelector('[data-testid=mail-token]'), null, { timeout: 20000 });
  const id = (await serverIds(page))[0];
  await phone.locator(`[data-testid=device-message][data-folder=INBOX][data-message-id="${id}"] [data-action=delete]`).click();
  const card = page.locator('[data-testid=mail-token][data-kind=move]');
  await card.waitFor({ timeout: 20000 });
  // Measured on the next frames: the first may still start from the list until the row has been laid out.
  await page.waitForTimeout(100);
  const box = await card.boundingBox();
  const tab = await page.locator('[data-testid=server] .folder-tab[data-folder=Trash]').boundingBox();
  assert.ok(box && Math.abs(box.x + box.width / 2 - (tab.x + tab.width / 2)) < 40 && Math.abs(box.y + box.height / 2 - (tab.y + tab.height / 2)) < 30,
    `the card is at the Trash tab (${JSON.stringify(box)} vs ${JSON.stringify(tab)})`);
  await page.close();
});
