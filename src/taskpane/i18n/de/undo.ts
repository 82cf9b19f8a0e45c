// German: the Undo a run / Remove expired access card and the check after a run.

import type { Translation } from "../format";
import type { undo as en } from "../en/undo";

export const undo: Translation<typeof en> = {
  "undo.title": "Freigabe rückgängig machen",
  "undo.intro":
    "Entfernt genau die Zugriffe, die eine Freigabe erteilt hat. Wer übersprungen wurde, weil er schon Zugriff hatte, behält ihn.",
  "undo.runLabel": "Freigabe",
  "undo.selectedRow": "Die Freigabe der markierten Zeile im Blatt „Permissions“",
  "undo.runOption": { one: "{run} ({at}): {count} Zugriff", other: "{run} ({at}): {count} Zugriffe" },
  "undo.undoRun": "Freigabe rückgängig machen…",
  "undo.removeExpired": "Abgelaufene Zugriffe entfernen…",
  "undo.loading": "Das Blatt „Permissions“ und die aktuellen Zugriffe werden gelesen…",
  "undo.noRun":
    "Markieren Sie eine Zeile einer Freigabe im Blatt „Permissions“ oder wählen Sie hier eine Freigabe, dann „Freigabe rückgängig machen“.",
  "undo.nothingToUndo": "Von der Freigabe {run} ist kein Zugriff mehr zu entfernen.",
  "undo.nothingExpired":
    "Kein im Blatt „Permissions“ verzeichneter Zugriff hat sein Ablaufdatum überschritten.",
  "undo.confirmUndo": {
    one: "Den Zugriff entfernen, den die Freigabe {run} {count} Person erteilt hat?",
    other: "Die Zugriffe entfernen, die die Freigabe {run} {count} Personen erteilt hat?",
  },
  "undo.confirmExpired": {
    one: "Den Zugriff von {count} Person entfernen, deren Ablaufdatum überschritten ist?",
    other: "Die Zugriffe von {count} Personen entfernen, deren Ablaufdatum überschritten ist?",
  },
  "undo.gone": {
    one: "{count} Zugriff besteht schon nicht mehr und gilt als erledigt.",
    other: "{count} Zugriffe bestehen schon nicht mehr und gelten als erledigt.",
  },
  "undo.kept": "{who}: bleibt. {reason}",
  "undo.confirm": "Entfernen",
  "undo.cancel": "Abbrechen",
  "undo.removing": "{done} von {total} werden entfernt…",
  "undo.removed": {
    one: "Der Zugriff von {count} Person wurde entfernt. Jede Entfernung steht im Blatt „Permissions“.",
    other: "Die Zugriffe von {count} Personen wurden entfernt. Jede Entfernung steht im Blatt „Permissions“.",
  },
  "undo.failed": {
    one: "{count} Entfernung ist fehlgeschlagen; führen Sie es erneut aus (Entferntes bleibt entfernt).",
    other: "{count} Entfernungen sind fehlgeschlagen; führen Sie es erneut aus (Entferntes bleibt entfernt).",
  },
  "undo.failedLine": "{who}: {message}",
  "undo.expiredOffer": {
    one: "{count} Zugriff im Blatt „Permissions“ hat sein Ablaufdatum überschritten. Abgelaufene Zugriffe entfernen?",
    other:
      "{count} Zugriffe im Blatt „Permissions“ haben ihr Ablaufdatum überschritten. Abgelaufene Zugriffe entfernen?",
  },
  "undo.notVisible": {
    one: "{count} Empfänger wurde von Graph freigegeben, ist aber in der Zugriffsliste nicht zu sehen — fragen Sie Ihren Administrator.",
    other:
      "{count} Empfänger wurden von Graph freigegeben, sind aber in der Zugriffsliste nicht zu sehen — fragen Sie Ihren Administrator.",
  },
  "undo.notVerified": "Die Zugriffe konnten danach nicht mit der Zugriffsliste abgeglichen werden: {reason}",
};
