// jsdom, plus Node's own fetch (and the AbortController its signals must come from), so the pane can
// talk to the Graph emulator over real HTTP inside a DOM test. jest-environment-jsdom has no fetch.
const { TestEnvironment } = require("jest-environment-jsdom");

class JsdomWithFetch extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of [
      "fetch",
      "Response",
      "Request",
      "Headers",
      "AbortController",
      "AbortSignal",
      "TextEncoder",
      "TextDecoder",
      "structuredClone",
      "setImmediate",
      "clearImmediate",
    ]) {
      this.global[name] = globalThis[name];
    }
  }
}

module.exports = JsdomWithFetch;
