// The part of Office.js / the Excel JavaScript API the add-in uses, over a WorkbookModel, with the
// semantics that matter for correct add-in code:
// - proxy objects: methods and setters only QUEUE operations; context.sync() applies the queue in
//   order against the model (one "round trip": model.syncCount + 1 when the queue is not empty);
// - a property is readable only after load() AND a successful sync; reading it earlier throws
//   PropertyNotLoaded (setting a property never makes it readable: stricter than Office.js, which
//   echoes the value you set, so code that passes here does not rely on that echo);
// - objects returned by methods are resolved at their place in the queue (getUsedRange sees the
//   writes queued before it); navigation properties (range.worksheet, table.rows) resolve when used;
// - *OrNullObject: isNullObject is readable after the sync; a null object's loaded properties read as
//   null; setters and methods on a null object are ignored, and objects derived from it are null;
// - getItem on a missing item rejects the sync with ItemNotFound; bad addresses, mismatched 2-D arrays
//   and unknown properties in load() reject it with InvalidArgument;
// - Excel on the web's 5 MB payload limits, approximated as the JSON (UTF-8 bytes) of the data: a sync
//   whose written values, formulas and number formats (and rows.add values) add up to more than
//   model.requestPayloadLimit is refused as a whole, before anything is applied, with
//   RequestPayloadSizeLimitExceeded; one whose loaded properties add up to more than
//   model.responsePayloadLimit is refused with ResponsePayloadSizeLimitExceeded after its operations
//   have run (nothing it loaded becomes readable). Each sync's sizes go to model.payloads;
// - a failing sync keeps the operations applied before the failing one (Excel does not roll back) and
//   makes none of that sync's loads readable; the error carries debugInfo.errorLocation such as
//   "WorksheetCollection.getItem";
// - Excel.run syncs what is still queued when the batch's promise resolves; proxies of a finished
//   run cannot queue more work (InvalidObjectPath).
// Browser-safe: no Node imports.

import { ExcelSimError, invalidArgument, propertyNotLoaded } from "../../workbench/excel-model/errors";
import {
  jsonBytes,
  type Box,
  type ModelChange,
  type SheetModel,
  type TableModel,
  type WorkbookModel,
  boxCells,
  checkBox,
  formatAddress,
  intersect,
  MAX_COLUMNS,
  MAX_ROWS,
  parseAddress,
} from "../../workbench/excel-model/model";

export type LoadSpec = string | string[] | { select?: string | string[]; expand?: string | string[] };

interface QueuedAction {
  location: string;
  run: () => void;
}

interface RangeTarget {
  sheet: SheetModel;
  box: Box;
}

interface AreasTarget {
  sheet: SheetModel;
  boxes: Box[];
}

interface TableRowTarget {
  table: TableModel;
  index: number;
}

type Getters<T> = Record<string, (target: T) => unknown>;

function loadPaths(spec: LoadSpec | undefined): string[] {
  const list = (v: string | string[] | undefined): string[] =>
    v === undefined
      ? []
      : (Array.isArray(v) ? v : v.split(","))
          .flatMap((s) => s.split(","))
          .map((s) => s.trim())
          .filter((s) => s !== "");
  if (spec === undefined) return [];
  if (typeof spec === "string" || Array.isArray(spec)) return list(spec);
  return [...list(spec.select), ...list(spec.expand)];
}

function hasOwn(record: object, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, name);
}

export class SimRequestContext {
  readonly workbook: SimWorkbook;
  readonly trackedObjects = {
    add: (_objects: unknown): void => undefined,
    remove: (_objects: unknown): void => undefined,
  };
  private queue: QueuedAction[] = [];
  /** JSON size of the data queued for the next sync. */
  private payload = 0;
  private commits: Array<() => void> | undefined;
  private ended = false;

  constructor(readonly model: WorkbookModel) {
    this.workbook = new SimWorkbook(this);
  }

  /** Queues an operation for the next sync. */
  enqueue(location: string, run: () => void): void {
    if (this.ended) throw new ExcelSimError("InvalidObjectPath", undefined, location);
    this.queue.push({ location, run });
  }

  /** JSON size of what the running sync has loaded. */
  private response = 0;

  /** Counts data written by the next sync towards the request payload limit. */
  addPayload(data: unknown): void {
    this.payload += jsonBytes(data);
  }

  /** Counts data loaded by the running sync towards the response payload limit. */
  addResponse(data: unknown): void {
    this.response += jsonBytes(data);
  }

  /** Registers work to do when the running sync succeeds (making loaded values readable). */
  afterSync(commit: () => void): void {
    if (!this.commits) throw new Error("afterSync called outside context.sync()");
    this.commits.push(commit);
  }

  async sync<T>(passThroughValue?: T): Promise<T | undefined> {
    await Promise.resolve();
    const actions = this.queue;
    const payload = this.payload;
    this.queue = [];
    this.payload = 0;
    if (actions.length === 0) return passThroughValue;
    this.model.syncCount++;
    if (payload > this.model.requestPayloadLimit) {
      this.model.recordPayload(payload, 0);
      throw new ExcelSimError("RequestPayloadSizeLimitExceeded", undefined, "RequestContext.sync");
    }
    const commits: Array<() => void> = [];
    this.commits = commits;
    this.response = 0;
    try {
      for (const action of actions) {
        try {
          action.run();
        } catch (e) {
          if (e instanceof ExcelSimError) throw e.at(action.location);
          throw new ExcelSimError(
            "GeneralException",
            e instanceof Error ? e.message : String(e),
            action.location,
          );
        }
      }
    } finally {
      this.commits = undefined;
      this.model.recordPayload(payload, this.response);
      this.model.emit({ kind: "sync" });
    }
    if (this.response > this.model.responsePayloadLimit) {
      throw new ExcelSimError("ResponsePayloadSizeLimitExceeded", undefined, "RequestContext.sync");
    }
    for (const commit of commits) commit();
    return passThroughValue;
  }

  /** Called by Excel.run when the batch is over. */
  end(): void {
    this.ended = true;
  }
}

/** A proxy object (OfficeExtension.ClientObject). */
export abstract class SimObject<T> {
  private target: T | null | undefined;
  private synced = false;
  private readonly loaded = new Map<string, unknown>();

