/**
 * `pnpm build` for the API: one ES module, dist/server.js, that `pnpm start` runs with plain node — no TypeScript
 * loader in the serving process (issue 14; ADR 0016). Our workspace packages (TypeScript source) are bundled in;
 * every npm package stays an import, resolved at run time from this package's node_modules, so PGlite finds its
 * WebAssembly files and native modules (argon2) load as they do under tsx.
 */
import { copyFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const external = new Set();

const npmPackagesStayImports = {
  name: 'npm-packages-stay-imports',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('@gongfu/') || args.path.startsWith('node:')) return undefined;
      external.add(packageName(args.path));
      return { path: args.path, external: true };
    });
  },
};

/** Node's lookup for a bare import: node_modules/<name> in this folder or any above it. */
function installedAbove(folder, name) {
  for (let dir = folder; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules', name, 'package.json'))) return true;
    if (dirname(dir) === dir) return false;
  }
}

function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

await build({
  entryPoints: [join(here, 'src/server.ts')],
  outfile: join(here, 'dist/server.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  // stack traces need the mappings, not our sources: with them the map was 2.2 MB that --enable-source-maps keeps
  // parsed in the serving process (~14 MB more RSS at idle; ADR 0032)
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [npmPackagesStayImports],
});

// The embedded database's worker thread (ADR 0029) is a file of its own: pglite-thread.ts looks for it beside the
// module that holds it, which in the build is dist/server.js. It imports only PGlite, resolved from here like the rest.
copyFileSync(join(here, '../../packages/db/src/pglite-worker.mjs'), join(here, 'dist/pglite-worker.mjs'));

// An import the bundle keeps must resolve from here at run time: a package that only a workspace package
// declares (say @gongfu/db's PGlite) would start in tsx and fail in node. Fail the build instead.
const missing = [...external].filter((name) => !installedAbove(here, name));
if (missing.length > 0) {
  console.error(
    `dist/server.js imports packages that @gongfu/api does not declare: ${missing.join(', ')}\n` +
      'add them to apps/api/package.json dependencies (same versions as the workspace package that uses them)',
  );
  process.exit(1);
}
console.log(`dist/server.js built (${external.size} npm packages imported at run time)`);
