/**
 * Several detectors as one: they run concurrently and their findings are pooled (the masker then resolves
 * overlaps as a union). If one fails, the others are cancelled and the combination fails.
 *
 * @module
 */
import { rethrowWithAbortReason, throwIfAborted } from '../kit/abort.js';
import { ValidationError } from '../kit/errors.js';
import type { DetectOptions, PhiDetection, PhiDetector } from './types.js';

/**
 * Runs several detectors as one: concurrently, findings pooled, each tagged with its `source`. If one fails,
 * the others are cancelled and the combination rejects.
 *
 * @example
 * ```ts
 * const detector = combineDetectors([new ComprehendMedicalPhiDetector({ clientConfig }), new RulePhiDetector()]);
 * ```
 */
export function combineDetectors(detectors: readonly PhiDetector[]): PhiDetector {
  if (detectors.length === 0) throw new ValidationError('detectors', 'must contain at least one detector');
  for (const [i, d] of detectors.entries()) {
    if (typeof d?.detect !== 'function') throw new ValidationError(`detectors[${i}]`, 'must have a detect() method');
  }
  if (detectors.length === 1) return detectors[0]!;
  return {
    name: detectors.map((d) => d.name).join('+'),
    async detect(text: string, options: DetectOptions = {}): Promise<PhiDetection> {
      throwIfAborted(options.signal);
      const controller = new AbortController();
      const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
      const results = await Promise.all(
        detectors.map((d) =>
          d.detect(text, { signal }).catch((error: unknown) => {
            controller.abort(error);
            throw error;
          }),
        ),
      ).catch((error: unknown) => rethrowWithAbortReason(error, options.signal));
      throwIfAborted(options.signal);
      return {
        entities: results.flatMap((r, i) =>
          r.entities.map((e) => (e.source ? e : { ...e, source: detectors[i]!.name })),
        ),
        warnings: results.flatMap((r) => r.warnings),
      };
    },
  };
}
