/** Synthetic test documents (no content from real people): minimal PDFs and TIFF headers. */

/** A minimal, valid PDF with `pages` blank pages; `text` is placed in a comment so tests can plant a sentinel. */
export function minimalPdf(pages: number, text = ''): Uint8Array {
  const objects: string[] = [];
  const kids = Array.from({ length: pages }, (_, i) => `${i + 3} 0 R`).join(' ');
  objects.push('<< /Type /Catalog /Pages 2 0 R >>');
  objects.push(`<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`);
  for (let i = 0; i < pages; i++) objects.push('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>');
  let body = `%PDF-1.4\n%${text}\n`;
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}

/** A classic TIFF header with `images` chained IFDs of one entry each (no pixel data; enough for counting). */
export function tiffHeader(images: number, littleEndian = true): Uint8Array {
  const ifdBytes = 2 + 12 + 4;
  const bytes = new Uint8Array(8 + images * ifdBytes);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, littleEndian ? 0x4949 : 0x4d4d);
  view.setUint16(2, 42, littleEndian);
  view.setUint32(4, 8, littleEndian);
  for (let i = 0; i < images; i++) {
    const at = 8 + i * ifdBytes;
    view.setUint16(at, 1, littleEndian);
    view.setUint32(at + 14, i + 1 < images ? at + ifdBytes : 0, littleEndian);
  }
  return bytes;
}

/** A tiny PNG signature followed by filler: enough for the adapter, which never decodes images. */
export function pngBytes(text = ''): Uint8Array {
  return new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new TextEncoder().encode(text), 0]);
}