  protected constructor(
    readonly context: SimRequestContext,
    protected readonly className: string,
    private readonly resolver: () => T | null,
    createdBy?: string,
  ) {
    if (createdBy !== undefined) {
      context.enqueue(createdBy, () => {
        this.resolve();
      });
    }
  }

  /** Scalar properties and how to read them from the target. */
  protected abstract getters(): Getters<T>;

  /** Navigation properties (child objects) that load paths such as "worksheet/name" may go through. */
  protected navigation(_name: string): { load(spec?: LoadSpec): unknown } | undefined {
    return undefined;
  }

  /** What the operation log says about a target (address and size for ranges). */
  protected describe(_target: T): { address?: string; cells?: number } {
    return {};
  }

  /** The target, resolved once (inside a sync). */
  resolve(): T | null {
    if (this.target === undefined) {
      this.target = this.resolver();
      this.context.afterSync(() => {
        this.synced = true;
      });
    }
    return this.target;
  }

  get isNullObject(): boolean {
    if (!this.synced) throw propertyNotLoaded("isNullObject", this.className);
    return this.target === null;
  }

  protected read<V>(name: string): V {
    if (this.synced && this.target === null) return null as unknown as V;
    if (!this.loaded.has(name)) throw propertyNotLoaded(name, this.className);
    return this.loaded.get(name) as V;
  }

  protected queueSet(name: string, apply: (target: T) => void): void {
    this.loaded.delete(name);
    this.queueOperation("set", name, apply);
  }

  protected queueCall(name: string, apply: (target: T) => void): void {
    this.queueOperation("call", name, apply);
  }

  private queueOperation(kind: "set" | "call", name: string, apply: (target: T) => void): void {
    const member = `${this.className}.${name}`;
    this.context.enqueue(member, () => {
      const target = this.resolve();
      if (target === null) return;
      this.context.model.record({ kind, member, ...this.describe(target) });
      apply(target);
    });
  }

  /** A child object derived from this one (null when this is a null object). */
  protected derive<U>(map: (target: T) => U | null): () => U | null {
    return () => {
      const target = this.resolve();
      return target === null ? null : map(target);
    };
  }

  load(spec?: LoadSpec): this {
    const paths = loadPaths(spec);
    const getters = this.getters();
    const scalars: string[] = paths.length === 0 ? Object.keys(getters) : [];
    const nested = new Map<string, string[]>();
    for (const path of paths) {
      const slash = path.indexOf("/");
      const head = slash < 0 ? path : path.slice(0, slash);
      if (slash < 0 && hasOwn(getters, head)) {
        scalars.push(head);
        continue;
      }
      const rest = nested.get(head) ?? [];
      if (slash >= 0) rest.push(path.slice(slash + 1));
      nested.set(head, rest);
    }
    for (const [head, rest] of nested) {
      const child = this.navigation(head);
      if (child) {
        child.load(rest.length > 0 ? rest : undefined);
      } else {
        this.context.enqueue(`${this.className}.load`, () => {
          throw invalidArgument(`the property '${head}' doesn't exist on ${this.className}`);
        });
      }
    }
    this.queueLoad(scalars);
    return this;
  }

  protected queueLoad(properties: string[]): void {
    if (properties.length === 0) return;
    this.context.enqueue(`${this.className}.load`, () => {
      this.context.afterSync(this.capture(properties));
    });
  }

  /** Reads properties now (inside a sync); the returned function makes them readable. */
  capture(properties: string[] | undefined): () => void {
    const target = this.resolve();
    const values = new Map<string, unknown>();
    if (target !== null) {
      const getters = this.getters();
      const names = properties ?? Object.keys(getters);
      for (const name of names) {
        const getter = getters[name];
        if (!getter) throw invalidArgument(`the property '${name}' doesn't exist on ${this.className}`);
        const value = getter(target);
        this.context.addResponse(value);
        values.set(name, value);
      }
      this.context.model.record({
        kind: "load",
        member: `${this.className}.load`,
        properties: names,
        ...this.describe(target),
      });
    }
    return () => {
      for (const [name, value] of values) this.loaded.set(name, value);
      this.synced = true;
    };
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.loaded);
  }
}

/** OfficeExtension.ClientResult: a value readable after the sync. */
export class SimClientResult<V> {
  private ready = false;
  private result: V | undefined;

  constructor(context: SimRequestContext, location: string, compute: () => V) {
    context.enqueue(location, () => {
      const value = compute();
      context.addResponse(value);
      context.afterSync(() => {
        this.result = value;
        this.ready = true;
      });
    });
  }

  get value(): V {
    if (!this.ready) throw propertyNotLoaded("value", "ClientResult");
    return this.result as V;
  }
}

/** A collection proxy: `items` after load("items/name") (or load("name")). */
interface Capturable {
  capture(properties: string[] | undefined): () => void;
}

export abstract class SimCollection<T, I extends Capturable> extends SimObject<T> {
  private loadedItems: I[] | undefined;

  protected abstract list(target: T): I[];

  get items(): I[] {
    if (this.loadedItems === undefined) throw propertyNotLoaded("items", this.className);
    return this.loadedItems;
  }

  override load(spec?: LoadSpec): this {
    const paths = loadPaths(spec);
    const own = this.getters();
    const ownProps: string[] = [];
    let itemProps: string[] | undefined = paths.length === 0 ? undefined : [];
    let wantItems = paths.length === 0;
    for (const path of paths) {
      if (hasOwn(own, path)) {
        ownProps.push(path);
      } else if (path === "items") {
        wantItems = true;
        itemProps = undefined;
      } else {
        wantItems = true;
        itemProps?.push(path.startsWith("items/") ? path.slice("items/".length) : path);
      }
    }
    this.queueLoad(ownProps);
    if (wantItems) {
      this.context.enqueue(`${this.className}.load`, () => {
        const target = this.resolve();
        const items = target === null ? [] : this.list(target);
        const commits = items.map((item) => item.capture(itemProps));
        this.context.afterSync(() => {
          for (const commit of commits) commit();
          this.loadedItems = items;
        });
      });
    }
    return this;
  }
}

// ---- Workbook and worksheets -----------------------------------------------------------------

export class SimWorkbook extends SimObject<WorkbookModel> {
  readonly worksheets: SimWorksheetCollection;
  readonly tables: SimTableCollection;

