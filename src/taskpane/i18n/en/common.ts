// English: texts every panel shares. Keys are "area.what"; {count} chooses the plural form.

export const common = {
  "common.unexpectedError":
    "Something went wrong. Nothing more was sent; the Permissions sheet shows what was done.",
  "common.andMore": { one: "…and {count} more", other: "…and {count} more" },
} as const;
