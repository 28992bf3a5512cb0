import { fc, test } from '@fast-check/vitest';
import { PDFDocument, PDFName, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { SearchablePdfBuilder } from '../../../src/searchable-pdf/index.js';
import {
  chooseLineBoxProfile,
  DEFAULT_LINE_BOX_PROFILE,
  LINE_BOX_PROFILES,
} from '../../../src/searchable-pdf/lineBoxProfiles.js';
import { pageHasText } from '../../../src/searchable-pdf/pageHasText.js';
import { fixtureBytes, JSON_16, PDF_16, textractFixture } from './helpers.js';

describe('line-box profiles', () => {
  it('declare an exact em height with a quarter of it below the baseline', () => {
    for (const p of LINE_BOX_PROFILES) {
      expect((p.ascentUnits - p.descentUnits) / 1000).toBe(p.emHeight);
      expect(-p.descentUnits / 1000 / p.emHeight).toBeCloseTo(0.25, 2);
    }
  });

  it('pick the font that puts the median gap nearest the target', () => {
    expect(chooseLineBoxProfile(20, [4.4, 4.4, 10]).emHeight).toBe(1); // 0.22 em at 20 pt
    expect(chooseLineBoxProfile(20, [2.2]).emHeight).toBe(2); // 0.22 em at 10 pt
    expect(chooseLineBoxProfile(20, []).emHeight).toBe(DEFAULT_LINE_BOX_PROFILE.emHeight);
    expect(chooseLineBoxProfile(20, [8], 0.22, 2).emHeight).toBe(2);
  });

  test.prop([
    fc.double({ min: 1, max: 100, noNaN: true }),
    fc.array(fc.double({ min: 0.01, max: 50, noNaN: true }), { minLength: 1 }),
  ])('always returns one of the profiles', (h, gaps) => {
    expect(LINE_BOX_PROFILES).toContain(chooseLineBoxProfile(h, gaps));
  });
});

describe('pageHasText', () => {
  it('sees text drawn directly or inside a Form XObject, and not on an image-only page', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const direct = doc.addPage();
    direct.drawText('hello', { font });
    const empty = doc.addPage();
    const viaForm = doc.addPage();
    const form = doc.context.register(
      doc.context.flateStream('BT /F1 12 Tf 10 10 Td (x) Tj ET', {
        Type: 'XObject',
        Subtype: 'Form',
        BBox: [0, 0, 10, 10],
      }),
    );
    viaForm.node.setXObject(PDFName.of('Fm1'), form);
    const saved = await PDFDocument.load(await doc.save()); // as the builder sees it: parsed streams
    expect(direct.node).toBeDefined();
    expect(empty.node).toBeDefined();
    expect(viaForm.node).toBeDefined();
    expect(saved.getPages().map((p) => pageHasText(saved.context, p.node))).toEqual([true, false, true]);
    const scan = await PDFDocument.load(fixtureBytes(PDF_16));
    expect(pageHasText(scan.context, scan.getPage(0).node)).toBe(false);
  });

  it('sees the layer the builder itself wrote (so a second run can skip it)', async () => {
    const { pdf } = await new SearchablePdfBuilder().build(fixtureBytes(PDF_16), { ocr: textractFixture(JSON_16) });
    const again = await new SearchablePdfBuilder().build(pdf, { ocr: textractFixture(JSON_16), existingText: 'skip' });
    expect(again.wordCount).toBe(0);
    expect(again.warnings[0]).toMatch(/already show text/);
  });
});
