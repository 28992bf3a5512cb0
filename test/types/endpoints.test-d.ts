import type { CreateEndpointConfigInput, DescribeEndpointConfigOutput } from '@aws-sdk/client-sagemaker';
import type { SageMakerRuntimeClient, SageMakerRuntimeClientConfig } from '@aws-sdk/client-sagemaker-runtime';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  EIPredictorClientOptions,
  EndpointConfigLike,
  NeuronEndpointClientOptions,
  SageMakerRuntimeInvokerOptions,
} from '../../src/endpoints/index.js';
import type { SendableClient } from '../../src/kit/clients.js';

describe('Types: endpoints', () => {
  it('the EI guard reads the SDK endpoint-config shapes (create input and describe output)', () => {
    expectTypeOf<CreateEndpointConfigInput>().toExtend<EndpointConfigLike>();
    expectTypeOf<DescribeEndpointConfigOutput>().toExtend<EndpointConfigLike>();
  });

  it('takes a SageMaker runtime client or its config, not both, or a transport', () => {
    expectTypeOf<SageMakerRuntimeClient>().toExtend<SendableClient>();
    expectTypeOf<{ endpointName: string; client: SageMakerRuntimeClient }>().toExtend<SageMakerRuntimeInvokerOptions>();
    expectTypeOf<{ endpointName: string; clientConfig: SageMakerRuntimeClientConfig }>().toExtend<
      NeuronEndpointClientOptions<number, number>
    >();
    expectTypeOf<{
      endpointName: string;
      client: SageMakerRuntimeClient;
      clientConfig: SageMakerRuntimeClientConfig;
    }>().not.toExtend<NeuronEndpointClientOptions<number, number>>();
    expectTypeOf<{ url: string; modelName: string }>().toExtend<EIPredictorClientOptions>();
    expectTypeOf<{ url: string; endpointName: string }>().not.toExtend<EIPredictorClientOptions>();
  });
});
