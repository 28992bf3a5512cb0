/**
 * Manifest tools: build input manifests and video-frame sequence files, stream-parse output (augmented)
 * manifests in bounded memory, read `SeqLabel.json`, merge several jobs' annotations per frame. Pure: the
 * parser takes any async iterable of chunks (bytes or strings), so files, S3 bodies and tests all feed it.
 * Errors name line numbers and fields, never manifest contents.
 *
 * @module
 */
import { ResponseShapeError, ValidationError } from '../kit/errors.js';

/** One input manifest line: `source-ref` (an S3 object) or `source` (inline text), plus any other attributes. */
export type InputManifestItem =
  | {
      /** S3 URI of the object (image, sequence file, point cloud). */
      readonly 'source-ref': string;
      /** Not with `source-ref`. */
      readonly source?: never;
      /** Other attributes (e.g. existing labels). */
      readonly [key: string]: unknown;
    }
  | {
      /** Inline text. */
      readonly source: string;
      /** Not with `source`. */
      readonly 'source-ref'?: never;
      /** Other attributes. */
      readonly [key: string]: unknown;
    };

/**
 * Serialises items as a JSON Lines manifest (one object per line, newline-terminated).
 *
 * @example
 * ```ts
 * buildInputManifest([{ 'source-ref': 's3://bucket/seq/clip-1_seq.json' }]); // '{"source-ref":"s3://…"}\n'
 * ```
 */
export function buildInputManifest(items: Iterable<InputManifestItem>): string {
  const lines: string[] = [];
  let index = 0;
  for (const item of items) {
    const ref = (item as Record<string, unknown>)['source-ref'];
    const source = (item as Record<string, unknown>).source;
    if ((ref === undefined) === (source === undefined)) {
      throw new ValidationError(`items[${index}]`, 'must have exactly one of source-ref and source');
    }
    if (ref !== undefined && (typeof ref !== 'string' || !ref.startsWith('s3://'))) {
      throw new ValidationError(`items[${index}].source-ref`, 'must be an s3:// URI');
    }
    lines.push(`${JSON.stringify(item)}\n`);
    index++;
  }
  return lines.join('');
}

/** One frame of a video-frame sequence. */
export interface SequenceFrame {
  /** File name under the sequence prefix, e.g. `000001.jpg`. */
  readonly frame: string;
  /** Frame number; default its position (0-based). */
  readonly frameNo?: number;
  /** Capture time, seconds since the epoch. */
  readonly unixTimestamp?: number;
}

/** A video-frame sequence file, as Ground Truth reads it. */
export interface VideoFrameSequence {
  /** Sequence number. */
  readonly 'seq-no': number;
  /** S3 prefix of the frames, ending in `/`. */
  readonly prefix: string;
  /** Number of frames. */
  readonly 'number-of-frames': number;
  /** Frames in order. */
  readonly frames: readonly {
    /** Frame number. */
    readonly 'frame-no': number;
    /** File name under the prefix. */
    readonly frame: string;
    /** Capture time, seconds since the epoch. */
    readonly 'unix-timestamp'?: number;
  }[];
}

/**
 * Builds a video-frame sequence file (the object an input manifest's `source-ref` points to for video frame
 * tasks). Ground Truth accepts up to 2,000 frames per sequence.
 *
 * @example
 * ```ts
 * buildVideoFrameSequence({ seqNo: 1, prefix: 's3://bucket/frames/clip-1/', frames: [{ frame: '000001.jpg' }] });
 * ```
 */
export function buildVideoFrameSequence(input: {
  readonly seqNo: number;
  readonly prefix: string;
  readonly frames: readonly SequenceFrame[];
}): VideoFrameSequence {
  if (!Number.isInteger(input.seqNo) || input.seqNo < 0) {
    throw new ValidationError('seqNo', 'must be a non-negative integer');
  }
  if (typeof input.prefix !== 'string' || !input.prefix.startsWith('s3://')) {
    throw new ValidationError('prefix', 'must be an s3:// prefix');
  }
  if (!Array.isArray(input.frames) || input.frames.length === 0 || input.frames.length > MAX_SEQUENCE_FRAMES) {
    throw new ValidationError('frames', `must hold 1-${MAX_SEQUENCE_FRAMES} frames, got ${input.frames?.length ?? 0}`);
  }
  const frames = input.frames.map((f, i) => {
    if (typeof f.frame !== 'string' || f.frame.length === 0 || f.frame.includes('/')) {
      throw new ValidationError(`frames[${i}].frame`, 'must be a file name without slashes');
    }
    return {
      'frame-no': f.frameNo ?? i,
      frame: f.frame,
      ...(f.unixTimestamp === undefined ? {} : { 'unix-timestamp': f.unixTimestamp }),
    };
  });
  return {
    'seq-no': input.seqNo,
    prefix: input.prefix.endsWith('/') ? input.prefix : `${input.prefix}/`,
    'number-of-frames': frames.length,
    frames,
  };
}

