/**
 * The EIPredictor post, done with `EIPredictorClient`: predict with named inputs and outputs against a
 * TensorFlow Serving model (the SSD detector's `inputs` → `image_tensor`, `detection_classes`, `num_detections`),
 * then compare two servers the way `use_ei=True/False` did — warm-up reported apart, p50/p95 side by side. Also
 * shows the Elastic Inference guard refusing an accelerator in an endpoint configuration.
 *
 *   npx tsx examples/ei-predictor.ts        # offline: two TF Serving stand-ins (one scripted slower)
 *   AWS_ML_KIT_LIVE=1 TFS_URL=http://localhost:8501 TFS_URL_B=http://other:8501 npx tsx examples/ei-predictor.ts
 *
 * Elastic Inference is no longer available; the TF Serving protocol is. Writes examples/out/ei-predictor.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  assertNoElasticInference,
  EIPredictorClient,
  isElasticInferenceUnavailableError,
} from '../src/endpoints/index.js';
import { TfServingStandIn } from '../src/testing/index.js';

const OUT = join(resolve(import.meta.dirname, '..'), 'examples/out');
mkdirSync(OUT, { recursive: true });
const live = process.env.AWS_ML_KIT_LIVE === '1';

// A fake detector: 3 detections of class 18 ("dog" in the COCO labels) per image.
const detector = () => ({
  num_detections: 3,
  detection_classes: [18, 18, 18, 1],
  detection_scores: [0.97, 0.95, 0.9, Number.NaN],
});
const fastServer = live
  ? undefined
  : await TfServingStandIn.start({ models: ['ssd_resnet50_v1_coco'], predict: detector, latencyMs: 2 });
const slowServer = live
  ? undefined
  : await TfServingStandIn.start({ models: ['ssd_resnet50_v1_coco'], predict: detector, latencyMs: 6 });
const settings = {
  modelName: 'ssd_resnet50_v1_coco',
  inputNames: { inputs: 'image_tensor' },
  outputNames: {
    detection_classes: 'detection_classes',
    num_detections: 'num_detections',
    detection_scores: 'detection_scores',
  },
};
const withEi = new EIPredictorClient({ url: process.env.TFS_URL ?? fastServer!.url, ...settings });
const withoutEi = new EIPredictorClient({ url: process.env.TFS_URL_B ?? slowServer!.url, ...settings });
try {
  // One 4×4 RGB "image" with a batch dimension of 1, like np.expand_dims(img, axis=0).
  const image = Array.from({ length: 4 }, () => Array.from({ length: 4 }, () => [128, 64, 32]));
  const outputs = await withEi.predict({ inputs: [image] });
  const count = (outputs.num_detections as number[])[0]!;
  const classes = (outputs.detection_classes as number[][])[0]!.slice(0, count);
  console.log(
    `detections: ${count}, classes: ${classes.join(', ')}, scores (NaN tolerated):`,
    outputs.detection_scores,
  );

  const report = await EIPredictorClient.compare({ withEi, withoutEi, feeds: { inputs: [image] }, runs: 20 });
  const row = (name: string, side: typeof report.withEi) =>
    `${name.padEnd(10)} warm-up ${side.warmupMs.toFixed(1)} ms | p50 ${side.latencyMs.p50.toFixed(1)} ms | p95 ${side.latencyMs.p95.toFixed(1)} ms (${side.runs} runs)`;
  console.log(row('with EI', report.withEi));
  console.log(row('without', report.withoutEi));
  console.log(`p50 speed-up: ${report.speedupP50.toFixed(2)}×`);

  // The guard: an accelerator in a new endpoint configuration is refused before it reaches AWS.
  try {
    assertNoElasticInference({
      ProductionVariants: [{ VariantName: 'AllTraffic', AcceleratorType: 'ml.eia2.medium' }],
    });
  } catch (error) {
    if (!isElasticInferenceUnavailableError(error)) throw error;
    console.log(`guard: ${error.message}`);
  }
  writeFileSync(join(OUT, 'ei-predictor.json'), JSON.stringify({ detections: { count, classes }, report }, null, 2));
} finally {
  await fastServer?.close();
  await slowServer?.close();
}
