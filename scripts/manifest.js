// The add-in manifest at build time: URL rewrite for production builds, offline validation (XSD plus the
// checks the XSD cannot make), and the Version kept in step with package.json.
// CommonJS so that webpack.config.js can require it; xmllint-wasm is loaded only when validating.
"use strict";

const fs = require("fs");
const path = require("path");

/** Where development manifests point (webpack dev server). */
const DEV_BASE_URL = "https://localhost:3000/";

const DEV_WARNING =
  "dist/manifest.xml points at https://localhost:3000 (development). " +
  "Set ADDIN_PUBLIC_URL=https://... to build a manifest for the admin center.";

const DEFAULT_SCHEMA_DIR = path.join(__dirname, "..", "test", "fixtures", "schemas");
const MAIN_SCHEMA = "OfficeAppManifestV1_1.xsd";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// The XSD's Version pattern: 1 to 4 numbers of up to 5 digits.
const VERSION = /^[0-9]{1,5}(\.[0-9]{1,5}){0,3}$/;
const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i;
// Ribbon icons need these sizes (docs/reference/manifest/icon.md in OfficeDev/office-js-docs-pr).
const REQUIRED_RIBBON_ICON_SIZES = [16, 32, 80];
// A resid can be no more than 32 characters (same page).
const MAX_RESID_LENGTH = 32;

// ---------------------------------------------------------------------------------------------------------
// A small XML reader: enough for a manifest (elements, attributes, text, line numbers). It assumes a
// well-formed document; xmllint reports anything that is not.

class XmlSyntaxError extends Error {
  constructor(message, line) {
    super(message);
    this.name = "XmlSyntaxError";
    this.line = line;
  }
}

function lineIndex(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi, (_m, e) => {
    const named = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[e.toLowerCase()];
    if (named) return named;
    return String.fromCodePoint(
      e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10),
    );
  });
}

const localName = (qname) => qname.slice(qname.indexOf(":") + 1);

/**
 * Parses XML into a tree of { name, local, attrs: Map<name, {value, line}>, line, text, children, parent }.
 * @returns {{ root: object, all: object[] }}
 */
function parseXml(text) {
  const lineOf = lineIndex(text);
  const token =
    /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<!DOCTYPE[^>]*>|<(\/?)([^\s/>!?]+)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>|([^<]+)|</gy;
  const attribute = /([^\s=]+)\s*=\s*("([^"]*)"|'([^']*)')/g;
  const all = [];
  const stack = [];
  let root = null;
  let m;
  while ((m = token.exec(text)) !== null && m[0] !== "") {
    const [whole, cdata, closing, name, attrText, selfClosing, chars] = m;
    const current = stack[stack.length - 1];
    if (chars !== undefined || cdata !== undefined) {
      if (current) current.text += chars !== undefined ? decodeEntities(chars) : cdata;
      continue;
    }
    if (name === undefined) {
      if (whole === "<") throw new XmlSyntaxError("unexpected '<'", lineOf(m.index));
      continue; // comment, processing instruction, doctype
    }
    if (closing) {
      if (!current || current.name !== name) {
        throw new XmlSyntaxError(`closing tag </${name}> does not match`, lineOf(m.index));
      }
      stack.pop();
      continue;
    }
    const element = { name, local: localName(name), attrs: new Map(), line: lineOf(m.index), text: "" };
    element.children = [];
    element.parent = current || null;
    let a;
    attribute.lastIndex = 0;
    while ((a = attribute.exec(attrText)) !== null) {
      const value = decodeEntities(a[3] !== undefined ? a[3] : a[4]);
      element.attrs.set(a[1], { value, line: lineOf(m.index + 1 + name.length + a.index) });
    }
    if (current) current.children.push(element);
    else if (root) throw new XmlSyntaxError("more than one root element", element.line);
    else root = element;
    all.push(element);
    if (!selfClosing) stack.push(element);
  }
  if (stack.length)
    throw new XmlSyntaxError(`<${stack[stack.length - 1].name}> is never closed`, lineOf(text.length));
  if (!root) throw new XmlSyntaxError("no root element", 1);
  return { root, all };
}

const childrenNamed = (el, local) => (el ? el.children.filter((c) => c.local === local) : []);
const child = (el, local) => childrenNamed(el, local)[0];
const pathFrom = (el, ...locals) => locals.reduce((e, l) => child(e, l), el);
const ancestors = (el) => {
  const out = [];
  for (let p = el.parent; p; p = p.parent) out.push(p);
  return out;
};

