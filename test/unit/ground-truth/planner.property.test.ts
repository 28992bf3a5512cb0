/**
 * Planner properties over random workflows: names unique (case-insensitive) and at most 63 characters, chains
 * only from lower levels with the parent's output manifest as input, every audit job's label category file
 * naming its parent's label attribute, and every request passing the name and -ref rules.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  GROUND_TRUTH_REGISTRY,
  LABELING_JOB_NAME_PATTERN,
  type LabelingJobSpec,
  type LabelingWorkflow,
  planJobs,
  planLabelingChain,
  type TaskType,
} from '../../../src/ground-truth/index.js';

const AUDITABLE: TaskType[] = [
  'BoundingBox',
  'SemanticSegmentation',
  'VideoObjectDetection',
  'VideoObjectTracking',
  '3DPointCloudObjectDetection',
  '3DPointCloudObjectTracking',
  '3DPointCloudSemanticSegmentation',
];
const WORKTEAM = 'arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/team';

const idArb = fc.stringMatching(/^[a-zA-Z0-9]{1,12}(-[a-zA-Z0-9]{1,12}){0,3}$/);

/** A random workflow: up to 4 levels; jobs of higher levels chain (maybe as audits) from random lower jobs. */
const workflowArb = fc
  .record({
    batchId: fc.stringMatching(/^[a-zA-Z0-9]{1,20}(-[a-zA-Z0-9]{1,20}){0,2}$/),
    ids: fc.uniqueArray(idArb, { minLength: 1, maxLength: 12, selector: (id) => id.toLowerCase() }),
    seeds: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean(), fc.constantFrom(...AUDITABLE)), {
      minLength: 12,
      maxLength: 12,
    }),
  })
  .map(({ batchId, ids, seeds }): LabelingWorkflow => {
    const jobs: LabelingJobSpec[] = [];
    ids.forEach((id, index) => {
      const [levelSeed, parentSeed, audit, taskType] = seeds[index]!;
      const lower = jobs.filter((job) => job.level < 1 + (levelSeed % 4));
      if (index === 0 || lower.length === 0) {
        jobs.push({
          id,
          level: 1,
          taskType,
          input: { manifestS3Uri: 's3://input-bucket/in.manifest' },
          labelCategoryConfigS3Uri: 's3://input-bucket/labels.json',
          ...(taskType === 'BoundingBox' || taskType === 'SemanticSegmentation'
            ? { uiTemplateS3Uri: 's3://input-bucket/template.liquid.html' }
            : {}),
        });
        return;
      }
      const parent = lower[parentSeed % lower.length]!;
      const level = Math.max(1 + (levelSeed % 4), parent.level + 1);
      const needsTemplate = (t: TaskType | undefined) => t === 'BoundingBox' || t === 'SemanticSegmentation';
      jobs.push(
        // A verification's result (pass/fail feedback) cannot be audited again; everything else here can.
        audit && parent.audit?.kind !== 'verification'
          ? {
              id,
              level,
              input: { chainFrom: parent.id },
              audit: { kind: parentSeed % 2 === 0 ? 'adjustment' : 'verification' },
              ...(parent.uiTemplateS3Uri ? { uiTemplateS3Uri: parent.uiTemplateS3Uri } : {}),
            }
          : {
              id,
              level,
              taskType,
              input: { chainFrom: parent.id },
              labelCategoryConfigS3Uri: 's3://input-bucket/labels.json',
              ...(needsTemplate(taskType) ? { uiTemplateS3Uri: 's3://input-bucket/template.liquid.html' } : {}),
            },
      );
    });
    return {
      batchId,
      region: 'us-east-1',
      roleArn: 'arn:aws:iam::111122223333:role/labeling',
      outputS3Uri: 's3://processing-bucket/runs',
      defaults: { workteamArn: WORKTEAM },
      jobs,
    };
  });

describe('planLabelingChain properties', () => {
  test.prop([workflowArb], { numRuns: 200 })(
    'names are valid, at most 63 characters and unique regardless of case',
    (workflow) => {
      const jobs = planJobs(planLabelingChain(workflow));
      const names = jobs.map((job) => job.request.LabelingJobName);
      for (const name of names) {
        expect(name.length).toBeLessThanOrEqual(63);
        expect(name).toMatch(LABELING_JOB_NAME_PATTERN);
      }
      expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    },
  );

  test.prop([workflowArb], { numRuns: 200 })(
    'chains only from lower levels, reading the parent output manifest',
    (workflow) => {
      const plan = planLabelingChain(workflow);
      const byId = new Map(planJobs(plan).map((job) => [job.id, job]));
      expect(plan.levels.map((l) => l.level)).toEqual([...plan.levels.map((l) => l.level)].sort((a, b) => a - b));
      for (const job of byId.values()) {
        if (job.parentId === undefined) continue;
        const parent = byId.get(job.parentId)!;
        expect(parent.level).toBeLessThan(job.level);
        expect(job.request.InputConfig.DataSource.S3DataSource.ManifestS3Uri).toBe(parent.outputManifestS3Uri);
        expect(
          parent.outputManifestS3Uri.endsWith(`/${parent.request.LabelingJobName}/manifests/output/output.manifest`),
        ).toBe(true);
        expect(job.request.LabelAttributeName).not.toBe(parent.request.LabelAttributeName);
      }
    },
  );

  test.prop([workflowArb], { numRuns: 200 })(
    "every audit job's label category file names its parent's attribute",
    (workflow) => {
      const jobs = planJobs(planLabelingChain(workflow));
      const byId = new Map(jobs.map((job) => [job.id, job]));
      for (const job of jobs.filter((j) => j.audit !== undefined)) {
        const parent = byId.get(job.parentId!)!;
        const toWrite = job.labelCategoryConfigToWrite!;
        const named = toWrite.content?.auditLabelAttributeName ?? toWrite.auditOf?.auditLabelAttributeName;
        expect(named).toBe(parent.request.LabelAttributeName);
        expect(job.request.LabelCategoryConfigS3Uri).toBe(toWrite.s3Uri);
        const edits = toWrite.content?.editsAllowed ?? toWrite.auditOf?.editsAllowed;
        expect(edits).toBe(job.audit === 'verification' ? 'none' : 'any');
      }
    },
  );

  test.prop([workflowArb], { numRuns: 100 })('label attributes follow the -ref rule of their task type', (workflow) => {
    for (const job of planJobs(planLabelingChain(workflow))) {
      const rule = GROUND_TRUTH_REGISTRY.taskTypes[job.taskType].refRule;
      const attribute = job.request.LabelAttributeName;
      if (rule === 'required') expect(attribute.endsWith('-ref')).toBe(true);
      if (rule === 'forbidden') expect(attribute.endsWith('-ref')).toBe(false);
      expect(job.request.HumanTaskConfig.PreHumanTaskLambdaArn).toContain(`:function:PRE-${job.taskType}`);
    }
  });
});
