import { inspect } from 'node:util';
import { expect } from 'vitest';
import type { Logger } from '../../src/kit/log.js';

/** A marker pushed through every class as payload (document text, PHI, utterances …); it must never leak. */
export const SENTINEL = 'PHI-SENTINEL-7f3a';

/** A logger that records every line it is given, as text. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const record =
    (level: string) =>
    (message: string, meta?: Record<string, unknown>): void => {
      lines.push(`${level} ${message} ${JSON.stringify(meta ?? {})}`);
    };
  return { lines, debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
}

/** Every view of an error a user or a log shipper might print. */
export function errorViews(error: unknown): string[] {
  const views = [String(error), inspect(error, { depth: 10 }), safeStringify(error)];
  if (error instanceof Error) views.push(error.message, error.stack ?? '');
  return views;
}

/** Asserts the sentinel appears in no log line and no view of any of the given errors. */
export function expectNoSentinel(logLines: readonly string[], ...errors: unknown[]): void {
  for (const line of logLines) expect(line).not.toContain(SENTINEL);
  for (const error of errors) for (const view of errorViews(error)) expect(view).not.toContain(SENTINEL);
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}