/** Every URL in attribute values and element text, with its line (namespace declarations excluded). */
function collectUrls(all) {
  const urls = [];
  for (const el of all) {
    for (const [name, { value, line }] of el.attrs) {
      if (name === "xmlns" || name.startsWith("xmlns:") || name.startsWith("xsi:")) continue;
      if (URL_LIKE.test(value.trim())) urls.push({ url: value.trim(), line, where: `${el.local} ${name}` });
    }
    const text = el.text.trim();
    if (el.children.length === 0 && (URL_LIKE.test(text) || el.local === "AppDomain")) {
      urls.push({ url: text, line: el.line, where: el.local });
    }
  }
  return urls;
}

function isLocalHostName(hostname) {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, "");
  return h === "localhost" || h.endsWith(".localhost") || h === "::1" || h === "0.0.0.0" || /^127\./.test(h);
}

// ---------------------------------------------------------------------------------------------------------
// Production build

// The XSD's limits (OfficeAppManifestV1_1.xsd: ShortString 1-125 characters, URL up to 2048).
const MAX_SHORT_STRING = 125;
const MAX_URL = 2048;
// Characters XML 1.0 does not allow, even escaped: C0 controls other than tab, newline, carriage return.
const hasXmlForbidden = (s) =>
  [...s].some((c) => {
    const code = c.codePointAt(0);
    return (
      (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0xfffe || code === 0xffff
    );
  });

/** The base URL (ending in "/") for ADDIN_PUBLIC_URL, or an Error saying what is wrong with it. */
function publicBase(publicUrl) {
  let url;
  try {
    url = new URL(publicUrl);
  } catch {
    throw new Error(
      `ADDIN_PUBLIC_URL "${publicUrl}" is not a URL; expected e.g. https://share.contoso.com/addin/`,
    );
  }
  if (url.protocol !== "https:") {
    throw new Error(
      `ADDIN_PUBLIC_URL must be an https:// URL (Office loads add-ins only over HTTPS), got "${publicUrl}"`,
    );
  }
  if (isLocalHostName(url.hostname)) {
    throw new Error(
      `ADDIN_PUBLIC_URL must be the public host that serves dist/, not ${url.hostname} ("${publicUrl}"): ` +
        "people's Excel cannot reach your machine. Leave ADDIN_PUBLIC_URL unset for a development build.",
    );
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new Error(
      `ADDIN_PUBLIC_URL must be a plain base URL without query, fragment or credentials: "${publicUrl}"`,
    );
  }
  return url.origin + url.pathname.replace(/\/*$/, "/");
}

function checkText(name, value) {
  if (value.trim() === "") throw new Error(`${name} is empty; set a name or leave it unset`);
  if (value.length > MAX_SHORT_STRING) {
    throw new Error(
      `${name} is ${value.length} characters long; the manifest allows at most ${MAX_SHORT_STRING}`,
    );
  }
  if (hasXmlForbidden(value)) throw new Error(`${name} contains a control character`);
}

function checkSupportUrl(value) {
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`ADDIN_SUPPORT_URL "${value}" is not a URL; expected e.g. https://contoso.com/help`);
  }
  if (url.protocol !== "https:" || isLocalHostName(url.hostname)) {
    throw new Error(`ADDIN_SUPPORT_URL must be a public https:// page, got "${value}"`);
  }
  if (value.length > MAX_URL) {
    throw new Error(`ADDIN_SUPPORT_URL is longer than the manifest's ${MAX_URL} characters`);
  }
}

/**
 * Checks the build settings that end up in the manifest; throws an Error naming the setting.
 * @param {{ publicUrl?: string, id?: string, providerName?: string, displayName?: string,
 *   supportUrl?: string }} settings undefined means "keep what manifest.xml says"
 */
function checkManifestSettings(settings = {}) {
  const { publicUrl, id, providerName, displayName, supportUrl } = settings;
  if (publicUrl !== undefined && publicUrl !== "") publicBase(publicUrl);
  if (id !== undefined && (!GUID.test(id) || /^[0-]+$/.test(id))) {
    throw new Error(
      `ADDIN_ID "${id}" is not a GUID such as 0f8fad5b-d9cb-469f-a165-70867728950e. ` +
        'Make a new one with: node -e "console.log(crypto.randomUUID())"',
    );
  }
  if (providerName !== undefined) checkText("ADDIN_PROVIDER_NAME", providerName);
  if (displayName !== undefined) checkText("ADDIN_DISPLAY_NAME", displayName);
  if (supportUrl !== undefined) checkSupportUrl(supportUrl);
}

const escapeXml = (s) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]);

/** Replaces the one match of `pattern` (a global RegExp) with `replacement()`; throws unless there is exactly one. */
function replaceElement(xml, pattern, replacement, what) {
  let count = 0;
  const out = xml.replace(pattern, (...m) => {
    count++;
    return replacement(...m);
  });
  if (count !== 1) throw new Error(`manifest.xml has ${count} ${what} elements, expected exactly one`);
  return out;
}

/**
 * Writes the Id, ProviderName, display name (and the ribbon group named after it) and support URL into
 * the manifest. A new display name replaces the name in every language: its overrides are dropped.
 */
function applyManifestSettings(xmlText, settings) {
  const { id, providerName, displayName, supportUrl } = settings;
  let xml = xmlText;
  const element = (tag) => new RegExp(`<${tag} DefaultValue="[^"]*"\\s*(?:/>|>[\\s\\S]*?</${tag}>)`, "g");
  const resource = (tag, rid) =>
    new RegExp(`<${tag} id="${rid}" DefaultValue="[^"]*"\\s*(?:/>|>[\\s\\S]*?</${tag}>)`, "g");
  if (id !== undefined) {
    xml = replaceElement(xml, /<Id>[^<]*<\/Id>/g, () => `<Id>${id}</Id>`, "<Id>");
  }
  if (providerName !== undefined) {
    const value = escapeXml(providerName);
    xml = replaceElement(
      xml,
      /<ProviderName>[^<]*<\/ProviderName>/g,
      () => `<ProviderName>${value}</ProviderName>`,
      "<ProviderName>",
    );
  }
  if (displayName !== undefined) {
    const value = escapeXml(displayName);
    xml = replaceElement(
      xml,
      element("DisplayName"),
      () => `<DisplayName DefaultValue="${value}"/>`,
      "<DisplayName>",
    );
    xml = replaceElement(
      xml,
      resource("bt:String", "SharingGroup\\.Label"),
      () => `<bt:String id="SharingGroup.Label" DefaultValue="${value}"/>`,
      "SharingGroup.Label",
    );
  }
  if (supportUrl !== undefined) {
    const value = escapeXml(supportUrl);
    xml = replaceElement(
      xml,
      element("SupportUrl"),
      () => `<SupportUrl DefaultValue="${value}"/>`,
      "<SupportUrl>",
    );
    xml = replaceElement(
      xml,
      resource("bt:Url", "Support\\.Url"),
      () => `<bt:Url id="Support.Url" DefaultValue="${value}"/>`,
      "Support.Url",
    );
  }
  return xml;
}

/** The manifest without XML comments: they are notes for developers, not for the admin center. */
function stripComments(xml) {
  const comment = "<!--(?:(?!-->)[\\s\\S])*-->";
  return xml
    .replace(new RegExp(`^[ \\t]*${comment}[ \\t]*\\r?\\n`, "gm"), "") // comments on lines of their own
    .replace(new RegExp(comment, "g"), "");
}

/**
 * Returns the manifest for dist/. Without `publicUrl`: the development manifest (with a warning), with
 * only the naming settings applied. With it: every https://localhost:3000/ URL rewritten to `publicUrl`,
 * the naming settings applied, and the comments removed.
 * @param {string} xmlText manifest.xml
 * @param {{ publicUrl?: string, id?: string, providerName?: string, displayName?: string,
 *   supportUrl?: string }} [options] see checkManifestSettings
 * @returns {{ xml: string, warnings: string[] }}
 */
function buildManifest(xmlText, options = {}) {
  checkManifestSettings(options);
  const named = applyManifestSettings(xmlText, options);
  const { publicUrl } = options;
  if (publicUrl === undefined || publicUrl === "") return { xml: named, warnings: [DEV_WARNING] };
  const base = publicBase(publicUrl);

  // Rewrite outside comments only: comments are documentation, not URLs Office loads.
  const xml = named
    .split(/(<!--[\s\S]*?-->)/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(/https:\/\/localhost:3000(?![0-9])(\/?)/g, (_m, slash) =>
            slash ? base : base.slice(0, -1),
          ),
    )
    .join("");

  // Checked before the comments go, so that line numbers match manifest.xml.
  const { all } = parseXml(xml);
  for (const { url: u, line, where } of collectUrls(all)) {
    let parsed = null;
    try {
      parsed = new URL(u);
    } catch {
      // reported below as not https
    }
    if (!parsed || parsed.protocol !== "https:" || isLocalHostName(parsed.hostname)) {
      throw new Error(
        `The production manifest would still point at ${u} (${where}, line ${line}). ` +
          `Only ${DEV_BASE_URL} URLs are rewritten to ADDIN_PUBLIC_URL: fix manifest.xml.`,
      );
    }
  }
  return { xml: stripComments(xml), warnings: [] };
}

// ---------------------------------------------------------------------------------------------------------
// Validation

/** Width and height from a PNG's IHDR chunk, or null if the bytes are not a PNG. */
function readPngSize(bytes) {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) return null;
  if (bytes.toString("ascii", 12, 16) !== "IHDR") return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

const stripNamespaces = (message) => message.replace(/\{[a-z][a-z0-9+.-]*:[^}]*\}/gi, "");

