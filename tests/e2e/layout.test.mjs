// One stage for every screen: a phone upright, an old projector, a laptop with a lesson open, a big projector.
// And no serious or critical accessibility violation (axe-core) on any view.
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

/** The page's scroll size, and every visible control outside a scroll box that sticks out of the viewport. */
async function measure(page) {
  return page.evaluate(() => {
    const inScrollBox = (e) => e.closest('.list-scroll, .transcript-scroll, .lesson, .screen, .dialog, details:not([open])');
    const controls = [...document.querySelectorAll('button, select, input, summary, [role=tab]')]
      .filter((e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden' && !inScrollBox(e));
    const outside = controls.filter((e) => {
      const r = e.getBoundingClientRect();
      return r.left < -1 || r.top < -1 || r.right > innerWidth + 1 || (r.bottom > innerHeight + 1 && document.documentElement.scrollHeight <= innerHeight);
    }).map((e) => e.outerHTML.slice(0, 80));
    const small = controls.filter((e) => {
      const r = e.getBoundingClientRect();
      return r.width < 44 || r.height < 44;
    }).map((e) => `${Math.round(e.getBoundingClientRect().width)}×${Math.round(e.getBoundingClientRect().height)} ${e.outerHTML.slice(0, 60)}`);
    const px = (selector) => [...document.querySelectorAll(selector)].map((e) => parseFloat(getComputedStyle(e).fontSize));
    return {
      scrollWidth: document.documentElement.scrollWidth,
      scrollHeight: document.documentElement.scrollHeight,
      innerWidth,
      innerHeight,
      outside,
      small,
      captionPx: px('[data-testid=caption]'),
      wirePx: px('[data-testid=transcript-line]'),
      stageTop: document.querySelector('[data-testid=stage]').getBoundingClientRect().top,
      transcriptTop: document.querySelector('[data-testid=transcript]').getBoundingClientRect().top,
    };
  });
}

test('390×844, a phone upright: no sideways scroll, the stage first, every tap target at least 44 px', async () => {
  const { page, errors } = await openApp(browser, site.url, '?fresh', { width: 390, height: 844 });
  const m = await measure(page);
  await page.screenshot({ path: (await screenshot(page, 'layout-390.png')).replace('.png', '-full.png'), fullPage: true });
  assert.ok(m.scrollWidth <= m.innerWidth, `no sideways scroll (${m.scrollWidth} px wide)`);
  // The stage first; the transcript and the terminal are views of their own, chosen in the bar at the bottom.
  assert.ok(await page.locator('[data-testid=stage]').isVisible(), 'the stage is shown first');
  assert.equal(await page.locator('[data-testid=transcript]').isVisible(), false);
  const bar = await page.locator('.phone-views').boundingBox();
  assert.ok(Math.abs(bar.y + bar.height - 844) <= 1, `the view bar sits at the bottom (${JSON.stringify(bar)})`);
  assert.deepEqual(m.outside, [], 'no control sticks out sideways');
  assert.deepEqual(m.small, [], 'tap targets are at least 44 px');
  for (const id of ['laptop', 'phone', 'tablet']) {
    const box = await page.locator(`[data-testid=device][data-device=${id}]`).boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= 390, `${id} is on screen sideways`);
  }
  await page.locator('[data-action=phone-view][data-view=transcript]').click();
  assert.ok(await page.locator('[data-testid=transcript-line]').last().isVisible(), 'the newest line is in view');
  assert.equal(await page.locator('[data-testid=stage]').isVisible(), false);
  await page.locator('[data-action=phone-view][data-view=terminal]').click();
  assert.ok(await page.locator('[data-testid=terminal-input]').isVisible());
  const views = await measure(page);
  assert.deepEqual(views.small, [], 'tap targets are at least 44 px in every view');
  assert.ok(views.scrollWidth <= views.innerWidth);
  await page.locator('[data-action=phone-view][data-view=stage]').click();
  assert.ok(await page.locator('[data-testid=stage]').isVisible());
  assert.deepEqual(errors, []);
  await page.close();
});

for (const [width, height, query, name] of [
  [1024, 768, '?fresh', 'an old projector'],
  [1280, 720, '?fresh&lesson=pop3-download-and-delete', 'a laptop with a lesson open'],
]) {
  test(`${width}×${height}, ${name}: no scrollbars, nothing cut off, readable text`, async () => {
    const { page, errors } = await openApp(browser, site.url, query, { width, height });
    const m = await measure(page);
    await screenshot(page, `layout-${width}.png`);
    assert.ok(m.scrollWidth <= width && m.scrollHeight <= height, `no page scroll (${m.scrollWidth}×${m.scrollHeight})`);
    assert.deepEqual(m.outside, [], 'every control is inside the viewport');
    assert.ok(Math.min(...m.captionPx) >= 13, `captions are readable (${m.captionPx})`);
    if (query.includes('lesson')) {
      const next = page.locator('[data-testid=lesson-panel] [data-action=lesson-next]');
      const box = await next.boundingBox();
      assert.ok(box && box.y + box.height <= height, "the lesson's own Next button is visible");
      const transcript = await page.locator('[data-testid=transcript]').boundingBox();
      assert.ok(transcript.height >= 150, `the transcript keeps room to read (${transcript.height} px)`);
    }
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('1920×1080 projector: the stage fills the screen, captions and transcript at least 24 px', async () => {
  const { page, errors } = await openApp(browser, site.url, '?fresh', { width: 1920, height: 1080 });
  await page.locator('[data-action=projector], button:has-text("Projector")').first().click();
  await page.locator('[data-testid=device][data-device=laptop] [data-action=check-mail]').click();
  await page.waitForTimeout(2500);
  const m = await measure(page);
  await screenshot(page, 'layout-1920-projector.png');
  assert.ok(m.scrollWidth <= 1920 && m.scrollHeight <= 1080, `no page scroll (${m.scrollWidth}×${m.scrollHeight})`);
  assert.ok(Math.min(...m.captionPx) >= 24, `captions ${m.captionPx}`);
  assert.ok(m.wirePx.length > 0 && Math.min(...m.wirePx) >= 24, `transcript ${m.wirePx}`);
  // Before the laptop's QUIT the server still lists all three: the projector shows at least two rows whole.
  const whole = await page.evaluate(() => {
    const box = document.querySelector('[data-testid=server] .list-scroll').getBoundingClientRect();
    return [...document.querySelectorAll('[data-testid=server-message]:not([hidden])')]
      .map((row) => row.getBoundingClientRect())
      .filter((r) => r.top >= box.top - 1 && r.bottom <= box.bottom + 1).length;
  });
  assert.ok(whole >= 2, `${whole} server rows shown whole`);
  assert.deepEqual(errors, []);
  await page.close();
});

/** The projector's known faults, measured: the storage footer against the server panel, server rows cut at the top
 * of their list (scrolled to the newest), and device rows whose sender or subject is cut. */
async function projectorFaults(page) {
  return page.evaluate(() => {
    const server = document.querySelector('[data-testid=server]').getBoundingClientRect();
    const storage = document.querySelector('[data-testid=server-storage]').getBoundingClientRect();
    const list = document.querySelector('[data-testid=server] .list-scroll');
    list.scrollTop = 0; // bottom-up: 0 is the newest end
    const top = list.getBoundingClientRect().top;
    const cut = [...document.querySelectorAll('[data-testid=server-message]:not([hidden])')]
      .map((row) => [row.dataset.uid, row.getBoundingClientRect()])
      .filter(([, r]) => r.top < top - 1 && r.bottom > top + 1)
      .map(([uid, r]) => `uid ${uid}: ${Math.round(r.top)}..${Math.round(r.bottom)} under the list's top ${Math.round(top)}`);
    const truncated = [...document.querySelectorAll('[data-testid=device-message] :is(.from, .subject)')]
      .filter((e) => e.scrollWidth > e.clientWidth + 1)
      .map((e) => `${e.closest('[data-testid=device]').dataset.device}: “${e.textContent}” ${e.scrollWidth} > ${e.clientWidth}`);
    const rect = (r) => [r.left, r.top, r.right, r.bottom].map(Math.round).join(',');
    return {
      storageInside: storage.left >= server.left - 1 && storage.right <= server.right + 1
        && storage.top >= server.top - 1 && storage.bottom <= server.bottom + 1,
      storage: rect(storage),
      server: rect(server),
      cut,
      truncated,
      scrollWidth: document.documentElement.scrollWidth,
      scrollHeight: document.documentElement.scrollHeight,
    };
  });
}

test('1920×1080 projector after some play: the storage footer inside the server, whole server rows at the top, device rows not cut', async () => {
  for (const scheme of ['light', 'dark']) {
    const { page, errors } = await openApp(browser, site.url, '?fresh', { width: 1920, height: 1080 });
    await page.emulateMedia({ colorScheme: scheme });
    await page.keyboard.press('p');
    // Two mails from outside: the IDLE phone is pushed both, then the tablet checks; the server's INBOX holds five.
    const held = (id) => page.locator(`[data-testid=device][data-device=${id}] [data-testid=message-count][data-count="5"]`);
    await page.locator('[data-action=send-mail]').click();
    await page.locator('[data-action=send-mail]').click();
    await held('phone').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid=device][data-device=tablet] [data-action=check-mail]').click();
    await held('tablet').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(2500); // arriving rows settle
    const f = await projectorFaults(page);
    await screenshot(page, `layout-1920-projector-played-${scheme}.png`);
    assert.ok(f.storageInside, `the storage footer ${f.storage} lies within the server panel ${f.server}`);
    assert.deepEqual(f.cut, [], 'no server row is cut at the top of its list');
    assert.deepEqual(f.truncated, [], "no device row's sender or subject is cut");
    assert.ok(f.scrollWidth <= 1920 && f.scrollHeight <= 1080, `no page scroll (${f.scrollWidth}×${f.scrollHeight})`);
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('1920×1080 projector: while the laptop downloads, the server shows all three messages whole, the DELE\'d one marked, and the phone and tablet theirs', async () => {
  const { page, errors } = await openApp(browser, site.url, '?fresh', { width: 1920, height: 1080 });
  await page.keyboard.press('p');
  await page.locator('[data-testid=device][data-device=tablet] [data-action=check-mail]').click();
  await page.locator('[data-testid=device][data-device=tablet] [data-testid=message-count][data-count="3"]').waitFor({ timeout: 30_000 });
  await page.locator('[data-testid=device][data-device=laptop] [data-action=check-mail]').click();
  await page.locator('[data-testid=server-message][data-state=marked-deleted]').first().waitFor({ timeout: 30_000 });
  const rows = await page.evaluate(() => {
    const list = document.querySelector('[data-testid=server] .list-scroll').getBoundingClientRect();
    return [...document.querySelectorAll('[data-testid=server-message][data-folder=INBOX]')].map((e) => {
      const r = e.getBoundingClientRect();
      return { id: e.dataset.messageId, state: e.dataset.state, whole: r.top >= list.top - 1 && r.bottom <= list.bottom + 1 };
    });
  });
  assert.equal(rows.length, 3);
  assert.ok(rows.every((r) => r.whole), `every row whole: ${JSON.stringify(rows)}`);
  assert.ok(rows.some((r) => r.state === 'marked-deleted'));
  // The captions by now tell three steps of the story; the cards keep room for their three rows.
  const cards = await page.evaluate(() => ['phone', 'tablet'].map((id) => {
    const card = document.querySelector(`[data-testid=device][data-device=${id}]`);
    const list = card.querySelector('.list-scroll').getBoundingClientRect();
    const rows = [...card.querySelectorAll('[data-testid=device-message]')].map((e) => e.getBoundingClientRect());
    return `${id} ${rows.filter((r) => r.top >= list.top - 1 && r.bottom <= list.bottom + 1).length}/${rows.length}`;
  }));
  assert.deepEqual(cards, ['phone 3/3', 'tablet 3/3']);
  assert.deepEqual(errors, []);
  await page.close();
});

for (const [width, height] of [[1024, 768], [1280, 720]]) {
  test(`projector mode on a ${width}×${height} projector: no scrollbars, the server's three messages whole, its footer inside`, async () => {
    const { page, errors } = await openApp(browser, site.url, '?fresh', { width, height });
    await page.keyboard.press('p');
    await page.locator('[data-testid=device][data-device=tablet] [data-action=check-mail]').click();
    await page.locator('[data-testid=device][data-device=tablet] [data-testid=message-count][data-count="3"]').waitFor({ timeout: 30_000 });
    const m = await page.evaluate(() => {
      const server = document.querySelector('[data-testid=server]').getBoundingClientRect();
      const list = document.querySelector('[data-testid=server] .list-scroll').getBoundingClientRect();
      const footer = document.querySelector('[data-testid=server-storage]').getBoundingClientRect();
      const rows = [...document.querySelectorAll('[data-testid=server-message][data-folder=INBOX]')].map((e) => e.getBoundingClientRect());
      return {
        scroll: [document.documentElement.scrollWidth, document.documentElement.scrollHeight],
        whole: rows.filter((r) => r.top >= list.top - 1 && r.bottom <= list.bottom + 1).length,
        footerInside: (footer.bottom <= server.bottom + 1 && footer.top >= server.top - 1),
      };
    });
    await screenshot(page, `layout-${width}-projector.png`);
    assert.deepEqual(m.scroll, [width, height], 'no page scroll either way');
    assert.equal(m.whole, 3, 'the server shows its three messages whole');
    assert.ok(m.footerInside, 'the storage footer stays inside the server');
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test("a mail from outside adds the sender to the transcript's filter without widening the page", async () => {
  for (const [width, height] of [[1024, 768], [1280, 720], [1920, 1080]]) {
    const { page, errors } = await openApp(browser, site.url, '?fresh', { width, height });
    await page.locator('[data-action=send-mail]').click();
    await page.locator('[data-testid=transcript-filter] option[value="@sender"]').waitFor({ state: 'attached' });
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scrollWidth <= width, `${width}: no sideways scroll (${scrollWidth})`);
    assert.deepEqual(errors, []);
    await page.close();
  }
});

/** Serious and critical axe-core violations on the page as it is. */
async function violations(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

test('axe-core finds no serious or critical violation on any view', async () => {
  const views = [
    ['default', '?fresh', { width: 1280, height: 720 }, async () => {}],
    ['mid-session', '?fresh', { width: 1280, height: 720 }, async (page) => {
      await page.locator('[data-testid=device][data-device=laptop] [data-action=check-mail]').click();
      await page.locator('[data-testid=mail-token]').first().waitFor({ timeout: 20000 });
    }],
    ['lesson', '?fresh&lesson=pop3-download-and-delete', { width: 1280, height: 720 }, async () => {}],
    ['compare', '?fresh&speed=instant', { width: 1280, height: 720 }, async (page) => {
      await page.locator('button:has-text("Compare")').first().click();
      await page.locator('[data-testid=compare]').waitFor();
    }],
    ['zh', '?fresh&lang=zh', { width: 1280, height: 720 }, async () => {}],
    ['help', '?fresh', { width: 1280, height: 720 }, async (page) => {
      await page.locator('.help-button').click();
    }],
    ['phone', '?fresh', { width: 390, height: 844 }, async () => {}],
    ['challenges list', '?fresh&speed=instant', { width: 1280, height: 720 }, async (page) => {
      await page.locator('[data-action=challenges]').click();
    }],
    ['challenge', '?fresh&challenge=both-see-all', { width: 1280, height: 720 }, async (page) => {
      await page.locator('[data-action=challenge-hint]').click();
    }],
    ['challenge on a phone', '?fresh&challenge=offline-delete', { width: 390, height: 844 }, async () => {}],
    ['challenge builder', '?fresh&speed=instant', { width: 1280, height: 720 }, async (page) => {
      await page.locator('[data-action=challenges]').click();
      await page.locator('[data-action=build-challenge]').click();
    }],
  ];
  const found = {};
  for (const [name, query, viewport, prepare] of views) {
    const { page } = await openApp(browser, site.url, query, viewport);
    await prepare(page);
    const v = await violations(page);
    if (v.length) found[name] = v;
    await page.close();
  }
  assert.deepEqual(found, {});
});

test('the open message sits beside the stage, never over it, so its \\Seen is seen crossing the wire', async () => {
  for (const [viewport, projector] of [[{ width: 1280, height: 720 }, false], [{ width: 1920, height: 1080 }, true], [{ width: 1024, height: 768 }, false]]) {
    const { page, errors } = await openApp(browser, site.url, '?fresh', viewport);
    if (projector) await page.keyboard.press('p');
    const phone = page.locator('[data-testid=device][data-device=phone]');
    await phone.locator('[data-testid=device-message]').first().locator('[data-action=open]').click();
    const reader = await page.locator('[data-testid=reader]').boundingBox();
    const stage = await page.locator('[data-testid=stage]').boundingBox();
    const overlaps = reader.x < stage.x + stage.width && stage.x < reader.x + reader.width
      && reader.y < stage.y + stage.height && stage.y < reader.y + reader.height;
    assert.ok(!overlaps, `${viewport.width}: reader ${JSON.stringify(reader)} stage ${JSON.stringify(stage)}`);
    await page.locator('[data-testid=change-token][data-kind=seen]').first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('[data-testid=reader]').count(), 0);
    assert.deepEqual(errors, []);
    await page.close();
  }
});

/** Per device card: how many of its rows its list shows whole; and every pair of boxes (cards, server) that overlap. */
async function cardRows(page) {
  return page.evaluate(() => {
    const rows = {};
    const boxes = [['server', document.querySelector('[data-testid=server]').getBoundingClientRect()]];
    for (const card of document.querySelectorAll('[data-testid=device]')) {
      const list = card.querySelector('.list-scroll').getBoundingClientRect();
      const outer = card.getBoundingClientRect();
      rows[card.dataset.device] = [...card.querySelectorAll('[data-testid=device-message]')]
        .map((row) => row.getBoundingClientRect())
        .filter((r) => r.top >= list.top - 1 && r.bottom <= list.bottom + 1 && r.bottom <= outer.bottom + 1).length;
      boxes.push([card.dataset.device, outer]);
    }
    const overlaps = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [[a, p], [b, q]] = [boxes[i], boxes[j]];
        if (p.left < q.right - 1 && q.left < p.right - 1 && p.top < q.bottom - 1 && q.top < p.bottom - 1) overlaps.push(`${a}/${b}`);
      }
    }
    return { rows, overlaps, scrollWidth: document.documentElement.scrollWidth, scrollHeight: document.documentElement.scrollHeight };
  });
}

for (const [width, height, projector, least] of [[1920, 1080, true, 3], [1280, 720, false, 3], [1024, 768, false, 3], [390, 844, false, 2]]) {
  test(`${width}×${height}${projector ? ' projector' : ''}: every device card shows at least ${least} whole rows, and no card covers another or the server`, async () => {
    // Nine messages (?messages=6 adds six to the default three), on every device: the laptop keeps them on the server.
    const { page, errors } = await openApp(browser, site.url, '?fresh&messages=6&speed=instant', { width, height });
    if (projector) await page.keyboard.press('p');
    const laptop = page.locator('[data-testid=device][data-device=laptop]');
    await laptop.locator('.device-settings summary').click();
    await laptop.locator('[data-testid=device-preset]').selectOption('pop3-keep');
    await laptop.locator('details.device-settings').evaluate((d) => { d.open = false; });
    for (const id of ['laptop', 'phone', 'tablet']) {
      await page.locator(`[data-testid=device][data-device=${id}] [data-action=check-mail]`).click();
      assert.equal(await page.locator(`[data-testid=device][data-device=${id}] [data-testid=device-message]`).count(), 9, `${id} holds nine`);
    }
    const m = await cardRows(page);
    await screenshot(page, `layout-rows-${width}${projector ? '-projector' : ''}.png`);
    for (const [id, whole] of Object.entries(m.rows)) assert.ok(whole >= least, `${id} shows ${whole} rows whole`);
    assert.deepEqual(m.overlaps, [], 'no card covers another card or the server');
    assert.ok(m.scrollWidth <= width, `no sideways scroll (${m.scrollWidth})`);
    // A phone upright scrolls its page (the stage is tall); the other screens never do.
    if (width > 700) assert.ok(m.scrollHeight <= height, `no page scroll (${m.scrollHeight})`);
    assert.deepEqual(errors, []);
    await page.close();
  });
}
