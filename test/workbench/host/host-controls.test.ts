// The workbench's host controls as query parameters: the display language office.js reports.
import { controlsFromQuery, controlsToQuery, DEFAULT_CONTROLS } from "../../../workbench/host/host-controls";

describe("the display language control", () => {
  it.each([
    ["?lang=de-DE", "de-DE"],
    ["?lang=de-de", "de-DE"],
    ["?lang=EN-gb", "en-GB"],
    ["?lang=fr", "fr"],
    ["", "en-US"],
    ["?lang=<script>", "en-US"],
    ["?lang=de_DE", "en-US"],
  ])("%s gives %s", (query, language) => {
    expect(controlsFromQuery(query).language).toBe(language);
  });

  it("goes back into the address only when it is not the default", () => {
    expect(controlsToQuery(controlsFromQuery("?lang=de-DE")).get("lang")).toBe("de-DE");
    expect(controlsToQuery(DEFAULT_CONTROLS).has("lang")).toBe(false);
  });
});
