// The workbench as Excel on the web, for Microsoft's real office.js running in the task pane iframe.
// office.js talks to its host page over postMessage ("XDM"): it finds the host's kind in window.name,
// asks for its context (ContextActivationManager_getAppContextAsync), registers for events and sends every
// context.sync() as an executeMethod call (dispatch id 93, "RichApi") whose body the RichApi engine
// answers. The message shapes are those of @microsoft/office-js 1.1.110, dist/excel-web-16.00.debug.js:
// Microsoft.Office.Common.Request/Response/MessagePackager, XdmCommunicationManager._receive,
// OSF.InitializationHelper.prototype.getAppContext, OSF.DDA.WAC.Delegate.registerEventAsync,
// RichApiMessageUtility.getResponseBodyFromSafeArray. Add-in side of the same protocol, documented:
// https://learn.microsoft.com/office/dev/add-ins/develop/loading-the-dom-and-runtime-environment

/** What the host tells office.js about itself and the document (see hostContext()). */
export interface HostContext {
  /** Office.context.document.url; "" for an unsaved workbook. */
  docUrl: string;
  /** Requirement sets and their versions, e.g. { ExcelApi: "1.17" } (strings: "1.10" is not 1.1). */
  requirementSets: Readonly<Record<string, string>>;
  locale: string;
}

/** One executeMethod call's RichApi request body (JSON text) → the response body (JSON text). */
export type RichApiHandler = (requestBody: string) => string;

export interface OfficeHostOptions {
  /** Where the pane's iframe goes; each load() replaces it with a new one. */
  container: HTMLElement;
  /** The iframe's accessible title. */
  title: string;
  context: () => HostContext;
  richApi: RichApiHandler;
  /** A message the host does not understand, or a RichApi request the engine refused: raw JSON. */
  onProtocolError: (what: string, raw: string) => void;
  /** Every message in and out, when set (the workbench page's ?trace=1). */
  trace?: (line: string) => void;
}

/** office.js's message fields (Microsoft.Office.Common.Message/Request/Response). */
interface XdmMessage {
  _messageType: number;
  _actionName: string;
  _actionType?: number;
  _conversationId: string;
  _correlationId: number | string;
  _data?: unknown;
}

const MESSAGE_REQUEST = 0;
const MESSAGE_RESPONSE = 1;
const ACTION_INVOKE = 0;
const ACTION_REGISTER = 1;
const ACTION_UNREGISTER = 2;
const RESPONSE_FOR_CALLING = 0;
const RESPONSE_FOR_EVENTING = 1;
/** Microsoft.Office.Common.InvokeResultCode.errorHandlingRequest. */
const XDM_ERROR_HANDLING_REQUEST = -2;
/** OSF.AppName.ExcelWebApp. */
const APP_NAME_EXCEL_WEB = 16;
/** OSF.DDA.MethodDispId.dispidExecuteRichApiRequestMethod. */
const DISPID_RICH_API = 93;
const SELECTION_CHANGED = "documentSelectionChanged";
/** Office.EventType.RichApiMessage: how Excel's own events (worksheet.onRowHiddenChanged, ...) reach office.js. */
const RICH_API_MESSAGE = "richApiMessage";
/** OfficeExtension.Constants.eventMessageCategory and eventWorkbookId; 22: the RowHiddenChanged event type. */
const EVENT_MESSAGE_CATEGORY = 65536;
const EVENT_WORKBOOK_ID = "Workbook";
const EVENT_ROW_HIDDEN_CHANGED = 22;