  constructor(context: SimRequestContext) {
    super(context, "Workbook", () => context.model);
    this.worksheets = new SimWorksheetCollection(context, () => context.model);
    this.tables = new SimTableCollection(context, () => ({ sheet: null }));
  }

  protected getters(): Getters<WorkbookModel> {
    return {
      name: (m) => decodeURIComponent(m.documentUrl.split(/[\\/]/).pop() ?? "") || "Book1",
    };
  }

  get name(): string {
    return this.read("name");
  }

  protected override navigation(name: string): { load(spec?: LoadSpec): unknown } | undefined {
    return name === "worksheets" ? this.worksheets : name === "tables" ? this.tables : undefined;
  }

  getSelectedRange(): SimRange {
    return new SimRange(
      this.context,
      () => {
        const sheet = this.context.model.activeSheet;
        const [only, ...more] = sheet.selection;
        if (!only || more.length > 0) throw new ExcelSimError("InvalidSelection");
        return { sheet, box: only };
      },
      "Workbook.getSelectedRange",
    );
  }

  getSelectedRanges(): SimRangeAreas {
    return new SimRangeAreas(
      this.context,
      () => {
        const sheet = this.context.model.activeSheet;
        return { sheet, boxes: sheet.selection.map((b) => ({ ...b })) };
      },
      "Workbook.getSelectedRanges",
    );
  }

  getActiveCell(): SimRange {
    return new SimRange(
      this.context,
      () => {
        const sheet = this.context.model.activeSheet;
        const first = sheet.selection[0] ?? { rowIndex: 0, columnIndex: 0 };
        return {
          sheet,
          box: { rowIndex: first.rowIndex, columnIndex: first.columnIndex, rowCount: 1, columnCount: 1 },
        };
      },
      "Workbook.getActiveCell",
    );
  }
}

export class SimWorksheetCollection extends SimCollection<WorkbookModel, SimWorksheet> {
  constructor(context: SimRequestContext, resolver: () => WorkbookModel) {
    super(context, "WorksheetCollection", resolver);
  }

  protected getters(): Getters<WorkbookModel> {
    return {};
  }

  protected list(model: WorkbookModel): SimWorksheet[] {
    return model.sheets.map((s) => new SimWorksheet(this.context, () => s));
  }

  getItem(key: string): SimWorksheet {
    return new SimWorksheet(
      this.context,
      this.derive((m) => m.sheet(key)),
      "WorksheetCollection.getItem",
    );
  }

  getItemOrNullObject(key: string): SimWorksheet {
    return new SimWorksheet(
      this.context,
      this.derive((m) => m.findSheet(key) ?? null),
      "WorksheetCollection.getItemOrNullObject",
    );
  }

  add(name?: string): SimWorksheet {
    return new SimWorksheet(
      this.context,
      this.derive((m) => {
        const sheet = m.addSheet(name);
        m.record({ kind: "call", member: "WorksheetCollection.add", address: sheet.name });
        return sheet;
      }),
      "WorksheetCollection.add",
    );
  }

  getActiveWorksheet(): SimWorksheet {
    return new SimWorksheet(
      this.context,
      this.derive((m) => m.activeSheet),
      "WorksheetCollection.getActiveWorksheet",
    );
  }

  getCount(): SimClientResult<number> {
    return new SimClientResult(
      this.context,
      "WorksheetCollection.getCount",
      () => this.context.model.sheets.length,
    );
  }
}

export class SimWorksheet extends SimObject<SheetModel> {
  private tablesProxy: SimTableCollection | undefined;

  constructor(context: SimRequestContext, resolver: () => SheetModel | null, createdBy?: string) {
    super(context, "Worksheet", resolver, createdBy);
  }

  protected getters(): Getters<SheetModel> {
    const model = this.context.model;
    return {
      id: (s) => s.id,
      name: (s) => s.name,
      position: (s) => model.positionOf(s),
      visibility: (s) => s.visibility,
    };
  }

  protected override navigation(name: string): { load(spec?: LoadSpec): unknown } | undefined {
    return name === "tables" ? this.tables : undefined;
  }

  get id(): string {
    return this.read("id");
  }
  get name(): string {
    return this.read("name");
  }
  set name(value: string) {
    this.queueSet("name", (s) => this.context.model.renameSheet(s, value));
  }
  get position(): number {
    return this.read("position");
  }
  get visibility(): string {
    return this.read("visibility");
  }
  set visibility(value: "Visible" | "Hidden" | "VeryHidden") {
    this.queueSet("visibility", (s) => {
      if (!["Visible", "Hidden", "VeryHidden"].includes(value)) throw invalidArgument(`visibility ${value}`);
      s.visibility = value;
      this.context.model.emit({ kind: "sheets" });
    });
  }

  get tables(): SimTableCollection {
    this.tablesProxy ??= new SimTableCollection(
      this.context,
      this.derive((s) => ({ sheet: s })),
    );
    return this.tablesProxy;
  }

  private range(location: string, map: (sheet: SheetModel) => Box | null): SimRange {
    return new SimRange(
      this.context,
      this.derive((sheet) => {
        const box = map(sheet);
        return box === null ? null : { sheet, box };
      }),
      location,
    );
  }

  getRange(address?: string): SimRange {
    return this.range("Worksheet.getRange", (sheet) => {
      if (address === undefined || address === "") {
        return { rowIndex: 0, columnIndex: 0, rowCount: MAX_ROWS, columnCount: MAX_COLUMNS };
      }
      const parsed = parseAddress(address);
      if (parsed.sheet !== "" && parsed.sheet.toLowerCase() !== sheet.name.toLowerCase()) {
        throw invalidArgument(`${address} is not on ${sheet.name}`);
      }
      return parsed.box;
    });
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): SimRange {
    return this.range("Worksheet.getRangeByIndexes", () =>
      checkBox({ rowIndex: startRow, columnIndex: startColumn, rowCount, columnCount }),
    );
  }

  getCell(row: number, column: number): SimRange {
    return this.range("Worksheet.getCell", () =>
      checkBox({ rowIndex: row, columnIndex: column, rowCount: 1, columnCount: 1 }),
    );
  }

