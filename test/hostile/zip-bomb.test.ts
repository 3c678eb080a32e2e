import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { importTheoryBank } from '@skillcert/bank-tools';
import { parseRoster } from '@skillcert/server/domain/plans/roster-import';

/** A small zip that declares 80 MiB once unpacked: zeros deflate about a thousand to one. */
async function makeZipBomb(): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types/>');
  zip.file('xl/media/padding.bin', Buffer.alloc(80 * 1024 * 1024));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

describe('zip-bomb guard', () => {
  it('R17: refuses a bank workbook that unpacks past the limit before inflating it, naming the file', async () => {
    const bomb = await makeZipBomb();
    expect(bomb.length).toBeLessThan(1024 * 1024);
    await expect(importTheoryBank({ file: bomb, fileName: 'bomb.xlsx' })).rejects.toMatchObject({
      code: 'FILE_TOO_LARGE',
      message: expect.stringMatching(/^bomb\.xlsx: the workbook unpacks to more than 64 MiB/),
    });
  });

  it('R9: refuses a roster workbook that unpacks past the limit with a validation error', async () => {
    const bomb = await makeZipBomb();
    await expect(parseRoster(bomb, { today: '2026-11-20', file: 'roster.xlsx' } as Parameters<typeof parseRoster>[1])).rejects.toMatchObject({
      code: 'validation_failed',
      details: { reason: 'FILE_TOO_LARGE' },
    });
  });

  it('R17: answers a workbook whose central directory points past the end of the file with NOT_XLSX, not a crash', async () => {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types/>');
    zip.file('xl/workbook.xml', '<workbook/>');
    const bytes = await zip.generateAsync({ type: 'nodebuffer' });
    // End of central directory record: signature 0x06054b50; its offset field (bytes 16-19) moved past the end.
    const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    expect(end).toBeGreaterThan(0);
    bytes.writeUInt32LE(bytes.length + 30_000, end + 16);
    await expect(importTheoryBank({ file: bytes, fileName: 'broken.xlsx' })).rejects.toMatchObject({
      code: 'NOT_XLSX',
      message: expect.stringMatching(/^broken\.xlsx: not a readable xlsx workbook/),
    });
  });
});