/** Most frames Ground Truth accepts in one video-frame sequence. */
export const MAX_SEQUENCE_FRAMES = 2000;

/** Metadata Ground Truth writes beside each label (`<attribute>-metadata`), typed; unknown fields in `raw`. */
export interface LabelMetadata {
  /** `groundtruth/<task>`. */
  readonly type?: string;
  /** The job that wrote the label (without the `labeling-job/` prefix). */
  readonly jobName?: string;
  /** Whether a human labeled it (`human-annotated: yes`). */
  readonly humanAnnotated?: boolean;
  /** `creation-date`, as written (microseconds, often without a time zone). */
  readonly creationDate?: string;
  /** Confidence, 0–1 (string numbers are accepted). */
  readonly confidence?: number;
  /** `class-name` of classification jobs. */
  readonly className?: string;
  /** `class-map`: class id → label. */
  readonly classMap?: Readonly<Record<string, string>>;
  /** `adjustment-status` of adjustment jobs (`adjusted` | `unadjusted`). */
  readonly adjustmentStatus?: string;
  /** `worker-feedback` of verification jobs. */
  readonly workerFeedback?: unknown;
  /** The metadata object as written. */
  readonly raw: Readonly<Record<string, unknown>>;
}

/** One label layer of an output manifest line. */
export interface ManifestLabel {
  /** The label attribute name. */
  readonly attribute: string;
  /** The label value: an S3 URI for `-ref` attributes, else the label object or class id. */
  readonly value: unknown;
  /** Its metadata, when the line has `<attribute>-metadata`. */
  readonly metadata: LabelMetadata | undefined;
}

/** One parsed output manifest line. */
export interface ManifestRecord {
  /** 1-based line number in the manifest. */
  readonly lineNumber: number;
  /** `source-ref`, when present. */
  readonly sourceRef?: string;
  /** Inline `source`, when present. */
  readonly source?: string;
  /** Label layers, in line order. */
  readonly labels: readonly ManifestLabel[];
  /** The line's object as parsed. */
  readonly raw: Readonly<Record<string, unknown>>;
}

/** Options of {@link parseOutputManifest}. */
export interface ParseManifestOptions {
  /** Longest accepted line in bytes (bounded memory); a longer line is an error. Default 16 MiB. */
  readonly maxLineBytes?: number;
  /** Keep only these label attributes (default: all). */
  readonly attributes?: readonly string[];
  /** Skip lines that are not JSON objects instead of failing. Default false. */
  readonly skipInvalidLines?: boolean;
  /** Called with the line number of each skipped line. */
  readonly onSkip?: (lineNumber: number) => void;
}

/** Defaults of {@link ParseManifestOptions}. */
export const DEFAULT_PARSE_MANIFEST_OPTIONS: {
  /** 16 MiB. */
  readonly maxLineBytes: number;
  /** `false`: a bad line is an error. */
  readonly skipInvalidLines: boolean;
} = Object.freeze({ maxLineBytes: 16 * 1024 * 1024, skipInvalidLines: false });

const META_SUFFIX = '-metadata';

/**
 * Splits a stream of chunks into lines (without their `\n`/`\r\n`). Holds at most one partial line, so memory
 * is bounded by the longest line, not the manifest.
 *
 * @example
 * ```ts
 * for await (const line of manifestLines(createReadStream('output.manifest'))) count++;
 * ```
 */
export async function* manifestLines(
  chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  options: Pick<ParseManifestOptions, 'maxLineBytes'> = {},
): AsyncGenerator<string> {
  for await (const lines of lineBatches(chunks, options)) yield* lines;
}

/** The lines completed by each chunk, as one array per chunk: one await per chunk instead of per line. */
async function* lineBatches(
  chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  options: Pick<ParseManifestOptions, 'maxLineBytes'>,
): AsyncGenerator<string[]> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_PARSE_MANIFEST_OPTIONS.maxLineBytes;
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let pending = '';
  let lineNumber = 0;
  const tooLong = (): never => {
    throw new ResponseShapeError('manifest', `line ${lineNumber + 1}`, `is longer than maxLineBytes (${maxLineBytes})`);
  };
  for await (const chunk of chunks) {
    pending += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    const lines: string[] = [];
    let start = 0;
    for (let newline = pending.indexOf('\n'); newline !== -1; newline = pending.indexOf('\n', start)) {
      const end = newline > start && pending.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
      // String length bounds UTF-8 bytes from below; the exact check is cheap only for long lines.
      if (end - start > maxLineBytes / 3 && byteLength(pending.slice(start, end)) > maxLineBytes) tooLong();
      lineNumber++;
      lines.push(pending.slice(start, end));
      start = newline + 1;
    }
    pending = pending.slice(start);
    if (pending.length > maxLineBytes / 3 && byteLength(pending) > maxLineBytes) tooLong();
    if (lines.length > 0) yield lines;
  }
  pending += decoder.decode();
  if (pending.length > 0) yield [pending.endsWith('\r') ? pending.slice(0, -1) : pending];
}

