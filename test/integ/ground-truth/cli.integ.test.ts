import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { fakeIo } from '../../helpers/fakeIo.js';
import { type Harness, originalWorkflow, SETTINGS, startHarness } from './harness.js';

const BATCH_FILE = resolve(import.meta.dirname, '../../fixtures/ground-truth/original-batch.json');
let dir: string;
let harness: Harness | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gt-cli-'));
});
afterEach(async () => {
  rmSync(dir, { recursive: true, force: true });
  await harness?.close();
  harness = undefined;
});

const batchFlags = [
  '--region',
  SETTINGS.region,
  '--role-arn',
  SETTINGS.roleArn,
  '--output-s3-uri',
  SETTINGS.outputS3Uri,
];

describe('aws-ml-kit ground-truth', () => {
  it('plan prints the validated requests of the original batch, offline', async () => {
    const run = fakeIo();
    expect(await main(['ground-truth', 'plan', BATCH_FILE, ...batchFlags], run.io)).toBe(0);
    const plan = JSON.parse(run.stdout);
    expect(plan.levels[1].jobs.map((j: { request: { LabelingJobName: string } }) => j.request.LabelingJobName)).toEqual(
      ['nb-track-823f6d3e-vehicle-audit', 'nb-track-823f6d3e-lane-audit'],
    );
  });

  it('plan --asl prints the state machine', async () => {
    const file = join(dir, 'workflow.json');
    writeFileSync(file, JSON.stringify(originalWorkflow()));
    const run = fakeIo();
    expect(await main(['ground-truth', 'plan', file, '--asl'], run.io)).toBe(0);
    expect(JSON.parse(run.stdout).StartAt).toBe('Level 1');
  });

  it('reports bad workflows with the field and rule, and bad usage with code 2', async () => {
    const file = join(dir, 'workflow.json');
    writeFileSync(file, JSON.stringify({ ...originalWorkflow(), region: 'sa-east-1' }));
    const bad = fakeIo();
    expect(await main(['ground-truth', 'plan', file], bad.io)).toBe(1);
    expect(bad.stderr).toContain('workflow.region has no Ground Truth built-in task types');
    const noFlags = fakeIo();
    expect(await main(['ground-truth', 'plan', BATCH_FILE], noFlags.io)).toBe(1);
    expect(noFlags.stderr).toContain('--role-arn');
    const usage = fakeIo();
    expect(await main(['ground-truth', 'launch', file], usage.io)).toBe(2);
  });

  it('run creates the chain against the stand-in and status reads the state file', async () => {
    harness = await startHarness();
    const workflowFile = join(dir, 'workflow.json');
    writeFileSync(workflowFile, JSON.stringify(originalWorkflow()));
    const stateFile = join(dir, 'state.json');
    const env = {
      AWS_ACCESS_KEY_ID: 'stand-in',
      AWS_SECRET_ACCESS_KEY: 'stand-in',
    };
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      const flags = ['--endpoint', harness.standIn.server.url, '--state-file', stateFile, '--poll-ms', '1'];
      const run = fakeIo({ isTTY: true });
      expect(await main(['ground-truth', 'run', workflowFile, ...flags], run.io)).toBe(0);
      expect(JSON.parse(run.stdout).status).toBe('COMPLETE');
      expect(run.stderr).toContain('[####] 4/4 done COMPLETE');
      expect(run.stderr).toContain('batch nb-track-823f6d3e: COMPLETE');
      const status = fakeIo();
      expect(await main(['ground-truth', 'status', workflowFile, ...flags], status.io)).toBe(0);
      expect(JSON.parse(status.stdout).levels[0].jobLevels[0].batchStatus).toBe('COMPLETE');
      expect(harness.standIn.jobs()).toHaveLength(4);
    } finally {
      process.env = saved;
    }
  });
});
