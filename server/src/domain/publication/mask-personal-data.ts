/**
 * Masking of personal data shown to people who need not see it whole: the publication notice 公示
 * (R11) and the public certificate verification page (R15). Pure functions.
 */

/**
 * Masks an identity document number, keeping the first four and last four characters of numbers of
 * 12 or more characters (`440106199001011234` → `4401**********1234`, the 18 characters kept), the
 * first two and last two of 6-11 characters (passports, permits), and only the last character of
 * anything shorter. Whitespace is dropped and letters upper-cased first (R11, R15).
 */
export function maskIdNumber(idNumber: string): string {
  const normalised = String(idNumber ?? '').replace(/\s+/g, '').toUpperCase();
  const length = normalised.length;
  if (length === 0) return '';
  const [head, tail] = length >= 12 ? [4, 4] : length >= 6 ? [2, 2] : [0, 1];
  return normalised.slice(0, head) + '*'.repeat(length - head - tail) + normalised.slice(length - tail);
}

/**
 * Masks a person's name for the public verification page (R15): the first character stays, a
 * two-character name becomes `张*`, longer names keep the last character too (`张*丰`, `欧**明`).
 * Latin names are masked per character the same way (spaces kept).
 */
export function maskPersonName(name: string): string {
  const characters = Array.from(String(name ?? '').trim());
  if (characters.length === 0) return '';
  if (characters.length === 1) return '*';
  if (characters.length === 2) return `${characters[0]}*`;
  const middle = characters.slice(1, -1).map((character) => (character === ' ' ? ' ' : '*'));
  return characters[0] + middle.join('') + characters[characters.length - 1];
}

/**
 * Chinese names of identity document types, for both spellings used in the project: the identity
 * users' (`resident_identity_card` …) and the plans applications' (`resident_id` …) (R13, R15).
 */
export const idTypeNames: Readonly<Record<string, string>> = Object.freeze({
  resident_identity_card: '居民身份证',
  resident_id: '居民身份证',
  residence_permit: '港澳台居民居住证',
  passport: '护照',
  hong_kong_macao_permit: '港澳居民来往内地通行证',
  hk_macau_permit: '港澳居民来往内地通行证',
  taiwan_permit: '台湾居民来往大陆通行证',
  foreign_permanent_residence_card: '外国人永久居留身份证',
});

/** The Chinese name of an ID type, or the code itself when unknown (R15 prints the ID type). */
export function describeIdType(idType: string | undefined): string {
  if (!idType) return '居民身份证';
  return idTypeNames[idType] ?? idType;
}
