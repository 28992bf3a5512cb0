import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { SageMakerRuntimeStandIn, TfServingStandIn } from '../../../src/testing/index.js';
import { fakeIo } from '../../helpers/fakeIo.js';

describe('aws-ml-kit endpoints', () => {
  let sm: SageMakerRuntimeStandIn;
  let tfs: TfServingStandIn;
  let sample: string;
  beforeAll(async () => {
    // The CLI builds its own client from the environment; the stand-in does not check signatures.
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'stand-in');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'stand-in');
    sm = await SageMakerRuntimeStandIn.start({ latencyMs: 1 });
    tfs = await TfServingStandIn.start({ models: ['bert'], predict: () => [0.5, Number.NaN] });
    sample = join(mkdtempSync(join(tmpdir(), 'endpoints-cli-')), 'sample.json');
    writeFileSync(sample, JSON.stringify({ input_ids: [101, 102] }));
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await sm.close();
    await tfs.close();
  });

  it('plan prints cores, workers and the container environment (legacy only on request)', async () => {
    const run = fakeIo();
    const code = await main(
      ['endpoints', 'plan', '--instance', 'inf1.6xlarge', '--weights', '110e6', '--objective', 'latency'],
      run.io,
    );
    expect(code).toBe(0);
    expect(run.stdout).toContain('mode: Pipeline Parallel, 16 core(s) per model, 1 copies per instance');
    expect(run.stdout).toContain('compiler args: --neuroncore-pipeline-cores 16');
    expect(run.stdout).toContain('NEURON_RT_NUM_CORES=16');
    expect(run.stdout).not.toContain('NEURONCORE_GROUP_SIZES');
    const legacy = fakeIo();
    await main(['endpoints', 'plan', '--instance', 'inf1.xlarge', '--weights', '1e8', '--legacy', '--json'], legacy.io);
    expect(JSON.parse(legacy.stdout).legacyEnvironment).toEqual({ NEURONCORE_GROUP_SIZES: '1,1,1,1' });
  });

  it('refuses usage mistakes (exit 2) and unknown instances (exit 1, field named)', async () => {
    const usage = fakeIo();
    expect(await main(['endpoints', 'plan', '--instance', 'inf1.xlarge'], usage.io)).toBe(2);
    expect(usage.stderr).toContain('plan needs --instance and --weights');
    const unknown = fakeIo();
    expect(await main(['endpoints', 'plan', '--instance', 'p3.2xlarge', '--weights', '1e8'], unknown.io)).toBe(1);
    expect(unknown.stderr).toContain('instanceType must be a known Inferentia instance type');
    const both = fakeIo();
    expect(await main(['endpoints', 'benchmark', '--sample', sample], both.io)).toBe(2);
  });

  it('benchmark against a SageMaker endpoint prints the P13 table in Markdown, with progress on a TTY', async () => {
    const run = fakeIo({ isTTY: true, env: {} });
    const code = await main(
      [
        'endpoints',
        'benchmark',
        '--endpoint',
        'bert',
        '--endpoint-url',
        sm.server.url,
        '--region',
        'us-east-1',
        '--sample',
        sample,
        '--batch-sizes',
        '1,2',
        '--duration',
        '100',
        '--instance',
        'inf1.xlarge',
        '--weights',
        '110e6',
      ],
      run.io,
    );
    expect(run.stderr).toContain('benchmark: 2/2 batch sizes');
    expect(code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toContain('| Instance | Batch Size | Inference Mode |');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toMatch(/^\| inf1\.xlarge \| 1 \| Data Parallel \| 1 \| \d+ \| [\d.]+ \| \$[\d.]+ \|/);
  });

  it('benchmark against a TF Serving URL prints JSON rows', async () => {
    const run = fakeIo();
    const code = await main(
      [
        'endpoints',
        'benchmark',
        '--tfs-url',
        tfs.url,
        '--model',
        'bert',
        '--sample',
        sample,
        '--duration',
        '80',
        '--price',
        '0.5',
        '--json',
      ],
      run.io,
    );
    expect(code).toBe(0);
    const [row] = JSON.parse(run.stdout);
    expect(row).toMatchObject({ instance: 'bert', batchSize: 1, pricePerHourUsd: 0.5 });
    expect(row.throughputPerSecond).toBeGreaterThan(0);
  });
});