async function xsdErrors(xmlText, schemaDir) {
  const { validateXML } = require("xmllint-wasm");
  const schemas = fs
    .readdirSync(schemaDir)
    .filter((f) => f.endsWith(".xsd"))
    .map((f) => ({ fileName: f, contents: fs.readFileSync(path.join(schemaDir, f), "utf8") }));
  const main = schemas.find((s) => s.fileName === MAIN_SCHEMA);
  if (!main) throw new Error(`${MAIN_SCHEMA} not found in ${schemaDir}`);
  const result = await validateXML({
    xml: [{ fileName: "manifest.xml", contents: xmlText }],
    schema: [main],
    preload: schemas.filter((s) => s !== main),
  });
  if (result.valid) return [];
  const errors = result.errors.map((e) => {
    const error = { message: stripNamespaces(e.message).replace(/^Schemas validity error : /, "") };
    if (e.loc) error.line = e.loc.lineNumber;
    return error;
  });
  return errors.length ? errors : [{ message: `XSD validation failed: ${result.rawOutput.trim()}` }];
}

function checkIdAndVersion(root, errors) {
  const id = child(root, "Id");
  if (id && !GUID.test(id.text.trim())) {
    errors.push({
      line: id.line,
      message: `Id "${id.text.trim()}" is not a GUID such as 0f8fad5b-d9cb-469f-a165-70867728950e; generate a new one`,
    });
  } else if (id && /^[0-]+$/.test(id.text.trim())) {
    errors.push({ line: id.line, message: "Id is the all-zero GUID; generate a unique one" });
  }
  const version = child(root, "Version");
  if (version && !VERSION.test(version.text.trim())) {
    errors.push({
      line: version.line,
      message: `Version "${version.text.trim()}" must be 1 to 4 numbers of up to 5 digits separated by dots, e.g. 1.0.0.0`,
    });
  }
}

