import type { TextractModelWarning } from './TextractModelWarning.js';
import type { TextractLine, TextractPage, TextractWord } from './TextractPage.js';

/**
 * A Textract document: pages → lines → words, plus LAYOUT blocks, tables, key-values, selection elements and
 * figures, each in a deterministic order. Build one with `loadTextractDocument`. Plain readonly data apart
 * from the lookup methods, so two loads of the same blocks (in any order) are deep-equal.
 *
 * @example
 * ```ts
 * const document = loadTextractDocument(response, { pageSizes: { widthPt: 612, heightPt: 792 } });
 * for (const page of document.pages) for (const line of page.lines) console.log(page.pageNumber, line.id);
 * ```
 */
export class TextractDocument {
  /** Pages sorted by page number (numbers need not be contiguous, e.g. a partial async result). */
  readonly pages: readonly TextractPage[];
  /** Problems reported while loading with `onInvalid: 'skip'` (always empty with `'throw'`), plus service warnings. */
  readonly warnings: readonly TextractModelWarning[];
  /**
   * LINE block ids in the input that are not in the model (each also has a warning). With these, every LINE of
   * the input is accounted for exactly once: in a page, or here. LINE blocks without a usable id are counted
   * in `warnings` only.
   */
  readonly droppedLineIds: readonly string[];
  readonly #pagesByNumber: Map<number, TextractPage>;
  // Id lookups are built on first use, so loading does not pay for them.
  #linesById: Map<string, TextractLine> | undefined;
  #wordsById: Map<string, TextractWord> | undefined;

  /**
   * Wraps already-built pages; `loadTextractDocument` is the way to build them from Textract output.
   *
   * @example
   * ```ts
   * const firstPageOnly = new TextractDocument(document.pages.slice(0, 1));
   * ```
   */
  constructor(
    pages: readonly TextractPage[],
    warnings: readonly TextractModelWarning[] = [],
    droppedLineIds: readonly string[] = [],
  ) {
    this.pages = pages;
    this.warnings = warnings;
    this.droppedLineIds = droppedLineIds;
    this.#pagesByNumber = new Map(pages.map((page) => [page.pageNumber, page]));
  }

  #lineIndex(): Map<string, TextractLine> {
    if (!this.#linesById) {
      this.#linesById = new Map();
      for (const page of this.pages) for (const line of page.lines) this.#linesById.set(line.id, line);
    }
    return this.#linesById;
  }

  #wordIndex(): Map<string, TextractWord> {
    if (!this.#wordsById) {
      this.#wordsById = new Map();
      for (const page of this.pages) for (const word of page.words) this.#wordsById.set(word.id, word);
    }
    return this.#wordsById;
  }

  /**
   * Number of pages in the model.
   *
   * @example
   * ```ts
   * loadTextractDocument(asyncPages).pageCount; // 3
   * ```
   */
  get pageCount(): number {
    return this.pages.length;
  }

  /**
   * Number of lines over all pages.
   *
   * @example
   * ```ts
   * document.lineCount === [...document.lines()].length; // true
   * ```
   */
  get lineCount(): number {
    return this.#lineIndex().size;
  }

  /**
   * Number of words over all pages.
   *
   * @example
   * ```ts
   * console.log(`${document.wordCount} words`);
   * ```
   */
  get wordCount(): number {
    return this.#wordIndex().size;
  }

  /**
   * The page with this 1-based number (Textract's `Block.Page`), or `undefined`.
   *
   * @example
   * ```ts
   * document.page(2)?.lines.length;
   * ```
   */
  page(pageNumber: number): TextractPage | undefined {
    return this.#pagesByNumber.get(pageNumber);
  }

  /**
   * The line with this LINE block id, or `undefined`.
   *
   * @example
   * ```ts
   * const line = document.line(segment.lineIds[0]);
   * ```
   */
  line(id: string): TextractLine | undefined {
    return this.#lineIndex().get(id);
  }

  /**
   * The word with this WORD block id, or `undefined`.
   *
   * @example
   * ```ts
   * document.word(cell.words[0].id)?.lineId;
   * ```
   */
  word(id: string): TextractWord | undefined {
    return this.#wordIndex().get(id);
  }

  /**
   * Every line, page by page, in each page's line order.
   *
   * @example
   * ```ts
   * for (const line of document.lines()) console.log(line.page, line.index);
   * ```
   */
  *lines(): IterableIterator<TextractLine> {
    for (const page of this.pages) yield* page.lines;
  }

  /**
   * Every word, page by page, in each page's word order.
   *
   * @example
   * ```ts
   * const handwritten = [...document.words()].filter((word) => word.textType === 'HANDWRITING');
   * ```
   */
  *words(): IterableIterator<TextractWord> {
    for (const page of this.pages) yield* page.words;
  }
}
