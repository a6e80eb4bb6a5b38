// Every lesson clicked through as a learner does: predict, run, and check that the reveal shows what the
// simulated world on the page shows (the same count of messages, the same flag), in both languages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openApp, screenshot, walkLesson } from './harness.mjs';

let site;
let browser;
before(async () => { site = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await site?.close(); });

/** What the page shows for the measure a reveal names (its data attributes), as the reveal would say it. */
async function pageShows(page, reveal) {
  const { measure, folder, device, messageId, flag } = reveal;
  const yesNo = (b) => (b ? 'yes' : 'no');
  const hasFlag = async (selector) => {
    const flags = await page.locator(selector).evaluateAll((els) => els.map((e) => e.dataset.flags ?? ''));
    return flags.some((f) => f.split(' ').includes(flag));
  };
  switch (measure) {
    case 'server-messages':
      return String(await page.locator(`[data-testid=server-message][data-folder="${folder}"]`).count());
    case 'device-messages':
      return String(await page.locator(`[data-testid=device][data-device="${device}"] [data-testid=device-message]`).count());
    case 'device-flag':
      return yesNo(await hasFlag(`[data-testid=device][data-device="${device}"] [data-testid=device-message][data-message-id="${messageId}"]`));
    case 'server-flag':
      return yesNo(await hasFlag(`[data-testid=server-message][data-message-id="${messageId}"]`));
    case 'server-holds':
      return yesNo(await page.locator(`[data-testid=server-message][data-message-id="${messageId}"]`).count() > 0);
    case 'delivery-refused': {
      const replies = await page.locator('[data-testid=transcript-line][data-device=sender][data-dir=s]').allInnerTexts();
      const last = replies.reverse().find((l) => /^\s*(250|5\d\d) /.test(l.replace(/^S:\s*/, '')));
      return yesNo(last !== undefined && /^\s*5\d\d /.test(last.replace(/^S:\s*/, '')));
    }
    default:
      throw new Error(`a reveal with an unknown measure: ${measure}`);
  }
}

/** Walks a lesson to its end, predicting the last choice each time; returns the reveals seen, each checked
 * against what the page shows and the choice it marks. */
async function walk(page) {
  const reveals = [];
  await walkLesson(page, {
    onReveal: async (step, reveal) => {
      const data = await reveal.evaluate((e) => ({ ...e.dataset }));
      const shown = await pageShows(page, data);
      assert.equal(data.answer, shown, `step ${step}: the reveal says ${data.answer}, the page shows ${shown} (${JSON.stringify(data)})`);
      const marked = page.locator('[data-testid=lesson-panel] .choice.correct');
      assert.equal(await marked.getAttribute('data-answer'), data.answer, 'the matching choice is marked');
      reveals.push(data);
    },
  });
  return reveals;
}

test('the lesson menu offers at least ten lessons, and each one runs with reveals that match the page', async () => {
  const { page, errors } = await openApp(browser, site.url, '?fresh&speed=instant');
  // Offered on the page itself, no menu to open first.
  const ids = await page.locator('[data-testid=lesson]').evaluateAll((els) => els.map((e) => e.dataset.lesson));
  assert.ok(ids.length >= 10, `only ${ids.length} lessons`);
  await page.locator('[data-action=lessons]').click();
  const described = await page.locator('[data-testid=lesson-entry]').evaluateAll((els) => els.map((e) => e.dataset.lesson));
  assert.deepEqual(described, ids, 'the menu describes the same lessons in the same order');
  await page.locator(`[data-testid=lesson-entry][data-lesson="${ids[1]}"]`).click();
  assert.equal(await page.locator('[data-testid=lesson-panel]').getAttribute('data-lesson'), ids[1]);
  await page.locator(`[data-testid=lesson][data-lesson="${ids[0]}"]`).click();
  assert.equal(await page.locator('[data-testid=lesson-panel]').getAttribute('data-lesson'), ids[0]);
  assert.equal(await page.locator(`[data-testid=lesson][data-lesson="${ids[0]}"]`).getAttribute('aria-current'), 'step');
  await page.close();
  for (const id of ids) {
    const { page: lessonPage, errors: lessonErrors } = await openApp(browser, site.url, `?fresh&speed=instant&lesson=${id}`);
    assert.equal(await lessonPage.locator('[data-testid=lesson-panel]').getAttribute('data-lesson'), id);
    const reveals = await walk(lessonPage);
    assert.ok(reveals.length >= 1, `${id} revealed nothing`);
    await screenshot(lessonPage, `lesson-${id}.png`);
    assert.deepEqual(lessonErrors, [], `${id}: page errors`);
    await lessonPage.close();
  }
  assert.deepEqual(errors, []);
});

test('the first lesson teaches download-and-delete: the server ends empty and the phone finds nothing', async () => {
  const { page } = await openApp(browser, site.url, '?fresh&speed=instant&lesson=pop3-download-and-delete');
  const reveals = await walk(page);
  assert.deepEqual(reveals.map((r) => [r.measure, r.answer]), [['server-messages', '0'], ['device-messages', '0']]);
  await page.close();
});

test('animated, the reveal waits until the wire is quiet', async () => {
  const { page, errors } = await openApp(browser, site.url, '?fresh&lesson=pop3-download-and-delete');
  await page.locator('[data-testid=speed]').selectOption('8');
  const panel = page.locator('[data-testid=lesson-panel]');
  await panel.locator('[data-action=lesson-next]').click();
  await panel.locator('[data-testid=lesson-choice][data-answer="3"]').click();
  await panel.locator('[data-action=lesson-run]').click();
  await panel.locator('[data-testid=lesson-running]').waitFor();
  assert.equal(await panel.locator('[data-testid=reveal]').count(), 0, 'no answer while lines are on the wire');
  assert.ok(await page.locator('[data-testid=packet]').count() > 0, 'the laptop is talking to the server');
  await panel.locator('[data-testid=reveal]').waitFor({ timeout: 60_000 });
  assert.equal(await panel.locator('[data-testid=reveal]').getAttribute('data-answer'), '0');
  // Deleted rows leave visibly (data-state=leaving) for a moment; none is still present.
  assert.equal(await page.locator('[data-testid=server-message][data-folder=INBOX]:not([data-state=leaving])').count(), 0);
  assert.equal(await page.locator('[data-testid=packet]').count(), 0, 'revealed once nothing is in flight');
  assert.match(await panel.locator('.choice.wrong').innerText(), /3/);
  await screenshot(page, 'lesson-reveal.png');
  assert.deepEqual(errors, []);
  await page.close();
});

test('lessons read in Chinese', async () => {
  const { page } = await openApp(browser, site.url, '?fresh&speed=instant&lang=zh&lesson=pop3-download-and-delete');
  const text = await page.locator('[data-testid=lesson-panel]').innerText();
  assert.match(text, /POP3：下载并删除/);
  assert.match(text, /第 1 步/);
  await page.close();
});

test('an unknown lesson says so and leaves the default world running', async () => {
  const { page } = await openApp(browser, site.url, '?fresh&speed=instant&lesson=no-such-lesson');
  await page.locator('[data-testid=error]').waitFor();
  assert.equal(await page.locator('[data-testid=lesson-panel]').count(), 0);
  assert.equal(await page.locator('[data-testid=device]').count(), 3);
  assert.equal(await page.locator('[data-testid=server-message]').count(), 3);
  await page.close();
});
