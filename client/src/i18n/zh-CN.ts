/** Simplified Chinese strings (the default language). */
export const zhCN = {
  appName: 'SkillCert 职业技能等级认定平台',
  language: 'English',
  login: {
    staffTitle: '工作人员登录',
    candidateTitle: '考生登录',
    username: '用户名',
    password: '密码',
    idNumber: '身份证号码',
    admissionTicketNumber: '准考证号',
    submit: '登录',
    switchToCandidate: '我是考生',
    switchToStaff: '我是工作人员',
    failed: '登录失败',
  },
  home: { welcome: '欢迎，{{name}}', roles: '角色', logout: '退出登录', areas: '功能' },
  roles: {
    admin: '系统管理员',
    bank_editor: '题库编辑',
    bank_reviewer: '题库审核',
    exam_admin: '考务人员',
    proctor: '监考员',
    assessor: '考评员',
    supervisor: '内部质量督导员',
    hr: '人力资源',
    candidate: '考生',
  },
} as const;
