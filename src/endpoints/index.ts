/**
 * aws-ml-kit/endpoints — `NeuronEndpointClient` and `EIPredictorClient` over one SageMaker runtime invoker:
 * dynamic batching to compiled shapes, retries by error class, metrics with streaming percentiles, a Neuron
 * deployment planner, the P13 benchmark table, TF Serving REST codecs and the Elastic Inference guard.
 *
 * @packageDocumentation
 */
export {
  checkEndpointConfigForElasticInference,
  type ElasticInferenceGuardOptions,
} from './aws/elasticInferenceGuard.js';
export {
  SageMakerRuntimeInvoker,
  type SageMakerRuntimeInvokerOptions,
  type SageMakerRuntimeInvokerSettings,
} from './aws/SageMakerRuntimeInvoker.js';
export type { SageMakerRuntimeClientOptions } from './aws/sagemakerRuntimeClient.js';
export { TfServingRestTransport, type TfServingRestTransportOptions } from './aws/TfServingRestTransport.js';
export * from './benchmarkTable.js';
export * from './codecs.js';
export * from './compiledShape.js';
export * from './DynamicBatcher.js';
export * from './EIPredictorClient.js';
export * from './EndpointTransport.js';
export * from './elasticInference.js';
export * from './errors.js';
export * from './json.js';
export * from './LatencyHistogram.js';
export * from './limits.js';
export * from './metrics.js';
export * from './NeuronEndpointClient.js';
export * from './neuronInstances.js';
export * from './neuronPlanner.js';
export * from './retryPolicy.js';
export * from './tfServing.js';
export { checkEndpointName } from './validation.js';
