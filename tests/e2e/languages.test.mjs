// Every language: chosen by ?lang= or the header's menu, its catalogue fetched, every view in its words with none
// missing (data-untranslated), Arabic right to left with the stage mirrored, and a language that cannot be
// fetched told as an error while the page keeps working.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serveDist, launch, openApp, screenshot, walkLesson } from './harness.mjs';

const LANGUAGES = [
  ['en', 'en', 'ltr'], ['zh', 'zh-Hans', 'ltr'], ['es', 'es', 'ltr'], ['fr', 'fr', 'ltr'],
  ['de', 'de', 'ltr'], ['pt-BR', 'pt-BR', 'ltr'], ['ja', 'ja', 'ltr'], ['ar', 'ar', 'rtl'],
];

let site;
let browser;
let axeSource;
before(async () => {
  site = await serveDist();
  browser = await launch();
  axeSource = await readFile(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
});
after(async () => { await browser?.close(); await site?.close(); });

/** The language's word for an English text, from the same catalogue file the page fetches. */
async function catalogue(code) {
  if (code === 'en') return (english) => english;
  const words = JSON.parse(await readFile(new URL(`../../i18n/${code}.json`, import.meta.url), 'utf8'));
  return (english) => words[english];
}

/** Opens and closes each view once, so every word of it has been asked for. */
async function visitEveryView(page) {
  await page.locator('[data-action=lessons]').click();
  await page.locator('[data-testid=lesson-entry]').first().click();
  // The whole first lesson: each question answered, each step run, so every narration, question and reveal shows.
  await walkLesson(page);
  await page.locator('[data-action=lesson-close]').click();
  await page.locator('[data-action=challenges]').click();
  await page.locator('[data-testid=challenge-entry]').first().click();
  await page.locator('[data-action=reset]').click();
  await page.locator('[data-action=help]').click();
  await page.keyboard.press('Escape');
  await page.locator('[data-action=compose]').click();
  await page.keyboard.press('Escape');
  await page.locator('[data-action=compare]').click();
  await page.locator('[data-action=compare]').click();
  await page.locator('[data-action=share]').click();
  await page.keyboard.press('Escape');
  // One more render of the page's root, which reads the count of texts shown untranslated.
  await page.locator('[data-action=step]').click();
}

for (const [code, tag, dir] of LANGUAGES) {
  test(`?lang=${code}: the page speaks ${code} on every view, with no text missing`, async () => {
    const { page, errors } = await openApp(browser, site.url, `?fresh&speed=instant&lang=${code}`);
    const word = await catalogue(code);
    assert.equal(await page.locator('html').getAttribute('lang'), tag);
    assert.equal(await page.locator('html').getAttribute('dir'), dir);
    assert.equal(await page.locator('[data-action=language]').inputValue(), code);
    assert.match(await page.locator('[data-testid=server] h2').innerText(), new RegExp(word('Mail server')));
    await screenshot(page, `language-${code}-1280x720.png`);
    await visitEveryView(page);
    assert.equal(await page.locator('.app').getAttribute('data-untranslated'), '0');
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('the header menu switches language after fetching it, and back without fetching again', async () => {
  const { page } = await openApp(browser, site.url, '?fresh');
  const fetched = [];
  page.on('request', (r) => { if (r.url().includes('/i18n/')) fetched.push(new URL(r.url()).pathname); });
  const german = await catalogue('de');
  await page.locator('[data-action=language]').selectOption('de');
  await page.locator('[data-testid=server] h2', { hasText: german('Mail server') }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'de');
  await page.locator('[data-action=language]').selectOption('en');
  await page.locator('[data-testid=server] h2', { hasText: 'Mail server' }).waitFor();
  await page.locator('[data-action=language]').selectOption('de');
  await page.locator('[data-testid=server] h2', { hasText: german('Mail server') }).waitFor();
  assert.deepEqual(fetched, ['/i18n/de.json'], 'a catalogue is fetched once per page');
  await page.close();
});

test('a language whose file cannot be fetched is an error, and the page stays in its language and runs', async () => {
  // The service worker would fetch the catalogues itself, past the test's routes.
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, serviceWorkers: 'block' });
  await page.route('**/i18n/fr.json', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto(site.url + '?fresh&lang=fr');
  await page.locator('.app[data-ready=true]').waitFor({ state: 'attached' });
  assert.match(await page.locator('.error-banner').innerText(), /Français/);
  assert.match(await page.locator('[data-testid=server] h2').innerText(), /Mail server/);
  await page.route('**/i18n/ja.json', (route) => route.fulfill({ status: 200, body: '{"Mail server": 3}' }));
  await page.locator('[data-action=language]').selectOption('ja');
  await page.locator('.error-banner', { hasText: '日本語' }).waitFor();
  await page.locator('[data-testid=device][data-device=phone] [data-action=check-mail]').click();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await page.close();
});

test('Arabic: right to left, the stage mirrored (the laptop on the right), wire text left to right, axe-clean', async () => {
  for (const [width, height] of [[1280, 720], [390, 844]]) {
    const { page } = await openApp(browser, site.url, '?fresh&lang=ar', { width, height });
    const box = async (selector) => page.locator(selector).first().boundingBox();
    const server = await box('[data-testid=server]');
    const laptop = await box('[data-testid=device][data-device=laptop]');
    if (width > 800) {
      assert.ok(laptop.x > server.x + server.width, 'the POP3 laptop sits right of the server, mirrored');
    } else {
      const tablet = await box('[data-testid=device][data-device=tablet]');
      assert.ok(laptop.x > tablet.x, 'a row of devices runs from the right');
    }
    const wire = page.locator('[data-testid=transcript-line]').first();
    if (await wire.count()) {
      assert.equal(await wire.evaluate((e) => getComputedStyle(e).direction), 'ltr');
    }
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      const result = await window.axe.run(document, { resultTypes: ['violations'] });
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
    });
    assert.deepEqual(violations, []);
    await screenshot(page, `language-ar-${width}x${height}.png`);
    await page.close();
  }
});
