// Printable worksheets (docs/hooks.md, Worksheets): a lesson's and a challenge's print buttons call
// window.print() with a worksheet or answer key that only print media shows; the key's answers are the ones the
// lesson's real reveal gives; with no worksheet chosen, the transcript prints as a log. PDFs of each go to
// target/screenshots/ for a person to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { serveDist, launch, openApp, SCREENSHOTS, walkLesson } from './harness.mjs';

let site;
let browser;
before(async () => { site = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await site?.close(); });

const LESSON = 'pop3-download-and-delete';
const CHALLENGE = 'both-see-all';

/** Opens the page with window.print stubbed to count its calls (a real dialog would block headless Chromium). */
async function openCounting(query) {
  // openApp makes its own page (a context makes pages as a browser does): the stub sits on the context.
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await context.addInitScript(() => {
    window.__prints = 0;
    window.print = () => { window.__prints += 1; };
  });
  const opened = await openApp(context, site.url, query);
  return { ...opened, context };
}

async function printsAfter(page, selector, expected) {
  await page.locator(selector).click();
  await page.waitForFunction((n) => window.__prints === n, expected);
}

async function savePdf(page, name) {
  await mkdir(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, name);
  await page.pdf({ path, format: 'A4' });
  return path;
}

/** Walks the lesson as a learner, picking the first choice; returns each reveal's answer by step. */
async function revealsByStep(page) {
  const answers = {};
  await walkLesson(page, {
    pick: (choices) => choices.first(),
    onReveal: async (step, reveal) => { answers[step] = await reveal.getAttribute('data-answer'); },
  });
  return answers;
}

test('a lesson prints as a worksheet with its questions and no answers, and its key holds the real reveals', async () => {
  const { page, errors, context } = await openCounting(`?fresh&speed=instant&lesson=${LESSON}`);
  await printsAfter(page, '[data-testid=lesson-panel] [data-action=print]', 1);
  const sheet = page.locator('[data-testid=printout]');
  assert.equal(await sheet.getAttribute('data-sheet'), 'lesson');
  assert.equal(await sheet.getAttribute('data-id'), LESSON);
  assert.equal(await sheet.getAttribute('data-key'), 'false');
  assert.ok(!(await sheet.isVisible()), 'the worksheet is for paper only');

  await page.emulateMedia({ media: 'print' });
  assert.ok(await sheet.isVisible(), 'print media shows the worksheet');
  for (const hidden of ['[data-testid=stage]', '[data-testid=lesson-panel]', '[data-testid=transcript]', 'header']) {
    assert.ok(!(await page.locator(hidden).first().isVisible()), `${hidden} does not print`);
  }
  const questions = sheet.locator('[data-testid=sheet-question]');
  assert.ok(await questions.count() >= 2, 'every question is on the sheet');
  assert.ok(await sheet.locator('svg.mailroom-diagram').isVisible(), 'the starting world is drawn');
  assert.equal(await sheet.locator('[data-testid=sheet-answer]').count(), 0, 'no answer on the worksheet');
  assert.equal(await sheet.locator('.sheet-choice.right').count(), 0, 'no choice marked');
  const text = await sheet.innerText();
  assert.match(text, /How many messages will be left on the server afterwards\?/);
  assert.doesNotMatch(text, /RFC 1939/, 'the why is the key\'s, not the worksheet\'s');
  await savePdf(page, `worksheet-${LESSON}.pdf`);

  await page.emulateMedia({ media: 'screen' });
  await printsAfter(page, '[data-testid=lesson-panel] [data-action=print-key]', 2);
  assert.equal(await sheet.getAttribute('data-key'), 'true');
  await page.emulateMedia({ media: 'print' });
  const key = {};
  for (const q of await questions.all()) {
    key[await q.getAttribute('data-step')] = await q.locator('[data-testid=sheet-answer]').getAttribute('data-answer');
    assert.equal(await q.locator('.sheet-choice.right').getAttribute('data-answer'), key[await q.getAttribute('data-step')]);
  }
  assert.match(await sheet.innerText(), /RFC 1939 §6/, 'the key says why');
  await savePdf(page, `answer-key-${LESSON}.pdf`);

  // The learner's own way through the lesson reveals exactly what the key says.
  await page.emulateMedia({ media: 'screen' });
  assert.deepEqual(await revealsByStep(page), key);
  assert.deepEqual(errors, []);
  await context.close();
});

