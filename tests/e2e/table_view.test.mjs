// The table view (issue 17): the same world as the stage, as tables a screen reader can walk, driven with the
// keyboard alone. It follows the simulation, step back included, announces only new captions, and axe-core finds
// no serious or critical violation in it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serveDist, launch, openApp, screenshot } from './harness.mjs';

let site;
let browser;
let axeSource;
before(async () => {
  site = await serveDist();
  browser = await launch();
  axeSource = await readFile(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
});
after(async () => { await browser?.close(); await site?.close(); });

const VIEW = '[data-testid=table-view]';
const serverRows = (page, folder) => page.locator(`${VIEW} table[data-folder="${folder}"] tbody tr`);
const deviceRows = (page, id) => page.locator(`${VIEW} [data-device="${id}"] tbody tr`);

/** Presses Tab until the focused element matches `selector`, as a keyboard user would; fails if it never does. */
async function tabTo(page, selector) {
  for (let i = 0; i < 200; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Serious and critical axe-core violations inside the table view. */
async function violations(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate((s) => window.axe.run(s, { resultTypes: ['violations'] }), VIEW);
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

test('the T key and the header button switch between the stage and the table view; help lists the key', async () => {
  const { page, errors } = await openApp(browser, site.url, '?fresh&speed=instant');
  const toggle = page.locator('[data-action=table-view]');
  assert.equal(await page.locator(VIEW).count(), 0);
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');

  await page.keyboard.press('t');
  await page.locator(VIEW).waitFor();
  assert.equal(await page.locator('[data-testid=stage]').count(), 0, 'the tables take the stage\'s place');
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  await page.waitForFunction(() => document.activeElement?.id === 'table-view-title');
  // The default world: three messages in INBOX, and the IDLE phone holds them.
  assert.equal(await serverRows(page, 'INBOX').count(), 3);
  assert.equal(await deviceRows(page, 'phone').count(), 3);
  assert.deepEqual(await page.locator(`${VIEW} table[data-folder] caption`).allTextContents(),
    ['INBOX: 3 messages', 'Sent: 0 messages', 'Trash: 0 messages', 'Archive: 0 messages']);
  assert.equal(await page.locator(`${VIEW} [data-device=phone] [data-action=delete]`).first().getAttribute('aria-label'),
    'Delete “Lunch on Friday?” on the phone');

  // The card's settings are here too: the laptop set to leave mail on the server says so at once.
  const laptop = page.locator(`${VIEW} [data-device=laptop]`);
  assert.equal(await laptop.locator('summary').getAttribute('aria-label'), 'Settings on the laptop');
  await laptop.locator('summary').focus();
  await page.keyboard.press('Enter');
  await laptop.locator('[data-testid=device-preset]').selectOption('pop3-keep');
  await page.waitForFunction(() => /leave on server/.test(document.querySelector('[data-testid=table-view] [data-device=laptop] > p')?.textContent));

  // Keys typed into a field are the field's: the shortcut works again once the focus is on a button.
  await toggle.focus();
  await page.keyboard.press('t');
  await page.locator('[data-testid=stage]').waitFor();
  assert.equal(await page.locator(VIEW).count(), 0);

  await toggle.click();
  await page.locator(VIEW).waitFor();
  await toggle.click();
  await page.locator('[data-testid=stage]').waitFor();

  await page.keyboard.press('?');
  const help = page.locator('[data-testid=help]');
  await help.waitFor();
  assert.match(await help.innerText(), /\bT\s+Table view/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a POP3 lesson driven by the keyboard alone: the tables follow the world, the new caption is announced, step back undoes it', async () => {
  const { page, errors } = await openApp(browser, site.url, '?fresh&lesson=pop3-download-and-delete&speed=instant');
  await page.keyboard.press('t');
  await page.locator(VIEW).waitFor();
  const announcer = page.locator('[data-testid=table-view-announcer]');
  assert.equal(await announcer.getAttribute('aria-live'), 'polite');
  assert.equal(await serverRows(page, 'INBOX').count(), 3);
  assert.equal(await deviceRows(page, 'laptop').count(), 0);

  // Step 1 tells; step 2 asks how many messages stay on the server, and runs the laptop's check.
  await tabTo(page, '[data-action=lesson-next]');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid=lesson-panel]')?.dataset.step === '2');
  // Everything the live region says from now on, in order.
  await announcer.evaluate((e) => {
    window.__said = [];
    new MutationObserver(() => window.__said.push(e.textContent)).observe(e, { childList: true, characterData: true, subtree: true });
  });
  await tabTo(page, '[data-testid=lesson-choice][data-answer="0"]');
  await page.keyboard.press('Space');
  await tabTo(page, '[data-action=lesson-run]');
  await page.keyboard.press('Enter');
  await page.locator('[data-testid=reveal]').waitFor();

  // RFC 1939 §6: the laptop took all three and the server removed them at QUIT.
  assert.equal(await serverRows(page, 'INBOX').count(), 0);
  assert.equal(await deviceRows(page, 'laptop').count(), 3);
  assert.match(await page.locator(`${VIEW} [data-device=laptop] > p`).innerText(), /^POP3 · online · download and delete/);
  const newest = await page.locator(`${VIEW} ol li`).last().textContent();
  assert.match(newest, /laptop/i);
  assert.equal(await announcer.textContent(), newest, 'the live region holds the newest caption only');
  const said = await page.evaluate(() => window.__said);
  assert.ok(said.length >= 1, 'the live region changed');
  assert.ok(said.every((text, i) => i === 0 || text !== said[i - 1]), `no caption is announced twice in a row: ${JSON.stringify(said)}`);

  // The laptop's own buttons, by keyboard: flag a message, then delete another.
  const lunch = `${VIEW} [data-device=laptop] tr[data-message-id="1.default@mailroom.example"]`;
  await tabTo(page, `${lunch} [data-action=flag]`);
  await page.keyboard.press('Enter');
  await page.waitForFunction((s) => document.querySelector(s)?.getAttribute('aria-pressed') === 'true', `${lunch} [data-action=flag]`);
  assert.match(await page.locator(`${lunch} td`).nth(2).textContent(), /Flagged/);
  const bike = `${VIEW} [data-device=laptop] tr[data-message-id="3.default@mailroom.example"]`;
  await tabTo(page, `${bike} [data-action=delete]`);
  await page.keyboard.press('Enter');
  await page.locator(bike).waitFor({ state: 'detached' });
  assert.equal(await deviceRows(page, 'laptop').count(), 2);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'table-view-laptop', 'the focus stays with the laptop');

  await screenshot(page, 'table-view-1280.png');
  assert.deepEqual(await violations(page), []);

  // Step back (←), moment by moment: before QUIT the server still held the three, marked for deletion; before
  // the check, the laptop held nothing.
  let marked = false;
  for (let i = 0; i < 150 && (await deviceRows(page, 'laptop').count()) > 0; i++) {
    await page.keyboard.press('ArrowLeft');
    const flags = await serverRows(page, 'INBOX').locator('td:nth-of-type(2)').allTextContents();
    marked ||= flags.length === 3 && flags.every((f) => f.includes('marked for deletion'));
  }
  assert.ok(marked, 'stepping back shows the three messages marked with DELE before QUIT');
  assert.equal(await deviceRows(page, 'laptop').count(), 0);
  assert.equal(await serverRows(page, 'INBOX').count(), 3);
  assert.deepEqual(errors, []);
  await page.close();
});

test('on a phone upright the table view fits the screen, and axe-core finds nothing serious in Chinese either', async () => {
  const { page, errors } = await openApp(browser, site.url, '?fresh&speed=instant&lang=zh', { width: 390, height: 844 });
  await page.locator('[data-action=table-view]').click();
  await page.locator(VIEW).waitFor();
  assert.equal(await page.locator(`${VIEW} [data-device=phone] [data-action=flag]`).first().getAttribute('aria-label'),
    '在手机上标记“Lunch on Friday?”');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no sideways scroll (${width} px)`);
  await page.locator(`${VIEW} [data-device=laptop] h3`).scrollIntoViewIfNeeded();
  await screenshot(page, 'table-view-390.png');
  assert.deepEqual(await violations(page), []);
  assert.deepEqual(errors, []);
  await page.close();
});
