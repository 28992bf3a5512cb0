// Keeps `npm ci` working with this workplace's npm registry, which serves only the platform packages of the
// machines it builds for (linux x64): npm cannot lock the other platforms' optional binaries (biome, rollup,
// @napi-rs/canvas), leaves their lockfile entries out (npm/cli#4828, #8320), and `npm ci` then refuses the
// lockfile ("Missing: … from lock file"). This drops those unlockable names from their parents' optional
// dependency lists, so the lockfile describes exactly what installs. Run after any `npm install`:
//   npm install && node scripts/prune-lockfile.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const lockPath = join(resolve(import.meta.dirname, '..'), 'package-lock.json');
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
let pruned = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  if (path === '' || !entry.optionalDependencies) continue;
  for (const name of Object.keys(entry.optionalDependencies)) {
    const locked = lock.packages[`${path}/node_modules/${name}`] ?? lock.packages[`node_modules/${name}`];
    if (locked) continue;
    delete entry.optionalDependencies[name];
    pruned++;
  }
  if (Object.keys(entry.optionalDependencies).length === 0) delete entry.optionalDependencies;
}
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`pruned ${pruned} optional dependencies the lockfile cannot hold`);
