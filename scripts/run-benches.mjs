// Runs every bench/*.ts file in its own process; each prints a table and writes JSON to bench/out/.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const dir = join(root, 'bench');
mkdirSync(join(dir, 'out'), { recursive: true });
const only = process.argv.slice(2);
const benches = readdirSync(dir)
  .filter((name) => name.endsWith('.ts'))
  .filter((name) => only.length === 0 || only.some((wanted) => name.includes(wanted)))
  .sort();
let failures = 0;
for (const name of benches) {
  console.log(`\n▶ bench/${name}`);
  const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(dir, name)], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) failures++;
}
process.exitCode = failures === 0 ? 0 : 1;
