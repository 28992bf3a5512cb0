import { benchmarkRows, benchmarkCells } from '../src/endpoints/index.js';
const b={ instance: 'g4dn.xlarge', batchSize: 1, throughputPerSecond: 149, latencyP95Seconds: 0.0082, pricePerHourUsd: 0.526 };
for (const [t,p] of [[974,1.904],[1793,1.904]]) console.log(benchmarkCells(benchmarkRows([{instance:'x',batchSize:1,throughputPerSecond:t,latencyP95Seconds:0.01,pricePerHourUsd:p}], b)));