function byteLength(text: string): number {
  return new TextEncoder().encode(text).byteLength;
}

/**
 * Reads label metadata, tolerating string numbers and `yes`/`no` flags.
 *
 * @example
 * ```ts
 * readLabelMetadata({ 'job-name': 'labeling-job/lane', 'human-annotated': 'yes' }).jobName; // 'lane'
 * ```
 */
export function readLabelMetadata(raw: Readonly<Record<string, unknown>>): LabelMetadata {
  const out: { -readonly [K in keyof LabelMetadata]: LabelMetadata[K] } = { raw };
  const { type, confidence } = raw;
  const jobName = raw['job-name'];
  const human = raw['human-annotated'];
  const created = raw['creation-date'];
  const className = raw['class-name'];
  const classMap = raw['class-map'];
  const adjustment = raw['adjustment-status'];
  const feedback = raw['worker-feedback'];
  if (typeof type === 'string') out.type = type;
  if (typeof jobName === 'string') out.jobName = jobName.startsWith('labeling-job/') ? jobName.slice(13) : jobName;
  if (human === 'yes' || human === 'no') out.humanAnnotated = human === 'yes';
  if (typeof created === 'string') out.creationDate = created;
  const confidenceNumber = typeof confidence === 'string' ? Number(confidence) : confidence;
  if (typeof confidenceNumber === 'number' && Number.isFinite(confidenceNumber)) out.confidence = confidenceNumber;
  if (typeof className === 'string') out.className = className;
  if (isObject(classMap)) out.classMap = classMap as Record<string, string>;
  if (typeof adjustment === 'string') out.adjustmentStatus = adjustment;
  if (feedback !== undefined) out.workerFeedback = feedback;
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Turns one parsed manifest line into a record: label layers paired with their metadata.
 *
 * @example
 * ```ts
 * const record = toManifestRecord(JSON.parse(line), 1);
 * record.labels.map((l) => l.attribute); // ['nb-track-93aa7d01-vehicle-ref', …]
 * ```
 */
export function toManifestRecord(
  raw: Readonly<Record<string, unknown>>,
  lineNumber: number,
  attributes?: ReadonlySet<string>,
): ManifestRecord {
  const labels: ManifestLabel[] = [];
  for (const key of Object.keys(raw)) {
    if (key === 'source' || key === 'source-ref' || key.endsWith(META_SUFFIX)) continue;
    if (attributes !== undefined && !attributes.has(key)) continue;
    const meta = raw[`${key}${META_SUFFIX}`];
    labels.push({ attribute: key, value: raw[key], metadata: isObject(meta) ? readLabelMetadata(meta) : undefined });
  }
  const sourceRef = raw['source-ref'];
  const source = raw.source;
  return {
    lineNumber,
    ...(typeof sourceRef === 'string' ? { sourceRef } : {}),
    ...(typeof source === 'string' ? { source } : {}),
    labels,
    raw,
  };
}

/**
 * Stream-parses an output (augmented) manifest: JSON Lines in, typed records out, one line in memory at a
 * time. Blank lines are skipped. A line that is not a JSON object fails with a {@link ResponseShapeError}
 * naming its line number (or is skipped with `skipInvalidLines`).
 *
 * @example
 * ```ts
 * for await (const record of parseOutputManifest(objects.getStream(outputManifestUri))) {
 *   for (const label of record.labels) console.log(record.lineNumber, label.attribute, label.metadata?.jobName);
 * }
 * ```
 */
export async function* parseOutputManifest(
  chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  options: ParseManifestOptions = {},
): AsyncGenerator<ManifestRecord> {
  const attributes = options.attributes === undefined ? undefined : new Set(options.attributes);
  let lineNumber = 0;
  for await (const lines of lineBatches(chunks, options)) {
    const records: ManifestRecord[] = [];
    for (const line of lines) {
      lineNumber++;
      if (line.trim().length === 0) continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        parsed = undefined;
      }
      if (!isObject(parsed)) {
        if (options.skipInvalidLines) {
          options.onSkip?.(lineNumber);
          continue;
        }
        throw new ResponseShapeError('manifest', `line ${lineNumber}`, 'is not a JSON object');
      }
      records.push(toManifestRecord(parsed, lineNumber, attributes));
    }
    yield* records;
  }
}

