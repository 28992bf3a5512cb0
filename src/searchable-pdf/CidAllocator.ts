/**
 * Assigns one CID per distinct grapheme cluster and writes the ToUnicode CMap that maps each CID back to its
 * text. A cluster (a base character with its combining marks, an emoji sequence, a surrogate pair) becomes one
 * glyph of the glyphless font, so extractors never have to re-attach zero-width marks or pair surrogates.
 *
 * @module
 */

/** The highest CID a two-byte Identity-H code can carry. */
export const MAX_CID = 0xffff;
/** bfchar entries per block; the CMap format allows at most 100. */
const BFCHAR_BLOCK = 100;
/** Longest text one CID may map to; the CMap format allows 512 bytes (256 UTF-16 units). */
const MAX_CLUSTER_UNITS = 256;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Splits text into grapheme clusters; clusters longer than the CMap format allows are split further.
 *
 * @example
 * ```ts
 * graphemeClusters('e\u0301😀'); // ['e\u0301', '😀']
 * ```
 */
export function graphemeClusters(text: string): string[] {
  const clusters: string[] = [];
  for (const { segment } of segmenter.segment(text)) {
    if (segment.length <= MAX_CLUSTER_UNITS) clusters.push(segment);
    else for (const ch of segment) clusters.push(ch);
  }
  return clusters;
}

function hex4(value: number): string {
  return value.toString(16).toUpperCase().padStart(4, '0');
}

/**
 * Hands out CIDs (from 1; CID 0 stays `.notdef`) per distinct cluster, in first-use order, so the same input
 * always yields the same codes.
 *
 * @example
 * ```ts
 * const cids = new CidAllocator();
 * cids.encode(['H', 'i']); // '00010002'
 * cids.toUnicodeCMap();     // maps <0001> → <0048>, <0002> → <0069>
 * ```
 */
export class CidAllocator {
  private readonly byCluster = new Map<string, number>();
  private readonly clusters: string[] = [];

  /** How many CIDs are in use. */
  get size(): number {
    return this.clusters.length;
  }

  /** The highest CID handed out (0 when none). */
  get maxCid(): number {
    return this.clusters.length;
  }

  /**
   * Returns the CID of a cluster, allocating one if needed; `undefined` when all 65,535 codes are taken.
   *
   * @example
   * ```ts
   * new CidAllocator().cidOf('€'); // 1
   * ```
   */
  cidOf(cluster: string): number | undefined {
    const known = this.byCluster.get(cluster);
    if (known !== undefined) return known;
    if (this.clusters.length >= MAX_CID) return undefined;
    this.clusters.push(cluster);
    const cid = this.clusters.length;
    this.byCluster.set(cluster, cid);
    return cid;
  }

  /**
   * Encodes clusters as the hex body of a PDF string (4 hex digits per CID), or `undefined` if the code space
   * is exhausted.
   *
   * @example
   * ```ts
   * new CidAllocator().encode(['a', 'b', 'a']); // '000100020001'
   * ```
   */
  encode(clusters: readonly string[]): string | undefined {
    let out = '';
    for (const cluster of clusters) {
      const cid = this.cidOf(cluster);
      if (cid === undefined) return undefined;
      out += hex4(cid);
    }
    return out;
  }

  /**
   * The ToUnicode CMap for every CID allocated so far, with UTF-16BE targets (surrogate pairs included).
   *
   * @example
   * ```ts
   * const cmap = allocator.toUnicodeCMap(); // PostScript CMap text, ASCII only
   * ```
   */
  toUnicodeCMap(): string {
    const parts: string[] = [
      '/CIDInit /ProcSet findresource begin',
      '12 dict begin',
      'begincmap',
      '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
      '/CMapName /AwsMlKit-Glyphless-UCS def',
      '/CMapType 2 def',
      '1 begincodespacerange',
      '<0000> <FFFF>',
      'endcodespacerange',
    ];
    for (let start = 0; start < this.clusters.length; start += BFCHAR_BLOCK) {
      const block = this.clusters.slice(start, start + BFCHAR_BLOCK);
      parts.push(`${block.length} beginbfchar`);
      block.forEach((cluster, i) => {
        let target = '';
        for (let k = 0; k < cluster.length; k++) target += hex4(cluster.charCodeAt(k));
        parts.push(`<${hex4(start + i + 1)}> <${target}>`);
      });
      parts.push('endbfchar');
    }
    parts.push('endcmap', 'CMapName currentdict /CMap defineresource pop', 'end', 'end', '');
    return parts.join('\n');
  }
}
