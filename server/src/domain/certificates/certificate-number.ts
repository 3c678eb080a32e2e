/**
 * Certificate number 证书编号 (R14): format, parse and validate the 22-character number of a
 * 职业技能等级证书, following seed 004 annex 5 (广东省职业技能等级证书编码规则实施方案, 企业2021版).
 *
 * Layout (1-based positions):
 *
 * | positions | field | values |
 * |---|---|---|
 * | 1 | organisation class 评价机构类别代码 | `Y` employer 用人单位, `S` social training organisation or school |
 * | 2-5 | organisation code 评价机构代码 | `0001`-`9999` (filed with the ministry) or `0000` (filed with the province) |
 * | 6-7 | province code 省级代码 | table 4 (GB/T 2260 first two digits, e.g. 44 广东省, 43 湖南省) |
 * | 8-13 | site serial 评价机构(站点)序列码 | employer: [8-9] city code (table 5), [10] site type 1/2/3, [11-13] sequence `000`-`999` |
 * | 14-15 | year of issue 证书核发年份代码 | last two digits of the year |
 * | 16 | level 职业技能等级代码 | 1-5 |
 * | 17-22 | serial 证书序列码 | `000001`-`999999`, per organisation, per year, per level |
 *
 * Discrepancy in the digest: REGULATIONS.md R14 writes the source's example as
 * `Y0001440010052050000001`, which has 23 characters. The source itself writes the example with
 * spaces, `Y 0001 44 001005 20 5 000001`: 1 + 4 + 2 + 6 + 2 + 1 + 6 = 22 characters, and annex 6
 * art. 11 repeats "共22位，采用1位大写英文字母和21位阿拉伯数字". The 23-character compact form padded the
 * serial [17-22] to seven digits (`0000001`); no field is double-counted in the source. This module
 * implements the source: 22 characters and a six-digit serial, so the example is
 * `Y000144001005205000001`; the 23-character string is rejected with a length error.
 */
import { AppError } from '../../errors';

/** Total length of a certificate number in characters (R14). */
export const certificateNumberLength = 22;

/** Highest serial 证书序列码 an organisation may issue per year and level (R14). */
export const maxCertificateSerial = 999_999;

/** Organisation class 评价机构类别代码: `Y` employer 用人单位, `S` social training organisation or school (R14). */
export type OrganisationClass = 'Y' | 'S';

/** Level code 职业技能等级代码 on a certificate: 1 高级技师 … 5 初级工 (R14, R18). */
export type CertificateLevelCode = 1 | 2 | 3 | 4 | 5;

/** Site type 评价机构(站点)类别代码 of an employer: 1 state-owned, 2 non-state, 3 other (R14, table 6-1). */
export type EmployerSiteType = 1 | 2 | 3;

/**
 * Province codes 省级代码 of table 4 in seed 004 annex 5 (the first two digits of GB/T 2260): the 31
 * mainland provinces plus 66 新疆生产建设兵团, 71 台湾省, 81 香港, 82 澳门 as listed by the source (R14).
 */
export const provinceNames: Readonly<Record<string, string>> = Object.freeze({
  '11': '北京市',
  '12': '天津市',
  '13': '河北省',
  '14': '山西省',
  '15': '内蒙古自治区',
  '21': '辽宁省',
  '22': '吉林省',
  '23': '黑龙江省',
  '31': '上海市',
  '32': '江苏省',
  '33': '浙江省',
  '34': '安徽省',
  '35': '福建省',
  '36': '江西省',
  '37': '山东省',
  '41': '河南省',
  '42': '湖北省',
  '43': '湖南省',
  '44': '广东省',
  '45': '广西壮族自治区',
  '46': '海南省',
  '50': '重庆市',
  '51': '四川省',
  '52': '贵州省',
  '53': '云南省',
  '54': '西藏自治区',
  '61': '陕西省',
  '62': '甘肃省',
  '63': '青海省',
  '64': '宁夏回族自治区',
  '65': '新疆维吾尔自治区',
  '66': '新疆生产建设兵团',
  '71': '台湾省',
  '81': '香港特别行政区',
  '82': '澳门特别行政区',
});

/** Province code of Guangdong, the only province whose city table (table 5) the source gives. */
export const guangdongProvinceCode = '44';

