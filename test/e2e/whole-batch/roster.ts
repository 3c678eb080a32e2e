/**
 * The batch roster 评价员工名册 of the whole-batch journey: `count` employees of one enterprise, all
 * eligible for level 5 (R9: legal working age, employed, >= 1 year in the occupation), with valid
 * GB 11643 resident ID numbers and unique two- or three-character names, written as the xlsx the
 * plans context imports.
 */
import { makeResidentIdNumber, rosterHeaders, writeRosterWorkbook, type RosterRow } from '@skillcert/server/domain/plans/test-fixtures';

/** One employee on the roster. */
export interface RosterPerson {
  name: string;
  idNumber: string;
  department: string;
}

const surnames = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡'];
const givenNames = ['伟', '芳', '娜', '敏', '静', '磊', '强', '洋', '勇', '军', '杰', '涛', '明', '超', '霞', '平'];
const departments = ['运维部', '检修部', '一车间', '二车间'];
/** County-level address codes in Guangdong (Jiangmen, Shenzhen, Guangzhou). */
const addressCodes = ['440703', '440304', '440103', '440781'];

/**
 * `count` distinct employees, deterministic for a given `count` (names from fixed lists, birth
 * dates 1975-1999, sequence numbers by index so ID numbers are unique).
 */
export function makeRosterPeople(count: number): RosterPerson[] {
  const people: RosterPerson[] = [];
  const usedNames = new Set<string>();
  for (let index = 0; people.length < count; index += 1) {
    const surname = surnames[index % surnames.length];
    const given = givenNames[(index * 7) % givenNames.length] + (index % 3 === 0 ? '' : givenNames[(index * 5 + 3) % givenNames.length]);
    const name = surname + given;
    if (usedNames.has(name)) continue;
    usedNames.add(name);
    const year = 1975 + (index % 25);
    const birth = `${year}${String(1 + (index % 12)).padStart(2, '0')}${String(1 + ((index * 3) % 28)).padStart(2, '0')}`;
    people.push({
      name,
      idNumber: makeResidentIdNumber(addressCodes[index % addressCodes.length], birth, 100 + index),
      department: departments[index % departments.length],
    });
  }
  return people;
}

/**
 * The roster xlsx (title row, header row, one row per person) for `employer`: hired 2015-03-02,
 * 5 years in the occupation, senior high school, not dispatched, no current certificate.
 */
export async function writeBatchRoster(people: readonly RosterPerson[], employer: string, title: string): Promise<Buffer> {
  const rows: RosterRow[] = people.map((person) => ({
    姓名: person.name,
    证件类型: '居民身份证',
    证件号码: person.idNumber,
    工作单位: employer,
    部门: person.department,
    入职日期: new Date(Date.UTC(2015, 2, 2)),
    本职业年限: 5,
    学历: '高中',
    是否派遣: '否',
  }));
  return writeRosterWorkbook(rows, { title, headers: rosterHeaders });
}
