/**
 * `PhiMasker`: detect PHI, then mask, redact, replace, pseudonymise, digest, encrypt or tokenise it — by
 * offsets, never by searching for the entity text, so "50" never corrupts "500 mg".
 *
 * @module
 */
import { raceAbort, rethrowWithAbortReason, throwIfAborted, withDeadline } from '../kit/abort.js';
import { isAwsMlKitError, ResponseShapeError, ServiceError, ValidationError } from '../kit/errors.js';
import { createSafeLogger, type Logger } from '../kit/log.js';
import { combineDetectors } from './combineDetectors.js';
import {
  AES_256_KEY_BYTES,
  checkKeySize,
  decryptString,
  encryptString,
  hmacHex,
  importAesKey,
  importHmacKey,
  type KeyMaterial,
  MIN_HMAC_KEY_BYTES,
  randomId,
  sha256Hex,
} from './crypto.js';
import { PseudonymSession } from './PseudonymSession.js';
import { type PhiExpansion, type PlannedSpan, planSpans } from './planSpans.js';
import { InMemoryTokenVault, type TokenVault, type VaultEntry } from './TokenVault.js';
import {
  type DetectedPhi,
  type MaskedEntity,
  type MaskResult,
  PHI_ACTIONS,
  type PhiAction,
  type PhiDetection,
  type PhiDetector,
  REVERSIBLE_ACTIONS,
} from './types.js';

/** What to do with each type of PHI. */
export interface PhiPolicy {
  /** Action for types without an entry in `actions`, including types the masker has never heard of. */
  readonly defaultAction: PhiAction;
  /** Per-type actions, e.g. `{ NAME: 'pseudonym', DATE: 'mask' }`. */
  readonly actions?: Readonly<Record<string, PhiAction>>;
  /** Detections scoring below this are ignored. Default 0 (mask everything detected). */
  readonly minScore?: number;
  /** Grow partial hits to number or token boundaries. Default `'none'`. */
  readonly expand?: PhiExpansion;
  /** Character used by `mask`. Default `#`. */
  readonly maskCharacter?: string;
}

/** A validated policy with defaults filled in. */
type ResolvedPolicy = Required<Omit<PhiPolicy, 'actions'>> & { readonly actions: PhiPolicy['actions'] | undefined };

/** Keys for the keyed actions. Keep them out of source code and logs. */
export interface PhiKeys {
  /** HMAC-SHA-256 key (≥ 32 bytes) for `hmac`. */
  readonly hmacKey?: KeyMaterial;
  /** AES-256-GCM key (32 bytes) for `encrypt`. */
  readonly encryptionKey?: KeyMaterial;
}

/** Options of {@link PhiMasker}. */
export interface PhiMaskerOptions {
  /** One detector, or several whose findings are pooled. */
  readonly detector: PhiDetector | readonly PhiDetector[];
  /** What to do with each type of PHI. */
  readonly policy: PhiPolicy;
  /** Store for `vault` and `pseudonym` originals. Default: a new {@link InMemoryTokenVault}. */
  readonly vault?: TokenVault;
  /** Keys for the `hmac` and `encrypt` actions; required when the policy uses them. */
  readonly keys?: PhiKeys;
  /** Receives metadata only (counts, sizes, durations). */
  readonly logger?: Logger;
}

/** Options of {@link PhiMasker.mask}. */
export interface MaskOptions {
  /** Cancels the call; it rejects with the signal's reason and returns nothing partial. */
  readonly signal?: AbortSignal | undefined;
  /** Deadline for the whole call; it then rejects with a `TimeoutError` DOMException. */
  readonly timeoutMs?: number;
  /** Share pseudonyms across calls. Default: a fresh session per call. */
  readonly pseudonyms?: PseudonymSession;
}

/** Progress of {@link PhiMasker.maskMany}. */
export interface MaskProgress {
  /** Texts masked so far. */
  readonly done: number;
  /** Texts in the batch. */
  readonly total: number;
}

/** Options of {@link PhiMasker.maskMany}. */
export interface MaskManyOptions extends MaskOptions {
  /** Texts masked at once. Default {@link DEFAULT_MASK_CONCURRENCY}. */
  readonly concurrency?: number;
  /** Called after each text is masked. */
  readonly onProgress?: (progress: MaskProgress) => void;
}

