/**
 * `aws-ml-kit endpoints plan|benchmark`: plan an Inferentia deployment, or benchmark an endpoint (SageMaker or
 * TF Serving REST) into the P13 table as Markdown or JSON.
 *
 * @module
 */
import { parseArgs } from 'node:util';
import { TfServingRestTransport } from '../endpoints/aws/TfServingRestTransport.js';
import { formatBenchmarkMarkdown } from '../endpoints/benchmarkTable.js';
import { jsonCodec } from '../endpoints/codecs.js';
import { NeuronEndpointClient } from '../endpoints/NeuronEndpointClient.js';
import { type NeuronPlan, planNeuronDeployment } from '../endpoints/neuronPlanner.js';
import { ValidationError } from '../kit/errors.js';
import type { CliCommand, CliIo } from './CliIo.js';
import { fileLabel, parseJsonFile, readFileArgument } from './cliFiles.js';
import { parseCommandLine } from './parseCommandLine.js';

const USAGE = `Usage: aws-ml-kit endpoints plan --instance <type> --weights <n> [options]
       aws-ml-kit endpoints benchmark (--endpoint <name> | --tfs-url <url> --model <name>) --sample <file> [options]

plan: NeuronCores per model, model-server workers, compiler arguments and container environment.
  --instance <type>     inf1.xlarge, inf1.6xlarge, inf2.xlarge, … (with or without "ml.")
  --weights <n>         model weights (parameters), e.g. 110e6 for BERT-base
  --objective <o>       throughput (single-core copies) | latency (pipelined) (default: throughput)
  --instances <n>       instances behind the endpoint (default: 1)
  --rounding <r>        half-even (Python round, default) | half-up
  --legacy              also print NEURONCORE_GROUP_SIZES (Neuron runtime 1.x only; unsupported since 1.20)

benchmark: closed-loop requests at each batch size; prints the P13 table.
  --endpoint <name>     SageMaker endpoint (AWS credentials from the environment)
  --region <r>          AWS region (default: from the environment)
  --endpoint-url <url>  SageMaker runtime URL, e.g. a local stand-in
  --tfs-url <url>       a TensorFlow Serving REST base URL instead (with --model)
  --model <name>        TF Serving model name
  --sample <file>       JSON file with one item (one instance); batches repeat it
  --batch-sizes <list>  comma-separated (default: 1)
  --concurrency <n>     requests in flight (default: the plan's, else 4)
  --duration <ms>       measuring time per batch size (default: 10000)
  --price <usd/h>       hourly price for the cost column (default: the plan's catalogue price)
  --instance, --weights, --objective  plan the deployment to label the rows (optional)
  --json                print JSON instead of Markdown
  -h, --help            show this help`;

/**
 * The `endpoints` subcommand.
 *
 * @example
 * ```ts
 * await endpointsCommand.run(['plan', '--instance', 'inf1.xlarge', '--weights', '110e6'], processIo());
 * ```
 */
export const endpointsCommand: CliCommand = {
  summary: 'plan an Inferentia deployment or benchmark an endpoint (P13 table)',
  usage: USAGE,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseCommandLine('endpoints', USAGE, io, () => parse(argv));
    if (parsed === undefined) return 2;
    const plan =
      parsed.instance === undefined
        ? undefined
        : planNeuronDeployment({
            instanceType: parsed.instance,
            weights: numberOf('--weights', parsed.weights),
            objective: parsed.objective as 'latency' | 'throughput',
            instanceCount: numberOf('--instances', parsed.instances),
            rounding: parsed.rounding as 'half-even' | 'half-up',
            legacyGroupSizes: parsed.legacy,
          });
    if (parsed.action === 'plan') {
      if (!plan) throw new ValidationError('--instance', 'is required for plan');
      io.stdout(parsed.json ? `${JSON.stringify(plan, null, 2)}\n` : describePlan(plan));
      return 0;
    }
    return benchmark(parsed, plan, io);
  },
};

