import type { Message } from "../../core/model";
import type { OpcPackage } from "./opc-package";
import { worksheetParts } from "./workbook-parts";

/** Excel's grid: XFD1048576. */
const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

const TOKEN =
  /<!--[^]*?-->|<!\[CDATA\[[^]*?\]\]>|<\?[^]*?\?>|<!DOCTYPE[^[>]*(?:\[[^]*?\])?\s*>|<(\/?)([A-Za-z_][\w.:-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g;
const BAD_ENTITY = /&(?!(?:lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});)[^;\s<]{0,20};?/;

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

/** A cell reference outside A1:XFD1048576 (or not a reference at all). */
function outsideGrid(ref: string): boolean {
  const m = /^([A-Za-z]{1,3})(\d{1,7})$/.exec(ref);
  return !m || columnNumber(m[1]!) > MAX_COL || Number(m[2]) < 1 || Number(m[2]) > MAX_ROW;
}

/** The cell whose XML holds position `at`: the last cell start tag before it. */
function cellAt(xml: string, at: number): string | undefined {
  const tags = [...xml.slice(0, at).matchAll(/<(?:\w+:)?c\s[^>]*?\br\s*=\s*"([^"]*)"/g)];
  return tags.at(-1)?.[1];
}

interface Problem {
  at: number;
  why: Message;
  /** The message names the cell already (a reference outside the grid). */
  named?: boolean;
}

/** The first reason an XML text is not the well-formed, entity-free XML a workbook part is. */
function xmlProblem(xml: string): Problem | undefined {
  const open: string[] = [];
  let last = 0;
  const textProblem = (text: string, at: number): Problem | undefined => {
    if (text.includes("<")) return { at, why: { vi: "có dấu < lạc", en: "a stray <" } };
    const bad = BAD_ENTITY.exec(text);
    if (bad)
      return {
        at: at + bad.index,
        why: { vi: `thực thể không xác định ${bad[0]}`, en: `an undefined entity ${bad[0]}` },
      };
    return undefined;
  };
  for (const m of xml.matchAll(TOKEN)) {
    const gap = textProblem(xml.slice(last, m.index), last);
    if (gap) return gap;
    last = m.index + m[0].length;
    if (m[0].startsWith("<!DOCTYPE"))
      return {
        at: m.index,
        why: {
          vi: "XML khai báo DOCTYPE (thực thể), điều mà sổ tính không bao giờ có",
          en: "its XML declares a DOCTYPE (entities), which a workbook never holds",
        },
      };
    const [, close, name, attrs, selfClosing] = m;
    if (name === undefined) continue;
    const badInAttr = attrs ? BAD_ENTITY.exec(attrs) : null;
    if (badInAttr)
      return {
        at: m.index,
        why: { vi: `thực thể không xác định ${badInAttr[0]}`, en: `an undefined entity ${badInAttr[0]}` },
      };
    if (close) {
      const expected = open.pop();
      if (expected !== name)
        return {
          at: m.index,
          why: {
            vi: `XML không hợp lệ: </${name}> ${expected ? `đóng <${expected}>` : "không có thẻ mở"}`,
            en: `the XML is not well-formed: </${name}> ${expected ? `closes <${expected}>` : "closes nothing"}`,
          },
        };
    } else if (!selfClosing) open.push(name);
  }
  const tail = textProblem(xml.slice(last), last);
  if (tail) return tail;
  if (open.length > 0)
    return {
      at: xml.length,
      why: {
        vi: `XML dừng trước </${open.at(-1)}> (tệp bị cắt?)`,
        en: `the XML ends before </${open.at(-1)}> (cut short?)`,
      },
    };
  return undefined;
}

/** A cell or row reference of a worksheet outside Excel's grid. */
function gridProblem(xml: string): Problem | undefined {
  for (const m of xml.matchAll(/<(?:\w+:)?(c|row)\s[^>]*?\br\s*=\s*"([^"]*)"/g)) {
    const ref = m[2]!;
    const bad = m[1] === "c" ? outsideGrid(ref) : !/^\d{1,7}$/.test(ref) || +ref < 1 || +ref > MAX_ROW;
    if (bad)
      return {
        at: m.index,
        named: true,
        why: {
          vi: `${m[1] === "c" ? "tham chiếu ô" : "số dòng"} ${ref} nằm ngoài lưới của Excel (A1:XFD1048576)`,
          en: `${m[1] === "c" ? "cell reference" : "row number"} ${ref} is outside Excel's grid (A1:XFD1048576)`,
        },
      };
  }
  return undefined;
}

/**
 * Why exceljs could not read a package, named by sheet and cell where it can be: called only after
 * exceljs failed (whose own messages, "1:117: unexpected close tag", name no part), so its cost
 * never falls on a good file. Undefined when nothing specific is found.
 */
export async function diagnoseUnreadable(pkg: OpcPackage): Promise<Message | undefined> {
  const sheets = await worksheetParts(pkg);
  const xmlParts = pkg.parts().filter((p) => /\.(xml|rels)$/i.test(p));
  // Worksheets first: their problems can be named by sheet and cell.
  const order = [...sheets.keys(), ...xmlParts.filter((p) => !sheets.has(p))];
  for (const part of order) {
    if (!pkg.has(part)) continue;
    const xml = (await pkg.bytes(part)).toString("latin1");
    const sheet = sheets.get(part);
    const problem = xmlProblem(xml) ?? (sheet ? gridProblem(xml) : undefined);
    if (!problem) continue;
    const cell = sheet && !problem.named ? cellAt(xml, problem.at) : undefined;
    const where = sheet
      ? {
          vi: `trang "${sheet}"${cell ? `, ô ${cell}` : ""}`,
          en: `sheet "${sheet}"${cell ? `, cell ${cell}` : ""}`,
        }
      : { vi: `phần ${part}`, en: `part ${part}` };
    return { vi: `${where.vi}: ${problem.why.vi}`, en: `${where.en}: ${problem.why.en}` };
  }
  return undefined;
}
