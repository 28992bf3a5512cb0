/**
 * Pages built of grids without a Textract TABLE, typeset with real font metrics (pdf-lib's Helvetica AFM widths)
 * into Textract-shaped LINE and WORD blocks, as DetectDocumentText reports widely spaced cells: one LINE per
 * cell. Each page comes with its reference segmentation (segments in reading order) and the grids expected.
 */
import { StandardFontEmbedder, StandardFonts } from 'pdf-lib';
import type { TextractBlockLike, TextractResponseLike } from '../../../../src/textract/model/TextractBlockLike.js';
import type { ReferenceParagraph } from '../../../helpers/paragraph-scorer.js';
import { geometry } from '../model/synthetic.js';

const PAGE_WIDTH_PT = 612;
const PAGE_HEIGHT_PT = 792;
// pdf-lib's StandardFonts and the embedder's font-name enum are two enums of the same strings.
type FontName = Parameters<typeof StandardFontEmbedder.for>[0];
const REGULAR = StandardFontEmbedder.for(StandardFonts.Helvetica as unknown as FontName);
const BOLD = StandardFontEmbedder.for(StandardFonts.HelveticaBold as unknown as FontName);
/** Helvetica cap height and descender (AFM, 1/1000 em): the box Textract draws around a line of text. */
const CAP_HEIGHT = 0.718;
const DESCENDER = 0.207;
const WORD_SPACE_EM = 0.278;

/** One grid the page should yield: its caption, its cell texts row by row. */
export interface ExpectedGrid {
  caption: string | undefined;
  rows: string[][];
}

/** A typeset page: the response, the reference segments in reading order, and the grids expected. */
export interface GridPage {
  name: string;
  response: TextractResponseLike;
  reference: ReferenceParagraph[];
  grids: ExpectedGrid[];
}

/** Typesets LINEs into blocks and groups their ids into reference segments. */
class Typesetter {
  readonly blocks: TextractBlockLike[] = [];
  readonly lineIds: string[] = [];
  readonly reference: ReferenceParagraph[] = [];
  #current: string[] | undefined;