  getUsedRange(valuesOnly?: boolean): SimRange {
    return this.range(
      "Worksheet.getUsedRange",
      (sheet) =>
        this.context.model.usedBox(sheet, valuesOnly === true) ?? {
          rowIndex: 0,
          columnIndex: 0,
          rowCount: 1,
          columnCount: 1,
        },
    );
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): SimRange {
    return this.range(
      "Worksheet.getUsedRangeOrNullObject",
      (sheet) => this.context.model.usedBox(sheet, valuesOnly === true) ?? null,
    );
  }

  activate(): void {
    this.queueCall("activate", (s) => this.context.model.activate(s));
  }

  delete(): void {
    this.queueCall("delete", (s) => this.context.model.deleteSheet(s));
  }
}

// ---- Ranges ------------------------------------------------------------------------------------

function describeRange(target: RangeTarget): { address: string; cells: number } {
  return { address: formatAddress(target.sheet.name, target.box), cells: boxCells(target.box) };
}

function isEntireColumn(box: Box): boolean {
  return box.rowIndex === 0 && box.rowCount === MAX_ROWS;
}

function isEntireRow(box: Box): boolean {
  return box.columnIndex === 0 && box.columnCount === MAX_COLUMNS;
}

function specialCells(model: WorkbookModel, sheet: SheetModel, boxes: Box[], cellType: string): Box[] {
  if (cellType !== "Visible") {
    throw new ExcelSimError(
      "NotImplemented",
      `The simulator implements getSpecialCells("Visible") only, not "${cellType}".`,
    );
  }
  return boxes.flatMap((box) => model.visibleBoxes(sheet, box));
}

export class SimRange extends SimObject<RangeTarget> {
  private formatProxy: SimRangeFormat | undefined;
  private worksheetProxy: SimWorksheet | undefined;

  constructor(context: SimRequestContext, resolver: () => RangeTarget | null, createdBy?: string) {
    super(context, "Range", resolver, createdBy);
  }

  protected getters(): Getters<RangeTarget> {
    const model = this.context.model;
    return {
      address: (t) => formatAddress(t.sheet.name, t.box),
      addressLocal: (t) => formatAddress(t.sheet.name, t.box),
      rowIndex: (t) => t.box.rowIndex,
      columnIndex: (t) => t.box.columnIndex,
      rowCount: (t) => t.box.rowCount,
      columnCount: (t) => t.box.columnCount,
      cellCount: (t) => boxCells(t.box),
      isEntireColumn: (t) => isEntireColumn(t.box),
      isEntireRow: (t) => isEntireRow(t.box),
      values: (t) => model.readValues(t.sheet, t.box),
      valueTypes: (t) => model.readValueTypes(t.sheet, t.box),
      text: (t) => model.readText(t.sheet, t.box),
      formulas: (t) => model.readFormulas(t.sheet, t.box),
      numberFormat: (t) => model.readNumberFormat(t.sheet, t.box),
      rowHidden: (t) => model.rowHiddenState(t.sheet, t.box),
    };
  }

  protected override describe(target: RangeTarget): { address: string; cells: number } {
    return describeRange(target);
  }

  protected override navigation(name: string): { load(spec?: LoadSpec): unknown } | undefined {
    return name === "worksheet" ? this.worksheet : name === "format" ? this.format : undefined;
  }

  get address(): string {
    return this.read("address");
  }
  get addressLocal(): string {
    return this.read("addressLocal");
  }
  get rowIndex(): number {
    return this.read("rowIndex");
  }
  get columnIndex(): number {
    return this.read("columnIndex");
  }
  get rowCount(): number {
    return this.read("rowCount");
  }
  get columnCount(): number {
    return this.read("columnCount");
  }
  get cellCount(): number {
    return this.read("cellCount");
  }
  get isEntireColumn(): boolean {
    return this.read("isEntireColumn");
  }
  get isEntireRow(): boolean {
    return this.read("isEntireRow");
  }
  get values(): Array<Array<string | number | boolean>> {
    return this.read("values");
  }
  set values(input: unknown) {
    this.context.addPayload(input);
    this.queueSet("values", (t) => this.context.model.writeValues(t.sheet, t.box, input));
  }
  get formulas(): Array<Array<string | number | boolean>> {
    return this.read("formulas");
  }
  set formulas(input: unknown) {
    this.context.addPayload(input);
    this.queueSet("formulas", (t) => this.context.model.writeValues(t.sheet, t.box, input));
  }
  get valueTypes(): string[][] {
    return this.read("valueTypes");
  }
  get text(): string[][] {
    return this.read("text");
  }
  get numberFormat(): string[][] {
    return this.read("numberFormat");
  }
  set numberFormat(input: unknown) {
    this.context.addPayload(input);
    this.queueSet("numberFormat", (t) => this.context.model.writeNumberFormat(t.sheet, t.box, input));
  }
  get rowHidden(): boolean | null {
    return this.read("rowHidden");
  }
  set rowHidden(hidden: boolean) {
    this.queueSet("rowHidden", (t) => this.context.model.setRowsHidden(t.sheet, t.box, hidden));
  }

  get worksheet(): SimWorksheet {
    this.worksheetProxy ??= new SimWorksheet(
      this.context,
      this.derive((t) => t.sheet),
    );
    return this.worksheetProxy;
  }

  get format(): SimRangeFormat {
    this.formatProxy ??= new SimRangeFormat(
      this.context,
      this.derive((t) => t),
    );
    return this.formatProxy;
  }

  private related(method: string, map: (t: RangeTarget) => Box | null): SimRange {
    return new SimRange(
      this.context,
      this.derive((t) => {
        const box = map(t);
        return box === null ? null : { sheet: t.sheet, box: checkBox(box) };
      }),
      `Range.${method}`,
    );
  }

  /** The cell at (row, column) relative to this range's top-left; it may lie outside the range. */
  getCell(row: number, column: number): SimRange {
    return this.related("getCell", ({ box }) => ({
      rowIndex: box.rowIndex + row,
      columnIndex: box.columnIndex + column,
      rowCount: 1,
      columnCount: 1,
    }));
  }

  getRow(row: number): SimRange {
    return this.related("getRow", ({ box }) => {
      if (!Number.isInteger(row) || row < 0 || row >= box.rowCount) throw invalidArgument(`row ${row}`);
      return { ...box, rowIndex: box.rowIndex + row, rowCount: 1 };
    });
  }