/**
 * City codes 评价机构(站点)所在地代码 of Guangdong (table 5 of seed 004 annex 5), used at positions
 * [8-9] of an employer's site serial when the province code is 44 (R14). `00` is 省本级.
 */
export const guangdongCityNames: Readonly<Record<string, string>> = Object.freeze({
  '00': '省本级',
  '01': '广州市',
  '02': '韶关市',
  '03': '深圳市',
  '04': '珠海市',
  '05': '汕头市',
  '06': '佛山市',
  '07': '江门市',
  '08': '湛江市',
  '09': '茂名市',
  '12': '肇庆市',
  '13': '惠州市',
  '14': '梅州市',
  '15': '汕尾市',
  '16': '河源市',
  '17': '阳江市',
  '18': '清远市',
  '19': '东莞市',
  '20': '中山市',
  '51': '潮州市',
  '52': '揭阳市',
  '53': '云浮市',
});

/** Level names of table 7 (R14, R18): `{ code: { grade: '五级', title: '初级工' } }`. */
export const certificateLevelNames: Readonly<Record<CertificateLevelCode, { grade: string; title: string }>> =
  Object.freeze({
    1: { grade: '一级', title: '高级技师' },
    2: { grade: '二级', title: '技师' },
    3: { grade: '三级', title: '高级工' },
    4: { grade: '四级', title: '中级工' },
    5: { grade: '五级', title: '初级工' },
  });

/**
 * Site serial [8-13] of an employer 用人单位: city code [8-9], site type [10], sequence [11-13] (R14).
 */
export interface EmployerSiteSerial {
  kind: 'employer';
  /** Two digits; for province 44 one of {@link guangdongCityNames}, elsewhere any `00`-`99`. */
  cityCode: string;
  siteType: EmployerSiteType;
  /** Filing order assigned by the local HR bureau, 0-999. */
  siteSequence: number;
}

/**
 * Site serial [8-13] of a social organisation or school (class `S`): the source only details the
 * employer layout, so the six digits are kept as assigned (R14).
 */
export interface AssignedSiteSerial {
  kind: 'assigned';
  /** Exactly six digits. */
  digits: string;
}

/** Site serial 评价机构(站点)序列码 [8-13] (R14). Class `Y` requires the employer layout. */
export type SiteSerial = EmployerSiteSerial | AssignedSiteSerial;

/** The fields of a certificate number (R14). */
export interface CertificateNumberFields {
  organisationClass: OrganisationClass;
  /** Four digits: `0001`-`9999` (ministry) or `0000` (province). */
  organisationCode: string;
  /** Two digits from {@link provinceNames}. */
  provinceCode: string;
  siteSerial: SiteSerial;
  /** Full Gregorian year of issue, 2000-2099; positions [14-15] hold its last two digits. */
  issueYear: number;
  level: CertificateLevelCode;
  /** 1-999999, counted per organisation, per year, per level. */
  serial: number;
}

/** Where a field sits in the number, for error messages (1-based, inclusive). */
const fieldPositions = {
  length: '1-22',
  organisationClass: '1',
  organisationCode: '2-5',
  provinceCode: '6-7',
  siteSerial: '8-13',
  cityCode: '8-9',
  siteType: '10',
  siteSequence: '11-13',
  issueYear: '14-15',
  level: '16',
  serial: '17-22',
} as const;

type CertificateNumberField = keyof typeof fieldPositions;

function invalidField(field: CertificateNumberField, message: string, value: unknown): AppError {
  return new AppError(
    'validation_failed',
    `Certificate number field ${field} (position ${fieldPositions[field]}): ${message}`,
    { field, position: fieldPositions[field], value },
  );
}

/**
 * Thrown when the serial 证书序列码 of an organisation, year and level would pass 999999 (R14): the
 * six digits are exhausted and no further certificate of that level can be numbered this year.
 * Code `infeasible` (422); details `{ field: 'serial', position: '17-22', reason: 'serial_rollover', value }`.
 */
export class CertificateSerialRolloverError extends AppError {
  constructor(serial: number) {
    super(
      'infeasible',
      `Certificate number field serial (position 17-22): serial ${serial} rolls over the six digits ` +
        `(maximum ${maxCertificateSerial} per organisation, year and level)`,
      { field: 'serial', position: fieldPositions.serial, reason: 'serial_rollover', value: serial },
    );
    this.name = 'CertificateSerialRolloverError';
  }
}

