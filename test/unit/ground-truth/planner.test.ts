import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  auditTaskType,
  builtInTaskArns,
  deriveJobName,
  GROUND_TRUTH_REGISTRY,
  type LabelingJobSpec,
  type LabelingWorkflow,
  levelWord,
  planJobs,
  planLabelingChain,
  type SmgtBatchRequest,
  type TaskType,
  workflowFromSmgtBatch,
} from '../../../src/ground-truth/index.js';
import { isValidationError, type ValidationError } from '../../../src/kit/errors.js';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/ground-truth');
const BATCH: SmgtBatchRequest = JSON.parse(readFileSync(`${FIXTURES}/original-batch.json`, 'utf8'));
const ARNS = JSON.parse(readFileSync(`${FIXTURES}/builtin-task-arns.json`, 'utf8'));
const PROCESSING = 's3://smgt-workflow-1-322552456788-us-west-2-batch-processing';
const SETTINGS = { region: 'us-west-2', roleArn: 'arn:aws:iam::322552456788:role/smgt', outputS3Uri: PROCESSING };
const TEAM = 'arn:aws:sagemaker:us-west-2:322552456788:workteam/private-crowd/smgt-workflow-1-first-level';

function base(jobs: LabelingJobSpec[], extra: Partial<LabelingWorkflow> = {}): LabelingWorkflow {
  return { batchId: 'batch-1', ...SETTINGS, defaults: { workteamArn: TEAM }, jobs, ...extra };
}
const video = (id: string, extra: Partial<LabelingJobSpec> = {}): LabelingJobSpec => ({
  id,
  level: 1,
  taskType: 'VideoObjectTracking',
  input: { manifestS3Uri: 's3://input-bucket/clip.manifest' },
  labelCategoryConfigS3Uri: 's3://input-bucket/labels.json',
  ...extra,
});

