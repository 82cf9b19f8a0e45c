import { CATALOGUES, languageFor, setLanguage, t } from "../../src/taskpane/i18n";
import { formatMessage, placeholdersOf } from "../../src/taskpane/i18n/format";

const languages = Object.keys(CATALOGUES) as (keyof typeof CATALOGUES)[];
const english = CATALOGUES.en;

afterEach(() => setLanguage("en"));

describe("the message catalogue", () => {
  it.each(languages)("%s has every English key and no other", (language) => {
    const keys = Object.keys(CATALOGUES[language]).sort();
    expect(keys).toEqual(Object.keys(english).sort());
  });

  it.each(languages)("%s uses the same {placeholders} and plural shape as English", (language) => {
    const catalogue = CATALOGUES[language];
    for (const [key, message] of Object.entries(english)) {
      const translated = catalogue[key];
      expect({ key, names: translated && placeholdersOf(translated) }).toEqual({
        key,
        names: placeholdersOf(message),
      });
      expect({ key, plural: typeof translated }).toEqual({ key, plural: typeof message });
    }
  });

  it.each(languages)("%s has no empty text", (language) => {
    for (const [key, message] of Object.entries(CATALOGUES[language])) {
      const texts = typeof message === "string" ? [message] : [message.one, message.other];
      for (const text of texts) expect({ key, text: text.trim() }).not.toEqual({ key, text: "" });
    }
  });
});

describe("choosing the language", () => {
  it.each([
    ["de-DE", "de"],
    ["de-at", "de"],
    ["de_CH", "de"],
    ["en-GB", "en"],
    ["fr-FR", "en"],
    [undefined, "en"],
  ])("Office's display language %s gives the %s catalogue", (display, language) => {
    expect(languageFor(display)).toBe(language);
  });

  it("follows the chosen language, with numbers written its way", () => {
    setLanguage("de");
    expect(t("common.andMore", { count: 1234 })).toBe("…und 1.234 weitere");
    setLanguage("en");
    expect(t("common.andMore", { count: 1234 })).toBe("…and 1,234 more");
  });
});

describe("formatting a message", () => {
  const files = { one: "{count} file was shared", other: "{count} files were shared" };

  it("chooses the singular or plural form from {count}", () => {
    expect(formatMessage(files, { count: 1 }, "en-US")).toBe("1 file was shared");
    expect(formatMessage(files, { count: 0 }, "en-US")).toBe("0 files were shared");
    expect(formatMessage(files, { count: 2 }, "en-US")).toBe("2 files were shared");
  });

  it("inserts values as plain text and leaves a missing one visible", () => {
    expect(formatMessage("Hi {name}, {who}", { name: "<b>x</b>" }, "en-US")).toBe("Hi <b>x</b>, {who}");
  });
});