/** What a WorksheetRowHiddenChanged event carries (Excel.WorksheetRowHiddenChangedEventArgs). */
export interface RowHiddenChange {
  worksheetId: string;
  /** The rows, e.g. "5:5" or "8:10". */
  address: string;
  hidden: boolean;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function parseMessage(data: unknown): XdmMessage | undefined {
  if (typeof data !== "string") return undefined;
  let v: unknown;
  try {
    v = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (!isRecord(v) || typeof v["_actionName"] !== "string" || typeof v["_conversationId"] !== "string") {
    return undefined;
  }
  return v as unknown as XdmMessage;
}

/**
 * The window.name office.js reads in the pane: host info (type$platform$version$locale$correlation$
 * isDialog$disableLogging$flags; "disableLogging" keeps office.js from loading its telemetry script) and
 * XDM info (conversationId$controlId$hostOrigin).
 */
export function paneWindowName(
  conversationId: string,
  controlId: string,
  hostOrigin: string,
  locale: string,
): string {
  return JSON.stringify({
    hostInfo: `Excel$Web$16.00$${locale}$workbench$$disableLogging$0`,
    xdmInfo: `${conversationId}$${controlId}$${hostOrigin}`,
    serializerVersion: "1",
  });
}

/** The reply to ContextActivationManager_getAppContextAsync (fields of OSF.OfficeAppContext). */
export function appContextReply(controlId: string, context: HostContext): Record<string, unknown> {
  return {
    _id: controlId,
    _appName: APP_NAME_EXCEL_WEB,
    _appVersion: "16.0.0.0",
    _appMinorVersion: 0,
    _appUILocale: context.locale,
    _dataLocale: context.locale,
    _docUrl: context.docUrl,
    // 1: Office.context.document.url is _docUrl (with 0 office.js reports the pane's own URL).
    _clientMode: 1,
    _settings: [],
    _reason: 0,
    _osfControlType: 0,
    _eToken: "",
    _correlationId: "workbench",
    _appInstanceId: controlId,
    _requirementMatrix: JSON.stringify(context.requirementSets),
    _hostFullVersion: "16.0.0.0",
    _appDomains: [],
    // Shown by office.js in its own prompts (e.g. "Bulk Share wants to display a new window").
    _addinName: "Bulk Share",
    _featureGates: "{}",
  };
}

export class OfficeHost {
  private readonly conversationId = `workbench-${Math.random().toString(36).slice(2)}`;
  private readonly controlId = "workbench-taskpane";
  private readonly events = new Set<string>();
  private readonly listener = (ev: MessageEvent): void => this.receive(ev);
  private paneOrigin = "";
  private frame: HTMLIFrameElement | undefined;
  private nextEventId = 1;

  constructor(private readonly options: OfficeHostOptions) {
    window.addEventListener("message", this.listener);
  }

  /**
   * (Re)loads the pane in a new iframe whose name is set before it is inserted: office.js reads
   * window.name as it starts, and an iframe's name given later does not reliably reach the window.
   */
  load(paneUrl: string): void {
    this.events.clear();
    this.paneOrigin = new URL(paneUrl, window.location.href).origin;
    const frame = document.createElement("iframe");
    frame.id = "taskpane";
    frame.title = this.options.title;
    frame.name = paneWindowName(
      this.conversationId,
      this.controlId,
      window.location.origin,
      this.options.context().locale,
    );
    frame.src = paneUrl;
    this.frame?.remove();
    this.frame = frame;
    this.options.container.append(frame);
  }

  /** The pane's window (undefined before the first load). */
  paneWindow(): Window | undefined {
    return this.frame?.contentWindow ?? undefined;
  }

  /** Raises Office's DocumentSelectionChanged in the pane (when it registered for it). */
  selectionChanged(): void {
    if (!this.events.has(SELECTION_CHANGED)) return;
    this.post({
      _messageType: MESSAGE_RESPONSE,
      _responseType: RESPONSE_FOR_EVENTING,
      _actionName: SELECTION_CHANGED,
      _conversationId: this.conversationId,
      _correlationId: 0,
      _errorCode: 0,
      _data: {},
    });
  }

  /**
   * Raises Excel's onRowHiddenChanged (ExcelApi 1.11) in the pane, for the worksheet collection and the
   * worksheet, as one RichApi message (OSF.DDA.RichApiMessageEventArgs' entries: category, event type,
   * target id, the event's JSON, id, remote flag). office.js hands it to the handlers registered for
   * that target and ignores it otherwise.
   */
  rowHiddenChanged(change: RowHiddenChange): void {
    if (!this.events.has(RICH_API_MESSAGE)) return;
    const args = JSON.stringify({
      type: "WorksheetRowHiddenChanged",
      worksheetId: change.worksheetId,
      address: change.address,
      changeType: change.hidden ? "Hidden" : "Unhidden",
      source: "Local",
    });
    const entry = (target: string) => [
      EVENT_MESSAGE_CATEGORY,
      EVENT_ROW_HIDDEN_CHANGED,
      target,
      args,
      this.nextEventId++,
      false,
    ];
    this.post({
      _messageType: MESSAGE_RESPONSE,
      _responseType: RESPONSE_FOR_EVENTING,
      _actionName: RICH_API_MESSAGE,
      _conversationId: this.conversationId,
      _correlationId: 0,
      _errorCode: 0,
      _data: { ArrayData: [entry(EVENT_WORKBOOK_ID), entry(change.worksheetId)] },
    });
  }

  dispose(): void {
    window.removeEventListener("message", this.listener);
  }

  private post(message: Record<string, unknown>): void {
    const target = this.frame?.contentWindow;
    if (!target || !this.paneOrigin) return;
    const text = JSON.stringify({ ...message, _origin: window.location.origin, _serializerVersion: 1 });
    this.options.trace?.(`host → pane ${text}`);
    target.postMessage(text, this.paneOrigin);
  }

  private reply(request: XdmMessage, data: unknown, errorCode = 0): void {
    this.post({
      _messageType: MESSAGE_RESPONSE,
      _responseType: RESPONSE_FOR_CALLING,
      _actionName: request._actionName,
      _conversationId: request._conversationId,
      _correlationId: request._correlationId,
      _errorCode: errorCode,
      _data: data,
    });
  }

  private receive(ev: MessageEvent): void {
    if (!this.frame || ev.source !== this.frame.contentWindow || ev.origin !== this.paneOrigin) return;
    const raw = typeof ev.data === "string" ? ev.data : "";
    const message = parseMessage(ev.data);
    if (!message) return; // not office.js (MSAL's bridge and others use their own messages)
    this.options.trace?.(`pane → host ${raw}`);
    if (message._messageType !== MESSAGE_REQUEST) return;
    if (message._conversationId !== this.conversationId) {
      this.options.onProtocolError("a message for another conversation", raw);
      return;
    }
    if (message._actionType === ACTION_REGISTER || message._actionType === ACTION_UNREGISTER) {
      if (message._actionType === ACTION_REGISTER) this.events.add(message._actionName);
      else this.events.delete(message._actionName);
      this.reply(message, { Error: 0 });
      return;
    }
    if (message._actionType !== ACTION_INVOKE) {
      this.options.onProtocolError(`an unknown action type ${String(message._actionType)}`, raw);
      this.reply(message, null, XDM_ERROR_HANDLING_REQUEST);
      return;
    }
    this.invoke(message, raw);
  }

  private invoke(message: XdmMessage, raw: string): void {
    switch (message._actionName) {
      case "ContextActivationManager_getAppContextAsync":
        this.reply(message, appContextReply(this.controlId, this.options.context()));
        return;
      case "ContextActivationManager_notifyHost":
        this.reply(message, null);
        return;
      case "executeMethod":
        this.executeMethod(message, raw);
        return;
      default:
        this.options.onProtocolError(`an unknown call ${message._actionName}`, raw);
        this.reply(message, null, XDM_ERROR_HANDLING_REQUEST);
    }
  }

  private executeMethod(message: XdmMessage, raw: string): void {
    const data = message._data;
    const method = isRecord(data) && isRecord(data["DdaMethod"]) ? data["DdaMethod"] : undefined;
    const args = isRecord(data) && Array.isArray(data["ArrayData"]) ? (data["ArrayData"] as unknown[]) : [];
    if (method?.["DispatchId"] !== DISPID_RICH_API || typeof args[4] !== "string") {
      this.options.onProtocolError(`an executeMethod call the workbench does not implement`, raw);
      this.reply(message, { Version: 1, Error: 5001, Data: null });
      return;
    }
    let body: string;
    try {
      body = this.options.richApi(args[4]);
    } catch (e) {
      this.options.onProtocolError(`a RichApi request the engine refused (${String(e)})`, args[4]);
      body = JSON.stringify({
        Error: {
          Code: "WorkbenchUnsupported",
          Message: `The workbench cannot run this request: ${e instanceof Error ? e.message : String(e)}`,
          HttpStatusCode: 500,
        },
      });
    }
    this.reply(message, { Version: 1, Error: 0, Data: [200, [], body] });
  }
}