  getColumn(column: number): SimRange {
    return this.related("getColumn", ({ box }) => {
      if (!Number.isInteger(column) || column < 0 || column >= box.columnCount)
        throw invalidArgument(`column ${column}`);
      return { ...box, columnIndex: box.columnIndex + column, columnCount: 1 };
    });
  }

  getOffsetRange(rowOffset: number, columnOffset: number): SimRange {
    return this.related("getOffsetRange", ({ box }) => ({
      ...box,
      rowIndex: box.rowIndex + rowOffset,
      columnIndex: box.columnIndex + columnOffset,
    }));
  }

  getResizedRange(deltaRows: number, deltaColumns: number): SimRange {
    return this.related("getResizedRange", ({ box }) => ({
      ...box,
      rowCount: box.rowCount + deltaRows,
      columnCount: box.columnCount + deltaColumns,
    }));
  }

  getEntireColumn(): SimRange {
    return this.related("getEntireColumn", ({ box }) => ({ ...box, rowIndex: 0, rowCount: MAX_ROWS }));
  }

  getEntireRow(): SimRange {
    return this.related("getEntireRow", ({ box }) => ({ ...box, columnIndex: 0, columnCount: MAX_COLUMNS }));
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): SimRange {
    return this.related("getUsedRangeOrNullObject", (t) => {
      const used = this.context.model.usedBox(t.sheet, valuesOnly === true);
      return (used && intersect(used, t.box)) ?? null;
    });
  }

  private intersection(method: string, other: SimRange | string, orNull: boolean): SimRange {
    return this.related(method, (t) => {
      let otherBox: Box;
      if (typeof other === "string") {
        const parsed = parseAddress(other);
        if (parsed.sheet !== "" && parsed.sheet.toLowerCase() !== t.sheet.name.toLowerCase()) {
          throw invalidArgument("ranges on different sheets");
        }
        otherBox = parsed.box;
      } else {
        const resolved = other.resolve();
        if (resolved === null) return null;
        if (resolved.sheet !== t.sheet) throw invalidArgument("ranges on different sheets");
        otherBox = resolved.box;
      }
      const common = intersect(t.box, otherBox);
      if (!common && !orNull) throw new ExcelSimError("ItemNotFound", "The ranges don't intersect.");
      return common ?? null;
    });
  }

  getIntersection(other: SimRange | string): SimRange {
    return this.intersection("getIntersection", other, false);
  }

  getIntersectionOrNullObject(other: SimRange | string): SimRange {
    return this.intersection("getIntersectionOrNullObject", other, true);
  }

  private special(method: string, cellType: string, orNull: boolean): SimRangeAreas {
    return new SimRangeAreas(
      this.context,
      this.derive((t) => {
        const boxes = specialCells(this.context.model, t.sheet, [t.box], cellType);
        if (boxes.length > 0) return { sheet: t.sheet, boxes };
        if (orNull) return null;
        throw new ExcelSimError("ItemNotFound", "No cells were found.");
      }),
      `Range.${method}`,
    );
  }

  getSpecialCells(cellType: string, _cellValueType?: string): SimRangeAreas {
    return this.special("getSpecialCells", cellType, false);
  }

  getSpecialCellsOrNullObject(cellType: string, _cellValueType?: string): SimRangeAreas {
    return this.special("getSpecialCellsOrNullObject", cellType, true);
  }

  select(): void {
    this.queueCall("select", (t) => this.context.model.selectBoxes(t.sheet, [t.box]));
  }

  clear(applyTo?: "All" | "Contents" | "Formats"): void {
    this.queueCall("clear", (t) => this.context.model.clear(t.sheet, t.box, applyTo ?? "All"));
  }
  /** Deletes the cells; only "Up" (whole cells moving up) is simulated. */
  delete(shift: "Up" | "Left"): void {
    this.queueCall("delete", (t) => {
      if (shift !== "Up") {
        throw new ExcelSimError("NotImplemented", `The simulator implements Range.delete("Up") only.`);
      }
      this.context.model.deleteCellsUp(t.sheet, t.box);
    });
  }
}

export class SimRangeFormat extends SimObject<RangeTarget> {
  constructor(context: SimRequestContext, resolver: () => RangeTarget | null) {
    super(context, "RangeFormat", resolver);
  }

  protected getters(): Getters<RangeTarget> {
    return {
      columnWidth: (t) => t.sheet.columnWidths.get(t.box.columnIndex) ?? 48,
    };
  }

  protected override describe(target: RangeTarget): { address: string; cells: number } {
    return describeRange(target);
  }

  get columnWidth(): number {
    return this.read("columnWidth");
  }
  set columnWidth(width: number) {
    this.queueSet("columnWidth", (t) => {
      for (let c = t.box.columnIndex; c < t.box.columnIndex + t.box.columnCount; c++)
        t.sheet.columnWidths.set(c, width);
      this.context.model.emit({ kind: "format", sheet: t.sheet.name });
    });
  }

  autofitColumns(): void {
    this.queueCall("autofitColumns", (t) => this.context.model.autofitColumns(t.sheet, t.box));
  }

  autofitRows(): void {
    this.queueCall("autofitRows", () => undefined);
  }
}

export class SimRangeAreas extends SimObject<AreasTarget> {
  private areasProxy: SimRangeCollection | undefined;
  private worksheetProxy: SimWorksheet | undefined;

  constructor(context: SimRequestContext, resolver: () => AreasTarget | null, createdBy?: string) {
    super(context, "RangeAreas", resolver, createdBy);
  }

  protected getters(): Getters<AreasTarget> {
    const address = (t: AreasTarget): string => t.boxes.map((b) => formatAddress(t.sheet.name, b)).join(",");
    return {
      address,
      addressLocal: address,
      areaCount: (t) => t.boxes.length,
      cellCount: (t) => t.boxes.reduce((n, b) => n + boxCells(b), 0),
      isEntireColumn: (t) => t.boxes.every(isEntireColumn),
      isEntireRow: (t) => t.boxes.every(isEntireRow),
    };
  }

  protected override describe(target: AreasTarget): { address: string; cells: number } {
    return {
      address: target.boxes.map((b) => formatAddress(target.sheet.name, b)).join(","),
      cells: target.boxes.reduce((n, b) => n + boxCells(b), 0),
    };
  }

  protected override navigation(name: string): { load(spec?: LoadSpec): unknown } | undefined {
    return name === "areas" ? this.areas : name === "worksheet" ? this.worksheet : undefined;
  }

