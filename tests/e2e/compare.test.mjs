// Compare mode: the same clicks drive an all-POP3 world and an all-IMAP world side by side (?speed=instant).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openApp, screenshot } from './harness.mjs';

let site;
let browser;
before(async () => { site = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await site?.close(); });

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the normal world shows: server messages, each device's messages, the clock. */
const normalWorld = (page) => page.evaluate(() => ({
  server: [...document.querySelectorAll('[data-testid=server-message]')].map((e) => `${e.dataset.folder}/${e.dataset.messageId}/${e.dataset.flags}`),
  devices: [...document.querySelectorAll('[data-testid=device]')].map((d) => [
    d.dataset.device, d.dataset.protocol,
    [...d.querySelectorAll('[data-testid=device-message]')].map((m) => m.dataset.messageId),
  ]),
  ms: document.querySelector('[data-testid=sim-time]').dataset.ms,
}));

/** One side as the page shows it: numbers from the data attributes and from the visible text. */
const sideOf = (page, protocol) => page.evaluate((protocol) => {
  const side = document.querySelector(`[data-testid=compare-side][data-protocol=${protocol}]`);
  const server = side.querySelector('[data-testid=compare-server]');
  const cell = (name) => server.querySelector(`[data-cell=${name}]`);
  return {
    messages: Number(server.dataset.messages),
    octets: Number(server.dataset.octets),
    messagesText: cell('messages').querySelector('strong').textContent,
    octetsText: cell('octets').querySelector('strong').textContent,
    messagesDiverged: cell('messages').dataset.diverged,
    octetsDiverged: cell('octets').dataset.diverged,
    devices: Object.fromEntries([...side.querySelectorAll('[data-testid=compare-device]')].map((d) => [d.dataset.device, {
      count: Number(d.dataset.count),
      countText: d.querySelector('[data-testid=compare-count]').textContent,
      diverged: d.dataset.diverged,
      marked: d.classList.contains('diverged'),
      subjects: [...d.querySelectorAll('.compare-subjects li[data-message-id]')].map((li) => li.textContent),
    }])),
  };
}, protocol);

test('compare mode: the same checks empty the POP3 server while the IMAP server keeps every message', async () => {
  const { page, errors } = await openApp(browser, site.url, '?fresh&speed=instant');
  const toggle = page.locator('[data-action=compare]');
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  const before = await normalWorld(page);

  await toggle.click();
  const compare = page.locator('[data-testid=compare]');
  await compare.waitFor();
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  assert.equal(await page.locator('[data-testid=stage]').count(), 0, 'the compare view takes the stage');
  assert.deepEqual(await compare.locator('[data-testid=compare-side]').evaluateAll((els) => els.map((e) => e.dataset.protocol)), ['pop3', 'imap']);
  assert.equal(await compare.locator('[data-diverged=true]').count(), 0, 'the two worlds start alike');

  const devices = await compare.locator('[data-action=check-mail]').evaluateAll((els) => els.map((e) => e.dataset.device));
  assert.deepEqual(devices, ['laptop', 'phone', 'tablet']);
  const checkEveryDevice = async () => {
    for (const device of devices) await compare.locator(`[data-action=check-mail][data-device=${device}]`).click();
  };
  await checkEveryDevice();
  await page.locator('[data-action=send-mail]').click();
  await checkEveryDevice();

  const pop3 = await sideOf(page, 'pop3');
  const imap = await sideOf(page, 'imap');
  // POP3: the laptop checked first each time and took everything; the server and the others are left empty.
  assert.equal(pop3.messages, 0);
  assert.equal(pop3.octets, 0);
  assert.deepEqual(Object.values(pop3.devices).map((d) => d.count), [4, 0, 0]);
  // IMAP: the server keeps all four and every device holds a copy.
  assert.equal(imap.messages, 4);
  assert.ok(imap.octets > 0);
  assert.deepEqual(Object.values(imap.devices).map((d) => d.count), [4, 4, 4]);
  assert.ok(imap.devices.phone.subjects.includes('Re: Lunch on Friday?'), 'the sent mail is listed by subject');

  for (const side of [pop3, imap]) {
    assert.equal(side.messagesText, String(side.messages), 'the text shows the message count');
    assert.equal(side.octetsText, String(side.octets), 'the text shows the octets');
    assert.equal(side.messagesDiverged, 'true');
    assert.equal(side.octetsDiverged, 'true');
    for (const device of Object.values(side.devices)) {
      assert.equal(device.countText, String(device.count), 'the text shows the device count');
      assert.equal(device.subjects.length, device.count, 'one subject per message');
    }
    // The laptop holds the same four messages in both worlds; the phone and the tablet do not.
    assert.deepEqual([side.devices.laptop.diverged, side.devices.phone.diverged, side.devices.tablet.diverged], ['false', 'true', 'true']);
    assert.deepEqual([side.devices.laptop.marked, side.devices.phone.marked], [false, true]);
  }
  assert.equal(await compare.locator('.compare-folder[data-folder=INBOX][data-diverged=true]').count(), 2);

  // Time passes in both worlds, and the clock shows it.
  await page.locator('[data-action=warp-day]').click();
  assert.ok(Number(await page.locator('[data-testid=sim-time]').getAttribute('data-ms')) >= DAY_MS);
  assert.equal(await compare.locator('[data-testid=compare-refused]').count(), 0);

  await page.setViewportSize({ width: 1280, height: 720 });
  await screenshot(page, 'compare.png');

  await toggle.click();
  await page.locator('[data-testid=stage]').waitFor();
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  assert.equal(await page.locator('[data-testid=compare]').count(), 0);
  assert.deepEqual(await normalWorld(page), before, 'the normal world is as it was');
  assert.deepEqual(errors, []);
  await page.close();
});

