/**
 * Strings of the verification page (zh-CN first, English), added to i18next's `translation`
 * namespace under `verify.*` when the page loads.
 */
import i18n from '../../i18n';

/** Simplified Chinese strings under `verify.*`. */
export const verifyZhCN = {
  title: '证书查验',
  subtitle: 'R15：扫描证书二维码得到的网址可在此查验证书是否有效；姓名和证件号码部分隐藏。',
  link: '二维码网址',
  linkHint: '粘贴二维码中的完整网址（…/verify/证书编号?t=校验码），或输入“证书编号 校验码”。',
  unreadable: '无法识别：请粘贴完整的二维码网址。',
  submit: '查验',
  status: { valid: '有效', revoked: '已撤销', replaced: '已换发', not_verifiable: '无法验证' },
  number: '证书编号',
  name: '姓名',
  occupation: '职业（工种）',
  level: '等级',
  organisation: '发证机构',
  issueDate: '发证日期',
  version: '第 {{version}} 版（现行第 {{current}} 版）',
  revokedOn: '撤销日期',
  withdrawnOn: '收回日期',
  publicPage: '打开公开查验页面',
};

/** English strings under `verify.*` (same keys). */
export const verifyEn: typeof verifyZhCN = {
  title: 'Certificate verification',
  subtitle: "R15: the URL of a certificate's QR code tells whether the certificate is valid; name and ID number are partly hidden.",
  link: 'QR code URL',
  linkHint: 'Paste the whole URL of the QR code (…/verify/<number>?t=<token>) or type "number token".',
  unreadable: 'Not readable: paste the whole URL of the QR code.',
  submit: 'Verify',
  status: { valid: 'Valid', revoked: 'Revoked', replaced: 'Replaced', not_verifiable: 'Not verifiable' },
  number: 'Certificate number',
  name: 'Name',
  occupation: 'Occupation (work type)',
  level: 'Level',
  organisation: 'Issued by',
  issueDate: 'Issue date',
  version: 'version {{version}} (current {{current}})',
  revokedOn: 'Revoked on',
  withdrawnOn: 'Withdrawn on',
  publicPage: 'Open the public verification page',
};

i18n.addResourceBundle('zh-CN', 'translation', { verify: verifyZhCN }, true, true);
i18n.addResourceBundle('en', 'translation', { verify: verifyEn }, true, true);
