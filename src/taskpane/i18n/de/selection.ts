// German: the Selection card (the preview of the recipients in the selected cells).

import type { Translation } from "../format";
import type { selection as en } from "../en/selection";

export const selection: Translation<typeof en> = {
  "selection.title": "Auswahl",
  "selection.refresh": "Aktualisieren",
  "selection.countsLabel": "Zählung der Auswahl",
  "selection.valid": "Gültig",
  "selection.rejected": "Abgelehnt",
  "selection.duplicates": "Doppelte",
  "selection.recipients": "Empfänger ({count})",
  "selection.rejectedTitle": "Zellen, die keine Adressen sind",
  "selection.moreRecipients": {
    one: "…und {count} weiterer Empfänger",
    other: "…und {count} weitere Empfänger",
  },
  "selection.moreRejected": {
    one: "…und {count} weitere (siehe die Statusspalte)",
    other: "…und {count} weitere (siehe die Statusspalte)",
  },
  "selection.readFailed": "Die Auswahl konnte nicht gelesen werden.",
  "selection.reading": "Die Auswahl wird gelesen…",
  "selection.empty": "Wählen Sie die Zellen mit E-Mail-Adressen aus. Die Vorschau folgt Ihrer Auswahl.",
  "selection.summary": "{recipients}, {rejected}, {duplicates}.",
  "selection.summary.recipients": { one: "{count} Empfänger", other: "{count} Empfänger" },
  "selection.summary.rejected": { one: "{count} abgelehnt", other: "{count} abgelehnt" },
  "selection.summary.duplicates": {
    one: "{count} Duplikat zusammengeführt",
    other: "{count} Duplikate zusammengeführt",
  },
  "selection.ownSettings": {
    one: "{count} Empfänger hat eigene Spalten „Role“, „Message“ oder „Expires“; sie gelten für seine Zeile anstelle der Optionen unten.",
    other:
      "{count} Empfänger haben eigene Spalten „Role“, „Message“ oder „Expires“; sie gelten für ihre Zeilen anstelle der Optionen unten.",
  },
  "selection.own.read": "Kann anzeigen",
  "selection.own.write": "Kann bearbeiten",
  "selection.own.message": "eigene Nachricht",
  "selection.own.expires": "läuft ab am {date}",
  "selection.reject.invalidSyntax": "Keine gültige E-Mail-Adresse.",
  "selection.reject.errorValue": "Ein Fehlerwert, keine E-Mail-Adresse.",
  "selection.reject.number": "Eine Zahl, keine E-Mail-Adresse.",
  "selection.reject.boolean": "WAHR oder FALSCH, keine E-Mail-Adresse.",
  "selection.reject.tooLong": "Zu lang für eine E-Mail-Adresse oder eine Liste davon.",
  "selection.reject.invalidOverride":
    "„Role“, „Message“ oder „Expires“ dieser Zeile ist ungültig; der Status neben der Zeile sagt, warum.",
  "selection.reject.suspiciousName":
    "Der Name vor der Adresse enthält ein @ oder ein <, er könnte also als andere Adresse gelesen werden.",
  "selection.reject.tooManyEntries": "Die Zelle enthält zu viele Einträge; keiner davon wurde gelesen.",
  "selection.reject.overLimit":
    "Mehr Adressen, als ein Durchlauf liest; diese Zelle und die folgenden wurden nicht gelesen.",
};