  get address(): string {
    return this.read("address");
  }
  get addressLocal(): string {
    return this.read("addressLocal");
  }
  get areaCount(): number {
    return this.read("areaCount");
  }
  get cellCount(): number {
    return this.read("cellCount");
  }
  get isEntireColumn(): boolean {
    return this.read("isEntireColumn");
  }
  get isEntireRow(): boolean {
    return this.read("isEntireRow");
  }

  get areas(): SimRangeCollection {
    this.areasProxy ??= new SimRangeCollection(
      this.context,
      this.derive((t) => t),
    );
    return this.areasProxy;
  }

  get worksheet(): SimWorksheet {
    this.worksheetProxy ??= new SimWorksheet(
      this.context,
      this.derive((t) => t.sheet),
    );
    return this.worksheetProxy;
  }

  getIntersectionOrNullObject(other: SimRange | string): SimRangeAreas {
    return new SimRangeAreas(
      this.context,
      this.derive((t) => {
        let otherBox: Box;
        if (typeof other === "string") {
          otherBox = parseAddress(other).box;
        } else {
          const resolved = other.resolve();
          if (resolved === null || resolved.sheet !== t.sheet) return null;
          otherBox = resolved.box;
        }
        const boxes = t.boxes.flatMap((b) => intersect(b, otherBox) ?? []);
        return boxes.length > 0 ? { sheet: t.sheet, boxes } : null;
      }),
      "RangeAreas.getIntersectionOrNullObject",
    );
  }

  getSpecialCellsOrNullObject(cellType: string, _cellValueType?: string): SimRangeAreas {
    return new SimRangeAreas(
      this.context,
      this.derive((t) => {
        const boxes = specialCells(this.context.model, t.sheet, t.boxes, cellType);
        return boxes.length > 0 ? { sheet: t.sheet, boxes } : null;
      }),
      "RangeAreas.getSpecialCellsOrNullObject",
    );
  }

  select(): void {
    this.queueCall("select", (t) => this.context.model.selectBoxes(t.sheet, t.boxes));
  }
}

export class SimRangeCollection extends SimCollection<AreasTarget, SimRange> {
  constructor(context: SimRequestContext, resolver: () => AreasTarget | null) {
    super(context, "RangeCollection", resolver);
  }

  protected getters(): Getters<AreasTarget> {
    return {};
  }

  protected list(target: AreasTarget): SimRange[] {
    return target.boxes.map((box) => new SimRange(this.context, () => ({ sheet: target.sheet, box })));
  }

  getItemAt(index: number): SimRange {
    return new SimRange(
      this.context,
      this.derive((t) => {
        const box = t.boxes[index];
        if (!box) throw new ExcelSimError("ItemNotFound");
        return { sheet: t.sheet, box };
      }),
      "RangeCollection.getItemAt",
    );
  }

  getCount(): SimClientResult<number> {
    return new SimClientResult(
      this.context,
      "RangeCollection.getCount",
      () => this.resolve()?.boxes.length ?? 0,
    );
  }
}

// ---- Tables ------------------------------------------------------------------------------------

interface TableScope {
  /** null: the workbook's tables. */
  sheet: SheetModel | null;
}

export class SimTableCollection extends SimCollection<TableScope, SimTable> {
  constructor(context: SimRequestContext, resolver: () => TableScope | null) {
    super(context, "TableCollection", resolver);
  }

  private inScope(scope: TableScope): TableModel[] {
    return this.context.model.tables.filter((t) => scope.sheet === null || t.sheet === scope.sheet);
  }

  protected getters(): Getters<TableScope> {
    return { count: (scope) => this.inScope(scope).length };
  }

  get count(): number {
    return this.read("count");
  }

  protected list(scope: TableScope): SimTable[] {
    return this.inScope(scope).map((t) => new SimTable(this.context, () => t));
  }

  private find(scope: TableScope, key: string): TableModel | undefined {
    const table = this.context.model.findTable(key);
    return table && (scope.sheet === null || table.sheet === scope.sheet) ? table : undefined;
  }

  getItem(key: string): SimTable {
    return new SimTable(
      this.context,
      this.derive((scope) => {
        const table = this.find(scope, key);
        if (!table) throw new ExcelSimError("ItemNotFound", `The table '${key}' doesn't exist.`);
        return table;
      }),
      "TableCollection.getItem",
    );
  }

  getItemOrNullObject(key: string): SimTable {
    return new SimTable(
      this.context,
      this.derive((scope) => this.find(scope, key) ?? null),
      "TableCollection.getItemOrNullObject",
    );
  }

  add(address: SimRange | string, hasHeaders: boolean): SimTable {
    return new SimTable(
      this.context,
      this.derive((scope) => {
        const model = this.context.model;
        let sheet: SheetModel;
        let box: Box;
        if (typeof address === "string") {
          const parsed = parseAddress(address);
          sheet = parsed.sheet !== "" ? model.sheet(parsed.sheet) : (scope.sheet ?? model.activeSheet);
          if (scope.sheet !== null && sheet !== scope.sheet)
            throw invalidArgument(`${address} is not on this sheet`);
          box = parsed.box;
        } else {
          const resolved = address.resolve();
          if (resolved === null) throw invalidArgument("null range");
          sheet = resolved.sheet;
          box = resolved.box;
        }
        const table = model.addTable(sheet, box, hasHeaders);
        model.record({ kind: "call", member: "TableCollection.add", ...describeRange({ sheet, box }) });
        return table;
      }),
      "TableCollection.add",
    );
  }

  getCount(): SimClientResult<number> {
    return new SimClientResult(this.context, "TableCollection.getCount", () => {
      const scope = this.resolve();
      return scope === null ? 0 : this.inScope(scope).length;
    });
  }
}

export class SimTable extends SimObject<TableModel> {
  private rowsProxy: SimTableRowCollection | undefined;
  private worksheetProxy: SimWorksheet | undefined;

  constructor(context: SimRequestContext, resolver: () => TableModel | null, createdBy?: string) {
    super(context, "Table", resolver, createdBy);
  }

  protected getters(): Getters<TableModel> {
    return {
      id: (t) => t.id,
      name: (t) => t.name,
      showHeaders: () => true,
      showTotals: () => false,
      style: () => "TableStyleMedium2",
    };
  }