/** Default number of texts `maskMany` works on at once. */
export const DEFAULT_MASK_CONCURRENCY = 4;
/** Default `mask` character. */
export const DEFAULT_MASK_CHARACTER = '#';

const TOKEN_BODY = /^\[([A-Z0-9_]+):e:([\w-]+)\]$/;

/**
 * Detects PHI with one or more detectors and applies a policy per type, replacing spans by offset
 * (end to start). Fails closed: any failure rejects, and no partly masked text is ever returned.
 *
 * @example
 * ```ts
 * const masker = new PhiMasker({
 *   detector: new RulePhiDetector(),
 *   policy: { defaultAction: 'mask', actions: { NAME: 'pseudonym' }, minScore: 0.5 },
 * });
 * const result = await masker.mask('DOB: 2/11/1961, phone 402 213-2221');
 * result.text; // 'DOB: #########, phone ############'
 * ```
 */
export class PhiMasker {
  readonly #detector: PhiDetector;
  readonly #policy: ResolvedPolicy;
  readonly #vault: TokenVault;
  readonly #keys: PhiKeys;
  readonly #logger: Logger;
  #hmacKey: Promise<CryptoKey> | undefined;
  #aesKey: Promise<CryptoKey> | undefined;

  /**
   * @throws ValidationError for an invalid policy, a key of the wrong size, or a keyed action without its key.
   */
  constructor(options: PhiMaskerOptions) {
    if (typeof options !== 'object' || options === null) throw new ValidationError('options', 'must be an object');
    this.#detector = Array.isArray(options.detector)
      ? combineDetectors(options.detector)
      : combineDetectors([options.detector as PhiDetector]);
    this.#policy = validatePolicy(options.policy);
    this.#vault = options.vault ?? new InMemoryTokenVault();
    this.#keys = options.keys ?? {};
    checkKeySize(this.#keys.hmacKey, 'keys.hmacKey', MIN_HMAC_KEY_BYTES, false);
    checkKeySize(this.#keys.encryptionKey, 'keys.encryptionKey', AES_256_KEY_BYTES, true);
    const used = new Set([this.#policy.defaultAction, ...Object.values(this.#policy.actions ?? {})]);
    if (used.has('hmac') && !this.#keys.hmacKey) {
      throw new ValidationError('keys.hmacKey', 'is required when the policy uses the hmac action');
    }
    if (used.has('encrypt') && !this.#keys.encryptionKey) {
      throw new ValidationError('keys.encryptionKey', 'is required when the policy uses the encrypt action');
    }
    this.#logger = createSafeLogger(options.logger);
  }

  /**
   * Detects and masks PHI in `text`. Rejects — never returns a partly masked text — if detection of any part
   * fails, a detector returns impossible offsets, or the vault cannot store the originals.
   *
   * @example
   * ```ts
   * const { text, entities } = await masker.mask(note, { signal: AbortSignal.timeout(10_000) });
   * ```
   */
  async mask(text: string, options: MaskOptions = {}): Promise<MaskResult> {
    validateText(text);
    const signal = withDeadline(options.signal, options.timeoutMs);
    throwIfAborted(signal);
    if (text.length === 0) return { text: '', entities: [], warnings: [] };
    // A detector may reject an abort with an error of its own; the caller must see its signal's reason.
    // Raced too: a detector of your own that ignores the signal still cannot hold the call past it.
    const detection = await raceAbort(this.#detector.detect(text, { signal }), signal).catch((error: unknown) => {
      rethrowWithAbortReason(error, signal);
    });
    throwIfAborted(signal);
    return this.maskDetected(
      text,
      detection,
      options.pseudonyms ? { signal, pseudonyms: options.pseudonyms } : { signal },
    );
  }

  /**
   * Masks `text` with a detection obtained earlier (e.g. a saved response), skipping the detector.
   *
   * @example
   * ```ts
   * const detection = await detector.detect(note);
   * const result = await masker.maskDetected(note, detection);
   * ```
   */
  async maskDetected(text: string, detection: PhiDetection, options: MaskOptions = {}): Promise<MaskResult> {
    validateText(text);
    const signal = withDeadline(options.signal, options.timeoutMs);
    const startedAt = performance.now();
    const entities = validateDetection(text, detection, this.#detector.name);
    const plan = planSpans(text, entities, this.#policy);
    const session = options.pseudonyms ?? new PseudonymSession();
    const tokens = await Promise.all(plan.map((span) => this.#tokenFor(text, span, session)));
    throwIfAborted(signal);

    // Replace from the end towards the start, so every input offset still refers to untouched text.
    const pieces: string[] = [];
    let cursor = text.length;
    for (let i = plan.length - 1; i >= 0; i--) {
      const span = plan[i]!;
      pieces.push(text.slice(span.end, cursor), tokens[i]!.replacement);
      cursor = span.begin;
    }
    pieces.push(text.slice(0, cursor));
    const output = pieces.reverse().join('');

    const masked: MaskedEntity[] = [];
    let shift = 0;
    for (const [i, span] of plan.entries()) {
      const { replacement, token } = tokens[i]!;
      masked.push({
        type: span.type,
        types: span.types,
        score: span.score,
        input: { begin: span.begin, end: span.end },
        output: { begin: span.begin + shift, end: span.begin + shift + replacement.length },
        action: span.action,
        ...(token === undefined ? {} : { token }),
      });
      shift += replacement.length - (span.end - span.begin);
    }

    // One vault row per distinct (token, exact value). A pseudonym shared by spelling variants ("Carlos",
    // "CARLOS") keeps each variant under its own key, so re-identification restores each span exactly.
    const vaultEntries: VaultEntry[] = [];
    let vaultScope: string | undefined;
    const keysByToken = new Map<string, Map<string, string>>();
    for (const [i, span] of plan.entries()) {
      if (span.action !== 'vault' && span.action !== 'pseudonym') continue;
      vaultScope ??= await sha256Hex(output);
      const token = tokens[i]!.token!;
      const value = text.slice(span.begin, span.end);
      const variants = keysByToken.get(token) ?? new Map<string, string>();
      keysByToken.set(token, variants);
      let key = variants.get(value);
      if (key === undefined) {
        key = variants.size === 0 ? token : `${token}#${variants.size}`;
        variants.set(value, key);
        vaultEntries.push({ scope: vaultScope, token: key, value });
      }
      if (key !== token) masked[i] = { ...masked[i]!, vaultKey: key };
    }
    if (vaultEntries.length > 0) await this.#store(vaultEntries, signal);
    this.#logger.debug('phi masked', {
      chars: text.length,
      entities: masked.length,
      durationMs: Math.round(performance.now() - startedAt),
    });
    return {
      text: output,
      entities: masked,
      warnings: detection.warnings,
      ...(vaultScope === undefined ? {} : { vaultScope }),
    };
  }

  /**
   * Masks many texts with bounded concurrency; results are in input order. Fails closed: the first failure
   * cancels the rest and rejects.
   *
   * @example
   * ```ts
   * const results = await masker.maskMany(notes, { concurrency: 8, onProgress: ({ done, total }) => bar(done / total) });
   * ```
   */
  async maskMany(texts: readonly string[], options: MaskManyOptions = {}): Promise<MaskResult[]> {
    if (!Array.isArray(texts)) throw new ValidationError('texts', 'must be an array of strings');
    for (const [i, text] of texts.entries()) validateText(text, `texts[${i}]`);
    const concurrency = options.concurrency ?? DEFAULT_MASK_CONCURRENCY;
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new ValidationError('options.concurrency', `must be a positive integer, got ${concurrency}`);
    }
    const outer = withDeadline(options.signal, options.timeoutMs);
    throwIfAborted(outer);
    const controller = new AbortController();
    const signal = outer ? AbortSignal.any([outer, controller.signal]) : controller.signal;
    const results = new Array<MaskResult>(texts.length);
    let next = 0;
    let done = 0;
    let failure: { error: unknown } | undefined;
    const worker = async (): Promise<void> => {
      while (!failure && next < texts.length) {
        const index = next++;
        const maskOptions: MaskOptions = options.pseudonyms ? { signal, pseudonyms: options.pseudonyms } : { signal };
        results[index] = await this.mask(texts[index]!, maskOptions);
        options.onProgress?.({ done: ++done, total: texts.length });
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(concurrency, texts.length) }, () =>
        worker().catch((error: unknown) => {
          if (!failure) {
            failure = { error };
            controller.abort(error);
          }
        }),
      ),
    );
    throwIfAborted(outer);
    if (failure) throw failure.error;
    return results;
  }

  /**
   * Restores `pseudonym`, `encrypt` and `vault` spans of a masked text. Other actions are one-way and stay as
   * they are. When `masked` is exactly `result.text`, spans are restored by offset, exactly; when the text was
   * edited around the tokens, each token is found by its (distinctive) spelling instead, and spelling variants
   * sharing one pseudonym (`Carlos`, `CARLOS`) all come back as the first variant.
   *
   * @example
   * ```ts
   * const result = await masker.mask(note);
   * const original = await masker.reidentify(result.text, result); // === note for reversible actions
   * ```
   */
  async reidentify(masked: string, result: MaskResult, options: { signal?: AbortSignal } = {}): Promise<string> {
    validateText(masked, 'masked');
    if (typeof result !== 'object' || result === null || !Array.isArray(result.entities)) {
      throw new ValidationError('result', 'must be a MaskResult returned by mask()');
    }
    throwIfAborted(options.signal);
    const reversible = result.entities.filter((e) => e.token !== undefined && REVERSIBLE_ACTIONS.includes(e.action));
    const originals = new Map<string, string>();
    const keyOf = (e: MaskedEntity): string => e.vaultKey ?? e.token!;
    const vaultTokens = [...new Set(reversible.filter((e) => e.action !== 'encrypt').map(keyOf))];
    if (vaultTokens.length > 0) {
      if (result.vaultScope === undefined) throw new ValidationError('result.vaultScope', 'is missing');
      const found = await raceAbort(
        this.#vault.get(result.vaultScope, vaultTokens, { signal: options.signal }),
        options.signal,
      ).catch((error: unknown) => rethrowWithAbortReason(error, options.signal));
      const missing = vaultTokens.filter((t) => !found.has(t)).length;
      if (missing > 0) throw new ValidationError('result', `refers to ${missing} tokens the vault does not hold`);
      for (const [token, value] of found) originals.set(token, value);
    }
    for (const entity of reversible.filter((e) => e.action === 'encrypt')) {
      originals.set(entity.token!, await this.#decrypt(entity.token!));
    }
    throwIfAborted(options.signal);

    if (masked === result.text) {
      let out = masked;
      for (const entity of [...reversible].sort((a, b) => b.output.begin - a.output.begin)) {
        out = out.slice(0, entity.output.begin) + originals.get(keyOf(entity))! + out.slice(entity.output.end);
      }
      return out;
    }
    // Edited text: tokens are bracketed and distinctive, so locating them by spelling is safe. Spelling
    // variants of one pseudonym cannot be told apart any more; each takes the first variant seen.
    let out = masked;
    const byToken = [...new Set(reversible.map((e) => e.token!))].sort((a, b) => b.length - a.length);
    for (const token of byToken) out = out.split(token).join(originals.get(token)!);
    return out;
  }

  async #tokenFor(
    text: string,
    span: PlannedSpan,
    session: PseudonymSession,
  ): Promise<{ replacement: string; token?: string }> {
    const value = text.slice(span.begin, span.end);
    const type = tokenType(span.type);
    switch (span.action) {
      case 'keep':
        return { replacement: value };
      case 'mask':
        return { replacement: this.#policy.maskCharacter.repeat(value.length) };
      case 'redact':
        return { replacement: '' };
      case 'replace':
        return withToken(`[${type}]`);
      case 'pseudonym':
        return withToken(session.pseudonymFor(type, value));
      case 'hmac': {
        this.#hmacKey ??= importHmacKey(this.#keys.hmacKey!, 'keys.hmacKey');
        return withToken(`[${type}:h:${(await hmacHex(await this.#hmacKey, `${type}\u0000${value}`)).slice(0, 16)}]`);
      }
      case 'encrypt':
        return withToken(`[${type}:e:${await encryptString(await this.#aes(), value, type)}]`);
      case 'vault':
        return withToken(`[${type}:v:${randomId(12)}]`);
    }
  }

  #aes(): Promise<CryptoKey> {
    if (!this.#keys.encryptionKey) {
      return Promise.reject(new ValidationError('keys.encryptionKey', 'is required to encrypt or decrypt'));
    }
    this.#aesKey ??= importAesKey(this.#keys.encryptionKey, 'keys.encryptionKey');
    return this.#aesKey;
  }

  async #decrypt(token: string): Promise<string> {
    const match = TOKEN_BODY.exec(token);
    if (!match) throw new ValidationError('result.entities[].token', 'is not an encrypt token');
    try {
      return await decryptString(await this.#aes(), match[2]!, match[1]!);
    } catch (error) {
      if (isAwsMlKitError(error)) throw error;
      throw new ValidationError('keys.encryptionKey', 'does not decrypt the token (wrong key or altered token)');
    }
  }

  async #store(entries: VaultEntry[], signal: AbortSignal | undefined): Promise<void> {
    try {
      await raceAbort(this.#vault.put(entries, { signal }), signal);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (isAwsMlKitError(error)) throw error;
      // A foreign vault's error may quote what it failed to store: keep only its name.
      const name = error instanceof Error && /^[\w.]{1,64}$/.test(error.name) ? error.name : 'Error';
      throw new ServiceError(`the token vault failed to store ${entries.length} entries (${name})`, {
        service: 'TokenVault',
        operation: 'put',
        errorName: name,
        cause: new Error(name),
      });
    }
  }
}

function withToken(token: string): { replacement: string; token: string } {
  return { replacement: token, token };
}

/** A type name safe inside a token: upper-case letters, digits and underscores. */
function tokenType(type: string): string {
  const safe = type
    .toUpperCase()
    .replace(/[^A-Z0-9_]+/g, '_')
    .slice(0, 40);
  return safe.length > 0 ? safe : 'PHI';
}

function validatePolicy(policy: PhiPolicy | undefined): ResolvedPolicy {
  if (typeof policy !== 'object' || policy === null) throw new ValidationError('policy', 'must be an object');
  const checkAction = (field: string, action: unknown): void => {
    if (!PHI_ACTIONS.includes(action as PhiAction)) {
      throw new ValidationError(field, `must be one of ${PHI_ACTIONS.join(', ')}, got ${String(action).slice(0, 20)}`);
    }
  };
  checkAction('policy.defaultAction', policy.defaultAction);
  for (const [type, action] of Object.entries(policy.actions ?? {}))
    checkAction(`policy.actions.${tokenType(type)}`, action);
  const minScore = policy.minScore ?? 0;
  if (typeof minScore !== 'number' || !(minScore >= 0 && minScore <= 1)) {
    throw new ValidationError('policy.minScore', `must be a number between 0 and 1, got ${String(minScore)}`);
  }
  const expand = policy.expand ?? 'none';
  if (!['none', 'number', 'token'].includes(expand)) {
    throw new ValidationError('policy.expand', `must be none, number or token, got ${String(expand).slice(0, 20)}`);
  }
  const maskCharacter = policy.maskCharacter ?? DEFAULT_MASK_CHARACTER;
  if (typeof maskCharacter !== 'string' || maskCharacter.length !== 1) {
    throw new ValidationError('policy.maskCharacter', 'must be exactly one UTF-16 code unit');
  }
  return { defaultAction: policy.defaultAction, actions: policy.actions, minScore, expand, maskCharacter };
}

// With the `u` flag a surrogate code unit only matches when it is unpaired.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

function validateText(text: unknown, field = 'text'): asserts text is string {
  if (typeof text !== 'string') throw new ValidationError(field, `must be a string, got ${typeof text}`);
  const lone = LONE_SURROGATE.exec(text);
  if (lone) {
    throw new ValidationError(field, `is not valid UTF-16: lone surrogate at index ${lone.index}`);
  }
}

function validateDetection(text: string, detection: PhiDetection, detector: string): DetectedPhi[] {
  if (typeof detection !== 'object' || detection === null || !Array.isArray(detection.entities)) {
    throw new ResponseShapeError(detector, 'entities', 'is not an array');
  }
  return detection.entities.map((entity, i) => {
    const { begin, end, type, score } = entity ?? ({} as DetectedPhi);
    if (!Number.isInteger(begin) || !Number.isInteger(end) || begin < 0 || end > text.length || begin >= end) {
      throw new ResponseShapeError(detector, `entities[${i}]`, `has offsets outside 0..${text.length} or empty`);
    }
    return {
      begin,
      end,
      type: typeof type === 'string' && type.length > 0 ? type : 'PHI',
      // A missing score cannot pass a threshold check honestly: treat it as certain.
      score: typeof score === 'number' && !Number.isNaN(score) ? score : 1,
      ...(entity.source === undefined ? {} : { source: entity.source }),
    };
  });
}
