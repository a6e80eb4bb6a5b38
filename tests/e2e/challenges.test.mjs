// Challenges through the UI: every built-in solved by clicking what a student clicks (the checklist ticks live
// and the finish offers a solution link), one left unsolved (the checker names what is missing), a teacher's
// challenge built in the page, shared, solved on a fresh page and verified back, and damaged links refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { inflateRawSync, deflateRawSync } from 'node:zlib';
import { serveDist, launch, openApp, screenshot } from './harness.mjs';

let site;
let browser;
before(async () => {
  site = await serveDist();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

const device = (page, id) => page.locator(`[data-testid=device][data-device=${id}]`);
const checkMail = (page, id) => device(page, id).locator('[data-action=check-mail]').click();
const toggleOnline = (page, id) => device(page, id).locator('[data-action=toggle-online]').click();
const row = (page, id, subject) => device(page, id).locator('[data-testid=device-message]', { hasText: subject }).first();

async function settings(page, id, change) {
  const details = device(page, id).locator('details.device-settings');
  await details.locator('summary').click();
  await change(details);
  // Close it again, as a user would, so it covers nothing.
  if (await details.evaluate((d) => d.open)) await details.locator('summary').click();
}
const preset = (page, id, value) => settings(page, id, (d) => d.locator('[data-testid=device-preset]').selectOption(value));
const deleteModel = (page, id, value) => settings(page, id, (d) => d.locator('[data-testid=device-delete-model]').selectOption(value));

async function progress(page) {
  const meter = page.locator('[data-testid=challenge-progress]');
  return [Number(await meter.getAttribute('data-done')), Number(await meter.getAttribute('data-total'))];
}

async function openChallenge(id, query = '&speed=instant') {
  const opened = await openApp(browser, site.url, `?fresh&challenge=${id}${query}`);
  await opened.page.locator(`[data-testid=challenge][data-challenge=${id}]`).waitFor();
  return opened;
}

/** Waits for the finish, checks every goal item is met, and returns the solution link. */
async function finished(page, name) {
  await page.locator('[data-testid=challenge-complete]').waitFor();
  const [done, total] = await progress(page);
  assert.equal(done, total);
  assert.equal(await page.locator('[data-testid=goal-item][data-met=false]').count(), 0);
  const link = page.locator('[data-testid=solution-link]');
  await link.waitFor();
  await screenshot(page, `challenge-${name}.png`);
  return link.inputValue();
}

// What a student does for each built-in (seed 0), in clicks.
const SOLVE = {
  'both-see-all': async (page) => {
    await preset(page, 'laptop', 'pop3-keep');
    await checkMail(page, 'laptop');
    await checkMail(page, 'phone');
  },
  'dropped-before-quit': async (page) => {
    await checkMail(page, 'laptop');
    await checkMail(page, 'laptop');
  },
  'keep-for-a-week': async (page) => {
    await preset(page, 'laptop', 'pop3-keep-7');
    await checkMail(page, 'laptop');
  },
  'vanished-mail': async (page) => {
    await preset(page, 'laptop', 'pop3-keep');
    await checkMail(page, 'laptop');
  },
  'offline-delete': async (page) => {
    await deleteModel(page, 'tablet', 'remove');
    await row(page, 'tablet', 'Lunch on Friday?').locator('[data-action=delete]').click();
    await toggleOnline(page, 'tablet');
  },
  'flag-for-everyone': async (page) => {
    await preset(page, 'laptop', 'imap-idle');
    await checkMail(page, 'laptop');
    await row(page, 'laptop', 'Lunch on Friday?').locator('[data-action=flag]').click();
  },
  'mailbox-full': async (page) => {
    await checkMail(page, 'laptop');
    await page.locator('[data-action=send-mail]').click();
  },
  'instant-on-tablet': async (page) => {
    await preset(page, 'tablet', 'imap-idle');
    await toggleOnline(page, 'tablet');
    await toggleOnline(page, 'tablet');
    await page.locator('[data-action=send-mail]').click();
  },
  'pop3-delete-reaches-server': async (page) => {
    await preset(page, 'laptop', 'pop3-keep');
    await row(page, 'laptop', 'Lunch on Friday?').locator('[data-action=delete]').click();
    await checkMail(page, 'laptop');
  },
  'duplicates-after-lost-state': async (page) => {
    await settings(page, 'laptop', (d) => d.locator('[data-testid=device-delete-locally]').uncheck());
    for (const subject of ['Lunch on Friday?', 'Homework: network protocols', 'Your bike is ready']) {
      await row(page, 'laptop', subject).locator('[data-action=delete]').click();
    }
  },
  'deleted-but-still-there': async (page) => {
    await deleteModel(page, 'tablet', 'remove');
    await row(page, 'tablet', 'Lunch on Friday?').locator('[data-action=delete]').click();
  },
};

test('the challenges list shows every built-in, easy to hard, and opens one', async () => {
  const { page, errors } = await openApp(browser, site.url, '?fresh&speed=instant');
  await page.locator('[data-action=challenges]').click();
  const ids = await page.locator('[data-testid=challenge-entry]').evaluateAll((es) => es.map((e) => e.dataset.challenge));
  assert.equal(ids.length, 12);
  assert.deepEqual(new Set(ids), new Set([...Object.keys(SOLVE), 'read-here-seen-there']));
  await screenshot(page, 'challenge-menu.png');
  await page.locator('[data-testid=challenge-entry][data-challenge=keep-for-a-week]').click();
  await page.locator('[data-testid=challenge][data-challenge=keep-for-a-week]').waitFor();
  const [done, total] = await progress(page);
  assert.ok(done < total, 'nothing done yet');
  assert.deepEqual(errors, []);
});

for (const [id, solve] of Object.entries(SOLVE)) {
  test(`challenge ${id}: solved through the UI, the goal ticked, a solution link offered`, async () => {
    const { page, errors } = await openChallenge(id);
    const [doneBefore, total] = await progress(page);
    assert.ok(doneBefore < total, 'the start world does not already meet the goal');
    await solve(page);
    const link = await finished(page, id);
    assert.match(link, /#v1\./);
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('a challenge solved is remembered in this browser, and the list marks it (not with ?fresh)', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.goto(`${site.url}?challenge=keep-for-a-week&speed=instant`);
  await page.locator('.app[data-ready=true]').waitFor({ state: 'attached' });
  await SOLVE['keep-for-a-week'](page);
  await finished(page, 'keep-for-a-week-remembered');
  assert.match(await page.evaluate(() => localStorage.getItem('mailroom.challenge.keep-for-a-week.0')), /^solved in 2 actions/);
  await page.goto(`${site.url}?fresh`);
  await page.locator('[data-action=challenges]').click();
  assert.equal(await page.locator('[data-testid=challenge-entry][data-challenge=keep-for-a-week]').getAttribute('data-solved'), 'true');
  assert.equal(await page.locator('[data-testid=challenge-entry][data-challenge=both-see-all]').getAttribute('data-solved'), 'false');
  await context.close();
});

test('challenge read-here-seen-there: at 1x the tablet learns \\Seen at its poll, ten minutes later, without a click on it', async () => {
  const { page, errors } = await openChallenge('read-here-seen-there', '');
  await checkMail(page, 'phone');
  await row(page, 'phone', 'Lunch on Friday?').waitFor();
  await row(page, 'phone', 'Lunch on Friday?').locator('[data-action=open]').click();
  await page.keyboard.press('Escape');
  // The poll is ten simulated minutes away; the stage skips the quiet stretch visibly, then the tablet polls.
  await page.locator('[data-testid=challenge-complete]').waitFor({ timeout: 30_000 });
  await finished(page, 'read-here-seen-there');
  assert.deepEqual(errors, []);
});

test('a seed gives a student their own variant: other names and messages, and a goal that follows them', async () => {
  const canonical = await openChallenge('both-see-all');
  const seeded = await openChallenge('both-see-all', '&speed=instant&seed=7');
  const text = (page) => page.locator('[data-testid=challenge]').textContent();
  assert.notEqual(await text(seeded.page), await text(canonical.page));
  assert.equal(await seeded.page.locator('[data-testid=challenge]').getAttribute('data-seed'), '7');
  // Every message the goal names is one the variant's server really holds.
  const subjects = await seeded.page.locator('[data-testid=server-message] .subject').allTextContents();
  const goals = await seeded.page.locator('[data-testid=goal-item]').allTextContents();
  const named = goals.map((g) => g.match(/“(.+)”/)?.[1]).filter(Boolean);
  assert.ok(named.length > 0, goals.join(' | '));
  for (const subject of named) assert.ok(subjects.some((s) => s.includes(subject)), `${subject} in ${subjects.join(' | ')}`);
  // And the same clicks solve it.
  await SOLVE['both-see-all'](seeded.page);
  await finished(seeded.page, 'both-see-all-seed-7');
  await canonical.page.close();
  await seeded.page.close();
});

test('a wrong way leaves the challenge unsolved, and the checklist says what is missing', async () => {
  const { page, errors } = await openChallenge('both-see-all');
  // Download-and-delete takes the mail off the server: the phone then finds nothing.
  await checkMail(page, 'laptop');
  await checkMail(page, 'phone');
  const missing = await page.locator('[data-testid=goal-item][data-met=false]').allTextContents();
  assert.ok(missing.some((t) => t.includes('The phone shows')), missing.join(' | '));
  assert.equal(await page.locator('[data-testid=challenge-complete]').count(), 0);
  const [done, total] = await progress(page);
  assert.ok(done < total);
  assert.deepEqual(errors, []);
});

/** The JSON a link's fragment holds, and a link holding other JSON (as someone editing it would make). */
const documentOf = (url) => JSON.parse(inflateRawSync(Buffer.from(url.split('#v1.')[1], 'base64url')).toString());
const linkWith = (doc) => `${site.url}#v1.${deflateRawSync(Buffer.from(JSON.stringify(doc))).toString('base64url')}`;

async function verdictOf(url) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  const verdict = page.locator('[data-testid=solution-verdict]');
  await verdict.waitFor();
  return { page, errors, verdict: await verdict.getAttribute('data-verdict'), text: await verdict.textContent() };
}

test('a solution link is verified by replay: solved, cut short, and tampered with', async () => {
  const { page } = await openChallenge('dropped-before-quit');
  await SOLVE['dropped-before-quit'](page);
  const link = await finished(page, 'dropped-before-quit-verified');
  await page.close();

  const solved = await verdictOf(link);
  assert.equal(solved.verdict, 'solved');
  assert.match(solved.text, /Solved ✓ in 2 actions, par 2/);
  await screenshot(solved.page, 'solution-verdict-solved.png');
  assert.deepEqual(solved.errors, []);
  await solved.page.close();

  // The same challenge with the second check left out: the replay does not meet the goal, and says what is missing.
  const doc = documentOf(link);
  doc.actions = doc.actions.slice(0, 1);
  const short = await verdictOf(linkWith(doc));
  assert.equal(short.verdict, 'unsolved');
  assert.ok(await short.page.locator('[data-testid=solution-verdict] [data-testid=goal-item]').count() > 0);
  assert.doesNotMatch(short.text, /Solved ✓/);
  await screenshot(short.page, 'solution-verdict-unsolved.png');
  await short.page.close();

  // Tampered with: an action the challenge never had (a device it has no such name for).
  const forged = documentOf(link);
  forged.actions = JSON.parse(JSON.stringify(forged.actions).replaceAll('"laptop"', '"ghost"'));
  const bad = await verdictOf(linkWith(forged));
  assert.equal(bad.verdict, 'invalid');
  assert.doesNotMatch(bad.text, /Solved ✓/);
  assert.deepEqual(bad.errors, []);
  await bad.page.close();

  // The teacher's gradebook: the links pasted in, the verdicts exported as CSV.
  const teacher = await openApp(browser, site.url, '?fresh&speed=instant');
  await teacher.page.locator('[data-action=challenges]').click();
  await teacher.page.locator('[data-testid=gradebook-input]').fill([link, linkWith(doc), 'not a link'].join('\n'));
  const [download] = await Promise.all([
    teacher.page.waitForEvent('download'),
    teacher.page.locator('[data-action=export-gradebook]').click(),
  ]);
  const csv = await (await import('node:fs/promises')).readFile(await download.path(), 'utf8');
  const rows = csv.trim().split('\r\n');
  assert.equal(rows[0], 'row,challenge,seed,verdict,actions,par,details');
  assert.match(rows[1], /^1,dropped-before-quit,0,solved,2,2,/);
  assert.match(rows[2], /^2,dropped-before-quit,0,unsolved,1,2,/);
  assert.match(rows[3], /^3,,,invalid,/);
  await teacher.page.close();

  // Damaged bytes: the page says so and keeps running.
  const cut = link.slice(0, link.length - 40) + 'AAAA';
  const damaged = await browser.newPage();
  const damagedErrors = [];
  damaged.on('pageerror', (e) => damagedErrors.push(String(e)));
  await damaged.goto(cut);
  await damaged.locator('[data-testid=error]').waitFor();
  await damaged.locator('.app[data-ready=true]').waitFor({ state: 'attached' });
  assert.deepEqual(damagedErrors, []);
  await damaged.close();
});

test('a teacher builds a challenge in the page, shares it, a fresh page solves it, and the solution link verifies', async () => {
  const { page, errors } = await openApp(browser, site.url, '?fresh&speed=instant');
  await page.locator('[data-action=challenges]').click();
  await page.locator('[data-action=build-challenge]').click();
  const builder = page.locator('[data-testid=challenge-builder]');
  await builder.waitFor();
  await builder.locator('[data-testid=draft-title]').fill('Flag it for the tablet');
  await builder.locator('[data-testid=draft-task]').fill('Flag “Lunch on Friday?” on the phone so the tablet shows the flag.');
  await builder.locator('[data-testid=draft-why]').fill('RFC 9051 §6.4.6: STORE changes flags on the server; other IMAP clients fetch them.');
  await builder.locator('[data-testid=draft-hint]').fill('The flag button is on each message.');
  await builder.locator('[data-action=add-hint]').click();
  // Record: the teacher plays the solution on the start world.
  await builder.locator('[data-action=record-solution]').click();
  await row(page, 'phone', 'Lunch on Friday?').locator('[data-action=flag]').click();
  await checkMail(page, 'tablet');
  await builder.locator('[data-action=record-solution]').click();
  assert.equal(await builder.locator('[data-testid=recorded-actions]').getAttribute('data-count'), '2');
  // Goal: picked from the menu of what the world now shows.
  const options = await builder.locator('[data-testid=goal-menu] option').allTextContents();
  const wanted = options.findIndex((t) => t.includes('tablet') && t.includes('Lunch on Friday?') && t.includes('Flagged'));
  assert.ok(wanted >= 0, options.join(' | '));
  await builder.locator('[data-testid=goal-menu]').selectOption(String(wanted));
  await builder.locator('[data-action=add-goal]').click();
  assert.equal(await builder.locator('[data-testid=draft-goal]').count(), 1);
  await builder.locator('[data-action=share-challenge]').click();
  const shareLink = await builder.locator('[data-testid=challenge-link]').inputValue();
  await screenshot(page, 'challenge-builder.png');
  assert.deepEqual(errors, []);

  // A student opens the link on a fresh page and solves it.
  const student = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await student.goto(shareLink);
  const panel = student.locator('[data-testid=challenge][data-challenge=my-flag-it-for-the-tablet]');
  await panel.waitFor();
  assert.match(await panel.textContent(), /Flag “Lunch on Friday\?” on the phone/);
  await student.locator('[data-action=challenge-hint]').click();
  assert.match(await panel.textContent(), /The flag button is on each message/);
  await student.locator('[data-testid=speed]').selectOption('instant');
  await row(student, 'phone', 'Lunch on Friday?').locator('[data-action=flag]').click();
  await checkMail(student, 'tablet');
  const solutionLink = await finished(student, 'teacher-challenge-solved');
  await student.close();

  // The teacher's page verifies it.
  const checked = await verdictOf(solutionLink);
  assert.equal(checked.verdict, 'solved');
  await checked.page.close();

  // Editing it again is one click.
  const again = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await again.goto(shareLink);
  await again.locator('[data-action=edit-challenge]').click();
  assert.equal(await again.locator('[data-testid=draft-title]').inputValue(), 'Flag it for the tablet');
  assert.equal(await again.locator('[data-testid=draft-goal]').count(), 1);
  await again.close();
  await page.close();
});

test('show solution plays the stored solution on the stage, and it does not count as the student\'s finish', async () => {
  const { page, errors } = await openChallenge('keep-for-a-week', '');
  await page.locator('[data-action=challenge-hint]').click();
  assert.equal(await page.locator('[data-testid=challenge-hint-text]').count(), 1);
  await page.locator('[data-action=challenge-solution]').click();
  await page.waitForFunction(() => {
    const p = document.querySelector('[data-testid=challenge-progress]');
    return p && p.dataset.done === p.dataset.total;
  }, null, { timeout: 30_000 });
  assert.equal(await page.locator('[data-testid=challenge-complete]').count(), 0);
  await page.locator('[data-action=challenge-reset]').click();
  const [done, total] = await progress(page);
  assert.ok(done < total);
  assert.deepEqual(errors, []);
});
