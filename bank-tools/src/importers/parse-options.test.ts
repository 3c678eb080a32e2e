import { describe, expect, it } from 'vitest';
import { parseOptions } from './parse-options';

const options = (raw: string, highestAnswerLetter = -1) => {
  const parsed = parseOptions(raw, highestAnswerLetter);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.options;
};

describe('parseOptions', () => {
  it.each([
    ['**A.甲**B.乙**C.丙', ['甲', '乙', '丙']],
    ['A.甲**B.乙', ['甲', '乙']],
    ['##A、甲##B、乙', ['甲', '乙']],
    ['**A．甲**B．乙', ['甲', '乙']],
    ['**Ａ.甲**Ｂ.乙', ['甲', '乙']],
    ['** A 甲 ** B.乙 ', ['甲', '乙']],
    ['**(A)甲**(B)乙', ['甲', '乙']],
    ['**A化学品仓库**B棉织品仓库', ['化学品仓库', '棉织品仓库']],
    ['**AZ**BR**CA', ['Z', 'R', 'A']],
    ['**A.减小**B.不变**C.增加**', ['减小', '不变', '增加']],
  ])('reads %j', (raw, expected) => {
    expect(options(raw)).toEqual(expected);
  });

  it('keeps a unit letter after a separator as text (`30m**A` is 30mA)', () => {
    expect(options('**A.30m**A**B.50m**A**C.100 **A')).toEqual(['30mA', '50mA', '100 A']);
  });

  it('finds labels written without separator when punctuated or needed by the answer', () => {
    expect(options('**A.选用合格的起重机B.与作业环境相符**C.额定起重量')).toEqual(['选用合格的起重机', '与作业环境相符', '额定起重量']);
    expect(options('**A.1～3tB.3～5t C.5～15t', 1)).toEqual(['1～3t', '3～5t', '5～15t']);
    expect(options('**A遵守规程B服从管理C上岗着装', 2)).toEqual(['遵守规程', '服从管理', '上岗着装']);
  });

  it('does not split an option on enumerations such as `PE、L2` or a bare capital nobody needs', () => {
    expect(options('**A.左至右为L1、N、PE**B.左至右为L1、PE、L2、N')).toEqual(['左至右为L1、N、PE', '左至右为L1、PE、L2、N']);
    expect(options('**A.采用Ⅱ类**B.采用E型焊条')).toEqual(['采用Ⅱ类', '采用E型焊条']);
  });

  it('puts permuted labels in letter order and warns', () => {
    const parsed = parseOptions('**C电磁场**A电伤**B电击');
    expect(parsed).toEqual({ ok: true, options: ['电伤', '电击', '电磁场'], warnings: [expect.stringContaining('out of order')] });
  });

  it('reads a repeated letter where the next one is missing as the next letter', () => {
    const parsed = parseOptions('**A.L**B.E**C.G**C.V');
    expect(parsed.ok && parsed.options).toEqual(['L', 'E', 'G', 'V']);
    expect(parsed.ok && parsed.warnings).toEqual(['label C appears twice; the second was read as D']);
  });

  it('rejects missing, unlabelled, skipped and empty options with a reason', () => {
    expect(parseOptions('   ')).toEqual({ ok: false, reason: 'options are missing' });
    expect(parseOptions('****')).toEqual({ ok: false, reason: 'options are missing' });
    expect(parseOptions('移动焊机时应整体搬运')).toEqual({ ok: false, reason: expect.stringContaining('no A/B/C labels') });
    expect(parseOptions('**A水**C湿布**D灭火器')).toEqual({ ok: false, reason: 'option B is missing (labels jump from A to C)' });
    expect(parseOptions('**A.甲**B.**C.丙')).toEqual({ ok: false, reason: 'option B is empty' });
    expect(parseOptions('**B.甲**C.乙')).toEqual({ ok: false, reason: 'options start with label B instead of A' });
  });

  it('handles a 100,000-character cell without failing', () => {
    const long = '甲'.repeat(100_000);
    expect(options(`**A.${long}**B.乙`)).toEqual([long, '乙']);
  });
});
