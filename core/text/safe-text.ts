/**
 * Text the server stores or puts into storage keys must be well-formed Unicode: a lone UTF-16
 * surrogate cannot be encoded as UTF-8 (the storage client throws "URI malformed" or the store
 * keeps half a transaction), and control characters have no place in keys. Checked on the parsed
 * body and on every query and path parameter, before anything touches storage.
 */

// Control characters are exactly what must be matched here.
/* eslint-disable no-control-regex */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** In keys and names: every C0 and C1 control character and DEL. */
const KEY_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** In cell text: tab, line feed and carriage return are ordinary text (Alt+Enter in Excel). */
const TEXT_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/** Any character either rule may refuse: most text has none, and is let through by this one test. */
const MAYBE_BAD = /[\u0000-\u001f\u007f-\u009f\ud800-\udfff]/;
/* eslint-enable no-control-regex */

/** Values of these properties become keys or names: checked as strictly as keys. */
const KEY_LIKE = new Set(["id", "unit", "operationId", "code", "kind", "role", "name", "leadUnit"]);

export type TextFault = "surrogate" | "control";

export function keyFault(text: string): TextFault | undefined {
  if (!MAYBE_BAD.test(text)) return undefined;
  if (LONE_SURROGATE.test(text)) return "surrogate";
  return KEY_CONTROL.test(text) ? "control" : undefined;
}

export function textFault(text: string): TextFault | undefined {
  if (!MAYBE_BAD.test(text)) return undefined;
  if (LONE_SURROGATE.test(text)) return "surrogate";
  return TEXT_CONTROL.test(text) ? "control" : undefined;
}

const escapePointer = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");

/**
 * The JSON pointer of the first ill-formed or control-character string (or property name) in a
 * parsed body, with what is wrong; undefined when all text is clean. Recursion is safe: the body's
 * depth was limited while parsing (json-limits.ts). The pointer is written only for a fault found:
 * building one per value cost 0.5 s on a body of 170,000 cursor entries (T9 S8).
 */
export function findBadText(value: unknown): { pointer: string; fault: TextFault } | undefined {
  const path: string[] = [];
  const walk = (v: unknown, key: string): TextFault | undefined => {
    if (typeof v === "string") return KEY_LIKE.has(key) ? keyFault(v) : textFault(v);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        path.push(String(i));
        const found = walk(v[i], key);
        if (found) return found;
        path.pop();
      }
    } else if (v !== null && typeof v === "object") {
      for (const [k, item] of Object.entries(v)) {
        path.push(k);
        const found = keyFault(k) ?? walk(item, k);
        if (found) return found;
        path.pop();
      }
    }
    return undefined;
  };
  const fault = walk(value, "");
  return fault && { pointer: path.map((k) => `/${escapePointer(k)}`).join(""), fault };
}

export const FAULT_MESSAGES: Record<TextFault, { vi: string; en: string }> = {
  surrogate: {
    vi: "Văn bản không phải Unicode hợp lệ (ký tự thay thế UTF-16 đứng lẻ).",
    en: "Text is not well-formed Unicode (a lone UTF-16 surrogate).",
  },
  control: {
    vi: "Văn bản chứa ký tự điều khiển không được phép.",
    en: "Text holds a control character that is not allowed.",
  },
};
