// Shared set-up for the end-to-end tests: serves dist/ on a free loopback port and drives Debian's Chromium
// through playwright-core (no browser download).
import { createServer } from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';

const ROOT = new URL('../../', import.meta.url).pathname;
// MAILROOM_DIST serves another build (tests/perf/profile.mjs wants one that keeps its function names).
const DIST = process.env.MAILROOM_DIST ?? join(ROOT, 'dist');
export const SCREENSHOTS = join(ROOT, 'target', 'screenshots');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

/** Serves dist/ on 127.0.0.1 at a free port; resolves to { url, close }. With `gzip`, as a real static host
 * would: compressed when the browser accepts it, and the hashed files cached for a year. */
export async function serveDist({ gzip = false } = {}) {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^\/+/, '');
    const file = join(DIST, path === '' ? 'index.html' : path);
    if (!file.startsWith(DIST)) { res.writeHead(403).end(); return; }
    try {
      const body = await readFile(file);
      const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' };
      if (!gzip) { res.writeHead(200, headers).end(body); return; }
      // Trunk names built files by their hash (mailroom-<hash>_bg.wasm): they never change under one name.
      headers['cache-control'] = /-[0-9a-f]{16}/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache';
      headers.vary = 'accept-encoding';
      if (/\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        headers['content-encoding'] = 'gzip';
        res.writeHead(200, headers).end(gzipSync(body, { level: 9 }));
      } else {
        res.writeHead(200, headers).end(body);
      }
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(r)) };
}

/** Launches headless Chromium with the flags this closed network needs. */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/** Opens the app at `query` in a new page and waits until it has rendered all its parts and opened its world
 * (`data-ready`, docs/hooks.md); collects page errors. */
export async function openApp(browser, baseUrl, query = '?fresh', viewport = { width: 1280, height: 720 }) {
  const page = await browser.newPage({ viewport });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(baseUrl + query);
  await page.locator('.app[data-ready=true]').waitFor({ state: 'attached' });
  return { page, errors };
}

export async function screenshot(page, name) {
  await mkdir(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, name);
  await page.screenshot({ path });
  return path;
}

/** Walks the open lesson to its end as a learner: at a question it checks Run waits for a prediction, picks a
 * choice (`pick` chooses from the choices' locator, the last by default), runs each step, and hands each reveal
 * to `onReveal(step, reveal)` (the reveal's locator, its step's number); returns once there is no next step. */
export async function walkLesson(page, { pick = (choices) => choices.last(), onReveal = async () => {} } = {}) {
  const panel = page.locator('[data-testid=lesson-panel]');
  for (let guard = 0; guard < 40; guard++) {
    const step = await panel.getAttribute('data-step');
    const choices = panel.locator('[data-testid=lesson-choice]');
    const run = panel.locator('[data-action=lesson-run]');
    if (await run.count()) {
      const asks = (await choices.count()) > 0;
      if (asks) {
        if (!(await run.isDisabled())) throw new Error(`step ${step}: a question could be run before a prediction`);
        await pick(choices).click();
      }
      await run.click();
      if (asks) {
        const reveal = panel.locator('[data-testid=reveal]');
        await reveal.waitFor();
        await onReveal(step, reveal);
      }
    }
    const next = panel.locator('[data-action=lesson-next]');
    if (!(await next.count())) return;
    await next.click();
    await page.waitForFunction((s) => document.querySelector('[data-testid=lesson-panel]')?.dataset.step !== s, step);
  }
  throw new Error('the lesson did not end');
}
