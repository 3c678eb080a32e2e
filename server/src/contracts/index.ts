/**
 * Every HTTP body and socket event contract of SkillCert, exported to the client as
 * `@skillcert/server/contracts`. Each context adds its module here.
 */
export * from './common';
export * from './identity';
export * from './exam-room';
export * from '../domain/bank/bank-contracts';
export * from '../domain/papers/papers-contracts';
export * from '../domain/plans/plans.contracts';
export * from '../domain/scoring/scoring.contracts';
export * from '../domain/reports/reports.contracts';
export * from './reports';
export * from './bank';
export * from './papers';
export * from './admin';
