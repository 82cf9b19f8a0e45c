// jsdom with fetch (../../taskpane/jsdom-with-fetch.env.js) plus Node's Web Crypto: msal-browser needs
// window.crypto.getRandomValues, randomUUID and subtle (src/crypto/BrowserCrypto.ts), and jsdom's
// crypto has no subtle.
const { webcrypto } = require("node:crypto");
const JsdomWithFetch = require("../../taskpane/jsdom-with-fetch.env.js");

class JsdomWithMsal extends JsdomWithFetch {
  constructor(config, context) {
    super(config, context);
    Object.defineProperty(this.global, "crypto", { value: webcrypto, configurable: true });
  }
}

module.exports = JsdomWithMsal;
