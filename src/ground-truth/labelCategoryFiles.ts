/**
 * Writes the label category files a plan needs (inline content, or an audit variant derived from the parent's
 * file) to the object store, before the jobs that use them are created.
 *
 * @module
 */
import { ResponseShapeError } from '../kit/errors.js';
import { callPlugin } from './callPlugin.js';
import { auditLabelCategoryConfig, type LabelCategoryConfig } from './labelCategoryConfig.js';
import { planJobs } from './planLabelingChain.js';
import type { CallOptions, ObjectStore } from './services.js';
import type { LabelingPlan, PlannedJob } from './workflow.js';

/**
 * Writes one planned job's label category file, if it has one to write.
 *
 * @example
 * ```ts
 * await writeLabelCategoryFile(plan.levels[1].jobs[0], objects);
 * ```
 */
export async function writeLabelCategoryFile(
  job: PlannedJob,
  objects: ObjectStore,
  options: CallOptions = {},
): Promise<void> {
  const spec = job.labelCategoryConfigToWrite;
  if (spec === undefined) return;
  let content: LabelCategoryConfig | undefined = spec.content;
  if (content === undefined && spec.auditOf !== undefined) {
    const { baseS3Uri, auditLabelAttributeName, editsAllowed, addLabels } = spec.auditOf;
    const bytes = await callPlugin('ObjectStore', 'get', () => objects.get(baseS3Uri, options), options.signal);
    let base: unknown;
    try {
      base = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      throw new ResponseShapeError('label category configuration', baseS3Uri, 'is not JSON');
    }
    content = auditLabelCategoryConfig(base as LabelCategoryConfig, auditLabelAttributeName, editsAllowed, addLabels);
  }
  const json = JSON.stringify(content);
  await callPlugin(
    'ObjectStore',
    'put',
    () => objects.put(spec.s3Uri, json, { ...options, contentType: 'application/json' }),
    options.signal,
  );
}

/**
 * Writes every label category file of a plan (what a Step Functions run needs before it starts).
 *
 * @example
 * ```ts
 * await writeLabelCategoryFiles(plan, new S3ObjectStore({ clientConfig: { region } }));
 * ```
 */
export async function writeLabelCategoryFiles(
  plan: LabelingPlan,
  objects: ObjectStore,
  options: CallOptions = {},
): Promise<number> {
  const jobs = planJobs(plan).filter((job) => job.labelCategoryConfigToWrite !== undefined);
  for (const job of jobs) await writeLabelCategoryFile(job, objects, options);
  return jobs.length;
}