function rejection(run: () => unknown): ValidationError {
  try {
    run();
  } catch (error) {
    if (isValidationError(error)) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('the task-type registry', () => {
  it('matches the researched fixture: every PRE/ACS function in every region, and its accounts', () => {
    expect(GROUND_TRUTH_REGISTRY.regionAccounts).toEqual(ARNS.regionAccounts);
    const functions = (table: Record<string, { functionName: string; regions: string[] }>) =>
      new Set(Object.values(table).map((entry) => entry.functionName));
    const pre = functions(ARNS.preHumanTaskLambda);
    const acs = functions(ARNS.annotationConsolidationLambda);
    const types = Object.keys(GROUND_TRUTH_REGISTRY.taskTypes) as TaskType[];
    expect(new Set(types.map((t) => `PRE-${t}`))).toEqual(pre);
    expect(new Set(types.map((t) => `ACS-${t}`))).toEqual(acs);
    for (const region of Object.keys(ARNS.regionAccounts)) {
      for (const type of types) {
        expect(builtInTaskArns(type, region)?.preHumanTaskLambdaArn).toBe(
          `arn:aws:lambda:${region}:${ARNS.regionAccounts[region]}:function:PRE-${type}`,
        );
      }
    }
  });

  it('keeps the fixture anomalies as data', () => {
    expect(ARNS.anomalies[0]).toContain('ACS-3DPointCloudSemanticSegmentation');
    expect(GROUND_TRUTH_REGISTRY.anomalies.map((a) => a.alternates)).toEqual([
      ['ACS-3DPointCloudSemanticSegmentation'],
      ['326177286064'],
    ]);
  });

  it('derives UI ARNs for the task types that need one, adjustment jobs sharing the original UI', () => {
    const uiNames = Object.keys(ARNS.humanTaskUiNames);
    for (const type of Object.keys(GROUND_TRUTH_REGISTRY.taskTypes) as TaskType[]) {
      const ui = builtInTaskArns(type, 'eu-west-1')!.humanTaskUiArn;
      if (ui === undefined) continue;
      expect(uiNames).toContain(ui.split('/').pop());
      expect(ui).toMatch(/^arn:aws:sagemaker:eu-west-1:394669845002:human-task-ui\//);
    }
    expect(builtInTaskArns('AdjustmentVideoObjectTracking', 'eu-west-1')!.humanTaskUiArn).toBe(
      builtInTaskArns('VideoObjectTracking', 'eu-west-1')!.humanTaskUiArn,
    );
    expect(builtInTaskArns('VideoObjectTracking', 'sa-east-1')).toBeUndefined();
  });

  it('knows which task types can be audited', () => {
    expect(auditTaskType('BoundingBox', 'verification')).toBe('VerificationBoundingBox');
    expect(auditTaskType('3DPointCloudSemanticSegmentation', 'verification')).toBe(
      'Adjustment3DPointCloudSemanticSegmentation',
    );
    for (const type of [
      'ImageMultiClass',
      'TextMultiClass',
      'NamedEntityRecognition',
      'VideoMultiClass',
      'PassThrough',
    ] as const) {
      expect(auditTaskType(type, 'adjustment')).toBeUndefined();
    }
  });
});

describe('planLabelingChain: the original batch', () => {
  it('comes out exactly: job names, label attributes, chained inputs, UI and Lambda ARNs for us-west-2', () => {
    const plan = planLabelingChain(workflowFromSmgtBatch(BATCH, SETTINGS));
    const jobs = planJobs(plan);
    expect(plan.levels.map((l) => [l.level, l.jobs.map((j) => j.request.LabelingJobName)])).toEqual([
      [1, ['nb-track-823f6d3e-vehicle', 'nb-track-823f6d3e-lane']],
      [2, ['nb-track-823f6d3e-vehicle-audit', 'nb-track-823f6d3e-lane-audit']],
    ]);
    expect(jobs.map((j) => j.request.LabelAttributeName)).toEqual([
      'nb-track-823f6d3e-vehicle-ref',
      'nb-track-823f6d3e-lane-ref',
      'nb-track-823f6d3e-vehicle-audit-ref',
      'nb-track-823f6d3e-lane-audit-ref',
    ]);
    expect(jobs.map((j) => j.jobModality)).toEqual(BATCH.labelingJobs.map((j) => j.jobModality));
    const [vehicle, lane, vehicleAudit, laneAudit] = jobs;
    expect(vehicleAudit!.request.InputConfig.DataSource.S3DataSource.ManifestS3Uri).toBe(vehicle!.outputManifestS3Uri);
    expect(laneAudit!.request.InputConfig.DataSource.S3DataSource.ManifestS3Uri).toBe(lane!.outputManifestS3Uri);
    expect(vehicle!.outputManifestS3Uri).toBe(
      `${PROCESSING}/batch_manifests/VideoObjectTracking/nb-track-823f6d3e-first_level-nb-track-823f6d3e-vehicle/output/nb-track-823f6d3e-vehicle/manifests/output/output.manifest`,
    );
    expect(vehicleAudit!.request.LabelCategoryConfigS3Uri).toBe(
      `${PROCESSING}/label_category_input/nb-track-823f6d3e-second_level-nb-track-823f6d3e-vehicle-audit/category-file.json`,
    );
    expect(vehicle!.request.HumanTaskConfig).toMatchObject({
      WorkteamArn: TEAM,
      UiConfig: { HumanTaskUiArn: 'arn:aws:sagemaker:us-west-2:394669845002:human-task-ui/VideoObjectTracking' },
      PreHumanTaskLambdaArn: 'arn:aws:lambda:us-west-2:081040173940:function:PRE-VideoObjectTracking',
      AnnotationConsolidationConfig: {
        AnnotationConsolidationLambdaArn: 'arn:aws:lambda:us-west-2:081040173940:function:ACS-VideoObjectTracking',
      },
      TaskTimeLimitInSeconds: 604_800,
      TaskAvailabilityLifetimeInSeconds: 864_000,
      MaxConcurrentTaskCount: 100,
      NumberOfHumanWorkersPerDataObject: 1,
    });
    expect(vehicleAudit!.request.HumanTaskConfig.PreHumanTaskLambdaArn).toBe(
      'arn:aws:lambda:us-west-2:081040173940:function:PRE-AdjustmentVideoObjectTracking',
    );
    expect(vehicleAudit!.labelCategoryConfigToWrite?.auditOf).toEqual({
      baseS3Uri:
        's3://smgt-workflow-1-322552456788-us-west-2-batch-input/tracking_manifests/vehicle_label_category.json',
      auditLabelAttributeName: 'nb-track-823f6d3e-vehicle-ref',
      editsAllowed: 'any',
      addLabels: [],
    });
  });

  it('fixes the original helper: 3D object detection gets no -ref, 3D tracking does', () => {
    const batch: SmgtBatchRequest = {
      batchId: 'pc',
      labelingJobs: [
        { ...BATCH.labelingJobs[0]!, jobName: 'pc-od', jobModality: 'PointCloudObjectDetection' },
        { ...BATCH.labelingJobs[0]!, jobName: 'pc-ot', jobModality: 'PointCloudObjectTracking' },
      ],
    };
    const jobs = planJobs(planLabelingChain(workflowFromSmgtBatch(batch, SETTINGS)));
    expect(jobs.map((j) => j.request.LabelAttributeName)).toEqual(['pc-od', 'pc-ot-ref']);
  });
});

describe('planLabelingChain: settings', () => {
  it('allows up to 30 days per task for video and 3D, 8 hours for images', () => {
    const plan = planLabelingChain(
      base([
        video('v', { taskTimeLimitSeconds: 2_592_000 }),
        {
          ...video('box'),
          taskType: 'BoundingBox',
          uiTemplateS3Uri: 's3://ui-bucket/t.html',
          taskTimeLimitSeconds: 28_800,
        },
      ]),
    );
    expect(planJobs(plan).map((j) => j.request.HumanTaskConfig.TaskTimeLimitInSeconds)).toEqual([2_592_000, 28_800]);
    expect(rejection(() => planLabelingChain(base([video('v', { taskTimeLimitSeconds: 2_592_001 })]))).field).toBe(
      'workflow.jobs[0].taskTimeLimitSeconds',
    );
    const image = rejection(() =>
      planLabelingChain(
        base([
          {
            ...video('b'),
            taskType: 'BoundingBox',
            uiTemplateS3Uri: 's3://ui-bucket/t.html',
            taskTimeLimitSeconds: 28_801,
          },
        ]),
      ),
    );
    expect(image.rule).toContain('30 to 28800');
  });

  it('passes workers per object, stopping conditions, keywords, classifiers and tags into the request', () => {
    const job = planJobs(
      planLabelingChain(
        base([
          video('v', {
            workersPerObject: 3,
            stoppingConditions: { maxHumanLabeledObjectCount: 10, maxPercentageOfInputDatasetLabeled: 50 },
            keywords: ['video', 'cars'],
            contentClassifiers: ['FreeOfPersonallyIdentifiableInformation'],
            tags: [{ Key: 'team', Value: 'perception' }],
            outputKmsKeyId: 'alias/labels',
          }),
        ]),
      ),
    )[0]!;
    expect(job.request.HumanTaskConfig.NumberOfHumanWorkersPerDataObject).toBe(3);
    expect(job.request.StoppingConditions).toEqual({
      MaxHumanLabeledObjectCount: 10,
      MaxPercentageOfInputDatasetLabeled: 50,
    });
    expect(job.request.HumanTaskConfig.TaskKeywords).toEqual(['video', 'cars']);
    expect(job.request.InputConfig.DataAttributes).toEqual({
      ContentClassifiers: ['FreeOfPersonallyIdentifiableInformation'],
    });
    expect(job.request.Tags).toEqual([{ Key: 'team', Value: 'perception' }]);
    expect(job.request.OutputConfig.KmsKeyId).toBe('alias/labels');
  });

  it('caps availability at 12 hours for the public workforce', () => {
    const job = planJobs(
      planLabelingChain(
        base([
          { ...video('v'), workteamArn: 'arn:aws:sagemaker:us-west-2:394669845002:workteam/public-crowd/default' },
        ]),
      ),
    )[0]!;
    expect(job.request.HumanTaskConfig.TaskAvailabilityLifetimeInSeconds).toBe(43_200);
  });

  it('writes inline label category configurations and derives inline audit configurations from them', () => {
    const plan = planLabelingChain(
      base([
        { ...video('v'), labelCategoryConfigS3Uri: undefined, labelCategoryConfig: { labels: [{ label: 'Car' }] } },
        { id: 'v-check', level: 2, input: { chainFrom: 'v' }, audit: { kind: 'verification' } },
        {
          id: 'v-fix',
          level: 2,
          input: { chainFrom: 'v' },
          audit: { kind: 'adjustment', editsAllowed: 'regionOnly', addLabels: ['Bus'] },
        },
      ]),
    );
    const [v, check, fix] = planJobs(plan);
    expect(v!.labelCategoryConfigToWrite?.content).toEqual({ labels: [{ label: 'Car' }] });
    expect(check!.labelCategoryConfigToWrite?.content).toEqual({
      'document-version': '2018-11-28',
      labels: [{ label: 'Car' }],
      auditLabelAttributeName: 'batch-1-v-ref',
      editsAllowed: 'none',
    });
    expect(fix!.labelCategoryConfigToWrite?.content?.labels).toEqual([{ label: 'Car' }, { label: 'Bus' }]);
    expect(fix!.labelCategoryConfigToWrite?.content?.editsAllowed).toBe('regionOnly');
  });

  it('shortens long derived names to 63 characters, keeping them distinct', () => {
    const batchId = `b${'x'.repeat(55)}`;
    const names = planJobs(planLabelingChain(base([video('first-job'), video('second-job')], { batchId }))).map(
      (j) => j.request.LabelingJobName,
    );
    expect(names.every((n) => n.length === 63)).toBe(true);
    expect(new Set(names).size).toBe(2);
    expect(deriveJobName('a', 'b')).toBe('a-b');
    expect(levelWord(11)).toBe('level_11');
  });

  it('continues a parent with the same label attribute when asked', () => {
    const [, next] = planJobs(
      planLabelingChain(base([video('v'), { id: 'more', level: 2, input: { chainFrom: 'v' }, continueParent: true }])),
    );
    expect(next!.request.LabelAttributeName).toBe('batch-1-v-ref');
    expect(next!.taskType).toBe('VideoObjectTracking');
  });

  it('chains from an existing job outside the workflow', () => {
    const [job] = planJobs(
      planLabelingChain(
        base([
          {
            id: 'audit',
            level: 1,
            input: {
              chainFromExisting: {
                jobName: 'old-job',
                taskType: 'VideoObjectDetection',
                labelAttributeName: 'old-job-ref',
                outputManifestS3Uri: 's3://out/old-job/manifests/output/output.manifest',
                labelCategoryConfigS3Uri: 's3://out/labels.json',
              },
            },
            audit: { kind: 'adjustment' },
          },
        ]),
      ),
    );
    expect(job!.existingParent).toBe(true);
    expect(job!.taskType).toBe('AdjustmentVideoObjectDetection');
    expect(job!.request.InputConfig.DataSource.S3DataSource.ManifestS3Uri).toBe(
      's3://out/old-job/manifests/output/output.manifest',
    );
  });
});

describe('planLabelingChain: bad input fails before any request, naming the field', () => {
  const cases: [string, () => unknown, string, RegExp][] = [
    [
      'an unknown task type',
      () => planLabelingChain(base([video('v', { taskType: 'Sketch' as TaskType })])),
      'workflow.jobs[0].taskType',
      /not a known/,
    ],
    [
      'a region without built-ins',
      () => planLabelingChain(base([video('v')], { region: 'sa-east-1' })),
      'workflow.region',
      /no Ground Truth built-in/,
    ],
    [
      'chaining from a job on the same level',
      () => planLabelingChain(base([video('a'), { ...video('b'), input: { chainFrom: 'a' } }])),
      'workflow.jobs[1].input.chainFrom',
      /lower level/,
    ],
    [
      'chaining from a job on a higher level',
      () => planLabelingChain(base([{ ...video('b'), input: { chainFrom: 'a' } }, video('a', { level: 2 })])),
      'workflow.jobs[0].input.chainFrom',
      /lower level/,
    ],
    [
      'chaining from an unknown job',
      () => planLabelingChain(base([video('a'), { ...video('b', { level: 2 }), input: { chainFrom: 'zzz' } }])),
      'workflow.jobs[1].input.chainFrom',
      /names no job/,
    ],
    [
      'an audit of a task type that cannot be audited',
      () =>
        planLabelingChain(
          base([
            { ...video('c'), taskType: 'ImageMultiClass', uiTemplateS3Uri: 's3://ui-bucket/t.html' },
            {
              id: 'c-audit',
              level: 2,
              input: { chainFrom: 'c' },
              audit: { kind: 'verification' },
              uiTemplateS3Uri: 's3://ui-bucket/t.html',
            },
          ]),
        ),
      'workflow.jobs[1].audit',
      /cannot verify task type ImageMultiClass/,
    ],
    ['duplicate ids', () => planLabelingChain(base([video('a'), video('A')])), 'workflow.jobs[1].id', /duplicates/],
    [
      'duplicate names, regardless of case',
      () => planLabelingChain(base([video('a', { name: 'Same-Name' }), video('b', { name: 'same-name' })])),
      'workflow.jobs[1].name',
      /regardless of case/,
    ],
    [
      'a name that breaks the pattern',
      () => planLabelingChain(base([video('a', { name: 'bad_name' })])),
      'workflow.jobs[0].name',
      /pattern/,
    ],
    [
      'a batch id that breaks the pattern',
      () => planLabelingChain(base([video('a')], { batchId: 'no spaces' })),
      'workflow.batchId',
      /pattern/,
    ],
    [
      'a label attribute without -ref where it is required',
      () => planLabelingChain(base([video('a', { labelAttributeName: 'cars' })])),
      'workflow.jobs[0].labelAttributeName',
      /must end in -ref/,
    ],
    [
      'a label attribute with -ref where it is forbidden',
      () =>
        planLabelingChain(
          base([video('a', { taskType: '3DPointCloudObjectDetection', labelAttributeName: 'cars-ref' })]),
        ),
      'workflow.jobs[0].labelAttributeName',
      /must not end in -ref/,
    ],
    [
      'a label attribute ending in -metadata',
      () => planLabelingChain(base([video('a', { labelAttributeName: 'x-metadata' })])),
      'workflow.jobs[0].labelAttributeName',
      /-metadata/,
    ],
    [
      'the reserved label attribute source-ref',
      () =>
        planLabelingChain(base([video('a', { taskType: 'VideoObjectTracking', labelAttributeName: 'source-ref' })])),
      'workflow.jobs[0].labelAttributeName',
      /reserved/,
    ],
    [
      'an audit reusing the parent label attribute',
      () =>
        planLabelingChain(
          base([
            video('a'),
            {
              id: 'b',
              level: 2,
              input: { chainFrom: 'a' },
              audit: { kind: 'adjustment' },
              labelAttributeName: 'batch-1-a-ref',
            },
          ]),
        ),
      'workflow.jobs[1].labelAttributeName',
      /must differ/,
    ],
    [
      'a work team in another region',
      () =>
        planLabelingChain(
          base([video('a', { workteamArn: 'arn:aws:sagemaker:us-east-1:322552456788:workteam/private-crowd/t' })]),
        ),
      'workflow.jobs[0].workteamArn',
      /region us-east-1/,
    ],
    [
      'an image task without a UI template',
      () => planLabelingChain(base([video('a', { taskType: 'BoundingBox' })])),
      'workflow.jobs[0].uiTemplateS3Uri',
      /no built-in UI/,
    ],
    [
      'a missing label category configuration',
      () => planLabelingChain(base([video('a', { labelCategoryConfigS3Uri: undefined })])),
      'workflow.jobs[0].labelCategoryConfigS3Uri',
      /required/,
    ],
    [
      'ten workers per object',
      () => planLabelingChain(base([video('a', { workersPerObject: 10 })])),
      'workflow.jobs[0].workersPerObject',
      /1 to 9/,
    ],
    [
      'no input',
      () => planLabelingChain(base([{ ...video('a'), input: {} as never }])),
      'workflow.jobs[0].input',
      /exactly one/,
    ],
    ['a bad role', () => planLabelingChain(base([video('a')], { roleArn: 'role' })), 'workflow.roleArn', /IAM role/],
    [
      'an audit without a parent',
      () => planLabelingChain(base([{ ...video('a'), audit: { kind: 'adjustment' } }])),
      'workflow.jobs[0].audit',
      /needs input.chainFrom/,
    ],
  ];
  for (const [what, run, field, rule] of cases) {
    it(`rejects ${what}`, () => {
      const error = rejection(run);
      expect(error.field).toBe(field);
      expect(error.rule).toMatch(rule);
    });
  }
});
