/**
 * After `vite build`: a brotli (.br) and a gzip (.gz) copy beside every text asset of dist/, so the API serves
 * them by Accept-Encoding without compressing on each request (issue 14: the 665 KB chart chunk went out raw).
 * Written once at the highest levels, which would be too slow per request.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = join(import.meta.dirname, 'dist');
const TEXT = new Set(['.js', '.css', '.html', '.svg', '.json', '.txt', '.map']);
const SMALLEST_WORTH_IT = 1024; // below a packet, the header costs more than it saves

let files = 0;
let before = 0;
let after = 0;
for (const file of walk(dist)) {
  if (!TEXT.has(extname(file)) || file.endsWith('.map')) continue;
  const source = readFileSync(file);
  if (source.byteLength < SMALLEST_WORTH_IT) continue;
  const br = brotliCompressSync(source, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: source.byteLength,
    },
  });
  const gz = gzipSync(source, { level: 9 });
  if (br.byteLength < source.byteLength) writeFileSync(`${file}.br`, br);
  if (gz.byteLength < source.byteLength) writeFileSync(`${file}.gz`, gz);
  files += 1;
  before += source.byteLength;
  after += Math.min(br.byteLength, source.byteLength);
}
console.log(
  `precompressed ${files} files: ${(before / 1024).toFixed(0)} KB → ${(after / 1024).toFixed(0)} KB with brotli`,
);

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else if (!name.endsWith('.br') && !name.endsWith('.gz')) yield path;
  }
}
