/** Puppeteer never downloads a browser here: SkillCert resolves a system Chromium itself (see README). */
module.exports = { skipDownload: true };
