import type { TextractClient, TextractClientConfig } from '@aws-sdk/client-textract';
import { describe, expectTypeOf, it } from 'vitest';
import type { ClientOptions, SendableClient } from '../../src/kit/clients.js';
import { type AwsMlKitError, isServiceError, type ServiceError } from '../../src/kit/errors.js';

describe('Types: client injection', () => {
  type Options = ClientOptions<TextractClient, TextractClientConfig>;

  it('accepts a client or a client config, not both', () => {
    expectTypeOf<{ client: TextractClient }>().toExtend<Options>();
    expectTypeOf<{ clientConfig: TextractClientConfig }>().toExtend<Options>();
    expectTypeOf<{ client: TextractClient; clientConfig: TextractClientConfig }>().not.toExtend<Options>();
  });

  it('treats a real SDK client as sendable', () => {
    expectTypeOf<TextractClient>().toExtend<SendableClient>();
  });
});

describe('Types: error guards', () => {
  it('narrow unknown to the error class', () => {
    const error: unknown = undefined;
    if (isServiceError(error)) {
      expectTypeOf(error).toEqualTypeOf<ServiceError>();
      expectTypeOf(error).toExtend<AwsMlKitError>();
      expectTypeOf(error.httpStatusCode).toEqualTypeOf<number | undefined>();
    }
  });
});