test('compare mode: an action one world refuses is reported on that side and done on the other', async () => {
  const { page, errors } = await openApp(browser, site.url, '?fresh&speed=instant&lang=zh');
  await page.locator('[data-action=compare]').click();
  const compare = page.locator('[data-testid=compare]');
  await compare.waitFor();
  assert.match(await compare.innerText(), /所有设备都用 POP3/);
  // Losing the UIDL list is a POP3 client's fault: the IMAP laptop has none to lose.
  await page.locator('[data-testid=fault]').selectOption('uidl-state-lost');
  const refused = compare.locator('[data-testid=compare-refused]');
  assert.equal(await refused.count(), 1);
  assert.equal(await refused.evaluate((e) => e.closest('[data-testid=compare-side]').dataset.protocol), 'imap');
  assert.match(await refused.innerText(), /这一边拒绝了此操作/);
  assert.equal(await page.locator('[data-testid=error]').count(), 0, 'no page-wide error: one side did it');
  // The next action that both accept clears the note.
  await compare.locator('[data-action=check-mail][data-device=laptop]').click();
  assert.equal(await refused.count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('compare mode animates: at 8× both worlds run on the clock until the POP3 laptop has emptied its server', async () => {
  const { page, errors } = await openApp(browser, site.url, '?fresh');
  await page.locator('[data-testid=speed]').selectOption('8');
  await page.locator('[data-action=compare]').click();
  const compare = page.locator('[data-testid=compare]');
  await compare.locator('[data-action=check-mail][data-device=laptop]').click();
  await compare.locator('[data-testid=compare-side][data-protocol=pop3] [data-testid=compare-server][data-messages="0"]').waitFor({ timeout: 20000 });
  await compare.locator('[data-testid=compare-side][data-protocol=imap] [data-testid=compare-device][data-device=laptop][data-count="3"]').waitFor({ timeout: 20000 });
  assert.equal(await compare.locator('[data-testid=compare-side][data-protocol=imap] [data-testid=compare-server]').getAttribute('data-messages'), '3');
  assert.ok(Number(await page.locator('[data-testid=sim-time]').getAttribute('data-ms')) > 0, 'the clock ran');
  assert.deepEqual(errors, []);
  await page.close();
});

/** Watches both sides' small stages frame by frame (in the page, so no frame is missed) until each has shown a card
 * from the server to `device` on enough frames, or `ms` pass; returns per side the frames the card was seen on, its
 * positions along the wire, whether it stayed inside its side's stage, and the change tokens seen. */
const watchStages = (page, device, { frames = 6, ms = 20000 } = {}) => page.evaluate(({ device, frames, ms }) => new Promise((resolve) => {
  const seen = { pop3: { frames: 0, xs: [], inside: true, changes: [] }, imap: { frames: 0, xs: [], inside: true, changes: [] } };
  const start = performance.now();
  const frame = () => {
    for (const protocol of ['pop3', 'imap']) {
      const side = document.querySelector(`[data-testid=compare-side][data-protocol=${protocol}]`);
      const stage = side.querySelector('[data-testid=compare-stage]');
      const card = side.querySelector(`[data-testid=mail-token][data-from=server][data-to=${device}]`);
      if (card) {
        seen[protocol].frames += 1;
        seen[protocol].xs.push(card.parentElement.style.getPropertyValue('--x'));
        const c = card.getBoundingClientRect();
        const s = stage.getBoundingClientRect();
        const centreX = c.left + c.width / 2;
        const centreY = c.top + c.height / 2;
        if (!card.closest('[data-testid=compare-stage]') || centreX < s.left || centreX > s.right || centreY < s.top || centreY > s.bottom) seen[protocol].inside = false;
      }
      for (const t of side.querySelectorAll('[data-testid=change-token]')) {
        const key = `${t.dataset.kind}:${t.dataset.from}>${t.dataset.to}`;
        if (!seen[protocol].changes.includes(key)) seen[protocol].changes.push(key);
      }
    }
    const enough = seen.pop3.frames >= frames && seen.imap.frames >= frames && seen.pop3.changes.length > 0;
    if (enough || performance.now() - start > ms) resolve(seen);
    else requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}), { device, frames, ms });

test('compare mode: at 1× each side has a small stage where the checked mail travels its wires as cards', async () => {
  const { page, errors } = await openApp(browser, site.url, '?fresh');
  await page.locator('[data-action=compare]').click();
  const compare = page.locator('[data-testid=compare]');
  await compare.waitFor();
  for (const protocol of ['pop3', 'imap']) {
    const side = compare.locator(`[data-testid=compare-side][data-protocol=${protocol}]`);
    assert.equal(await side.locator('[data-testid=compare-stage]').count(), 1, `${protocol}: one small stage`);
    assert.deepEqual(await side.locator('[data-testid=compare-link]').evaluateAll((els) => els.map((e) => e.dataset.device)), ['laptop', 'phone', 'tablet']);
    assert.equal(await side.locator('[data-testid=compare-link].' + protocol).count(), 3, `${protocol}: every wire in the side's protocol`);
  }
  // Both stages fit a projector's 1280×720 side by side, without scrolling.
  const boxes = await compare.locator('[data-testid=compare-stage]').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()));
  for (const b of boxes) {
    assert.ok(b.top >= 0 && b.left >= 0 && b.bottom <= 720 && b.right <= 1280, `a stage inside the viewport: ${JSON.stringify(b)}`);
    assert.ok(b.height >= 120 && b.width >= 300, `a stage large enough to watch: ${JSON.stringify(b)}`);
  }
  assert.ok(boxes[0].right <= boxes[1].left, 'POP3 left of IMAP');

  await compare.locator('[data-action=check-mail][data-device=laptop]').click();
  // Mid-flight: a card is on the POP3 laptop's wire.
  await compare.locator('[data-testid=compare-side][data-protocol=pop3] [data-testid=compare-stage] [data-testid=mail-token][data-from=server][data-to=laptop]').waitFor({ timeout: 15000 });
  await screenshot(page, 'compare-flight-1280.png');
  const seen = await watchStages(page, 'laptop');
  for (const protocol of ['pop3', 'imap']) {
    const s = seen[protocol];
    assert.ok(s.frames >= 6, `${protocol}: a card from the server to the laptop on ${s.frames} frames`);
    assert.ok(new Set(s.xs).size >= 3, `${protocol}: the card moves along its wire (${s.xs.join(' ')})`);
    assert.ok(s.inside, `${protocol}: the card stays inside its side's stage`);
  }
  // POP3 deletes what it took: the laptop's DELE travels up as a change token; IMAP leaves the server's copies alone.
  assert.ok(seen.pop3.changes.includes('deleted:laptop>server'), `POP3 change tokens: ${seen.pop3.changes}`);
  assert.ok(!seen.imap.changes.some((c) => c.startsWith('deleted')), `IMAP change tokens: ${seen.imap.changes}`);
  // Compare mode has no flag buttons: an IMAP flag change cannot be made here, so none is looked for.
  // The cells still count what arrived.
  await compare.locator('[data-testid=compare-side][data-protocol=pop3] [data-testid=compare-server][data-messages="0"]').waitFor({ timeout: 20000 });
  // A mail from outside travels both sides' sender wires at once.
  await page.locator('[data-action=send-mail]').click();
  for (const protocol of ['pop3', 'imap']) {
    await compare.locator(`[data-testid=compare-side][data-protocol=${protocol}] [data-testid=compare-stage] [data-testid=mail-token][data-from=sender][data-to=server]`).waitFor({ timeout: 15000 });
  }
  await screenshot(page, 'compare-both-1280.png');
  assert.deepEqual(errors, []);
  await page.close();
});

test('compare mode on a phone: the sides stack, their stages fit, the page never scrolls sideways', async () => {
  const { page, errors } = await openApp(browser, site.url, '?fresh', { width: 390, height: 844 });
  await page.locator('[data-action=compare]').click();
  const compare = page.locator('[data-testid=compare]');
  await compare.waitFor();
  await compare.locator('[data-action=check-mail][data-device=laptop]').click();
  await compare.locator('[data-testid=compare-side][data-protocol=pop3] [data-testid=mail-token]').first().waitFor({ timeout: 15000 });
  const layout = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
    stages: [...document.querySelectorAll('[data-testid=compare-stage]')].map((e) => e.getBoundingClientRect().toJSON()),
  }));
  assert.ok(layout.scrollWidth <= layout.clientWidth, `no sideways scroll: ${layout.scrollWidth} > ${layout.clientWidth}`);
  assert.equal(layout.stages.length, 2);
  assert.ok(layout.stages[0].bottom <= layout.stages[1].top, 'the IMAP side under the POP3 side');
  for (const b of layout.stages) assert.ok(b.left >= 0 && b.right <= 390, `a stage within the width: ${JSON.stringify(b)}`);
  await compare.locator('[data-testid=compare-stage]').first().scrollIntoViewIfNeeded();
  await screenshot(page, 'compare-phone-390.png');
  assert.deepEqual(errors, []);
  await page.close();
});

