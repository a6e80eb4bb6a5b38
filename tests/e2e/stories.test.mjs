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