function checkUrls(all, production, errors) {
  for (const { url, line, where } of collectUrls(all)) {
    let parsed;
    try {
      parsed = new URL(url);
    } catch {
      errors.push({ line, message: `${where}: "${url}" is not a valid URL` });
      continue;
    }
    if (parsed.protocol !== "https:") {
      errors.push({
        line,
        message: `${where}: ${url} must use https:// (Office loads add-ins only over HTTPS)`,
      });
    } else if (production && isLocalHostName(parsed.hostname)) {
      errors.push({
        line,
        message: `${where}: ${url} points at ${parsed.hostname}; build the production manifest with ADDIN_PUBLIC_URL=https://...`,
      });
    }
  }
}

/** Resources by kind (Images, Urls, ShortStrings, LongStrings) → Map<id, element>. */
function resourcesOf(versionOverrides) {
  const resources = child(versionOverrides, "Resources");
  const byKind = {};
  for (const kind of ["Images", "Urls", "ShortStrings", "LongStrings"]) {
    byKind[kind] = new Map(
      childrenNamed(
        child(resources, kind),
        kind === "Images" ? "Image" : kind === "Urls" ? "Url" : "String",
      ).map((e) => [e.attrs.get("id")?.value, e]),
    );
  }
  return byKind;
}

const RESID_KIND = {
  Image: "Images",
  SourceLocation: "Urls",
  FunctionFile: "Urls",
  LearnMoreUrl: "Urls",
  Script: "Urls",
  Page: "Urls",
  Label: "ShortStrings",
  Title: "ShortStrings",
  Namespace: "ShortStrings",
  Description: "LongStrings",
};

