/**
 * Identity document numbers of candidates (R9 legal working age, R13/R15 ID number on the
 * certificate and in the submission row).
 *
 * Resident identity card 居民身份证 numbers follow GB 11643-1999 (18 characters):
 * positions 1-6 address code (1-2 province, GB/T 2260), 7-14 birth date YYYYMMDD, 15-17 sequence
 * (17 odd = male, even = female), 18 check digit (ISO 7064 MOD 11-2: weights 7 9 10 5 8 4 2 1 6 3 7
 * 9 10 5 8 4 2 on positions 1-17, sum mod 11 → 1 0 X 9 8 7 6 5 4 3 2). Only the province part of the
 * address code is checked: county codes change over time and old numbers keep retired codes.
 * Residence permits for Hong Kong, Macao and Taiwan residents 港澳台居民居住证 use the same format
 * with province codes 81, 82, 83. Passports and the mainland travel permits get format checks only.
 *
 * Every failure names the positions and the part that is wrong, e.g.
 * "position 18 (check digit) is '5' but positions 1-17 give 'X'".
 */
import { AppError } from '../../errors';
import {
  addYears,
  type CalendarDate,
  calendarDateFromParts,
  calendarDateInChina,
  isCalendarDate,
  wholeYearsBetween,
} from '../calendar/calendar-date';

/** Kinds of identity documents 证件类型 accepted on a roster. */
export type IdType = 'resident_id' | 'residence_permit' | 'passport' | 'hk_macau_permit' | 'taiwan_permit';

/** Chinese names of the ID types as written on rosters and certificates (R15). */
export const idTypeLabels: Readonly<Record<IdType, string>> = Object.freeze({
  resident_id: '居民身份证',
  residence_permit: '港澳台居民居住证',
  passport: '护照',
  hk_macau_permit: '港澳居民来往内地通行证',
  taiwan_permit: '台湾居民来往大陆通行证',
});

const idTypeAliases: Readonly<Record<string, IdType>> = Object.freeze({
  居民身份证: 'resident_id',
  身份证: 'resident_id',
  二代身份证: 'resident_id',
  resident_id: 'resident_id',
  港澳台居民居住证: 'residence_permit',
  居住证: 'residence_permit',
  residence_permit: 'residence_permit',
  护照: 'passport',
  passport: 'passport',
  港澳居民来往内地通行证: 'hk_macau_permit',
  回乡证: 'hk_macau_permit',
  港澳通行证: 'hk_macau_permit',
  hk_macau_permit: 'hk_macau_permit',
  台湾居民来往大陆通行证: 'taiwan_permit',
  台胞证: 'taiwan_permit',
  taiwan_permit: 'taiwan_permit',
});

/** The ID type named by `text` (Chinese label, common short name or the English key), else undefined. */
export function parseIdType(text: string): IdType | undefined {
  return idTypeAliases[text.trim().replace(/\s+/g, '')];
}

/** GB/T 2260 province codes of mainland China (positions 1-2 of a resident ID number). */
export const mainlandProvinceCodes: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15', // 北京 天津 河北 山西 内蒙古
  '21', '22', '23', // 辽宁 吉林 黑龙江
  '31', '32', '33', '34', '35', '36', '37', // 上海 江苏 浙江 安徽 福建 江西 山东
  '41', '42', '43', '44', '45', '46', // 河南 湖北 湖南 广东 广西 海南
  '50', '51', '52', '53', '54', // 重庆 四川 贵州 云南 西藏
  '61', '62', '63', '64', '65', // 陕西 甘肃 青海 宁夏 新疆
]);

/** Codes used by residence permits: 81 Hong Kong, 82 Macao, 83 Taiwan. */
export const residencePermitRegionCodes: ReadonlySet<string> = new Set(['81', '82', '83']);

/** Which part of an ID number a problem is in. */
export type IdNumberPart = 'length' | 'characters' | 'region' | 'birth_date' | 'check_digit' | 'format';

/** One thing wrong with an ID number. `positions` is 1-based, e.g. `7-14`. */
export interface IdNumberProblem {
  part: IdNumberPart;
  positions?: string;
  message: string;
}

/** A valid ID number, normalised (trimmed, upper case). Birth date and sex only for 18-digit types. */
export interface ValidIdNumber {
  isValid: true;
  idType: IdType;
  idNumber: string;
  birthDate?: CalendarDate;
  sex?: 'male' | 'female';
  regionCode?: string;
}

/** An invalid ID number with every problem found. */
export interface InvalidIdNumber {
  isValid: false;
  idType: IdType;
  idNumber: string;
  problems: IdNumberProblem[];
}

