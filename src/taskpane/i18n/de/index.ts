// The German catalogue. Its type demands every English key (a missing one fails `npm run typecheck`),
// and test/taskpane/i18n.test.ts checks keys and placeholders at run time too.

import type { Translation } from "../format";
import type { en } from "../en";
import { common } from "./common";
import { directory } from "./directory";

export const de: Translation<typeof en> = {
  ...common,
  ...directory,
};
