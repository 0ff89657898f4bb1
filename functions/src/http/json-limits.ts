/**
 * Limits checked on the raw JSON text before JSON.parse, so that nothing recursive (the validators,
 * the text check, JSON.stringify of stored data) ever sees a body nested deeper than any request
 * needs. A sync body is 5 levels deep ({push: [{data: {x: [...]}}]}); 32 leaves room.
 */
export const JSON_LIMITS = { maxDepth: 32, maxValues: 1_000_000 };

interface Frame {
  array: boolean;
  index: number;
  key: string;
  expectKey: boolean;
}

const escapePointer = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");

function pointerOf(stack: Frame[]): string {
  return stack.map((f) => `/${f.array ? String(f.index) : escapePointer(f.key)}`).join("");
}

function decodeKey(raw: string): string {
  try {
    return String(JSON.parse(raw));
  } catch {
    return raw.slice(1, -1);
  }
}

/**
 * Scans JSON text iteratively: the first place nested deeper than maxDepth (its JSON pointer), or
 * the count of values over maxValues. Malformed JSON is left to JSON.parse to report.
 */
export function checkJsonLimits(
  text: string,
  limits = JSON_LIMITS,
): { problem: "depth" | "values"; pointer: string } | undefined {
  const stack: Frame[] = [];
  let values = 0;
  let inString = false;
  let stringStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) {
        inString = false;
        const top = stack[stack.length - 1];
        if (top && !top.array && top.expectKey) top.key = decodeKey(text.slice(stringStart, i + 1));
      }
      continue;
    }
    switch (c) {
      case 0x22: // "
        inString = true;
        stringStart = i;
        break;
      case 0x7b: // {
      case 0x5b: // [
        if (stack.length >= limits.maxDepth) return { problem: "depth", pointer: pointerOf(stack) };
        stack.push({ array: c === 0x5b, index: 0, key: "", expectKey: c === 0x7b });
        break;
      case 0x7d: // }
      case 0x5d: // ]
        stack.pop();
        break;
      case 0x3a: // :
        if (stack.length) stack[stack.length - 1]!.expectKey = false;
        if (++values > limits.maxValues) return { problem: "values", pointer: pointerOf(stack) };
        break;
      case 0x2c: {
        // ,
        const top = stack[stack.length - 1];
        if (top?.array) {
          top.index++;
          if (++values > limits.maxValues) return { problem: "values", pointer: pointerOf(stack) };
        } else if (top) top.expectKey = true;
        break;
      }
    }
  }
  return undefined;
}
