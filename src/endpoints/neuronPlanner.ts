/**
 * A pure deployment planner for Inferentia: how many NeuronCores per model copy, how many copies (model
 * server workers), the compiler argument and the container environment for current Neuron runtimes.
 *
 * @module
 */
import { ValidationError } from '../kit/errors.js';
import { NEURON_INSTANCES, type NeuronInstanceType } from './neuronInstances.js';

/** How `round()` in the pipeline-cores heuristic breaks ties. */
export type RoundingMode = 'half-even' | 'half-up';

/**
 * Rounds `x` to an integer; `half-even` is Python 3's `round()` (2.5 → 2, 3.5 → 4), `half-up` is `Math.round`.
 *
 * @example
 * ```ts
 * roundWith(2.5, 'half-even'); // 2
 * roundWith(2.5, 'half-up'); // 3
 * ```
 */
export function roundWith(x: number, mode: RoundingMode): number {
  if (mode === 'half-up') return Math.round(x);
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** Options of {@link estimatePipelineCores}. */
export interface PipelineCoresOptions {
  /** Tie-breaking of `round()`. Default `half-even`, the seed's Python semantics, so the same model gets the same answer. */
  readonly rounding?: RoundingMode;
  /** Cores available (the instance's). The result is clamped to `[1, maxCores]`. Default: no upper clamp. */
  readonly maxCores?: number;
}

/** Result of {@link estimatePipelineCores}. */
export interface PipelineCoresEstimate {
  /** `4 × round(weights / 2e7)` before clamping (may be 0 or above the instance). */
  readonly formula: number;
  /** Clamped to `[1, maxCores]`. */
  readonly cores: number;
  /** True when clamping changed the formula's value. */
  readonly clamped: boolean;
}

/**
 * The AWS starting point for `--neuroncore-pipeline-cores`: `4 × round(weights / 2e7)`, clamped to
 * `[1, maxCores]`. Rounding is half-to-even by default (the seed's Python `round()`): 5e7 weights → 2.5 → 2 → 8
 * cores (half-up would give 12). It is a starting point to experiment from, not an optimum.
 *
 * @example
 * ```ts
 * estimatePipelineCores(110e6, { maxCores: 16 }); // { formula: 24, cores: 16, clamped: true } (BERT-base)
 * ```
 */
export function estimatePipelineCores(weights: number, options: PipelineCoresOptions = {}): PipelineCoresEstimate {
  if (!(weights > 0 && Number.isFinite(weights))) {
    throw new ValidationError('weights', `must be a positive finite number of model weights, got ${weights}`);
  }
  const rounding = options.rounding ?? 'half-even';
  if (rounding !== 'half-even' && rounding !== 'half-up') {
    throw new ValidationError('options.rounding', `must be 'half-even' or 'half-up', got ${String(rounding)}`);
  }
  const maxCores = options.maxCores ?? Number.POSITIVE_INFINITY;
  if (!(maxCores >= 1)) throw new ValidationError('options.maxCores', `must be at least 1, got ${maxCores}`);
  const formula = 4 * roundWith(weights / 2e7, rounding);
  const cores = Math.min(Math.floor(maxCores), Math.max(1, formula));
  return { formula, cores, clamped: cores !== formula };
}

/**
 * `latency`: one model pipelined over several cores (`pipelineCores` from the formula, clamped to the instance).
 * `throughput`: single-core copies, one per NeuronCore (data parallel).
 */
export type NeuronObjective = 'latency' | 'throughput';

/** Input of {@link planNeuronDeployment}. */
export interface NeuronPlanInput {
  /** Instance type, e.g. `inf1.xlarge` or `ml.inf1.xlarge`. */
  readonly instanceType: string;
  /** Number of weights (parameters) of the model, e.g. 110e6 for BERT-base. */
  readonly weights: number;
  /** Default `throughput` (data parallel gives "the highest throughput and lowest cost in most cases"). */
  readonly objective?: NeuronObjective;
  /** Instances behind the endpoint. Default 1. */
  readonly instanceCount?: number;
  /** Force the cores per model instead of the formula (latency objective). */
  readonly pipelineCores?: number;
  /** Tie-breaking of the formula. Default `half-even`. */
  readonly rounding?: RoundingMode;
  /** Also emit the legacy `NEURONCORE_GROUP_SIZES` (Neuron runtime 1.x only; unsupported since Neuron 1.20). */
  readonly legacyGroupSizes?: boolean;
  /** Catalogue to look the instance up in. Default {@link NEURON_INSTANCES}. */
  readonly instances?: readonly NeuronInstanceType[];
}

/** A deployment plan. */
export interface NeuronPlan {
  /** The catalogue entry. */
  readonly instance: NeuronInstanceType;
  /** The objective planned for. */
  readonly objective: NeuronObjective;
  /** `Data Parallel` or `Pipeline Parallel`, as in the P13 tables. */
  readonly mode: 'Data Parallel' | 'Pipeline Parallel';
  /** NeuronCores per model copy. */
  readonly coresPerModel: number;
  /** The formula's value before clamping (reported even for the throughput objective). */
  readonly formulaPipelineCores: number;
  /** Model copies per instance: the model server's worker count. */
  readonly copiesPerInstance: number;
  /** Useful client concurrency: copies × instances (more only queues in the container). */
  readonly concurrency: number;
  /** Compiler arguments (`--neuroncore-pipeline-cores N` on inf1 when pipelining; none otherwise). */
  readonly compilerArgs: readonly string[];
  /** Container environment: workers and cores per worker for Neuron runtime 2.x. */
  readonly environment: Readonly<Record<string, string>>;
  /** `NEURON_RT_VISIBLE_CORES` for each worker when you start workers yourself, e.g. `['0-3']`. */
  readonly workerVisibleCores: readonly string[];
  /** Present only with `legacyGroupSizes`: Neuron runtime 1.x (neuron-rtd), unsupported since Neuron 1.20. */
  readonly legacyEnvironment?: Readonly<Record<string, string>>;
  /** Notes a reader must see (clamping, unused cores, inf2 specifics). */
  readonly notes: readonly string[];
}

/**
 * Finds an instance type by name (with or without the SageMaker `ml.` prefix).
 *
 * @throws ValidationError naming the known types when it is unknown.
 * @example
 * ```ts
 * findNeuronInstance('ml.inf2.xlarge').neuronCores; // 2
 * ```
 */
export function findNeuronInstance(
  instanceType: string,
  instances: readonly NeuronInstanceType[] = NEURON_INSTANCES,
): NeuronInstanceType {
  const name = typeof instanceType === 'string' ? instanceType.replace(/^ml\./, '') : '';
  const found = instances.find((instance) => instance.name === name);
  if (!found) {
    throw new ValidationError(
      'instanceType',
      `must be a known Inferentia instance type (${instances.map((i) => i.name).join(', ')}), got ${String(instanceType).slice(0, 40)}`,
    );
  }
  return found;
}

/**
 * Plans cores per model, copies, concurrency, compiler arguments and container environment.
 *
 * @example
 * ```ts
 * const plan = planNeuronDeployment({ instanceType: 'inf1.6xlarge', weights: 110e6, objective: 'latency' });
 * plan.coresPerModel; // 16 (formula 24, clamped)
 * plan.environment; // { SAGEMAKER_MODEL_SERVER_WORKERS: '1', NEURON_RT_NUM_CORES: '16' }
 * ```
 */
export function planNeuronDeployment(input: NeuronPlanInput): NeuronPlan {
  const instance = findNeuronInstance(input.instanceType, input.instances);
  const objective = input.objective ?? 'throughput';
  if (objective !== 'latency' && objective !== 'throughput') {
    throw new ValidationError('objective', `must be 'latency' or 'throughput', got ${String(objective)}`);
  }
  const instanceCount = input.instanceCount ?? 1;
  if (!Number.isInteger(instanceCount) || instanceCount < 1) {
    throw new ValidationError('instanceCount', `must be a positive integer, got ${instanceCount}`);
  }
  const estimate = estimatePipelineCores(input.weights, {
    maxCores: instance.neuronCores,
    ...(input.rounding === undefined ? {} : { rounding: input.rounding }),
  });
  const notes: string[] = [];
  let coresPerModel = 1;
  if (objective === 'latency') {
    if (input.pipelineCores !== undefined) {
      if (
        !Number.isInteger(input.pipelineCores) ||
        input.pipelineCores < 1 ||
        input.pipelineCores > instance.neuronCores
      ) {
        throw new ValidationError(
          'pipelineCores',
          `must be an integer in [1, ${instance.neuronCores}] for ${instance.name}, got ${input.pipelineCores}`,
        );
      }
      coresPerModel = input.pipelineCores;
    } else {
      coresPerModel = estimate.cores;
      if (estimate.clamped) {
        notes.push(
          `the formula 4 × round(weights / 2e7) gives ${estimate.formula}; clamped to ${estimate.cores} (1..${instance.neuronCores} cores of ${instance.name})`,
        );
      }
    }
  }
  const copiesPerInstance = Math.floor(instance.neuronCores / coresPerModel);
  const unused = instance.neuronCores - copiesPerInstance * coresPerModel;
  if (unused > 0)
    notes.push(`${unused} NeuronCores stay unused: ${coresPerModel} does not divide ${instance.neuronCores}`);
  const pipelined = coresPerModel > 1;
  const compilerArgs: string[] = [];
  if (pipelined && instance.family === 'inf1') compilerArgs.push('--neuroncore-pipeline-cores', String(coresPerModel));
  if (pipelined && instance.family === 'inf2') {
    notes.push(
      `inf2 has no NeuronCore Pipeline: shard the model with tensor parallelism (tp_degree=${coresPerModel}) instead`,
    );
  }
  const workerVisibleCores = Array.from({ length: copiesPerInstance }, (_, i) => {
    const first = i * coresPerModel;
    return coresPerModel === 1 ? String(first) : `${first}-${first + coresPerModel - 1}`;
  });
  const plan: NeuronPlan = {
    instance,
    objective,
    mode: pipelined ? 'Pipeline Parallel' : 'Data Parallel',
    coresPerModel,
    formulaPipelineCores: estimate.formula,
    copiesPerInstance,
    concurrency: copiesPerInstance * instanceCount,
    compilerArgs,
    // NeuronCores belong to one process each: N workers × NEURON_RT_NUM_CORES cores must fit the instance.
    environment: {
      SAGEMAKER_MODEL_SERVER_WORKERS: String(copiesPerInstance),
      NEURON_RT_NUM_CORES: String(coresPerModel),
    },
    workerVisibleCores,
    notes,
  };
  if (!input.legacyGroupSizes) return plan;
  return {
    ...plan,
    legacyEnvironment: { NEURONCORE_GROUP_SIZES: Array(copiesPerInstance).fill(String(coresPerModel)).join(',') },
    notes: [
      ...notes,
      'NEURONCORE_GROUP_SIZES is legacy: Neuron runtime 1.x (neuron-rtd) only, deprecated in Neuron 1.16.0 and unsupported from 1.20.0; use NEURON_RT_VISIBLE_CORES / NEURON_RT_NUM_CORES',
    ],
  };
}
