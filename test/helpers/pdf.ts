/**
 * Test helpers for PDFs produced by the render pool: text extraction and page rasterisation with
 * pdf-parse (pdf.js + @napi-rs/canvas, fully offline), QR decoding with jsqr, and the names of the
 * fonts embedded in a PDF. They check the PDF itself, not the HTML it came from.
 */
import jsQR from 'jsqr';
import { PDFParse } from 'pdf-parse';
import { PNG } from 'pngjs';

function toUint8Array(pdf: Uint8Array): Uint8Array {
  // pdf.js may transfer (detach) the buffer it is given; hand it a copy.
  return new Uint8Array(pdf);
}

/**
 * Extracts the text of every page, pages joined by newlines (pdf-parse `getText`). Letter-spaced
 * text comes out with spaces between characters; compare with {@link removeWhitespace}.
 */
export async function extractPdfText(pdf: Uint8Array): Promise<string> {
  const parser = new PDFParse({ data: toUint8Array(pdf) });
  try {
    const result = await parser.getText();
    return result.text;
  } finally {
    await parser.destroy();
  }
}

/** Number of pages of a PDF. */
export async function countPdfPages(pdf: Uint8Array): Promise<number> {
  const parser = new PDFParse({ data: toUint8Array(pdf) });
  try {
    const info = await parser.getInfo();
    return info.total;
  } finally {
    await parser.destroy();
  }
}

/**
 * Rasterises one page of a PDF to PNG bytes with pdf.js (pdf-parse `getScreenshot`), using the
 * fonts embedded in the PDF. `scale` 1 = 72 dpi; default 2 (144 dpi). `pageNumber` is 1-based.
 *
 * @throws Error when the page does not exist.
 */
export async function renderPdfPageToPng(
  pdf: Uint8Array,
  options: { pageNumber?: number; scale?: number } = {},
): Promise<Buffer> {
  const pageNumber = options.pageNumber ?? 1;
  const parser = new PDFParse({ data: toUint8Array(pdf) });
  try {
    const result = await parser.getScreenshot({
      partial: [pageNumber],
      scale: options.scale ?? 2,
      imageBuffer: true,
      imageDataUrl: false,
    });
    const page = result.pages.find((candidate) => candidate.pageNumber === pageNumber);
    if (!page) throw new Error(`PDF has no page ${pageNumber} (pages: ${result.total})`);
    return Buffer.from(page.data);
  } finally {
    await parser.destroy();
  }
}

/** Decodes PNG bytes to RGBA pixels. */
export function decodePng(png: Uint8Array): { width: number; height: number; data: Uint8ClampedArray } {
  const image = PNG.sync.read(Buffer.from(png));
  return { width: image.width, height: image.height, data: new Uint8ClampedArray(image.data) };
}

/** Decodes the first QR code found in PNG bytes; null when none is readable. */
export function decodeQrCodeFromPng(png: Uint8Array): string | null {
  const { width, height, data } = decodePng(png);
  const code = jsQR(data, width, height, { inversionAttempts: 'dontInvert' });
  return code ? code.data : null;
}

/**
 * Names of the fonts embedded in a PDF (`/FontName` entries, subset prefix `ABCDEF+` removed),
 * sorted and unique. Reads the uncompressed font descriptors that Chromium (Skia) writes; a PDF that
 * packs descriptors into compressed object streams yields an empty list.
 */
export function listPdfFontNames(pdf: Uint8Array): string[] {
  const source = Buffer.from(pdf).toString('latin1');
  const names = new Set<string>();
  for (const match of source.matchAll(/\/FontName\s*\/([^\s/<>[\]()]+)/g)) {
    names.add(match[1].replace(/^[A-Z]{6}\+/, ''));
  }
  return [...names].sort();
}

/** Removes all whitespace, for comparing letter-spaced extracted text. */
export function removeWhitespace(text: string): string {
  return text.replace(/\s+/g, '');
}
