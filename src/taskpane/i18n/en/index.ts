// The English catalogue: the reference every other language must match key for key.
// Each area of the pane keeps its texts in its own file here; add the file's object below.

import { common } from "./common";
import { directory } from "./directory";

export const en = {
  ...common,
  ...directory,
} as const;

export type MessageKey = keyof typeof en;
