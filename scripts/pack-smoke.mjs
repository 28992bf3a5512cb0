// Pack-and-import smoke test: `npm pack`, install the tarball into an empty project that has none of the AWS
// SDK packages, and import every subpath from ESM and from CJS. Prints one line per check and a summary line
// `smoke: N passed, N failed`; exits non-zero on any failure.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const subpaths = Object.keys(pkg.exports).filter((key) => key !== './package.json');
const specifiers = subpaths.map((key) => (key === '.' ? pkg.name : `${pkg.name}/${key.slice(2)}`));

const work = mkdtempSync(join(tmpdir(), 'aws-ml-kit-smoke-'));
let passed = 0;
let failed = 0;
function check(name, fn) {
  try {
    fn();
    passed++;
    console.log(`ok   ${name}`);
  } catch (error) {
    failed++;
    console.log(`FAIL ${name}\n${String(error?.stderr ?? error?.message ?? error).slice(0, 2000)}`);
  }
}
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

try {
  const tarball = run('npm', ['pack', '--silent', '--pack-destination', work], root).trim().split('\n').pop();
  const consumer = join(work, 'consumer');
  execFileSync('mkdir', ['-p', consumer]);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--prefer-offline', join(work, tarball)],
    consumer,
  );

  check('no AWS SDK package is installed with aws-ml-kit', () => {
    const tree = run('npm', ['ls', '--all', '--parseable'], consumer);
    if (/@aws-sdk|@smithy/.test(tree)) throw new Error('an AWS SDK package came along as a dependency');
  });
  for (const specifier of specifiers) {
    check(`ESM import ${specifier}`, () => {
      const script = `const m = await import(${JSON.stringify(specifier)}); if (Object.keys(m).length === 0) throw new Error('no exports');`;
      run(process.execPath, ['--input-type=module', '-e', script], consumer);
    });
    check(`CJS require ${specifier}`, () => {
      const script = `const m = require(${JSON.stringify(specifier)}); if (Object.keys(m).length === 0) throw new Error('no exports');`;
      run(process.execPath, ['-e', script], consumer);
    });
  }
  check('errors from the ESM and CJS copies are recognised by each other (brand guards)', () => {
    const script = `
      const esm = await import('aws-ml-kit');
      const { createRequire } = await import('node:module');
      const cjs = createRequire(process.cwd() + '/')('aws-ml-kit');
      const e = new cjs.ValidationError('x', 'y');
      if (!esm.isValidationError(e) || e instanceof esm.ValidationError) throw new Error('dual-package guard failed');`;
    run(process.execPath, ['--input-type=module', '-e', script], consumer);
  });
  check('the aws-ml-kit bin prints its help', () => {
    const out = run(join(consumer, 'node_modules', '.bin', 'aws-ml-kit'), ['--help'], consumer);
    if (!out.includes('Usage: aws-ml-kit')) throw new Error(out);
  });
  // Copied into the consumer so that its imports resolve there, not in this repository (which has the SDK).
  const missingSdkChecks = join(consumer, 'smoke-missing-sdk.mjs');
  copyFileSync(join(root, 'scripts', 'smoke-missing-sdk.mjs'), missingSdkChecks);
  check('adapters name the SDK package to install when it is missing', () => {
    run(process.execPath, [missingSdkChecks], consumer);
  });
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(`smoke: ${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
