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
});