function checkResourceReferences(all, resources, errors) {
  for (const el of all) {
    const resid = el.attrs.get("resid");
    if (!resid) continue;
    if (resid.value.length > MAX_RESID_LENGTH) {
      errors.push({
        line: resid.line,
        message: `resid "${resid.value}" is longer than ${MAX_RESID_LENGTH} characters`,
      });
    }
    const kind = RESID_KIND[el.local];
    const found = kind
      ? resources[kind].has(resid.value)
      : Object.values(resources).some((m) => m.has(resid.value));
    if (!found) {
      errors.push({
        line: resid.line,
        message: `${el.local} resid "${resid.value}" is not defined in Resources${kind ? ` > bt:${kind}` : ""}`,
      });
    }
  }
}

function sizeFromName(id) {
  const m = /(?:^|\D)(\d{2,3})(?:x\d{2,3})?(?:\D|$)/.exec(id);
  return m ? Number(m[1]) : undefined;
}

/** Every icon with the pixel size the manifest declares for it: [{ url, line, size, where }]. */
function declaredIcons(root, versionOverrides, resources, all, errors) {
  const icons = [];
  const addWithOverrides = (el, size, where) => {
    if (!el) return;
    const dv = el.attrs.get("DefaultValue");
    if (dv) icons.push({ url: dv.value, line: dv.line, size, where });
    for (const o of childrenNamed(el, "Override")) {
      const v = o.attrs.get("Value");
      if (v) icons.push({ url: v.value, line: v.line, size, where: `${where} Override` });
    }
  };
  addWithOverrides(child(root, "IconUrl"), 32, "IconUrl");
  addWithOverrides(child(root, "HighResolutionIconUrl"), 64, "HighResolutionIconUrl");

  // Sizes from the Icon elements that use each image.
  const usedAs = new Map();
  for (const el of all) {
    if (el.local !== "Image" || !el.parent || el.parent.local !== "Icon") continue;
    const resid = el.attrs.get("resid")?.value;
    const size = Number(el.attrs.get("size")?.value);
    if (!resid || !Number.isFinite(size)) continue;
    if (!usedAs.has(resid)) usedAs.set(resid, new Set());
    usedAs.get(resid).add(size);
  }
  for (const [id, image] of resources.Images) {
    const used = [...(usedAs.get(id) || [])];
    const named = sizeFromName(id || "");
    if (used.length > 1) {
      errors.push({
        line: image.line,
        message: `bt:Image "${id}" is used as a ${used.join(" and ")} px icon; each size needs its own image`,
      });
      continue;
    }
    if (used.length === 1 && named !== undefined && named !== used[0]) {
      errors.push({
        line: image.line,
        message: `bt:Image "${id}" is named for ${named} px but an Icon uses it as size ${used[0]}`,
      });
      continue;
    }
    const size = used.length === 1 ? used[0] : named;
    addWithOverrides(image, size, `bt:Image "${id}"`);
  }

  // Ribbon icons must come in 16, 32 and 80 px.
  for (const icon of all.filter((e) => e.local === "Icon" && ancestors(e).includes(versionOverrides))) {
    const sizes = new Set(childrenNamed(icon, "Image").map((i) => Number(i.attrs.get("size")?.value)));
    const missing = REQUIRED_RIBBON_ICON_SIZES.filter((s) => !sizes.has(s));
    if (missing.length) {
      errors.push({ line: icon.line, message: `Icon lacks the required ${missing.join(", ")} px image(s)` });
    }
  }
  return icons;
}

function checkIconFiles(icons, ownHost, baseDir, errors) {
  for (const { url, line, size, where } of icons) {
    let parsed;
    try {
      parsed = new URL(url);
    } catch {
      continue; // reported by checkUrls
    }
    if (parsed.host !== ownHost) continue; // hosted elsewhere: nothing local to check
    const name = path.posix.basename(decodeURIComponent(parsed.pathname));
    const file = path.join(baseDir, "assets", name);
    const shown = `assets/${name}`;
    if (!fs.existsSync(file)) {
      errors.push({ line, message: `${where}: ${shown} does not exist (${url})` });
      continue;
    }
    const png = readPngSize(fs.readFileSync(file));
    if (!png) {
      errors.push({ line, message: `${where}: ${shown} is not a PNG file` });
    } else if (size !== undefined && (png.width !== size || png.height !== size)) {
      errors.push({
        line,
        message: `${where}: ${shown} is ${png.width}x${png.height} px but must be ${size}x${size} px`,
      });
    }
  }
}