export type IdNumberCheck = ValidIdNumber | InvalidIdNumber;

/** Options of the checks: `today` bounds birth dates (default: today in China). */
export interface IdNumberOptions {
  today?: CalendarDate;
}

const checkDigitWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const checkDigitBySum = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'] as const;
const earliestBirthYear = 1900;

/**
 * The GB 11643-1999 check digit (`0`-`9` or `X`) of the first 17 digits of an 18-character number.
 * @throws AppError `validation_failed` when `first17` is not 17 digits.
 */
export function computeResidentIdCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new AppError('validation_failed', `the check digit needs exactly 17 digits, got ${JSON.stringify(first17)}`);
  }
  let sum = 0;
  for (let index = 0; index < 17; index += 1) sum += Number(first17[index]) * checkDigitWeights[index];
  return checkDigitBySum[sum % 11];
}

function normalise(value: string): string {
  return value.trim().replace(/\s+/g, '').toUpperCase();
}

function checkEighteenDigitNumber(
  idType: 'resident_id' | 'residence_permit',
  raw: string,
  options: IdNumberOptions,
): IdNumberCheck {
  const idNumber = normalise(raw);
  const label = idTypeLabels[idType];
  const fail = (problems: IdNumberProblem[]): InvalidIdNumber => ({ isValid: false, idType, idNumber, problems });

  if (idNumber.length !== 18) {
    const message =
      idNumber.length === 15 && /^\d{15}$/.test(idNumber)
        ? `${label} number has 15 digits (first-generation card); enter the 18-character number`
        : `${label} number must have 18 characters, got ${idNumber.length}`;
    return fail([{ part: 'length', message }]);
  }

  const characterProblems: IdNumberProblem[] = [];
  for (let index = 0; index < 17; index += 1) {
    if (!/\d/.test(idNumber[index])) {
      characterProblems.push({
        part: 'characters',
        positions: String(index + 1),
        message: `${label} number position ${index + 1} must be a digit, got '${idNumber[index]}'`,
      });
    }
  }
  if (!/[\dX]/.test(idNumber[17])) {
    characterProblems.push({
      part: 'characters',
      positions: '18',
      message: `${label} number position 18 (check digit) must be a digit or X, got '${idNumber[17]}'`,
    });
  }
  if (characterProblems.length > 0) return fail(characterProblems);

  const problems: IdNumberProblem[] = [];
  const regionCode = idNumber.slice(0, 2);
  if (idType === 'resident_id' && !mainlandProvinceCodes.has(regionCode)) {
    const hint = residencePermitRegionCodes.has(regionCode)
      ? ` (${regionCode} is a residence-permit code: use ID type ${idTypeLabels.residence_permit})`
      : '';
    problems.push({
      part: 'region',
      positions: '1-2',
      message: `${label} number positions 1-2 (province code) '${regionCode}' is not a province of mainland China${hint}`,
    });
  }
  if (idType === 'residence_permit' && !residencePermitRegionCodes.has(regionCode)) {
    problems.push({
      part: 'region',
      positions: '1-2',
      message: `${label} number positions 1-2 (region code) must be 81 Hong Kong, 82 Macao or 83 Taiwan, got '${regionCode}'`,
    });
  }

  const birthText = idNumber.slice(6, 14);
  const year = Number(birthText.slice(0, 4));
  const month = Number(birthText.slice(4, 6));
  const day = Number(birthText.slice(6, 8));
  const birthIso = `${birthText.slice(0, 4)}-${birthText.slice(4, 6)}-${birthText.slice(6, 8)}`;
  const today = options.today ?? calendarDateInChina(new Date());
  let birthDate: CalendarDate | undefined;
  if (!isCalendarDate(birthIso)) {
    problems.push({
      part: 'birth_date',
      positions: '7-14',
      message: `${label} number positions 7-14 (birth date) '${birthText}' is not a real date`,
    });
  } else if (year < earliestBirthYear) {
    problems.push({
      part: 'birth_date',
      positions: '7-14',
      message: `${label} number positions 7-14 (birth date) ${birthIso} is before ${earliestBirthYear}`,
    });
  } else if (birthIso > today) {
    problems.push({
      part: 'birth_date',
      positions: '7-14',
      message: `${label} number positions 7-14 (birth date) ${birthIso} is in the future (today is ${today})`,
    });
  } else {
    birthDate = calendarDateFromParts(year, month, day);
  }

  const expected = computeResidentIdCheckDigit(idNumber.slice(0, 17));
  if (idNumber[17] !== expected) {
    problems.push({
      part: 'check_digit',
      positions: '18',
      message: `${label} number position 18 (check digit) is '${idNumber[17]}' but positions 1-17 give '${expected}'`,
    });
  }

  if (problems.length > 0 || birthDate === undefined) return fail(problems);
  return {
    isValid: true,
    idType,
    idNumber,
    birthDate,
    sex: Number(idNumber[16]) % 2 === 1 ? 'male' : 'female',
    regionCode,
  };
}