const digitsPattern = (count: number) => new RegExp(`^\\d{${count}}$`);

function isIntegerInRange(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

function validateOrganisationCode(code: unknown): string {
  if (typeof code !== 'string' || !digitsPattern(4).test(code)) {
    throw invalidField('organisationCode', 'must be four digits, 0001-9999 or 0000', code);
  }
  return code;
}

function validateProvinceCode(code: unknown): string {
  if (typeof code !== 'string' || !digitsPattern(2).test(code) || !(code in provinceNames)) {
    throw invalidField('provinceCode', 'must be a province code of table 4 (e.g. 44 广东省, 43 湖南省)', code);
  }
  return code;
}

function validateCityCode(code: unknown, provinceCode: string): string {
  if (typeof code !== 'string' || !digitsPattern(2).test(code)) {
    throw invalidField('cityCode', 'must be two digits', code);
  }
  if (provinceCode === guangdongProvinceCode && !(code in guangdongCityNames)) {
    throw invalidField('cityCode', `is not a Guangdong city code of table 5 (e.g. 00 省本级, 01 广州市, 07 江门市)`, code);
  }
  return code;
}

function formatSiteSerial(
  organisationClass: OrganisationClass,
  provinceCode: string,
  siteSerial: SiteSerial | undefined,
): string {
  if (!siteSerial || (siteSerial.kind !== 'employer' && siteSerial.kind !== 'assigned')) {
    throw invalidField('siteSerial', 'is missing or of unknown kind', siteSerial);
  }
  if (siteSerial.kind === 'assigned') {
    if (organisationClass === 'Y') {
      throw invalidField('siteSerial', 'an employer (class Y) needs city code, site type and sequence', siteSerial);
    }
    if (typeof siteSerial.digits !== 'string' || !digitsPattern(6).test(siteSerial.digits)) {
      throw invalidField('siteSerial', 'must be six digits', siteSerial.digits);
    }
    return siteSerial.digits;
  }
  const cityCode = validateCityCode(siteSerial.cityCode, provinceCode);
  if (!isIntegerInRange(siteSerial.siteType, 1, 3)) {
    throw invalidField('siteType', 'must be 1 state-owned, 2 non-state or 3 other', siteSerial.siteType);
  }
  if (!isIntegerInRange(siteSerial.siteSequence, 0, 999)) {
    throw invalidField('siteSequence', 'must be an integer 000-999', siteSerial.siteSequence);
  }
  return `${cityCode}${siteSerial.siteType}${String(siteSerial.siteSequence).padStart(3, '0')}`;
}

/**
 * Formats the fields as the 22-character certificate number (R14), e.g.
 * `{ Y, '0001', '44', employer 00/1/5, 2020, level 5, serial 1 }` → `Y000144001005205000001`.
 *
 * @throws AppError `validation_failed` naming the field and its positions when a field is out of
 *   its table or range (organisation class, organisation code, province, city, site type, site
 *   sequence, year 2000-2099, level 1-5, serial below 1).
 * @throws CertificateSerialRolloverError (`infeasible`) when the serial exceeds 999999.
 */
export function formatCertificateNumber(fields: CertificateNumberFields): string {
  const { organisationClass, issueYear, level, serial } = fields;
  if (organisationClass !== 'Y' && organisationClass !== 'S') {
    throw invalidField('organisationClass', 'must be Y (employer) or S (social organisation or school)', organisationClass);
  }
  const organisationCode = validateOrganisationCode(fields.organisationCode);
  const provinceCode = validateProvinceCode(fields.provinceCode);
  const siteSerial = formatSiteSerial(organisationClass, provinceCode, fields.siteSerial);
  if (!isIntegerInRange(issueYear, 2000, 2099)) {
    throw invalidField('issueYear', 'must be a year 2000-2099 (two digits are printed)', issueYear);
  }
  if (!isIntegerInRange(level, 1, 5)) {
    throw invalidField('level', 'must be 1-5 (1 高级技师 … 5 初级工)', level);
  }
  if (typeof serial === 'number' && Number.isInteger(serial) && serial > maxCertificateSerial) {
    throw new CertificateSerialRolloverError(serial);
  }
  if (!isIntegerInRange(serial, 1, maxCertificateSerial)) {
    throw invalidField('serial', 'must be an integer 000001-999999', serial);
  }
  const number =
    organisationClass +
    organisationCode +
    provinceCode +
    siteSerial +
    String(issueYear % 100).padStart(2, '0') +
    String(level) +
    String(serial).padStart(6, '0');
  return number;
}

/**
 * Parses a 22-character certificate number into its fields (R14). Surrounding whitespace is not
 * tolerated: the printed number is exact. The year is read as 20yy.
 *
 * @throws AppError `validation_failed` naming the position (e.g. "position 6-7") and field of the
 *   first character run that breaks the rules; a wrong length (such as the 23-character form in the
 *   digest) names positions 1-22 and the length found.
 */
export function parseCertificateNumber(certificateNumber: string): CertificateNumberFields {
  if (typeof certificateNumber !== 'string' || certificateNumber.length !== certificateNumberLength) {
    const length = typeof certificateNumber === 'string' ? certificateNumber.length : undefined;
    throw invalidField('length', `must be exactly 22 characters, got ${length ?? 'no string'}`, certificateNumber);
  }
  const organisationClass = certificateNumber[0];
  if (organisationClass !== 'Y' && organisationClass !== 'S') {
    throw invalidField('organisationClass', `must be Y or S, got "${organisationClass}"`, organisationClass);
  }
  const organisationCode = validateOrganisationCode(certificateNumber.slice(1, 5));
  const provinceCode = validateProvinceCode(certificateNumber.slice(5, 7));
  const siteDigits = certificateNumber.slice(7, 13);
  let siteSerial: SiteSerial;
  if (organisationClass === 'Y') {
    const cityCode = validateCityCode(siteDigits.slice(0, 2), provinceCode);
    const siteType = Number(siteDigits[2]);
    if (!/^[123]$/.test(siteDigits[2])) {
      throw invalidField('siteType', `must be 1, 2 or 3, got "${siteDigits[2]}"`, siteDigits[2]);
    }
    const sequenceDigits = siteDigits.slice(3, 6);
    if (!digitsPattern(3).test(sequenceDigits)) {
      throw invalidField('siteSequence', `must be three digits, got "${sequenceDigits}"`, sequenceDigits);
    }
    siteSerial = { kind: 'employer', cityCode, siteType: siteType as EmployerSiteType, siteSequence: Number(sequenceDigits) };
  } else {
    if (!digitsPattern(6).test(siteDigits)) {
      throw invalidField('siteSerial', `must be six digits, got "${siteDigits}"`, siteDigits);
    }
    siteSerial = { kind: 'assigned', digits: siteDigits };
  }
  const yearDigits = certificateNumber.slice(13, 15);
  if (!digitsPattern(2).test(yearDigits)) {
    throw invalidField('issueYear', `must be two digits, got "${yearDigits}"`, yearDigits);
  }
  const levelDigit = certificateNumber[15];
  if (!/^[1-5]$/.test(levelDigit)) {
    throw invalidField('level', `must be 1-5, got "${levelDigit}"`, levelDigit);
  }
  const serialDigits = certificateNumber.slice(16, 22);
  if (!digitsPattern(6).test(serialDigits) || serialDigits === '000000') {
    throw invalidField('serial', `must be 000001-999999, got "${serialDigits}"`, serialDigits);
  }
  return {
    organisationClass,
    organisationCode,
    provinceCode,
    siteSerial,
    issueYear: 2000 + Number(yearDigits),
    level: Number(levelDigit) as CertificateLevelCode,
    serial: Number(serialDigits),
  };
}

/**
 * True when the string is a valid certificate number (R14); never throws.
 */
export function isValidCertificateNumber(certificateNumber: string): boolean {
  try {
    parseCertificateNumber(certificateNumber);
    return true;
  } catch {
    return false;
  }
}

/**
 * The serial that follows `lastSerial` for the same organisation, year and level (R14): 0 → 1.
 *
 * @throws CertificateSerialRolloverError when `lastSerial` is already 999999.
 * @throws AppError `validation_failed` (field serial) when `lastSerial` is not an integer 0-999999.
 */
export function nextCertificateSerial(lastSerial: number): number {
  if (!isIntegerInRange(lastSerial, 0, maxCertificateSerial)) {
    throw invalidField('serial', 'last serial must be an integer 0-999999', lastSerial);
  }
  if (lastSerial === maxCertificateSerial) throw new CertificateSerialRolloverError(lastSerial + 1);
  return lastSerial + 1;
}