  protected override navigation(name: string): { load(spec?: LoadSpec): unknown } | undefined {
    return name === "rows" ? this.rows : name === "worksheet" ? this.worksheet : undefined;
  }

  get id(): string {
    return this.read("id");
  }
  get name(): string {
    return this.read("name");
  }
  set name(value: string) {
    this.queueSet("name", (t) => this.context.model.renameTable(t, value));
  }
  get showHeaders(): boolean {
    return this.read("showHeaders");
  }
  get showTotals(): boolean {
    return this.read("showTotals");
  }
  get style(): string {
    return this.read("style");
  }

  get rows(): SimTableRowCollection {
    this.rowsProxy ??= new SimTableRowCollection(
      this.context,
      this.derive((t) => t),
    );
    return this.rowsProxy;
  }

  get worksheet(): SimWorksheet {
    this.worksheetProxy ??= new SimWorksheet(
      this.context,
      this.derive((t) => t.sheet),
    );
    return this.worksheetProxy;
  }

  private part(method: string, map: (t: TableModel) => Box): SimRange {
    return new SimRange(
      this.context,
      this.derive((t) => ({ sheet: t.sheet, box: map(t) })),
      `Table.${method}`,
    );
  }

  getRange(): SimRange {
    return this.part("getRange", (t) => this.context.model.tableBox(t));
  }

  getHeaderRowRange(): SimRange {
    return this.part("getHeaderRowRange", (t) => ({ ...this.context.model.tableBox(t), rowCount: 1 }));
  }

  getDataBodyRange(): SimRange {
    return this.part("getDataBodyRange", (t) => ({
      rowIndex: t.rowIndex + 1,
      columnIndex: t.columnIndex,
      rowCount: Math.max(1, t.dataRowCount),
      columnCount: t.columnCount,
    }));
  }
}

export class SimTableRowCollection extends SimCollection<TableModel, SimTableRow> {
  constructor(context: SimRequestContext, resolver: () => TableModel | null) {
    super(context, "TableRowCollection", resolver);
  }

  protected getters(): Getters<TableModel> {
    return { count: (t) => t.dataRowCount };
  }

  get count(): number {
    return this.read("count");
  }

  protected list(table: TableModel): SimTableRow[] {
    return Array.from(
      { length: table.dataRowCount },
      (_, index) => new SimTableRow(this.context, () => ({ table, index })),
    );
  }

  /** Inserts rows at `index` (null/undefined: at the end), moving the cells below down. */
  add(index?: number | null, values?: unknown, _alwaysInsert?: boolean): SimTableRow {
    this.context.addPayload(values);
    return new SimTableRow(
      this.context,
      this.derive((table) => {
        const model = this.context.model;
        const before = table.dataRowCount;
        const at = model.addTableRows(table, index, values);
        const rowCount = table.dataRowCount - before;
        model.record({
          kind: "call",
          member: "TableRowCollection.add",
          ...describeRange({
            sheet: table.sheet,
            box: {
              rowIndex: table.rowIndex + 1 + at,
              columnIndex: table.columnIndex,
              rowCount,
              columnCount: table.columnCount,
            },
          }),
        });
        return { table, index: at };
      }),
      "TableRowCollection.add",
    );
  }

  getItemAt(index: number): SimTableRow {
    return new SimTableRow(
      this.context,
      this.derive((table) => {
        if (!Number.isInteger(index) || index < 0 || index >= table.dataRowCount)
          throw new ExcelSimError("ItemNotFound");
        return { table, index };
      }),
      "TableRowCollection.getItemAt",
    );
  }

  getCount(): SimClientResult<number> {
    return new SimClientResult(
      this.context,
      "TableRowCollection.getCount",
      () => this.resolve()?.dataRowCount ?? 0,
    );
  }
}

function tableRowBox(t: TableRowTarget): Box {
  return {
    rowIndex: t.table.rowIndex + 1 + t.index,
    columnIndex: t.table.columnIndex,
    rowCount: 1,
    columnCount: t.table.columnCount,
  };
}

export class SimTableRow extends SimObject<TableRowTarget> {
  constructor(context: SimRequestContext, resolver: () => TableRowTarget | null, createdBy?: string) {
    super(context, "TableRow", resolver, createdBy);
  }

  protected getters(): Getters<TableRowTarget> {
    return {
      index: (t) => t.index,
      values: (t) => this.context.model.readValues(t.table.sheet, tableRowBox(t)),
    };
  }

  get index(): number {
    return this.read("index");
  }
  get values(): Array<Array<string | number | boolean>> {
    return this.read("values");
  }
  set values(input: unknown) {
    this.queueSet("values", (t) => this.context.model.writeValues(t.table.sheet, tableRowBox(t), input));
  }

  getRange(): SimRange {
    return new SimRange(
      this.context,
      this.derive((t) => ({ sheet: t.table.sheet, box: tableRowBox(t) })),
      "TableRow.getRange",
    );
  }
}

// ---- Office, Excel, OfficeExtension ------------------------------------------------------------

export interface ExcelApiOptions {
  /** Requirement sets and their highest supported version; default ExcelApi 1.17. */
  requirementSets?: Record<string, string>;
  host?: string;
  platform?: string;
}

interface SimAsyncResult {
  status: "succeeded" | "failed";
  value: undefined;
  error?: { name: string; message: string; code: number };
  asyncContext?: unknown;
}

type SimEventHandler = (args: { type: string; document: unknown }) => void;

