// German: texts every panel shares.

import type { Translation } from "../format";
import type { common as en } from "../en/common";

export const common: Translation<typeof en> = {
  "common.unexpectedError":
    "Etwas ist schiefgegangen. Es wurde nichts mehr gesendet; das Blatt „Permissions“ zeigt, was erledigt wurde.",
  "common.andMore": { one: "…und {count} weiterer", other: "…und {count} weitere" },
};
