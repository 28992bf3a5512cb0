import { InvokeEndpointCommand, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { NeuronEndpointClient, SageMakerRuntimeInvoker } from '../src/endpoints/index.js';
import { SageMakerRuntimeStandIn } from '../src/testing/index.js';
const s = await SageMakerRuntimeStandIn.start();
const client = new SageMakerRuntimeClient(s.clientConfig({ maxAttempts: 1 }));
const enc = new TextEncoder(); const dec = new TextDecoder();
const item = Array.from({ length: 128 }, (_, i) => i);
const neuron = new NeuronEndpointClient<number[], number[]>({ endpointName: 'bench', client, maxQueueDelayMs: 0, concurrency: 1 });
const invoker = new SageMakerRuntimeInvoker({ endpointName: 'bench', client });
const raw = async () => { const out = await client.send(new InvokeEndpointCommand({ EndpointName: 'bench', Body: enc.encode(JSON.stringify([item])), ContentType: 'application/json', Accept: 'application/json' })); return JSON.parse(dec.decode(out.Body)); };
const inv = async () => JSON.parse(dec.decode((await invoker.invoke({ body: enc.encode(JSON.stringify([item])), contentType: 'application/json', accept: 'application/json' })).body));
for (const [name, fn] of [['raw', raw], ['inv', inv], ['neuron', () => neuron.predict(item)], ['raw', raw], ['inv', inv], ['neuron', () => neuron.predict(item)]] as const) {
  const t: number[] = [];
  for (let i = 0; i < 150; i++) { const a = performance.now(); await fn(); t.push(performance.now() - a); }
  t.sort((a, b) => a - b); console.log(name, t[75]!.toFixed(2));
}
await s.close();
