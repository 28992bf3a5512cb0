/**
 * aws-ml-kit/ocr: the `OcrEngine` contract and the embedded offline engine.
 *
 * @packageDocumentation
 */
export type { OcrEngine, OcrInput, OcrMediaType, OcrOptions, OcrResult } from './OcrEngine.js';
