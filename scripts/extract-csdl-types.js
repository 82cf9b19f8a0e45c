// Extracts named EntityType / ComplexType / EnumType elements of the `microsoft.graph` namespace from a
// Microsoft Graph CSDL file into a small JSON file the tests check the Graph emulator's answers against.
//
//   node scripts/extract-csdl-types.js <csdl-file> <commit> <out.json> [TypeName...]
//
// Without type names it re-extracts the types already listed in <out.json>. To refresh the checked-in
// extract: bring microsoftgraph/msgraph-metadata onto the machine (a clone, or the search tools' `fetch`),
//   git --git-dir=<repo>/.git show HEAD:schemas/v1.0-Prod.csdl > /tmp/v1.0-Prod.csdl
//   node scripts/extract-csdl-types.js /tmp/v1.0-Prod.csdl "$(git --git-dir=<repo>/.git rev-parse HEAD)" \
//     test/fixtures/graph-csdl/v1.0-types.json
// then run `npx jest test/workbench/graph-emulator/csdl-shapes.test.ts`.
"use strict";

const fs = require("fs");

function attrs(tag) {
  const out = {};
  for (const m of tag.matchAll(/(\w+)="([^"]*)"/g)) out[m[1]] = m[2];
  return out;
}

/** The text of the `microsoft.graph` Schema element (the CSDL holds other namespaces too). */
function graphSchema(csdl) {
  const start = csdl.search(/<Schema Namespace="microsoft\.graph"[ >]/);
  if (start < 0) throw new Error("no microsoft.graph schema in the CSDL");
  const end = csdl.indexOf("</Schema>", start);
  return csdl.slice(start, end);
}

function extract(schema, name) {
  const open = new RegExp(`<(EntityType|ComplexType|EnumType) Name="${name}"[^>]*?(/?)>`);
  const m = open.exec(schema);
  if (m === null) throw new Error(`type ${name} not found`);
  const a = attrs(m[0]);
  const kind = m[1];
  const type = { kind };
  if (a.BaseType !== undefined) type.baseType = a.BaseType.replace(/^graph\./, "");
  if (a.OpenType === "true") type.openType = true;
  if (a.Abstract === "true") type.abstract = true;
  if (m[2] === "/") return kind === "EnumType" ? { ...type, members: [] } : { ...type, properties: {} };
  const body = schema.slice(m.index + m[0].length, schema.indexOf(`</${kind}>`, m.index));
  if (kind === "EnumType") {
    type.members = [...body.matchAll(/<Member [^>]*>/g)].map((t) => attrs(t[0]).Name);
    return type;
  }
  type.properties = {};
  for (const t of body.matchAll(/<Property [^>]*>/g)) {
    const p = attrs(t[0]);
    type.properties[p.Name] = p.Type.replace(/graph\./g, "");
  }
  return type;
}

function main() {
  const [csdlPath, commit, outPath, ...names] = process.argv.slice(2);
  if (csdlPath === undefined || commit === undefined || outPath === undefined) {
    process.stderr.write("usage: extract-csdl-types.js <csdl-file> <commit> <out.json> [TypeName...]\n");
    process.exit(2);
  }
  const wanted = names.length > 0 ? names : Object.keys(JSON.parse(fs.readFileSync(outPath, "utf8")).types);
  const schema = graphSchema(fs.readFileSync(csdlPath, "utf8"));
  const types = {};
  for (const name of wanted) types[name] = extract(schema, name);
  const out = {
    source: {
      repository: "microsoftgraph/msgraph-metadata",
      path: "schemas/v1.0-Prod.csdl",
      commit,
      namespace: "microsoft.graph",
    },
    refresh:
      "node scripts/extract-csdl-types.js <csdl-file> <commit> test/fixtures/graph-csdl/v1.0-types.json",
    types,
  };
  fs.writeFileSync(outPath, `${JSON.stringify(out, null, 2)}\n`);
}

main();
