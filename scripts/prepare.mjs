// `prepare` (npm ci, npm install, npm pack, npm publish): builds dist/ so that the `aws-ml-kit` command works
// straight after `npm ci` on a fresh clone. An install builds the JavaScript only (a few seconds); the type
// declarations, which take most of a full build and only matter in the published package, are built when
// packing or publishing, and by `npm run build`.
const packing = ['pack', 'publish'].includes(process.env.npm_command ?? '');
let build;
try {
  ({ build } = await import('tsup'));
} catch (error) {
  if (packing || error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
  // `npm ci --omit=dev` has no build tools; the CLI then needs `npm run build` after a full install.
  console.log('aws-ml-kit: dev dependencies not installed; dist/ not built');
  process.exit(0);
}
const { default: config } = await import('../tsup.config.ts');
const started = performance.now();
await build({ ...config, config: false, silent: true, ...(packing ? {} : { dts: false }) });
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`aws-ml-kit: built dist/ ${packing ? 'with' : 'without'} type declarations in ${seconds} s`);
