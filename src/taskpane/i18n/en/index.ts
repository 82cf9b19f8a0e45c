// The English catalogue: the reference every other language must match key for key.
// Each area of the pane keeps its texts in its own file here; add the file's object below.

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

export const en = {
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
} as const;

export type MessageKey = keyof typeof en;