function parse(argv: readonly string[]) {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      instance: { type: 'string' },
      weights: { type: 'string' },
      objective: { type: 'string', default: 'throughput' },
      instances: { type: 'string', default: '1' },
      rounding: { type: 'string', default: 'half-even' },
      legacy: { type: 'boolean', default: false },
      endpoint: { type: 'string' },
      region: { type: 'string' },
      'endpoint-url': { type: 'string' },
      'tfs-url': { type: 'string' },
      model: { type: 'string' },
      sample: { type: 'string' },
      'batch-sizes': { type: 'string', default: '1' },
      concurrency: { type: 'string' },
      duration: { type: 'string', default: '10000' },
      price: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const [action, ...extra] = positionals;
  if ((action !== 'plan' && action !== 'benchmark') || extra.length > 0) {
    throw new Error('expected "plan" or "benchmark"');
  }
  if (action === 'plan' && (values.instance === undefined || values.weights === undefined)) {
    throw new Error('plan needs --instance and --weights');
  }
  if (action === 'benchmark') {
    if ((values.endpoint === undefined) === (values['tfs-url'] === undefined)) {
      throw new Error('benchmark needs exactly one of --endpoint or --tfs-url');
    }
    if (values['tfs-url'] !== undefined && values.model === undefined) throw new Error('--tfs-url needs --model');
    if (values.sample === undefined) throw new Error('benchmark needs --sample <file>');
    if (values.instance !== undefined && values.weights === undefined) throw new Error('--instance needs --weights');
  }
  return { action, ...values };
}

function numberOf(flag: string, text: string | undefined): number {
  const value = Number(text);
  if (text === undefined || text.trim() === '' || !Number.isFinite(value)) {
    throw new ValidationError(flag, `must be a number, got ${String(text).slice(0, 20)}`);
  }
  return value;
}

function describePlan(plan: NeuronPlan): string {
  const lines = [
    `${plan.instance.name}: ${plan.instance.neuronCores} NeuronCores (${plan.instance.chips} chip${plan.instance.chips > 1 ? 's' : ''})`,
    `mode: ${plan.mode}, ${plan.coresPerModel} core(s) per model, ${plan.copiesPerInstance} copies per instance`,
    `formula 4 × round(weights / 2e7) = ${plan.formulaPipelineCores}`,
    `client concurrency: ${plan.concurrency}`,
    `compiler args: ${plan.compilerArgs.length > 0 ? plan.compilerArgs.join(' ') : '(none)'}`,
    'container environment:',
    ...Object.entries(plan.environment).map(([key, value]) => `  ${key}=${value}`),
    `per-worker NEURON_RT_VISIBLE_CORES: ${plan.workerVisibleCores.join(' | ')}`,
  ];
  if (plan.legacyEnvironment) {
    lines.push('legacy (Neuron runtime 1.x only):');
    lines.push(...Object.entries(plan.legacyEnvironment).map(([key, value]) => `  ${key}=${value}`));
  }
  if (plan.instance.pricePerHourUsd !== undefined) {
    lines.push(
      `catalogue price: $${plan.instance.pricePerHourUsd}/h (${plan.instance.priceRegion}, ${plan.instance.priceDate}; ${plan.instance.priceSource})`,
    );
  }
  for (const note of plan.notes) lines.push(`note: ${note}`);
  return `${lines.join('\n')}\n`;
}

async function benchmark(parsed: ReturnType<typeof parse>, plan: NeuronPlan | undefined, io: CliIo): Promise<number> {
  const sample = parseJsonFile(
    await readFileArgument('--sample', parsed.sample!, io),
    fileLabel('--sample', parsed.sample!),
  );
  const batchSizes = parsed['batch-sizes']!.split(',').map((s) => numberOf('--batch-sizes', s));
  const client =
    parsed['tfs-url'] !== undefined
      ? new NeuronEndpointClient<unknown, unknown>({
          transport: new TfServingRestTransport({ url: parsed['tfs-url'], modelName: parsed.model! }),
          // TF Serving's row format: `{"instances": items}` in, `predictions` out.
          codec: jsonCodec({ requestKey: 'instances', responseKey: 'predictions' }),
          ...(plan ? { plan } : {}),
        })
      : new NeuronEndpointClient<unknown, unknown>({
          endpointName: parsed.endpoint!,
          clientConfig: {
            ...(parsed.region === undefined ? {} : { region: parsed.region }),
            ...(parsed['endpoint-url'] === undefined ? {} : { endpoint: parsed['endpoint-url'] }),
          },
          ...(plan ? { plan } : {}),
        });
  try {
    const rows = await client.benchmark({
      sample,
      batchSizes,
      durationMs: numberOf('--duration', parsed.duration),
      ...(parsed.concurrency === undefined ? {} : { concurrency: numberOf('--concurrency', parsed.concurrency) }),
      ...(parsed.price === undefined ? {} : { pricePerHour: numberOf('--price', parsed.price) }),
      ...(io.isTTY
        ? {
            onProgress: ({ done, total }: { done: number; total: number }) =>
              io.stderr(`\rbenchmark: ${done}/${total} batch sizes${done === total ? '\n' : ''}`),
          }
        : {}),
    });
    io.stdout(parsed.json ? `${JSON.stringify(rows, null, 2)}\n` : formatBenchmarkMarkdown(rows));
    return 0;
  } finally {
    client.destroy();
  }
}
