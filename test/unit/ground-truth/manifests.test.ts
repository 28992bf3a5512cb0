import { describe, expect, it } from 'vitest';
import {
  buildInputManifest,
  buildVideoFrameSequence,
  manifestLines,
  mergeFramesByNumber,
  parseOutputManifest,
  readLabelMetadata,
  readSeqLabel,
} from '../../../src/ground-truth/index.js';
import { isResponseShapeError, isValidationError } from '../../../src/kit/errors.js';

/** The published output line (its trailing commas removed: as printed it is not JSON). */
const PUBLISHED_LINE = JSON.stringify({
  'source-ref': 's3://smgt-workflow-1-322552456788-us-west-2-batch-input/tracking_manifests/MOT17-13-SDP_seq.json',
  'nb-track-93aa7d01-vehicle-ref': 's3://processing/vehicle/annotations/consolidated-annotation/output/0/SeqLabel.json',
  'nb-track-93aa7d01-vehicle-ref-metadata': {
    'class-map': { '0': 'Vehicle' },
    'job-name': 'labeling-job/nb-track-93aa7d01-vehicle',
    'human-annotated': 'yes',
    'creation-date': '2021-04-05T17:43:02.469000',
    type: 'groundtruth/video-object-tracking',
  },
  'nb-track-93aa7d01-vehicle-audit-ref':
    's3://processing/vehicle-audit/annotations/consolidated-annotation/output/0/SeqLabel.json',
  'nb-track-93aa7d01-vehicle-audit-ref-metadata': {
    'class-map': { '0': 'Vehicle' },
    'job-name': 'labeling-job/nb-track-93aa7d01-vehicle-audit',
    'human-annotated': 'yes',
    'creation-date': '2021-04-05T17:55:33.284000',
    type: 'groundtruth/video-object-tracking',
    'adjustment-status': 'unadjusted',
  },
});