/** One annotation of a video frame (bounding box, polyline, polygon or keypoint); unknown fields kept. */
export interface FrameAnnotation {
  /** Class id (string in SeqLabel files). */
  readonly classId?: string;
  /** Object id (uuid), stable across frames for tracking. */
  readonly objectId?: string;
  /** Object name, e.g. `Vehicle:1`. */
  readonly objectName?: string;
  /** The annotation as written (`height`, `width`, `top`, `left`, `polyline` …). */
  readonly raw: Readonly<Record<string, unknown>>;
}

/** One frame of a `SeqLabel.json`. */
export interface LabeledFrame {
  /** Frame number. */
  readonly frameNo: number;
  /** Frame file name. */
  readonly frame: string;
  /** Annotations. */
  readonly annotations: readonly FrameAnnotation[];
  /** `frame-attributes`. */
  readonly frameAttributes: Readonly<Record<string, unknown>>;
}

/**
 * Reads a video-frame `SeqLabel.json` (`tracking-annotations` or `detection-annotations`), sorted by frame
 * number; string frame numbers are accepted.
 *
 * @example
 * ```ts
 * const frames = readSeqLabel(JSON.parse(await objects.getText(seqLabelUri)));
 * frames[0].annotations[0].objectName; // 'Vehicle:1'
 * ```
 */
export function readSeqLabel(json: unknown): LabeledFrame[] {
  if (!isObject(json)) throw new ResponseShapeError('SeqLabel.json', '$', 'is not a JSON object');
  const list = json['tracking-annotations'] ?? json['detection-annotations'];
  if (!Array.isArray(list)) {
    throw new ResponseShapeError('SeqLabel.json', '$', 'has no tracking-annotations or detection-annotations array');
  }
  return list
    .map((entry: unknown, i): LabeledFrame => {
      if (!isObject(entry)) throw new ResponseShapeError('SeqLabel.json', `annotations[${i}]`, 'is not an object');
      const frameNo = Number(entry['frame-no']);
      if (!Number.isInteger(frameNo)) {
        throw new ResponseShapeError('SeqLabel.json', `annotations[${i}].frame-no`, 'is not an integer');
      }
      const annotations = Array.isArray(entry.annotations) ? entry.annotations : [];
      return {
        frameNo,
        frame: typeof entry.frame === 'string' ? entry.frame : '',
        annotations: annotations.filter(isObject).map((a) => ({
          ...(a['class-id'] === undefined ? {} : { classId: String(a['class-id']) }),
          ...(typeof a['object-id'] === 'string' ? { objectId: a['object-id'] } : {}),
          ...(typeof a['object-name'] === 'string' ? { objectName: a['object-name'] } : {}),
          raw: a,
        })),
        frameAttributes: isObject(entry['frame-attributes']) ? entry['frame-attributes'] : {},
      };
    })
    .sort((a, b) => a.frameNo - b.frameNo);
}

/** One frame with the annotations of several label layers. */
export interface MergedFrame {
  /** Frame number. */
  readonly frameNo: number;
  /** Frame file name (from the first layer that has the frame). */
  readonly frame: string;
  /** Annotations per layer name; a layer without the frame is absent. */
  readonly layers: Readonly<Record<string, readonly FrameAnnotation[]>>;
}

/**
 * Merges several jobs' annotations by frame number (e.g. vehicle boxes and lane polylines of one clip).
 *
 * @example
 * ```ts
 * mergeFramesByNumber({ vehicle: readSeqLabel(vehicleJson), lane: readSeqLabel(laneJson) });
 * // [{ frameNo: 0, frame: '000001.jpg', layers: { vehicle: […], lane: […] } }, …]
 * ```
 */
export function mergeFramesByNumber(layers: Readonly<Record<string, readonly LabeledFrame[]>>): MergedFrame[] {
  const byFrame = new Map<number, { frame: string; layers: Record<string, readonly FrameAnnotation[]> }>();
  for (const [layer, frames] of Object.entries(layers)) {
    for (const frame of frames) {
      const merged = byFrame.get(frame.frameNo) ?? { frame: frame.frame, layers: {} };
      merged.layers[layer] = [...(merged.layers[layer] ?? []), ...frame.annotations];
      byFrame.set(frame.frameNo, merged);
    }
  }
  return [...byFrame.entries()]
    .sort(([a], [b]) => a - b)
    .map(([frameNo, merged]) => ({ frameNo, frame: merged.frame, layers: merged.layers }));
}