test('compare mode: nothing travels at instant speed, cards wait at their end with reduced motion, Arabic mirrors the stages', async () => {
  // ?speed=instant: the checks are done at once and no card is drawn.
  {
    const { page, errors } = await openApp(browser, site.url, '?fresh&speed=instant&lang=ar');
    await page.locator('[data-action=compare]').click();
    const compare = page.locator('[data-testid=compare]');
    await compare.locator('[data-action=check-mail][data-device=laptop]').click();
    assert.equal(await compare.locator('[data-testid=compare-side][data-protocol=pop3] [data-testid=compare-server]').getAttribute('data-messages'), '0');
    assert.equal(await compare.locator('[data-testid=mail-token], [data-testid=change-token]').count(), 0);
    // Right to left: the laptop's wire starts right of the middle on both sides.
    const x1 = await compare.locator('[data-testid=compare-link][data-device=laptop]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('x1'))));
    assert.deepEqual(x1.map((x) => x > 50), [true, true], `mirrored: ${x1}`);
    assert.deepEqual(errors, []);
    await page.close();
  }
  // Reduced motion: a card is drawn at its destination, the laptop's end of the wire, and stays there.
  {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, reducedMotion: 'reduce' });
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(site.url + '?fresh');
    await page.locator('.app[data-ready=true]').waitFor({ state: 'attached' });
    await page.locator('[data-action=compare]').click();
    const side = page.locator('[data-testid=compare-side][data-protocol=pop3]');
    await page.locator('[data-action=check-mail][data-device=laptop]').click();
    const card = side.locator('[data-testid=mail-token][data-from=server][data-to=laptop]').first();
    await card.waitFor({ timeout: 15000 });
    const [x, end] = await card.evaluate((c) => [
      Number(c.parentElement.style.getPropertyValue('--x')),
      Number(c.closest('[data-testid=compare-side]').querySelector('[data-testid=compare-link][data-device=laptop]').getAttribute('x1')),
    ]);
    assert.equal(x, end, 'the card waits at the laptop');
    assert.deepEqual(errors, []);
    await page.close();
  }
});
