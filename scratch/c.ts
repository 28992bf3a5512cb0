import { NeuronEndpointClient } from '../src/endpoints/index.js';
const enc = new TextEncoder(); const dec = new TextDecoder();
const transport = { target: 't', maxPayloadBytes: 6e6, invoke: async (r: { body: Uint8Array }) => ({ body: r.body, contentType: undefined, customAttributes: undefined, invokedProductionVariant: undefined, requestId: undefined }) };
const item = Array.from({ length: 128 }, (_, i) => i);
const neuron = new NeuronEndpointClient<number[], number[]>({ transport, maxQueueDelayMs: 0, concurrency: 1 });
for (let k = 0; k < 3; k++) {
  let a = performance.now();
  for (let i = 0; i < 2000; i++) await neuron.predict(item);
  const ours = (performance.now() - a) / 2000;
  a = performance.now();
  for (let i = 0; i < 2000; i++) { const b = await transport.invoke({ body: enc.encode(JSON.stringify([item])) }); JSON.parse(dec.decode(b.body)); }
  console.log('ours µs', (ours * 1000).toFixed(1), 'raw µs', ((performance.now() - a) / 2 ).toFixed(1));
}
