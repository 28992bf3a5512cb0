// Runs every examples/*.ts file, offline unless AWS_ML_KIT_LIVE=1, each in its own process.
// Outputs go to examples/out/. Exits non-zero if any example fails.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const dir = join(root, 'examples');
mkdirSync(join(dir, 'out'), { recursive: true });
const only = process.argv.slice(2);
const examples = readdirSync(dir)
  .filter((name) => name.endsWith('.ts'))
  .filter((name) => only.length === 0 || only.some((wanted) => name.includes(wanted)))
  .sort();

const failures = [];
for (const name of examples) {
  console.log(`\n▶ examples/${name}`);
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(dir, name)], { cwd: root, stdio: 'inherit' });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (result.status === 0) console.log(`✔ ${name} (${seconds} s)`);
  else {
    console.log(`✘ ${name} exited with ${result.status ?? result.signal} (${seconds} s)`);
    failures.push(name);
  }
}
console.log(`\n${examples.length - failures.length} of ${examples.length} examples ran; outputs in examples/out/`);
if (failures.length > 0) {
  console.log(`failed: ${failures.join(', ')}`);
  process.exitCode = 1;
}
