// Rows hidden or shown in any worksheet (a filter, Hide / Unhide): the pane reads the selection again,
// since hidden rows are left out of the recipients. Office's DocumentSelectionChanged does not fire for
// them. Excel's WorksheetCollection.onRowHiddenChanged does, from ExcelApi 1.11; on an older Excel the
// pane keeps following the selection only.
// https://learn.microsoft.com/javascript/api/excel/excel.worksheetcollection#excel-excel-worksheetcollection-onrowhiddenchanged-member
// https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-worksheets#detect-changes-to-the-row-hidden-state

/** Calls `listener` whenever rows are hidden or shown; returns the function that stops listening. */
export function watchRowsHidden(listener: () => void): () => void {
  if (!Office.context.requirements.isSetSupported("ExcelApi", "1.11")) return () => undefined;
  let handler: OfficeExtension.EventHandlerResult<Excel.WorksheetRowHiddenChangedEventArgs> | undefined;
  let stopped = false;
  const remove = (h: NonNullable<typeof handler>) =>
    Excel.run(h.context, async (context) => {
      h.remove();
      await context.sync();
    }).catch(() => undefined);
  void Excel.run(async (context) => {
    handler = context.workbook.worksheets.onRowHiddenChanged.add(async () => listener());
    await context.sync();
    if (stopped) await remove(handler);
  }).catch(() => undefined); // No event: the preview still follows the selection and Refresh.
  return () => {
    stopped = true;
    if (handler) void remove(handler);
  };
}