const basicFormats: Readonly<Record<'passport' | 'hk_macau_permit' | 'taiwan_permit', { pattern: RegExp; rule: string }>> = {
  passport: { pattern: /^[A-Z0-9]{5,17}$/, rule: '5 to 17 letters or digits' },
  hk_macau_permit: { pattern: /^[HM]\d{8}(\d{2})?$/, rule: 'H or M followed by 8 digits (10 on older cards)' },
  taiwan_permit: { pattern: /^\d{8}(\d{2})?$/, rule: '8 digits (10 on older cards)' },
};

/**
 * Checks an ID number of the given type: the full GB 11643-1999 check for resident IDs and
 * residence permits (length, characters, province code, birth date real and not in the future nor
 * before 1900, check digit), a format check for the others. Never throws for a bad number.
 * @returns a {@link ValidIdNumber} (with birth date and sex for 18-digit types) or an
 *   {@link InvalidIdNumber} listing each problem with its positions.
 */
export function checkIdNumber(idType: IdType, value: string, options: IdNumberOptions = {}): IdNumberCheck {
  if (idType === 'resident_id' || idType === 'residence_permit') return checkEighteenDigitNumber(idType, value, options);
  const idNumber = normalise(value);
  const format = basicFormats[idType];
  if (format.pattern.test(idNumber)) return { isValid: true, idType, idNumber };
  return {
    isValid: false,
    idType,
    idNumber,
    problems: [{ part: 'format', message: `${idTypeLabels[idType]} number must be ${format.rule}, got '${idNumber}'` }],
  };
}

/**
 * Like {@link checkIdNumber} but throws.
 * @param field name for the error message, e.g. `idNumber` or `row 12 证件号码`.
 * @throws AppError `validation_failed` whose message joins every problem; details
 *   `{ field, idType, problems }`.
 */
export function assertValidIdNumber(
  idType: IdType,
  value: string,
  options: IdNumberOptions & { field?: string } = {},
): ValidIdNumber {
  const result = checkIdNumber(idType, value, options);
  if (result.isValid) return result;
  const field = options.field ?? 'idNumber';
  throw new AppError('validation_failed', `${field}: ${result.problems.map((problem) => problem.message).join('; ')}`, {
    field,
    idType,
    problems: result.problems,
  });
}

/** Age in completed years on `date` of someone born on `birthDate` (birthday reached = one more year). */
export function ageAt(birthDate: CalendarDate, date: CalendarDate): number {
  return wholeYearsBetween(birthDate, date);
}

/** Legal working age bounds (R9): minimum 16 (Labour Law art. 15); no maximum unless set. */
export interface WorkingAgeSettings {
  minimumAge: number;
  /** Oldest age (inclusive) still accepted, when the organisation sets one; none by default. */
  maximumAge?: number;
}

export const defaultWorkingAgeSettings: WorkingAgeSettings = Object.freeze({ minimumAge: 16 });

/** Outcome of {@link checkLegalWorkingAge}; `reason` says what is wrong when not of working age. */
export interface WorkingAgeCheck {
  isOfWorkingAge: boolean;
  age: number;
  reason?: string;
}

/**
 * R9: whether someone born on `birthDate` is of legal working age on `date`: at least
 * `minimumAge` (16) and, when set, at most `maximumAge`.
 */
export function checkLegalWorkingAge(
  birthDate: CalendarDate,
  date: CalendarDate,
  settings: WorkingAgeSettings = defaultWorkingAgeSettings,
): WorkingAgeCheck {
  const age = ageAt(birthDate, date);
  if (age < settings.minimumAge) {
    return {
      isOfWorkingAge: false,
      age,
      reason: `R9: aged ${age} on ${date}, under the legal working age of ${settings.minimumAge} (turns ${settings.minimumAge} on ${addYears(birthDate, settings.minimumAge)})`,
    };
  }
  if (settings.maximumAge !== undefined && age > settings.maximumAge) {
    return {
      isOfWorkingAge: false,
      age,
      reason: `R9: aged ${age} on ${date}, over the organisation's upper working age of ${settings.maximumAge}`,
    };
  }
  return { isOfWorkingAge: true, age };
}