  /** Starts a reference segment; the lines placed until the next call belong to it. */
  segment(role: string): void {
    this.#current = [];
    this.reference.push({ role, lineIds: this.#current });
  }

  /** Places one LINE; `x` is its left edge, or its centre or right edge per `align`, `baseline` its baseline (pt). */
  line(text: string, x: number, baseline: number, sizePt: number, align: 'left' | 'centre' | 'right' = 'left'): void {
    const font = sizePt >= 11 ? BOLD : REGULAR;
    const width = font.widthOfTextAtSize(text, sizePt);
    const left = align === 'left' ? x : align === 'centre' ? x - width / 2 : x - width;
    const top = baseline - CAP_HEIGHT * sizePt;
    const height = (CAP_HEIGHT + DESCENDER) * sizePt;
    const id = `line-${this.lineIds.length}`;
    const wordIds: string[] = [];
    let wx = left;
    for (const [k, word] of text.split(' ').entries()) {
      const w = font.widthOfTextAtSize(word, sizePt);
      const wordId = `${id}-w${k}`;
      wordIds.push(wordId);
      this.blocks.push({
        BlockType: 'WORD',
        Id: wordId,
        Text: word,
        Confidence: 99,
        Page: 1,
        Geometry: norm(wx, top, w, height),
      });
      wx += w + WORD_SPACE_EM * sizePt;
    }
    this.blocks.push({
      BlockType: 'LINE',
      Id: id,
      Text: text,
      Confidence: 99,
      Page: 1,
      Geometry: norm(left, top, width, height),
      Relationships: [{ Type: 'CHILD', Ids: wordIds }],
    });
    this.lineIds.push(id);
    this.#current?.push(id);
  }

  response(): TextractResponseLike {
    const page: TextractBlockLike = {
      BlockType: 'PAGE',
      Id: 'page-1',
      Page: 1,
      Geometry: geometry(0, 0, 1, 1),
      Relationships: [{ Type: 'CHILD', Ids: this.lineIds }],
    };
    return { DocumentMetadata: { Pages: 1 }, Blocks: [page, ...this.blocks] };
  }
}

function norm(left: number, top: number, width: number, height: number): TextractBlockLike['Geometry'] {
  return geometry(left / PAGE_WIDTH_PT, top / PAGE_HEIGHT_PT, width / PAGE_WIDTH_PT, height / PAGE_HEIGHT_PT);
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June'];
const WEEKDAYS = ['M', 'T', 'W', 'T', 'F', 'S', 'S'];

/** The weeks of a month of 2024, Monday first, as rows of day numbers ('' before the 1st and after the last). */
function weeksOf(month: number): string[][] {
  const first = (new Date(Date.UTC(2024, month, 1)).getUTCDay() + 6) % 7;
  const days = new Date(Date.UTC(2024, month + 1, 0)).getUTCDate();
  const weeks: string[][] = [];
  for (let start = -first; start < days; start += 7) {
    weeks.push(Array.from({ length: 7 }, (_, d) => (start + d >= 0 && start + d < days ? `${start + d + 1}` : '')));
  }
  return weeks;
}

/** A timetable page: a title, two bands of three month calendars side by side, a note below. */
function calendarPage(): GridPage {
  const t = new Typesetter();
  const grids: ExpectedGrid[] = [];
  t.segment('title');
  t.line('School timetable 2024', 306, 70, 20, 'centre');
  const pitch = 22;
  const calendarWidth = 7 * pitch;
  const gutter = 30;
  const left0 = (PAGE_WIDTH_PT - 3 * calendarWidth - 2 * gutter) / 2;
  for (const band of [0, 1]) {
    const top = 120 + band * 230;
    for (const column of [0, 1, 2]) {
      const month = 3 * band + column;
      const left = left0 + column * (calendarWidth + gutter);
      const caption = `${MONTHS[month]} 2024`;
      t.segment('table');
      t.line(caption, left + calendarWidth / 2, top, 11, 'centre');
      WEEKDAYS.forEach((d, k) => {
        t.line(d, left + (k + 0.5) * pitch, top + 22, 9, 'centre');
      });
      const weeks = weeksOf(month);
      weeks.forEach((week, w) => {
        week.forEach((day, k) => {
          if (day !== '') t.line(day, left + (k + 0.5) * pitch, top + 40 + w * 17, 9, 'centre');
        });
      });
      grids.push({ caption, rows: [WEEKDAYS, ...weeks] });
    }
  }
  t.segment('paragraph');
  t.line('Terms start on the first Monday of each month shown above; school is', 72, 640, 10);
  t.line('closed at weekends and on public holidays.', 72, 654, 10);
  return { name: 'calendars', response: t.response(), reference: t.reference, grids };
}

/** A bus timetable above two price lists side by side, each with a centred caption. */
function schedulePage(): GridPage {
  const t = new Typesetter();
  const grids: ExpectedGrid[] = [];
  t.segment('title');
  t.line('Line 7 weekday departures', 72, 150, 16);
  const stops = ['Station', 'Market', 'Hospital', 'Harbour', 'College', 'Airport'];
  const departures = [430, 460, 490, 520, 550]; // minutes after midnight at the first stop
  const clock = (minutes: number) =>
    `${`${Math.floor(minutes / 60)}`.padStart(2, '0')}:${`${minutes % 60}`.padStart(2, '0')}`;
  const rows: string[][] = [];
  t.segment('table');
  stops.forEach((stop, s) => {
    const baseline = 190 + s * 18;
    t.line(stop, 72, baseline, 10);
    const row = [stop];
    departures.forEach((start, k) => {
      const text = clock(start + 4 * s);
      t.line(text, 200 + k * 64, baseline, 10);
      row.push(text);
    });
    rows.push(row);
  });
  grids.push({ caption: undefined, rows });
  const lists: [string, [string, string, string][]][] = [
    [
      'Hot drinks',
      [
        ['Espresso', '2.10', '2.60'],
        ['Cappuccino', '2.90', '3.40'],
        ['Tea', '1.80', '2.20'],
        ['Hot chocolate', '3.00', '3.50'],
      ],
    ],
    [
      'Snacks',
      [
        ['Croissant', '1.90', '2.40'],
        ['Muffin', '2.20', '2.70'],
        ['Bagel', '2.50', '3.10'],
        ['Cookie', '1.20', '1.60'],
      ],
    ],
  ];
  lists.forEach(([caption, items], l) => {
    const left = 72 + l * 250;
    t.segment('table');
    t.line(caption, left + 100, 340, 12, 'centre');
    t.line('Item', left, 364, 10);
    t.line('Small', left + 130, 364, 10, 'right');
    t.line('Large', left + 200, 364, 10, 'right');
    items.forEach(([item, small, large], k) => {
      const baseline = 382 + k * 18;
      t.line(item, left, baseline, 10);
      t.line(small, left + 130, baseline, 10, 'right');
      t.line(large, left + 200, baseline, 10, 'right');
    });
    grids.push({ caption, rows: [['Item', 'Small', 'Large'], ...items] });
  });
  return { name: 'schedule and price lists', response: t.response(), reference: t.reference, grids };
}

/** A form of aligned label and value cells, four to a row, with a paragraph above it. */
function formPage(): GridPage {
  const t = new Typesetter();
  const grids: ExpectedGrid[] = [];
  t.segment('paragraph');
  t.line('Please check the details we hold for you and tell us within two weeks', 72, 200, 10);
  t.line('if anything below has changed since your last visit.', 72, 214, 10);
  const fields = [
    ['Surname', 'Okafor', 'Member no', '40318'],
    ['Given name', 'Adaeze', 'Joined', '2019'],
    ['Town', 'Leeds', 'Plan', 'Family'],
    ['Postcode', 'LS6 2QT', 'Renewal', 'May'],
  ];
  t.segment('table');
  fields.forEach((row, r) => {
    const baseline = 250 + r * 20;
    row.forEach((text, c) => {
      t.line(text, 72 + c * 120, baseline, 10);
    });
  });
  grids.push({ caption: undefined, rows: fields });
  return { name: 'aligned form', response: t.response(), reference: t.reference, grids };
}

/** The grid pages, built once. */
export const GRID_PAGES: readonly GridPage[] = [calendarPage(), schedulePage(), formPage()];
