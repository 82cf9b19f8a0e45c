// The pane in German: the workbench plays an Excel whose display language is German (?lang=de-DE), the
// real office.js reports it as Office.context.displayLanguage, and the pane reads German from its
// catalogue, with no English text of the catalogue left on it.
import { DEMO_USERS } from "../../workbench/graph-emulator";
import { describeSample } from "../../workbench/host/sample";
import { CATALOGUES } from "../../src/taskpane/i18n";
import type { Message } from "../../src/taskpane/i18n/format";
import type { Frame } from "playwright-core";
import { clickCell, openWorkbench, protocolErrors, startHarness, type Harness } from "./harness";

// Generous: the workbench is built (webpack) in beforeAll, and CI machines are shared.
jest.setTimeout(180_000);

const sample = describeSample(DEMO_USERS);

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 300_000);
afterAll(async () => {
  await h?.close();
});
beforeEach(() => {
  h.workbench.emulator.reset();
  h.workbench.emulator.setFaults({});
});

const forms = (m: Message | undefined): string[] =>
  m === undefined ? [] : typeof m === "string" ? [m] : [m.one, m.other];

/**
 * The English words of the catalogue a German pane must not show: each English text's pieces between
 * {placeholders}, long enough to mean something, leaving out those German uses too (sheet names such as
 * "Current access", product names).
 */
function englishPieces(): string[] {
  const german = Object.values(CATALOGUES.de).flatMap(forms).join("\n");
  const pieces = Object.values(CATALOGUES.en)
    .flatMap(forms)
    .flatMap((text) => text.split(/\{\w+\}/))
    .map((piece) => piece.trim())
    .filter((piece) => piece.length >= 8 && !german.includes(piece));
  return [...new Set(pieces)];
}

/** Everything a person reads or hears on the pane: its visible text, names and descriptions. */
async function paneWords(pane: Frame): Promise<string> {
  return pane.evaluate(() => {
    const attributes = [...document.querySelectorAll("[aria-label], [title], [placeholder]")].flatMap((el) =>
      ["aria-label", "title", "placeholder"].map((a) => el.getAttribute(a) ?? ""),
    );
    const options = [...document.querySelectorAll("option")].map((o) => o.textContent ?? "");
    return [document.title, document.body.innerText, ...attributes, ...options].join("\n");
  });
}

describe("a German Excel", () => {
  it("shows the pane in German: headings, Share, the preview with its plural, and no English from the catalogue", async () => {
    const { page, pane, errors } = await openWorkbench(h, "?lang=de-DE");
    expect(
      await pane.evaluate(() => [Office.context.displayLanguage, document.documentElement.lang]),
    ).toEqual(["de-DE", "de-DE"]);
    const text = (selector: string) => pane.locator(selector).innerText();
    expect(await text("#title")).toBe("Diese Arbeitsmappe freigeben");
    expect(await text("#preview-title")).toBe("Auswahl");
    expect(await text("#options-title")).toBe("Optionen");
    expect(await text("#access-title")).toBe("Zugriff verwalten");
    expect(await text("#share")).toBe("Freigeben");
    expect(await text("label[for=role]")).toBe("Personen können");

    // The preselected sample: its recipients, three cells that are not addresses, one duplicate.
    const valid = sample.rows.filter((r) => r.kind === "member" || r.kind === "guest").length;
    expect(await text("#preview-summary")).toBe(
      `${valid} Empfänger, 3 abgelehnt, 1 Duplikat zusammengeführt.`,
    );
    // Four people and "bob@": no duplicate, in the plural; one row with its own role.
    await clickCell(page, 0, 1);
    await clickCell(page, 5, 2, ["Shift"]);
    await pane.waitForFunction(() => document.querySelectorAll("#recipient-list li").length === 4);
    expect(await text("#preview-summary")).toBe("4 Empfänger, 1 abgelehnt, 0 Duplikate zusammengeführt.");
    expect(await text("#own-settings")).toMatch(/^1 Empfänger hat eigene Spalten/);
    expect(await text("#rejected-list")).toContain("Keine gültige E-Mail-Adresse.");

    const words = await paneWords(pane);
    const pieces = englishPieces();
    expect(pieces.length).toBeGreaterThan(100); // the check has English to look for
    expect(pieces.filter((piece) => words.includes(piece))).toEqual([]);
    expect(await protocolErrors(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("an Excel in a language without a catalogue shows English", async () => {
    const { page, pane } = await openWorkbench(h, "?lang=fr-FR");
    expect(await pane.evaluate(() => Office.context.displayLanguage)).toBe("fr-FR");
    expect(await pane.locator("#share").innerText()).toBe("Share");
    expect(await pane.locator("#title").innerText()).toBe("Share this workbook");
    await page.close();
  });
});
