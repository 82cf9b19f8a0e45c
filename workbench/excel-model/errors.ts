// The simulator's error: the shape of OfficeExtension.Error (code, message, debugInfo, traceMessages,
// innerError, name "RichApi.Error"). The model throws it without a location; the request context adds
// the failing statement's location (e.g. "Worksheet.getItem") when a sync rejects.

/** Messages as Office.js shows them in English, keyed by error code. */
export const ERROR_MESSAGES: Readonly<Record<string, string>> = {
  AccessDenied: "You cannot perform the requested operation.",
  GeneralException: "There was an internal error while processing the request.",
  InvalidArgument: "The argument is invalid or missing or has an incorrect format.",
  InvalidObjectPath:
    'The object path isn\'t working for what you\'re trying to do. If you\'re using the object across multiple "context.sync" calls and outside the sequential execution of a ".run" batch, please use the "context.trackedObjects.add()" and "context.trackedObjects.remove()" methods to manage the object\'s lifetime.',
  InvalidOperation: "The operation is invalid for the object.",
  InvalidReference: "This reference isn't valid for the current operation.",
  InvalidSelection: "The current selection is invalid for this operation.",
  ItemAlreadyExists: "The resource already exists.",
  ItemNotFound: "The requested resource doesn't exist.",
  NonBlankCellOffSheet:
    "Microsoft Excel can't insert new cells because it would push non-empty cells off the end of the worksheet.",
  NotImplemented: "The requested feature isn't implemented.",
  // office.js's own texts for these (L_RequestPayloadSizeLimitExceededMessage, ...), word for word.
  RequestPayloadSizeLimitExceeded:
    'The request payload size has exceeded the limit. Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".',
  ResponsePayloadSizeLimitExceeded:
    'The response payload size has exceeded the limit. Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".',
  RunMustReturnPromise:
    'The batch function passed to the ".run" method didn\'t return a promise. The function must return a promise, so that any automatically-tracked objects can be released at the completion of the batch operation. Typically, you return a promise by returning the response from "context.sync()".',
};

export interface SimDebugInfo {
  code: string;
  message: string;
  errorLocation?: string;
}

export class ExcelSimError extends Error {
  override name = "RichApi.Error";
  readonly code: string;
  readonly debugInfo: SimDebugInfo;
  readonly traceMessages: string[] = [];
  readonly innerError: ExcelSimError | null = null;

  constructor(code: string, message?: string, errorLocation?: string) {
    const text = message ?? ERROR_MESSAGES[code] ?? code;
    super(text);
    this.code = code;
    this.debugInfo = { code, message: text };
    if (errorLocation !== undefined) this.debugInfo.errorLocation = errorLocation;
  }

  /** Sets debugInfo.errorLocation unless a more precise one is already there. */
  at(errorLocation: string): this {
    if (this.debugInfo.errorLocation === undefined) this.debugInfo.errorLocation = errorLocation;
    return this;
  }
}

export function propertyNotLoaded(property: string, className: string): ExcelSimError {
  return new ExcelSimError(
    "PropertyNotLoaded",
    `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
    `${className}.${property}`,
  );
}

export function invalidArgument(detail?: string): ExcelSimError {
  return new ExcelSimError(
    "InvalidArgument",
    detail === undefined ? undefined : `${ERROR_MESSAGES.InvalidArgument} (${detail})`,
  );
}
