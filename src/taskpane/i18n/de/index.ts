// The German catalogue. Its type demands every English key (a missing one fails `npm run typecheck`),
// and test/taskpane/i18n.test.ts checks keys and placeholders at run time too.

import type { Translation } from "../format";
import type { en } from "../en";
import { access } from "./access";
import { account } from "./account";
import { common } from "./common";
import { directory } from "./directory";
import { options } from "./options";
import { pane } from "./pane";
import { run } from "./run";
import { selection } from "./selection";
import { startup } from "./startup";
import { undo } from "./undo";

export const de: Translation<typeof en> = {
  ...common,
  ...pane,
  ...account,
  ...selection,
  ...options,
  ...access,
  ...run,
  ...startup,
  ...undo,
  ...directory,
};
