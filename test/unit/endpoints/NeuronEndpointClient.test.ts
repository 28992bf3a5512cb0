import { describe, expect, it } from 'vitest';
import { type EndpointTransport, NeuronEndpointClient, planNeuronDeployment } from '../../../src/endpoints/index.js';

function echoTransport(maxPayloadBytes = 6_291_456): EndpointTransport & { bodies: number } {
  const transport = {
    target: 'echo',
    maxPayloadBytes,
    bodies: 0,
    async invoke(request: { body: Uint8Array }) {
      transport.bodies++;
      return {
        body: request.body,
        contentType: 'application/json',
        customAttributes: undefined,
        invokedProductionVariant: undefined,
        requestId: undefined,
      };
    },
  };
  return transport;
}

describe('NeuronEndpointClient (pure, with a transport)', () => {
  it('a bad item fails alone, before joining a batch; its neighbours are answered', async () => {
    const transport = echoTransport();
    const client = new NeuronEndpointClient<{ x: number }, { x: number }>({ transport, maxQueueDelayMs: 60_000 });
    const pending = client.predictAll([{ x: 1 }, { x: 2 }]);
    const bad = client.predict({ x: Number.POSITIVE_INFINITY });
    await client.flush();
    await expect(bad).rejects.toThrow('item.x must be a finite number: JSON cannot carry Infinity');
    await expect(pending).resolves.toEqual([
      { ok: true, value: { x: 1 } },
      { ok: true, value: { x: 2 } },
    ]);
    expect(transport.bodies).toBe(1);
  });

  it('takes its default concurrency and price from the plan, and validates settings', async () => {
    const plan = planNeuronDeployment({ instanceType: 'inf1.xlarge', weights: 1e8, instanceCount: 2 });
    const client = new NeuronEndpointClient<number, number>({ transport: echoTransport(), plan, maxQueueDelayMs: 0 });
    await client.predictAll([1, 2, 3]);
    const rows = await client.benchmark({ sample: 1, batchSizes: [2], durationMs: 20, concurrency: 2 });
    // Two instances: the catalogue price is doubled.
    expect(rows[0]!.pricePerHourUsd).toBeCloseTo(0.736, 6);
    expect(() => new NeuronEndpointClient({ transport: {} as never })).toThrow(/options.transport/);
    expect(() => new NeuronEndpointClient({ transport: echoTransport(), customAttributes: 'ü' })).toThrow(
      /options.customAttributes/,
    );
    expect(
      () => new NeuronEndpointClient({ transport: echoTransport(), compiledShape: { sequenceLength: 0 } }),
    ).toThrow(/options.compiledShape.sequenceLength/);
    await expect(client.benchmark({ sample: 1, durationMs: 0 })).rejects.toThrow(/options.durationMs/);
    await expect(client.benchmark({ sample: 1, concurrency: 0 })).rejects.toThrow(/options.concurrency/);
    await expect(client.benchmark({ sample: 1, batchSizes: [] })).rejects.toThrow(/options.batchSizes/);
    const unpriced = new NeuronEndpointClient<number, number>({ transport: echoTransport() });
    await expect(unpriced.benchmark({ sample: 1 })).rejects.toThrow(/options.pricePerHour must be given/);
  });

  it('refuses a batch over the transport payload limit after trying halves', async () => {
    const client = new NeuronEndpointClient<string, string>({ transport: echoTransport(40), maxQueueDelayMs: 60_000 });
    const pending = client.predictAll(['a'.repeat(10), 'b'.repeat(10), 'c'.repeat(50)]);
    await client.flush();
    const outcomes = await pending;
    expect(outcomes.map((o) => o.ok)).toEqual([true, true, false]);
    expect(String((outcomes[2] as { error: unknown }).error)).toMatch(/items must be at most 40 bytes/);
  });
});
