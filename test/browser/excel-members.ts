// Which Excel API members the add-in uses, read from its source with the TypeScript type checker, named as
// the RichApi engine names what it ran (workbench/excel-model/richapi: "Range.values(get)",
// "Range.values(set)", "Workbook.getSelectedRanges", "Workbook.worksheets" for an object property).
// A member added to src/office shows up here without anyone updating a list.
import path from "node:path";
import ts from "typescript";

const ROOT = path.resolve(__dirname, "..", "..");
/** office.js's own client-side members (OfficeExtension.ClientObject and collections' items). */
const CLIENT_SIDE = new Set([
  "load",
  "isNullObject",
  "toJSON",
  "set",
  "track",
  "untrack",
  "context",
  "items",
]);

/** The Excel class a type stands for ("Range", "Workbook"), or undefined for anything else. */
function excelClass(type: ts.Type): string | undefined {
  const symbol = type.getSymbol() ?? type.aliasSymbol;
  const decl = symbol?.declarations?.[0];
  if (!symbol || !decl || !(ts.isClassDeclaration(decl) || ts.isInterfaceDeclaration(decl))) return undefined;
  let parent: ts.Node | undefined = decl.parent;
  while (parent && !ts.isModuleDeclaration(parent)) parent = parent.parent;
  return parent && ts.isModuleDeclaration(parent) && parent.name.text === "Excel" ? symbol.name : undefined;
}

export function excelMembersUsedBy(files: string[]): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(ROOT, "tsconfig.json"),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    },
  );
  if (!config) throw new Error("tsconfig.json could not be read");
  const program = ts.createProgram(files, config.options);
  const checker = program.getTypeChecker();
  const used = new Set<string>();

  const memberOf = (owner: ts.Type, name: string, node: ts.Node, write: boolean): ts.Type | undefined => {
    const cls = excelClass(checker.getNonNullableType(owner));
    // RequestContext is office.js's client (sync, the workbook root), not an Excel object.
    if (!cls || cls === "RequestContext" || CLIENT_SIDE.has(name)) return undefined;
    const prop = checker.getPropertyOfType(checker.getNonNullableType(owner), name);
    if (!prop) return undefined;
    const type = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(prop, node));
    const isMethod = type.getCallSignatures().length > 0;
    if (isMethod) used.add(`${cls}.${name}`);
    else if (excelClass(type)) used.add(`${cls}.${name}`);
    else used.add(`${cls}.${name}(${write ? "set" : "get"})`);
    return type;
  };

  /** load("a/b,c"): each path walked from the loaded object's type. */
  const loadPaths = (owner: ts.Type, text: string, node: ts.Node): void => {
    for (const dotted of text.split(",")) {
      let type: ts.Type | undefined = owner;
      for (const part of dotted.trim().split("/")) {
        if (!type) break;
        if (part === "items") {
          const items = checker.getPropertyOfType(type, "items");
          const array = items && checker.getTypeOfSymbolAtLocation(items, node);
          type = array ? checker.getIndexTypeOfType(array, ts.IndexKind.Number) : undefined;
          continue;
        }
        type = memberOf(type, part, node, false);
      }
    }
  };

  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node)) {
      const owner = checker.getTypeAtLocation(node.expression);
      const write =
        ts.isBinaryExpression(node.parent) &&
        node.parent.left === node &&
        node.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken;
      memberOf(owner, node.name.text, node, write);
      const call = node.parent;
      if (node.name.text === "load" && ts.isCallExpression(call) && call.expression === node) {
        const arg = call.arguments[0];
        if (arg && ts.isStringLiteralLike(arg)) loadPaths(owner, arg.text, node);
      }
    }
    ts.forEachChild(node, visit);
  };
  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`${file} is not part of the program`);
    visit(source);
  }
  return [...used].sort();
}

/** The Excel members of src/office/excel-workbook.ts, the add-in's only Excel code. */
export function excelMembersOfAddin(): string[] {
  return excelMembersUsedBy([path.join(ROOT, "src", "office", "excel-workbook.ts")]);
}
