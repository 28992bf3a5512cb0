/** Small Ground Truth workflows shared by the unit tests. */
import type { LabelingWorkflow } from '../../src/ground-truth/index.js';

/** A private workteam in us-east-1. */
export const TEST_WORKTEAM_ARN = 'arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/t';

/**
 * One video object-detection job (`a`) at level 1 and its verification audit (`a-audit`) at level 2; job names
 * are `<batchId>-a` and `<batchId>-a-audit`.
 *
 * @example
 * const plan = planLabelingChain(verificationChainWorkflow('unit'));
 */
export function verificationChainWorkflow(batchId: string): LabelingWorkflow {
  return {
    batchId,
    region: 'us-east-1',
    roleArn: 'arn:aws:iam::111122223333:role/r',
    outputS3Uri: 's3://out-bucket',
    defaults: { workteamArn: TEST_WORKTEAM_ARN },
    jobs: [
      {
        id: 'a',
        level: 1,
        taskType: 'VideoObjectDetection',
        input: { manifestS3Uri: 's3://in-bucket/m' },
        labelCategoryConfigS3Uri: 's3://in-bucket/labels.json',
      },
      { id: 'a-audit', level: 2, input: { chainFrom: 'a' }, audit: { kind: 'verification' } },
    ],
  };
}
