// Office's theme (Office.context.officeTheme) → the CSS custom properties the pane's styles use.
// Pure: the DOM side only sets what this returns.

export interface OfficeThemeLike {
  bodyBackgroundColor?: string;
  bodyForegroundColor?: string;
  controlBackgroundColor?: string;
  controlForegroundColor?: string;
  isDarkTheme?: boolean;
}

function luminance(hex: string): number | undefined {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m?.[1]) return undefined;
  const n = parseInt(m[1], 16);
  const channel = (v: number) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

const COLOR = /^#[0-9a-f]{3,8}$/i;

/** The theme as CSS variables, and whether it is dark (Office says so, or its background is dark). */
export function themeVariables(theme: OfficeThemeLike | undefined): {
  dark: boolean | undefined;
  vars: Record<string, string>;
} {
  if (!theme) return { dark: undefined, vars: {} };
  const vars: Record<string, string> = {};
  const set = (name: string, value: string | undefined) => {
    if (value && COLOR.test(value.trim())) vars[name] = value.trim();
  };
  set("--office-body-bg", theme.bodyBackgroundColor);
  set("--office-body-fg", theme.bodyForegroundColor);
  set("--office-control-bg", theme.controlBackgroundColor);
  set("--office-control-fg", theme.controlForegroundColor);
  const lum = theme.bodyBackgroundColor ? luminance(theme.bodyBackgroundColor) : undefined;
  const dark = theme.isDarkTheme ?? (lum === undefined ? undefined : lum < 0.2);
  return { dark, vars };
}
