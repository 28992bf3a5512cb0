/**
 * The comparison table of the Inferentia BERT post (P13): instance, batch size, mode, cores per model,
 * throughput, p95 latency, cost per 1M inferences, and ratios against a baseline row — computed, not typed in.
 *
 * @module
 */
import { ValidationError } from '../kit/errors.js';
import { costPerMillionInferences } from './metrics.js';

/** One row of measurements. */
export interface BenchmarkMeasurement {
  /** Instance type, e.g. `inf1.xlarge`. */
  readonly instance: string;
  /** Items per request. */
  readonly batchSize: number;
  /** `Data Parallel`, `Pipeline Parallel`, or empty for a non-Neuron baseline. */
  readonly mode?: string;
  /** NeuronCores per model copy (absent for a GPU baseline). */
  readonly coresPerModel?: number;
  /** Inferences per second. */
  readonly throughputPerSecond: number;
  /** 95th-percentile latency per request, in seconds. */
  readonly latencyP95Seconds: number;
  /** Hourly price of the instance(s), in USD. */
  readonly pricePerHourUsd: number;
}

/** A row with the computed columns. */
export interface BenchmarkRow extends BenchmarkMeasurement {
  /** `pricePerHour / (throughput × 3600) × 10⁶`. */
  readonly costPerMillionUsd: number;
  /** Throughput ÷ the baseline's, when a baseline was given. */
  readonly throughputRatio?: number;
  /** Cost ÷ the baseline's, when a baseline was given. */
  readonly costRatio?: number;
}

/**
 * Adds the cost column and, against `baseline`, the throughput and cost ratios.
 *
 * @example
 * ```ts
 * const [row] = benchmarkRows(
 *   [{ instance: 'inf1.xlarge', batchSize: 1, mode: 'Data Parallel', coresPerModel: 1, throughputPerSecond: 245, latencyP95Seconds: 0.0165, pricePerHourUsd: 0.368 }],
 *   { instance: 'g4dn.xlarge', batchSize: 1, throughputPerSecond: 149, latencyP95Seconds: 0.0082, pricePerHourUsd: 0.526 },
 * );
 * formatCostUsd(row!.costPerMillionUsd); // "$0.42"
 * ```
 */
export function benchmarkRows(
  measurements: readonly BenchmarkMeasurement[],
  baseline?: BenchmarkMeasurement,
): BenchmarkRow[] {
  const base = baseline ? costPerMillionInferences(baseline.pricePerHourUsd, baseline.throughputPerSecond) : undefined;
  return measurements.map((m, i) => {
    if (!(m.batchSize >= 1)) throw new ValidationError(`measurements[${i}].batchSize`, 'must be at least 1');
    const costPerMillionUsd = costPerMillionInferences(m.pricePerHourUsd, m.throughputPerSecond);
    if (!baseline || base === undefined) return { ...m, costPerMillionUsd };
    return {
      ...m,
      costPerMillionUsd,
      throughputRatio: m.throughputPerSecond / baseline.throughputPerSecond,
      costRatio: costPerMillionUsd / base,
    };
  });
}

/**
 * Dollars with two decimals, as in the published table.
 *
 * @example
 * ```ts
 * formatCostUsd(0.41723); // "$0.42"
 * ```
 */
export function formatCostUsd(usd: number): string {
  return `$${usd.toFixed(2)}`;
}

const HEADERS = [
  'Instance',
  'Batch Size',
  'Inference Mode',
  'NeuronCores per model',
  'Throughput [inferences/sec]',
  'Latency p95 [seconds]',
  'Cost per 1M inferences',
  'Throughput ratio',
  'Cost ratio',
];

/**
 * The rows as the published table's cells (throughput rounded to an integer, p95 to 4 decimals, cost in
 * dollars to 2, throughput ratio to 1 decimal, cost ratio in whole percent).
 *
 * @example
 * ```ts
 * benchmarkCells(rows)[0]; // ['inf1.xlarge', '1', 'Data Parallel', '1', '245', '0.0165', '$0.42', '1.6', '43%']
 * ```
 */
export function benchmarkCells(rows: readonly BenchmarkRow[]): string[][] {
  return rows.map((row) => [
    row.instance,
    String(row.batchSize),
    row.mode ?? '',
    row.coresPerModel === undefined ? '' : String(row.coresPerModel),
    String(Math.round(row.throughputPerSecond)),
    row.latencyP95Seconds.toFixed(4),
    formatCostUsd(row.costPerMillionUsd),
    row.throughputRatio === undefined ? '' : row.throughputRatio.toFixed(1),
    row.costRatio === undefined ? '' : `${Math.round(row.costRatio * 100)}%`,
  ]);
}

/**
 * A Markdown table of the rows, with the published table's columns.
 *
 * @example
 * ```ts
 * console.log(formatBenchmarkMarkdown(rows));
 * ```
 */
export function formatBenchmarkMarkdown(rows: readonly BenchmarkRow[]): string {
  const lines = [`| ${HEADERS.join(' | ')} |`, `|${HEADERS.map(() => ' --- ').join('|')}|`];
  for (const cells of benchmarkCells(rows)) lines.push(`| ${cells.join(' | ')} |`);
  return `${lines.join('\n')}\n`;
}