function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Builds the Excel, Office and OfficeExtension objects of a simulated host over `model`. */
export function createExcelApi(model: WorkbookModel, options: ExcelApiOptions = {}) {
  const requirementSets = new Map(
    Object.entries(options.requirementSets ?? { ExcelApi: "1.17", DialogApi: "1.2", IdentityAPI: "1.3" }).map(
      ([name, version]) => [name.toLowerCase(), version] as const,
    ),
  );
  const host = options.host ?? "Excel";
  const platform = options.platform ?? "OfficeOnline";

  class RequestContext extends SimRequestContext {
    constructor() {
      super(model);
    }
  }

  async function run<R>(...args: unknown[]): Promise<R> {
    const batch = typeof args[0] === "function" ? args[0] : args[1];
    if (typeof batch !== "function") throw invalidArgument("Excel.run needs a batch function");
    const context = new SimRequestContext(model);
    try {
      const result: unknown = batch(context);
      if (!(result instanceof Promise))
        throw new ExcelSimError("RunMustReturnPromise", undefined, "Excel.run");
      const value = (await result) as R;
      await context.sync();
      return value;
    } finally {
      context.end();
    }
  }

  const Excel = {
    run,
    RequestContext,
    SpecialCellType: {
      conditionalFormats: "ConditionalFormats",
      dataValidations: "DataValidations",
      blanks: "Blanks",
      constants: "Constants",
      formulas: "Formulas",
      sameConditionalFormat: "SameConditionalFormat",
      sameDataValidation: "SameDataValidation",
      visible: "Visible",
    },
    SheetVisibility: { visible: "Visible", hidden: "Hidden", veryHidden: "VeryHidden" },
    ClearApplyTo: { all: "All", formats: "Formats", contents: "Contents" },
    DeleteShiftDirection: { up: "Up", left: "Left" },
    RangeValueType: {
      unknown: "Unknown",
      empty: "Empty",
      string: "String",
      integer: "Integer",
      double: "Double",
      boolean: "Boolean",
      error: "Error",
      richValue: "RichValue",
    },
    ErrorCodes: {
      accessDenied: "AccessDenied",
      apiNotFound: "ApiNotFound",
      generalException: "GeneralException",
      insertDeleteConflict: "InsertDeleteConflict",
      invalidArgument: "InvalidArgument",
      invalidBinding: "InvalidBinding",
      invalidOperation: "InvalidOperation",
      invalidReference: "InvalidReference",
      invalidSelection: "InvalidSelection",
      itemAlreadyExists: "ItemAlreadyExists",
      itemNotFound: "ItemNotFound",
      nonBlankCellOffSheet: "NonBlankCellOffSheet",
      notImplemented: "NotImplemented",
      rangeExceedsLimit: "RangeExceedsLimit",
      requestAborted: "RequestAborted",
      responsePayloadSizeLimitExceeded: "ResponsePayloadSizeLimitExceeded",
      unsupportedOperation: "UnsupportedOperation",
    },
  };

  const OfficeExtension = {
    Error: ExcelSimError,
    ClientObject: SimObject,
    ClientResult: SimClientResult,
    ClientRequestContext: SimRequestContext,
    ErrorCodes: {
      accessDenied: "AccessDenied",
      generalException: "GeneralException",
      invalidArgument: "InvalidArgument",
      invalidObjectPath: "InvalidObjectPath",
      invalidRequestContext: "InvalidRequestContext",
      propertyNotLoaded: "PropertyNotLoaded",
      runMustReturnPromise: "RunMustReturnPromise",
      valueNotLoaded: "ValueNotLoaded",
    },
    config: { extendedErrorLogging: false },
  };

  const selectionHandlers = new Set<SimEventHandler>();
  const document = {
    get url(): string {
      return model.documentUrl;
    },
    mode: "readWrite",
    addHandlerAsync(
      eventType: string,
      handler: SimEventHandler,
      optionsOrCallback?: unknown,
      callback?: (result: SimAsyncResult) => void,
    ): void {
      const done = typeof optionsOrCallback === "function" ? optionsOrCallback : callback;
      let result: SimAsyncResult = { status: "succeeded", value: undefined };
      if (eventType === "documentSelectionChanged") selectionHandlers.add(handler);
      else
        result = {
          status: "failed",
          value: undefined,
          error: {
            name: "Invalid Event Type",
            message: `The simulator does not raise ${eventType}.`,
            code: 5001,
          },
        };
      if (typeof done === "function") queueMicrotask(() => (done as (r: SimAsyncResult) => void)(result));
    },
    removeHandlerAsync(
      eventType: string,
      optionsOrCallback?: unknown,
      callback?: (result: SimAsyncResult) => void,
    ): void {
      const done = typeof optionsOrCallback === "function" ? optionsOrCallback : callback;
      if (eventType === "documentSelectionChanged") {
        const handler =
          typeof optionsOrCallback === "object" &&
          optionsOrCallback !== null &&
          "handler" in optionsOrCallback
            ? (optionsOrCallback as { handler: unknown }).handler
            : undefined;
        if (typeof handler === "function") selectionHandlers.delete(handler as SimEventHandler);
        else selectionHandlers.clear();
      }
      if (typeof done === "function")
        queueMicrotask(() =>
          (done as (r: SimAsyncResult) => void)({ status: "succeeded", value: undefined }),
        );
    },
  };
  const unsubscribe = model.subscribe((change: ModelChange) => {
    if (change.kind !== "selection") return;
    for (const handler of [...selectionHandlers]) {
      queueMicrotask(() => handler({ type: "documentSelectionChanged", document }));
    }
  });

  const Office = {
    HostType: {
      Excel: "Excel",
      Word: "Word",
      PowerPoint: "PowerPoint",
      Outlook: "Outlook",
      OneNote: "OneNote",
      Project: "Project",
      Access: "Access",
    },
    PlatformType: {
      PC: "PC",
      OfficeOnline: "OfficeOnline",
      Mac: "Mac",
      iOS: "iOS",
      Android: "Android",
      Universal: "Universal",
    },
    EventType: { DocumentSelectionChanged: "documentSelectionChanged" },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    context: {
      document,
      host,
      platform,
      displayLanguage: "en-US",
      contentLanguage: "en-US",
      diagnostics: { host, platform, version: "16.0.0000.1000" },
      officeTheme: {
        bodyBackgroundColor: "#FFFFFF",
        bodyForegroundColor: "#000000",
        controlBackgroundColor: "#FFFFFF",
        controlForegroundColor: "#000000",
        isDarkTheme: false,
      },
      requirements: {
        isSetSupported(name: string, minVersion?: string | number): boolean {
          const supported = requirementSets.get(name.toLowerCase());
          if (supported === undefined) return false;
          return minVersion === undefined || compareVersions(supported, String(minVersion)) >= 0;
        },
      },
    },
    onReady(
      callback?: (info: { host: string; platform: string }) => void,
    ): Promise<{ host: string; platform: string }> {
      const info = { host, platform };
      return Promise.resolve().then(() => {
        callback?.(info);
        return info;
      });
    },
  };

  return { Excel, Office, OfficeExtension, dispose: unsubscribe };
}

export type SimExcelApi = ReturnType<typeof createExcelApi>;
