// The seed API's /workbooks/{id}/invite exists only in the 2015 beta stub; v1.0 answers 400 "Resource not
// found for the segment 'workbooks'". The pane offers it only with a beta Graph base, labelled as such.
import { WORKBOOKS_ROUTE_LABEL, workbooksRouteOffered } from "../../src/core/share-options";
import { initialState, viewOf } from "../../src/taskpane/state";

const start = (graphBaseUrl?: string) =>
  initialState({
    account: { state: "development" },
    location: "cloud",
    route: "workbooks",
    ...(graphBaseUrl !== undefined ? { graphBaseUrl } : {}),
  });

describe("the seed's /workbooks route in Advanced", () => {
  it("is not offered on Graph v1.0: the route stays Items and the note says what v1.0 would answer", () => {
    for (const base of ["https://graph.microsoft.com/v1.0", undefined]) {
      const view = viewOf(start(base)).options;
      expect(view.route).toBe("items");
      expect(view.routeOffered).toBe(false);
      expect(view.routeNote).toMatch(/400 "Resource not found for the segment 'workbooks'"/);
    }
  });

  it("is offered on a beta base, named as the 2015 API", () => {
    const view = viewOf(start("https://graph.microsoft.com/beta")).options;
    expect(view.route).toBe("workbooks");
    expect(view.routeOffered).toBe(true);
    expect(view.routeNote).toMatch(/2015 beta API/);
    expect(WORKBOOKS_ROUTE_LABEL).toMatch(/2015 API/);
  });

  it("recognises only a /beta version root", () => {
    expect(workbooksRouteOffered("http://127.0.0.1:4000/beta")).toBe(true);
    expect(workbooksRouteOffered("http://127.0.0.1:4000/beta/")).toBe(true);
    expect(workbooksRouteOffered("https://graph.microsoft.com/v1.0")).toBe(false);
    expect(workbooksRouteOffered("https://graph.microsoft.com/beta-not")).toBe(false);
  });
});
