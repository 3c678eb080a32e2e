import { describe, expect, it } from 'vitest';
import type { AnnouncementPage } from '../../domain/plans/plans.contracts';
import { buildAdmissionTicketsHtml } from './admission-ticket';
import { buildAnnouncementHtml } from './announcement';
import { buildSignInSheetHtml } from './sign-in-sheet';

const page: AnnouncementPage = {
  title: '评价公告 <script>alert(1)</script>',
  organisationName: '示例 & 公司',
  batchCode: '2026-01',
  batchName: '第一批',
  generalConditions: ['劳务派遣人员须在本企业连续工作满1年'],
  offerings: [
    {
      scopeId: 's',
      occupationCode: '6-31-01-03',
      occupationName: '电工',
      workType: '维修电工',
      level: 4,
      levelName: '四级/中级工',
      method: { mode: 'promotion', modeName: '晋级评价', components: [{ kind: 'practical', name: '操作技能考核', weight: 0.7 }], description: '说明' },
      eligibility: [{ pathId: 'L4-years', description: '累计从事本职业工作6年（含）以上' }],
    },
  ],
  schedule: [{ kind: 'theory', kindName: '理论知识考试', occupationName: '电工', workType: '维修电工', level: 4, date: '2026-10-20', startTime: '09:00', endTime: '10:30', roomName: '第一考场' }],
  places: [],
  placesAvailable: [{ scopeId: 's', occupationName: '电工', workType: '维修电工', level: 4, count: 30 }],
  materials: [],
  contacts: [],
  process: ['报名'],
};

describe('plan templates', () => {
  it('R8: the announcement escapes every text and prints the sections, date and archive hash', () => {
    const html = buildAnnouncementHtml(page, { publishedOn: '2026-09-01', contentHash: 'abc123' });
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('评价公告 &lt;script&gt;');
    expect(html).toContain('示例 &amp; 公司');
    for (const heading of ['一、评价职业（工种）及等级', '二、申报条件', '三、评价方式', '四、评价时间与地点', '五、名额', '六、报名时间及所需材料', '七、评价流程', '八、联系方式']) {
      expect(html).toContain(heading);
    }
    expect(html).toContain('操作技能考核 70%');
    expect(html).toContain('2026年9月1日');
    expect(html).toContain('abc123');
    expect(buildAnnouncementHtml(page)).toContain('草稿（未发布）');
  });

  it('puts one admission ticket per page with a photo box, refusing a non-image photo URL', () => {
    const ticket = {
      admissionTicketNumber: '202600010001',
      candidateName: '王<一>',
      idTypeName: '居民身份证',
      idNumber: '44070319900101101X',
      occupationCode: '6-31-01-03',
      occupationName: '电工',
      workType: '维修电工',
      levelName: '四级/中级工',
      organisationName: '示例公司',
      batchCode: '2026-01',
      batchName: '第一批',
      sessions: [{ kindName: '理论知识考试', date: '2026-10-20', startTime: '09:00', endTime: '10:30', roomName: '第一考场', position: '座位 1' }],
      photoDataUrl: 'javascript:alert(1)',
    };
    const html = buildAdmissionTicketsHtml([ticket, { ...ticket, admissionTicketNumber: '202600010002' }]);
    expect(html.match(/<section class="ticket">/g)).toHaveLength(2);
    expect(html).toContain('王&lt;一&gt;');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('>照片<');
  });

  it('R10: the sign-in sheet lists candidates in order with an empty signature cell', () => {
    const html = buildSignInSheetHtml({
      organisationName: '示例公司',
      batchCode: '2026-01',
      batchName: '第一批',
      kindName: '理论知识考试',
      occupationName: '电工',
      workType: '维修电工',
      levelName: '四级/中级工',
      roomName: '第一考场',
      date: '2026-10-20',
      startTime: '09:00',
      endTime: '10:30',
      proctorNames: ['陈监考'],
      rows: [
        { position: '座位 1', admissionTicketNumber: '202600010001', candidateName: '王一', idNumber: '1', attendance: '到场' },
        { position: '座位 2', admissionTicketNumber: '202600010002', candidateName: '李二', idNumber: '2', attendance: '' },
      ],
    });
    expect(html.indexOf('王一')).toBeLessThan(html.indexOf('李二'));
    expect(html.match(/<td class="signature"><\/td>/g)).toHaveLength(2);
    expect(html).toContain('陈监考');
    expect(html).toContain('2026年10月20日 09:00–10:30');
  });
});
