import { afterEach, describe, expect, it } from 'vitest';
import { parseOutputManifest, planLabelingChain } from '../../../src/ground-truth/index.js';
import { expectNoSentinel, recordingLogger, SENTINEL } from '../../helpers/sentinel.js';
import { type Harness, INPUT_BUCKET, originalPlan, originalWorkflow, startHarness } from './harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const enc = (text: string) => new TextEncoder().encode(text);

describe('ground-truth sentinel: no manifest contents or label data in logs or errors', () => {
  it('keeps manifest lines and label names out of logs on success', async () => {
    harness = await startHarness();
    harness.standIn.s3!.put(
      INPUT_BUCKET,
      'tracking_manifests/MOT17-13-SDP.manifest',
      enc(`{"source-ref":"s3://${INPUT_BUCKET}/${SENTINEL}_seq.json","note":"${SENTINEL}"}\n`),
    );
    harness.standIn.s3!.put(
      INPUT_BUCKET,
      'tracking_manifests/vehicle_label_category.json',
      enc(JSON.stringify({ labels: [{ label: SENTINEL }] })),
    );
    const logger = recordingLogger();
    const result = await harness.chain(originalPlan(), { logger }).run();
    expect(result.status).toBe('COMPLETE');
    expect(logger.lines.length).toBeGreaterThan(4);
    expectNoSentinel(logger.lines);
    // The data did go through: the audit output carries the sentinel the input had.
    const out = result.view.levels[1]!.jobLevels[0]!.jobOutputS3Uri;
    const text = new TextDecoder().decode(await harness.objects.get(out));
    expect(text).toContain(SENTINEL);
  });

  it('keeps a malformed label category file and a malformed manifest out of errors', async () => {
    harness = await startHarness();
    harness.standIn.s3!.put(
      INPUT_BUCKET,
      'tracking_manifests/vehicle_label_category.json',
      enc(`{"labels": ${SENTINEL}`),
    );
    const logger = recordingLogger();
    const error = await harness
      .chain(originalPlan(), { logger })
      .run()
      .catch((e: unknown) => e);
    expect(String(error)).toMatch(/label category configuration/);
    expectNoSentinel(logger.lines, error);

    const parseError = await (async () => {
      for await (const _ of parseOutputManifest([`{"source-ref": "${SENTINEL}"}\n{${SENTINEL}\n`])) {
        // consume
      }
    })().catch((e: unknown) => e);
    expect(String(parseError)).toMatch(/line 2/);
    expectNoSentinel([], parseError);
  });

  it('keeps titles, descriptions and label names out of planner errors', () => {
    const workflow = originalWorkflow();
    const error = (() => {
      try {
        planLabelingChain({
          ...workflow,
          jobs: workflow.jobs.map((j) => ({
            ...j,
            title: `${SENTINEL}${'x'.repeat(200)}`,
            labelCategoryConfig: { labels: [{ label: SENTINEL }] },
          })),
        });
      } catch (e) {
        return e;
      }
    })();
    expect(String(error)).toMatch(/title/);
    expectNoSentinel([], error);
  });

  it('keeps the sentinel out of abort errors and service errors', async () => {
    harness = await startHarness({ script: () => ({ statuses: ['InProgress'] }) });
    harness.standIn.s3!.put(
      INPUT_BUCKET,
      'tracking_manifests/MOT17-13-SDP.manifest',
      enc(`{"source":"${SENTINEL}"}\n`),
    );
    const logger = recordingLogger();
    const controller = new AbortController();
    const chain = harness.chain(originalPlan(), {
      logger,
      onProgress: (p) => p.event === 'status' && controller.abort(),
    });
    const aborted = await chain.run({ signal: controller.signal }).catch((e: unknown) => e);
    expect((aborted as Error).name).toBe('AbortError');
    const serviceError = await harness.service
      .describe(`x${SENTINEL.replace(/[^a-zA-Z0-9-]/g, '')}`)
      .catch((e: unknown) => e);
    expectNoSentinel(logger.lines, aborted);
    expect(String(serviceError)).not.toContain('stand-in error');
  });
});
