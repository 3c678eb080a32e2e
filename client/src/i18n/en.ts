import type { zhCN } from './zh-CN';

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

/** English strings; same keys as zh-CN. */
export const en: Strings<typeof zhCN> = {
  appName: 'SkillCert vocational skill certification',
  language: '中文',
  login: {
    staffTitle: 'Staff sign-in',
    candidateTitle: 'Candidate sign-in',
    username: 'Username',
    password: 'Password',
    idNumber: 'ID number',
    admissionTicketNumber: 'Admission ticket number',
    submit: 'Sign in',
    switchToCandidate: 'I am a candidate',
    switchToStaff: 'I am staff',
    failed: 'Sign-in failed',
  },
  home: { welcome: 'Welcome, {{name}}', roles: 'Roles', logout: 'Sign out', areas: 'Areas' },
  roles: {
    admin: 'Administrator',
    bank_editor: 'Bank editor',
    bank_reviewer: 'Bank reviewer',
    exam_admin: 'Exam administrator',
    proctor: 'Proctor',
    assessor: 'Assessor',
    supervisor: 'Internal quality supervisor',
    hr: 'HR',
    candidate: 'Candidate',
  },
};
