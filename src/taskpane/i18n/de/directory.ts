// German: the recipient check (who each recipient is, from the directory) in the Selection card.

import type { Translation } from "../format";
import type { directory as english } from "../en/directory";

export const directory: Translation<typeof english> = {
  "directory.title": "Wer sie sind",
  "directory.checking": "Suche im Verzeichnis… {done} von {total}",
  "directory.member": { one: "{count} in Ihrer Organisation", other: "{count} in Ihrer Organisation" },
  "directory.guest": { one: "{count} vorhandener Gast", other: "{count} vorhandene Gäste" },
  "directory.newExternal": { one: "{count} neue externe Person", other: "{count} neue externe Personen" },
  "directory.notFound": { one: "{count} nicht gefunden", other: "{count} nicht gefunden" },
  "directory.group": { one: "{count} Gruppe", other: "{count} Gruppen" },
  "directory.unchecked": { one: "{count} nicht geprüft", other: "{count} nicht geprüft" },
  "directory.summary": "Im Verzeichnis: {parts}.",
  "directory.external": {
    one: "{count} Empfänger ist außerhalb Ihrer Organisation. Ihre Organisation lässt das Teilen mit Personen außerhalb womöglich nicht zu; Graph lehnt die Einladung dann ab.",
    other:
      "{count} Empfänger sind außerhalb Ihrer Organisation. Ihre Organisation lässt das Teilen mit Personen außerhalb womöglich nicht zu; Graph lehnt die Einladungen dann ab.",
  },
  "directory.consentNeeded":
    "Sehen Sie vor dem Teilen, wer jeder Empfänger ist: Kollege, Gast oder jemand Neues von außerhalb. Dafür wird einmalig die Berechtigung erfragt, Basisprofile im Verzeichnis Ihrer Organisation zu lesen.",
  "directory.ask": "Empfänger prüfen",
  "directory.declined":
    "Die Verzeichnisprüfung ist nicht verfügbar: Die Berechtigung zum Lesen des Verzeichnisses wurde nicht erteilt. Das Teilen funktioniert wie bisher.",
  "directory.refused":
    "Die Verzeichnisprüfung ist nicht verfügbar: Ihre Organisation erlaubt diesem Add-in nicht, das Verzeichnis zu lesen. Das Teilen funktioniert wie bisher.",
  "directory.kind.member": "In Ihrer Organisation",
  "directory.kind.guest": "Vorhandener Gast",
  "directory.kind.newExternal": "Neu extern: Die Einladung legt einen Gast an",
  "directory.kind.notFound": "Nicht im Verzeichnis",
  "directory.kind.notFoundOrGroup": "Nicht im Verzeichnis (oder eine Gruppe, die sich nicht prüfen lässt)",
  "directory.kind.group": "Gruppe",
  "directory.kind.unchecked": "Nicht geprüft",
  "directory.kind.checking": "Wird geprüft…",
};
