/**
 * `pnpm lint` for the deployment files (issue 16), offline — no container runtime on these machines:
 * - every Dockerfile under infra/ through dockerfile-utils' validator (the one behind the editors' Dockerfile
 *   support), and our own rules for the product's image: multi-stage, a non-root USER in the last stage, and the
 *   command `pnpm start` runs (apps/api/package.json), so the image cannot drift from it;
 * - the compose file through dclint (the compose-spec JSON schema and its best-practice rules, warnings fail);
 * - the systemd unit through `systemd-analyze verify` where systemd is installed (it is on Debian), and its
 *   ExecStart: the command `pnpm start` runs, from /opt/gongfu.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validate } from 'dockerfile-utils';

const infra = dirname(fileURLToPath(import.meta.url));
const root = dirname(infra);
const problems = [];
const report = (file, message) => problems.push(`${relative(root, file)}: ${message}`);

function filesNamed(dir, test) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesNamed(path, test);
    return test(entry.name) ? [path] : [];
  });
}

for (const file of filesNamed(infra, (name) => name === 'Dockerfile' || name.endsWith('.Dockerfile'))) {
  for (const d of validate(readFileSync(file, 'utf8')))
    report(file, `line ${d.range.start.line + 1}: ${d.message}`);
}

// the product's image
const dockerfile = join(infra, 'Dockerfile');
const instructions = readFileSync(dockerfile, 'utf8')
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'));
const stages = instructions.filter((line) => /^FROM\s/i.test(line));
if (stages.length < 2) report(dockerfile, 'must be multi-stage (a build stage and a runtime stage)');
const lastStage = instructions.slice(instructions.lastIndexOf(stages.at(-1)));
const users = lastStage.filter((line) => /^USER\s/i.test(line));
const user = users.at(-1)?.split(/\s+/)[1];
if (!user || user === 'root' || user === '0')
  report(dockerfile, 'the runtime stage must end as a non-root USER');
const cmd = lastStage.filter((line) => /^CMD\s/i.test(line)).at(-1);
const start = JSON.parse(readFileSync(join(root, 'apps/api/package.json'), 'utf8')).scripts.start;
if (!cmd || JSON.parse(cmd.replace(/^CMD\s+/i, '')).join(' ') !== start) {
  report(dockerfile, `CMD must run what \`pnpm start\` runs in apps/api: ${start}`);
}

// the systemd unit runs the same command, from its install folder
const serviceUnit = join(infra, 'systemd/gongfu.service');
const execStart = readFileSync(serviceUnit, 'utf8')
  .split('\n')
  .find((line) => line.startsWith('ExecStart='));
const expected = start
  .replace(/^node /, '/usr/bin/node ')
  .replace(/dist\/server\.js$/, '/opt/gongfu/dist/server.js');
if (execStart !== `ExecStart=${expected}`)
  report(serviceUnit, `ExecStart must run what \`pnpm start\` runs: ${expected}`);

// the compose file; require-quotes-in-ports wants single quotes where biome's YAML formatter writes double ones
const dclint = spawnSync(
  process.execPath,
  [
    join(root, 'node_modules/dclint/bin/dclint.cjs'),
    join(infra, 'compose.yaml'),
    '--max-warnings',
    '0',
    '--disable-rule',
    'require-quotes-in-ports',
    '--color',
    'false',
  ],
  { encoding: 'utf8' },
);
if (dclint.status !== 0) report(join(infra, 'compose.yaml'), `dclint:\n${dclint.stdout}${dclint.stderr}`);

// the systemd unit
if (spawnSync('systemd-analyze', ['--version']).status === 0) {
  // --man=no: no man pages on slim machines. It warns (exit code 0) of keys it ignores: every line is a problem,
  // except that the unit's ExecStart binary or user need not exist on this machine
  const verify = spawnSync('systemd-analyze', ['verify', '--man=no', serviceUnit], { encoding: 'utf8' });
  const real = `${verify.stdout}${verify.stderr}`
    .split('\n')
    .filter((line) => line.trim() && !/is not executable|No such file or directory/.test(line));
  if (verify.status !== 0 || real.length > 0)
    report(serviceUnit, `systemd-analyze verify:\n${real.join('\n')}`);
} else {
  console.log('infra lint: systemd-analyze not installed, the systemd unit was not verified');
}

if (problems.length > 0) {
  console.error(`infra lint: ${problems.length} problem(s)\n${problems.join('\n')}`);
  process.exit(1);
}
console.log('infra lint: Dockerfiles, compose file and systemd unit pass');
