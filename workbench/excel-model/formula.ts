// A deliberately tiny formula evaluator, enough to show in the simulated grid what a formula would
// display: numbers and arithmetic (+ - * / parentheses, unary minus), "text" literals and &,
// TRUE/FALSE, HYPERLINK, CONCAT/CONCATENATE. Anything else (cell references, other functions,
// names) evaluates to #NAME?. Its purpose is to make "this landed as a formula" visible, not to be Excel.

export type FormulaValue = string | number | boolean;

export interface FormulaResult {
  value: FormulaValue;
  isError: boolean;
}

class FormulaError {
  constructor(readonly code: string) {}
}

type Token =
  | { kind: "num"; value: number }
  | { kind: "str"; value: string }
  | { kind: "id"; value: string }
  | { kind: "op"; value: string };

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src.charAt(i);
    if (ch === " ") {
      i++;
    } else if (/[0-9.]/.test(ch)) {
      const m = /^[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?|^[0-9]+\.?/.exec(src.slice(i));
      if (!m) throw new FormulaError("#NAME?");
      tokens.push({ kind: "num", value: Number(m[0]) });
      i += m[0].length;
    } else if (ch === '"') {
      let text = "";
      i++;
      for (;;) {
        if (i >= src.length) throw new FormulaError("#NAME?");
        if (src.charAt(i) === '"') {
          if (src.charAt(i + 1) === '"') {
            text += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += src.charAt(i);
        i++;
      }
      tokens.push({ kind: "str", value: text });
    } else if (/[A-Za-z_$]/.test(ch)) {
      const m = /^[A-Za-z_$][A-Za-z0-9_.$]*/.exec(src.slice(i));
      const word = m ? m[0] : ch;
      tokens.push({ kind: "id", value: word.toUpperCase() });
      i += word.length;
    } else if ("+-*/&(),".includes(ch)) {
      tokens.push({ kind: "op", value: ch });
      i++;
    } else {
      throw new FormulaError("#NAME?");
    }
  }
  return tokens;
}

function toNumber(v: FormulaValue): number {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  throw new FormulaError("#VALUE!");
}

function toText(v: FormulaValue): string {
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return String(v);
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): FormulaValue {
    const v = this.concat();
    if (this.pos < this.tokens.length) throw new FormulaError("#NAME?");
    return v;
  }

  private peekOp(): string | undefined {
    const t = this.tokens[this.pos];
    return t?.kind === "op" ? t.value : undefined;
  }

  private concat(): FormulaValue {
    let left = this.additive();
    while (this.peekOp() === "&") {
      this.pos++;
      left = toText(left) + toText(this.additive());
    }
    return left;
  }

  private additive(): FormulaValue {
    let left = this.term();
    for (let op = this.peekOp(); op === "+" || op === "-"; op = this.peekOp()) {
      this.pos++;
      const right = this.term();
      left = op === "+" ? toNumber(left) + toNumber(right) : toNumber(left) - toNumber(right);
    }
    return left;
  }

  private term(): FormulaValue {
    let left = this.unary();
    for (let op = this.peekOp(); op === "*" || op === "/"; op = this.peekOp()) {
      this.pos++;
      const right = toNumber(this.unary());
      if (op === "/" && right === 0) throw new FormulaError("#DIV/0!");
      left = op === "*" ? toNumber(left) * right : toNumber(left) / right;
    }
    return left;
  }

  private unary(): FormulaValue {
    const op = this.peekOp();
    if (op === "-" || op === "+") {
      this.pos++;
      const v = toNumber(this.unary());
      return op === "-" ? -v : v;
    }
    return this.primary();
  }

  private primary(): FormulaValue {
    const t = this.tokens[this.pos++];
    if (!t) throw new FormulaError("#NAME?");
    if (t.kind === "num" || t.kind === "str") return t.value;
    if (t.kind === "op") {
      if (t.value !== "(") throw new FormulaError("#NAME?");
      const v = this.concat();
      if (this.tokens[this.pos++]?.value !== ")") throw new FormulaError("#NAME?");
      return v;
    }
    if (this.peekOp() !== "(") {
      if (t.value === "TRUE") return true;
      if (t.value === "FALSE") return false;
      throw new FormulaError("#NAME?");
    }
    this.pos++;
    const args: FormulaValue[] = [];
    if (this.peekOp() !== ")") {
      for (;;) {
        args.push(this.concat());
        if (this.peekOp() !== ",") break;
        this.pos++;
      }
    }
    if (this.tokens[this.pos++]?.value !== ")") throw new FormulaError("#NAME?");
    return callFunction(t.value, args);
  }
}

function callFunction(name: string, args: FormulaValue[]): FormulaValue {
  switch (name) {
    case "HYPERLINK": {
      const [link, friendly] = args;
      if (link === undefined || args.length > 2) throw new FormulaError("#VALUE!");
      return friendly ?? link;
    }
    case "CONCAT":
    case "CONCATENATE":
      return args.map(toText).join("");
    case "TRUE":
      return true;
    case "FALSE":
      return false;
    default:
      throw new FormulaError("#NAME?");
  }
}

/** Evaluates a formula such as `=1+1` or `=HYPERLINK("http://x","y")`. */
export function evaluateFormula(formula: string): FormulaResult {
  const body = formula.startsWith("=") ? formula.slice(1) : formula;
  try {
    return { value: new Parser(tokenize(body)).parse(), isError: false };
  } catch (e) {
    if (e instanceof FormulaError) return { value: e.code, isError: true };
    throw e;
  }
}