test('every lesson\'s key matches the reveals the page gives', async () => {
  const probe = await openCounting('?fresh&speed=instant');
  const ids = await probe.page.locator('[data-testid=lesson]').evaluateAll((els) => els.map((e) => e.dataset.lesson));
  await probe.context.close();
  assert.ok(ids.length >= 10);
  for (const id of ids) {
    const { page, errors, context } = await openCounting(`?fresh&speed=instant&lesson=${id}`);
    await printsAfter(page, '[data-testid=lesson-panel] [data-action=print-key]', 1);
    const key = Object.fromEntries(await page.locator('[data-testid=printout] [data-testid=sheet-question]').evaluateAll((qs) =>
      qs.map((q) => [q.dataset.step, q.querySelector('[data-testid=sheet-answer]')?.dataset.answer])));
    assert.deepEqual(await revealsByStep(page), key, id);
    assert.deepEqual(errors, [], id);
    await context.close();
  }
});

test('a challenge prints its task, diagram, goal checklist and plan lines; its key gives the solution and the rule', async () => {
  const { page, errors, context } = await openCounting(`?fresh&speed=instant&challenge=${CHALLENGE}`);
  const goals = await page.locator('[data-testid=challenge] [data-testid=goal-item]').count();
  await printsAfter(page, '[data-testid=challenge] [data-action=print]', 1);
  await page.emulateMedia({ media: 'print' });
  const sheet = page.locator('[data-testid=printout]');
  assert.equal(await sheet.getAttribute('data-sheet'), 'challenge');
  assert.ok(await sheet.isVisible());
  assert.equal(await sheet.locator('[data-testid=sheet-goal]').count(), goals, 'the whole goal, as a checklist');
  assert.ok(await sheet.locator('svg.mailroom-diagram').isVisible());
  assert.ok(await sheet.locator('.plan-lines li').count() >= 3, 'room to write the plan');
  assert.equal(await sheet.locator('[data-testid=sheet-move]').count(), 0, 'no solution on the worksheet');
  assert.match(await sheet.innerText(), /Make both show all/);
  await savePdf(page, `worksheet-${CHALLENGE}.pdf`);

  await page.emulateMedia({ media: 'screen' });
  await printsAfter(page, '[data-testid=challenge] [data-action=print-key]', 2);
  await page.emulateMedia({ media: 'print' });
  const moves = await sheet.locator('[data-testid=sheet-move]').allInnerTexts();
  assert.deepEqual(moves.slice(1), ['Check mail on the Laptop.', 'Check mail on the Phone.']);
  assert.match(moves[0], /^Set the Laptop to: leave on server/);
  assert.ok((await sheet.locator('[data-testid=sheet-rule]').allInnerTexts()).includes('RFC 1939 §6'));
  await savePdf(page, `answer-key-${CHALLENGE}.pdf`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('with no worksheet chosen the transcript prints alone, as a log with its explanations', async () => {
  const { page, errors, context } = await openCounting('?fresh&speed=instant');
  await page.locator('[data-testid=device][data-device=laptop] [data-action=check-mail]').click();
  await page.locator('[data-testid=transcript-line][data-device=laptop]').first().waitFor();
  await printsAfter(page, '[data-action=print-transcript]', 1);
  assert.equal(await page.locator('[data-testid=printout]').count(), 0);
  await page.emulateMedia({ media: 'print' });
  assert.ok(await page.locator('[data-testid=transcript]').isVisible());
  assert.ok(!(await page.locator('[data-testid=stage]').isVisible()), 'no stage');
  assert.ok(!(await page.locator('[data-testid=transcript-filter]').isVisible()), 'no controls');
  assert.ok(!(await page.locator('[data-action=print-transcript]').isVisible()));
  const first = page.locator('.transcript-entry').filter({ has: page.locator('[data-device=laptop]') }).first();
  assert.ok(await first.locator('.explanation').isVisible(), 'each line is explained under it');
  assert.equal(await first.locator('.wire').evaluate((e) => getComputedStyle(e).fontFamily.includes('monospace')), true);
  await savePdf(page, 'transcript.pdf');

  // A worksheet printed, the dialog's close drops it: the next print is the transcript again.
  await page.emulateMedia({ media: 'screen' });
  await page.goto(`${site.url}?fresh&speed=instant&lesson=${LESSON}`);
  await page.locator('.app[data-ready=true]').waitFor({ state: 'attached' });
  await printsAfter(page, '[data-testid=lesson-panel] [data-action=print]', 1);
  await page.locator('[data-testid=printout]').waitFor({ state: 'attached' });
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await page.locator('[data-testid=printout]').waitFor({ state: 'detached' });
  assert.deepEqual(errors, []);
  await context.close();
});

test('worksheets print in Chinese', async () => {
  const { page, context } = await openCounting(`?fresh&speed=instant&lang=zh&lesson=${LESSON}`);
  await printsAfter(page, '[data-testid=lesson-panel] [data-action=print]', 1);
  await page.emulateMedia({ media: 'print' });
  const text = await page.locator('[data-testid=printout]').innerText();
  assert.match(text, /练习单/);
  assert.match(text, /收信之后，服务器上还剩几封邮件？/);
  await context.close();
});
