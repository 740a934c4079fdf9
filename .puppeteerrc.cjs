// html-template pulls puppeteer (for PDF output we never use); its postinstall would try to
// download Chrome, which fails offline. Skip it: browser tests use Debian's /usr/bin/chromium.
module.exports = { skipDownload: true };
