// English: what the pane says when it cannot start (opened outside Excel, or office.js did not load).
// These texts are shown before Office is ready, in the browser's language.

export const startup = {
  "startup.loading": "Loading…",
  "startup.notInExcel.title": "Open this add-in from Excel",
  "startup.notInExcel.body":
    "This page is the Bulk Share add-in's task pane and works only inside Excel. In Excel, go to Home > Bulk Share > Share with list.",
  "startup.noOfficeJs.title": "The add-in could not start",
  "startup.noOfficeJs.body":
    "office.js, Microsoft's library that connects the add-in to Excel, could not be loaded from the Office CDN (appsforoffice.microsoft.com).",
  "startup.waiting.title": "Excel has not answered",
  "startup.waiting.body": "The add-in has waited {seconds} seconds for Excel without an answer.",
  "startup.ifInExcel":
    "If this is Excel: check the network connection, or ask your administrator to allow appsforoffice.microsoft.com, then close the pane and open it again.",
  "startup.ifBrowser":
    "If you opened this page in a browser: open the add-in from Excel instead, with Home > Bulk Share > Share with list.",
} as const;
