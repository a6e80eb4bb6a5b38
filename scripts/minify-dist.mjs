// Minifies the release page's JavaScript in dist/ with terser, then rewrites the integrity hashes that
// dist/index.html gives those files. Trunk's own JS minifier fails on the wasm-bindgen glue (it leaves it whole,
// 1.4 KB more gzip), so the release build runs this after `trunk build --release`.
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { minify } from 'terser';

const dist = new URL('../dist/', import.meta.url).pathname;
const indexPath = join(dist, 'index.html');
let index = readFileSync(indexPath, 'utf8');

const sri = (bytes) => 'sha384-' + createHash('sha384').update(bytes).digest('base64');

for (const name of readdirSync(dist).filter((n) => n.endsWith('.js'))) {
  const path = join(dist, name);
  const before = readFileSync(path);
  // The glue and boot.js are ES modules; sw.js is a classic worker script.
  const module = name !== 'sw.js';
  const result = await minify(before.toString('utf8'), { module, compress: { passes: 2 }, mangle: true });
  if (!result.code) throw new Error(`minify-dist: terser returned nothing for ${name}`);
  writeFileSync(path, result.code);
  const oldHash = sri(before);
  if (index.includes(oldHash)) index = index.split(oldHash).join(sri(Buffer.from(result.code)));
  console.log(`minify-dist: ${name} ${before.length} -> ${result.code.length} bytes`);
}
writeFileSync(indexPath, index);

// Every integrity hash in the page must still match its file, or the browser refuses to run it.
for (const tag of index.match(/<(?:link|script)\b[^>]*>/g) ?? []) {
  const integrity = tag.match(/integrity="?([^"\s>]+)/)?.[1];
  const file = tag.match(/(?:href|src)="?\/?([^"\s>]+)/)?.[1];
  if (!integrity || !file) continue;
  if (sri(readFileSync(join(dist, file))) !== integrity) throw new Error(`minify-dist: ${file} no longer matches its integrity hash`);
}