/**
 * Validates a manifest offline: the XSD (with line numbers), then what the XSD cannot check.
 * @param {string} xmlText
 * @param {{ baseDir?: string, production?: boolean, schemaDir?: string }} [options]
 *   baseDir: the project root whose assets/ holds the icons (default: the directory above scripts/);
 *   production: also reject localhost URLs.
 * @returns {Promise<{ ok: boolean, errors: Array<{ line?: number, message: string }> }>}
 */
async function validateManifest(xmlText, options = {}) {
  const {
    baseDir = path.join(__dirname, ".."),
    production = false,
    schemaDir = DEFAULT_SCHEMA_DIR,
  } = options;
  const errors = await xsdErrors(xmlText, schemaDir);

  let doc;
  try {
    doc = parseXml(xmlText);
  } catch (e) {
    if (e instanceof XmlSyntaxError) {
      // xmllint has already reported why the document is not well-formed.
      if (!errors.length) errors.push({ line: e.line, message: `not well-formed XML: ${e.message}` });
      return { ok: false, errors };
    }
    throw e;
  }
  const { root, all } = doc;
  const versionOverrides = child(root, "VersionOverrides");
  const resources = resourcesOf(versionOverrides);

  // Our Id/Version messages say what to do; drop the XSD's pattern message for the same line.
  const own = [];
  checkIdAndVersion(root, own);
  const ownLines = new Set(own.map((e) => e.line));
  for (let i = errors.length - 1; i >= 0; i--) if (ownLines.has(errors[i].line)) errors.splice(i, 1);
  errors.push(...own);
  checkUrls(all, production, errors);
  checkResourceReferences(all, resources, errors);
  const icons = declaredIcons(root, versionOverrides, resources, all, errors);

  const source = pathFrom(root, "DefaultSettings", "SourceLocation")?.attrs.get("DefaultValue")?.value;
  let ownHost;
  try {
    ownHost = new URL(source).host;
  } catch {
    ownHost = undefined;
  }
  if (ownHost) checkIconFiles(icons, ownHost, baseDir, errors);

  // One report per line and message (the XSD and our checks can both see a bad Version).
  const seen = new Set();
  const unique = errors.filter((e) => {
    const key = `${e.line}|${e.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  unique.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { ok: unique.length === 0, errors: unique };
}

// ---------------------------------------------------------------------------------------------------------
// Version

/**
 * The manifest Version for a package.json version: "1.2.3" → "1.2.3.0".
 * Office accepts only numbers (up to 4 parts of up to 5 digits), so pre-release tags are refused.
 */
function versionFromPackage(pkgVersion) {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(String(pkgVersion).trim());
  if (!m) {
    throw new Error(
      `package.json version "${pkgVersion}" cannot be a manifest Version: use plain MAJOR.MINOR.PATCH numbers ` +
        "(no pre-release or build tags)",
    );
  }
  const parts = m.slice(1, 4).map(Number);
  if (parts.some((p) => p > 99999)) {
    throw new Error(`package.json version "${pkgVersion}": each manifest Version part must be at most 99999`);
  }
  return `${parts.join(".")}.0`;
}

/** Replaces the manifest's <Version> (the OfficeApp one; VersionOverrides has none). */
function setManifestVersion(xmlText, version) {
  if (!VERSION.test(version)) throw new Error(`"${version}" is not a manifest Version`);
  let count = 0;
  const xml = xmlText.replace(/<Version>[^<]*<\/Version>/, () => {
    count++;
    return `<Version>${version}</Version>`;
  });
  if (count === 0) throw new Error("manifest has no <Version> element");
  return xml;
}

module.exports = {
  DEV_BASE_URL,
  DEV_WARNING,
  buildManifest,
  checkManifestSettings,
  stripComments,
  validateManifest,
  versionFromPackage,
  setManifestVersion,
  readPngSize,
  parseXml,
};
