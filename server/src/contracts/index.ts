/**
 * Every HTTP body and socket event contract of SkillCert, exported to the client as
 * `@skillcert/server/contracts`. Each context adds its module here.
 */
export * from './identity';
