import { defineConfig } from 'tsup';

/** One entry per public subpath; keep in step with package.json "exports" and typedoc.json. */
export const entries = {
  index: 'src/index.ts',
  'textract/index': 'src/textract/index.ts',
  'ocr/index': 'src/ocr/index.ts',
  'searchable-pdf/index': 'src/searchable-pdf/index.ts',
  'phi/index': 'src/phi/index.ts',
  'lex/index': 'src/lex/index.ts',
  'endpoints/index': 'src/endpoints/index.ts',
  'ground-truth/index': 'src/ground-truth/index.ts',
  'polly/index': 'src/polly/index.ts',
  'transcribe/index': 'src/transcribe/index.ts',
  'testing/index': 'src/testing/index.ts',
  'cli/bin': 'src/cli/bin.ts',
};

export default defineConfig({
  entry: entries,
  format: ['esm', 'cjs'],
  dts: { entry: Object.fromEntries(Object.entries(entries).filter(([name]) => name !== 'cli/bin')) },
  sourcemap: true,
  clean: true,
  target: 'node22',
  platform: 'node',
  splitting: true,
  treeshake: true,
  external: [/^@aws-sdk\//, /^@smithy\//, 'tesseract.js', '@tesseract.js-data/eng'],
});
