/// <reference types="office-js" />
/** The API origins this build may call: the page's `<meta name="cchc-api-origins">`, written by webpack from API_ORIGINS. */
export function apiOriginsOf(doc: Document): string[] {
  const content = doc.querySelector('meta[name="cchc-api-origins"]')?.getAttribute("content") ?? "";
  return content.split(/\s+/).filter(Boolean);
}

/** Office.js, if it loaded (it does not in a plain browser without the CDN). */
export function officeOrUndefined(): typeof Office | undefined {
  return typeof Office === "undefined" ? undefined : Office;
}