/** The published SeqLabel.json (frame 0 of the vehicle job). */
const SEQ_LABEL = {
  'tracking-annotations': [
    {
      annotations: [
        {
          height: 66,
          width: 81,
          top: 547,
          left: 954,
          'class-id': '0',
          'label-category-attributes': {},
          'object-id': '3c02d0f0-9636-11eb-90fe-6dd825b8de95',
          'object-name': 'Vehicle:1',
        },
        {
          height: 98,
          width: 106,
          top: 545,
          left: 1079,
          'class-id': '0',
          'label-category-attributes': {},
          'object-id': '3d957ee0-9636-11eb-90fe-6dd825b8de95',
          'object-name': 'Vehicle:2',
        },
      ],
      'frame-no': '0',
      frame: '000001.jpg',
      'frame-attributes': {},
    },
  ],
};

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe('parseOutputManifest', () => {
  it('reads the published line into typed label layers with their metadata', async () => {
    const [record] = await collect(parseOutputManifest([`${PUBLISHED_LINE}\n`]));
    expect(record!.sourceRef).toMatch(/MOT17-13-SDP_seq\.json$/);
    expect(record!.labels.map((l) => l.attribute)).toEqual([
      'nb-track-93aa7d01-vehicle-ref',
      'nb-track-93aa7d01-vehicle-audit-ref',
    ]);
    expect(record!.labels[1]!.metadata).toMatchObject({
      jobName: 'nb-track-93aa7d01-vehicle-audit',
      humanAnnotated: true,
      creationDate: '2021-04-05T17:55:33.284000',
      type: 'groundtruth/video-object-tracking',
      adjustmentStatus: 'unadjusted',
      classMap: { '0': 'Vehicle' },
    });
  });

  it('splits lines across chunk boundaries, multi-byte characters and CRLF included', async () => {
    const text = '{"source":"naïve ✓"}\r\n\n{"source":"b"}';
    const bytes = new TextEncoder().encode(text);
    const chunks = Array.from(bytes, (byte) => new Uint8Array([byte]));
    const records = await collect(parseOutputManifest(chunks));
    expect(records.map((r) => [r.lineNumber, r.source])).toEqual([
      [1, 'naïve ✓'],
      [3, 'b'],
    ]);
  });

  it('filters attributes and tolerates string confidences', async () => {
    const line = JSON.stringify({ source: 'x', a: 1, 'a-metadata': { confidence: '0.93' }, b: 2 });
    const [record] = await collect(parseOutputManifest([line], { attributes: ['a'] }));
    expect(record!.labels).toEqual([
      { attribute: 'a', value: 1, metadata: expect.objectContaining({ confidence: 0.93 }) },
    ]);
  });

  it('fails on a line that is not a JSON object, naming the line and not its content', async () => {
    const error = await collect(parseOutputManifest(['{"source":"ok"}\n', '{"source": SECRET-LINE\n'])).catch(
      (e: unknown) => e,
    );
    expect(isResponseShapeError(error)).toBe(true);
    expect(String(error)).toContain('line 2');
    expect(String(error)).not.toContain('SECRET');
    const skipped: number[] = [];
    const records = await collect(
      parseOutputManifest(['[1]\n{"source":"ok"}\n'], { skipInvalidLines: true, onSkip: (n) => skipped.push(n) }),
    );
    expect([records.length, skipped]).toEqual([1, [1]]);
  });

  it('refuses a line longer than maxLineBytes instead of buffering it', async () => {
    const error = await collect(manifestLines(['x'.repeat(5000)], { maxLineBytes: 1024 })).catch((e: unknown) => e);
    expect(isResponseShapeError(error)).toBe(true);
  });

  it('parses a 100,000-line manifest in bounded memory', async () => {
    const LINES = 100_000;
    const line = (i: number) =>
      `${JSON.stringify({
        'source-ref': `s3://bucket/frames/clip-${i}_seq.json`,
        note: `${i}`.padStart(300, '.'),
        'job-ref': `s3://bucket/out/annotations/consolidated-annotation/output/${i}/SeqLabel.json`,
        'job-ref-metadata': {
          'class-map': { '0': 'Vehicle' },
          'job-name': 'labeling-job/job',
          'human-annotated': 'yes',
          type: 'groundtruth/video-object-tracking',
        },
      })}\n`;
    const lineBytes = new TextEncoder().encode(line(0)).byteLength;
    // Generated lazily in 64 KiB chunks: the whole manifest (~58 MB) never exists in memory at once.
    async function* chunks(): AsyncGenerator<Uint8Array> {
      const encoder = new TextEncoder();
      let buffer = '';
      for (let i = 0; i < LINES; i++) {
        buffer += line(i);
        if (buffer.length >= 65_536) {
          yield encoder.encode(buffer);
          buffer = '';
        }
      }
      if (buffer) yield encoder.encode(buffer);
    }
    globalThis.gc?.();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    let count = 0;
    let vehicleLayers = 0;
    for await (const record of parseOutputManifest(chunks(), { attributes: ['job-ref'] })) {
      count++;
      if (record.labels[0]?.metadata?.classMap?.['0'] === 'Vehicle') vehicleLayers++;
      if (count % 5000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    expect(count).toBe(LINES);
    expect(vehicleLayers).toBe(LINES);
    // Loose bound: far less than the manifest's size (lineBytes × 100,000 ≈ 58 MB) is ever held; the young
    // generation alone (garbage not yet collected) accounts for most of the growth seen.
    expect(LINES * lineBytes).toBeGreaterThan(50_000_000);
    expect(peak - before).toBeLessThan(LINES * lineBytes * 0.5);
  });
});

describe('input manifests and sequence files', () => {
  it('builds JSON Lines and refuses items without exactly one source', () => {
    expect(buildInputManifest([{ 'source-ref': 's3://bucket/a_seq.json' }, { source: 'text' }])).toBe(
      '{"source-ref":"s3://bucket/a_seq.json"}\n{"source":"text"}\n',
    );
    expect(
      isValidationError(
        (() => {
          try {
            buildInputManifest([{} as never]);
          } catch (e) {
            return e;
          }
        })(),
      ),
    ).toBe(true);
  });

  it('builds a video-frame sequence file', () => {
    expect(
      buildVideoFrameSequence({
        seqNo: 1,
        prefix: 's3://bucket/frames/clip-1',
        frames: [{ frame: '000001.jpg' }, { frame: '000002.jpg', unixTimestamp: 2 }],
      }),
    ).toEqual({
      'seq-no': 1,
      prefix: 's3://bucket/frames/clip-1/',
      'number-of-frames': 2,
      frames: [
        { 'frame-no': 0, frame: '000001.jpg' },
        { 'frame-no': 1, frame: '000002.jpg', 'unix-timestamp': 2 },
      ],
    });
    expect(() => buildVideoFrameSequence({ seqNo: 1, prefix: 's3://b/', frames: [] })).toThrow(/1-2000 frames/);
  });
});

describe('SeqLabel.json and merging', () => {
  it('reads the published SeqLabel.json', () => {
    const frames = readSeqLabel(SEQ_LABEL);
    expect(frames).toHaveLength(1);
    expect(frames[0]!.frameNo).toBe(0);
    expect(frames[0]!.annotations.map((a) => [a.objectName, a.classId, a.raw.left])).toEqual([
      ['Vehicle:1', '0', 954],
      ['Vehicle:2', '0', 1079],
    ]);
    expect(() => readSeqLabel({})).toThrow(/tracking-annotations/);
  });

  it('merges vehicle boxes and lane polylines by frame number', () => {
    const lanes = readSeqLabel({
      'detection-annotations': [
        { 'frame-no': 1, frame: '000002.jpg', annotations: [{ 'class-id': 0, polyline: [], 'object-name': 'Lane:1' }] },
        { 'frame-no': '0', frame: '000001.jpg', annotations: [] },
      ],
    });
    const merged = mergeFramesByNumber({ vehicle: readSeqLabel(SEQ_LABEL), lane: lanes });
    expect(merged.map((f) => [f.frameNo, f.frame, Object.keys(f.layers), f.layers.vehicle?.length ?? 0])).toEqual([
      [0, '000001.jpg', ['vehicle', 'lane'], 2],
      [1, '000002.jpg', ['lane'], 0],
    ]);
  });

  it('reads metadata flags', () => {
    expect(readLabelMetadata({ 'human-annotated': 'no', 'class-name': 'cat' })).toMatchObject({
      humanAnnotated: false,
      className: 'cat',
    });
  });
});
