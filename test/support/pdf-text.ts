import { inflateSync } from "node:zlib";

/*
 * Reads what a PDF made by pdfmake/pdfkit says, for tests: its pages, its embedded fonts and the
 * text of each page, decoded through each font's ToUnicode map (the way a reader's copy and
 * search see it). Enough for pdfkit's own output — objects with direct /Length, Flate streams,
 * Identity-H fonts, Tj/TJ strings in hex — not a general PDF parser.
 */

type PdfObject = { dict: string; stream: Buffer | null };

function objects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString("latin1");
  const found = new Map<number, PdfObject>();
  const head = /(\d+) 0 obj\s*/g;
  for (let m = head.exec(text); m; m = head.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf("endobj", start);
    const body = text.slice(start, end);
    const at = body.indexOf("stream");
    if (at < 0) {
      found.set(Number(m[1]), { dict: body, stream: null });
      continue;
    }
    const dict = body.slice(0, at);
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
    const from = start + at + "stream".length + (text[start + at + 6] === "\r" ? 2 : 1);
    const raw = pdf.subarray(from, from + length);
    found.set(Number(m[1]), { dict, stream: dict.includes("/FlateDecode") ? inflateSync(raw) : raw });
  }
  return found;
}

/** A ToUnicode CMap as glyph id (hex) → text. */
function toUnicode(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  const utf16 = (hex: string) =>
    String.fromCharCode(...(hex.replace(/\s+/g, "").match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const [, from, to] of block[1]!.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>/gi))
      map.set(from!.toLowerCase(), utf16(to!));
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const [, lo, hi, rest] of block[1]!.matchAll(
      /<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*(\[[^\]]*\]|<[0-9a-f]+>)/gi,
    )) {
      const first = parseInt(lo!, 16);
      const last = parseInt(hi!, 16);
      const targets = rest!.startsWith("[")
        ? [...rest!.matchAll(/<([0-9a-f ]+)>/gi)].map((t) => t[1]!)
        : null;
      for (let g = first; g <= last; g++) {
        const key = g.toString(16).padStart(lo!.length, "0");
        if (targets) {
          if (targets[g - first]) map.set(key, utf16(targets[g - first]!));
        } else {
          const base = parseInt(rest!.slice(1, -1), 16) + (g - first);
          map.set(key, String.fromCodePoint(base));
        }
      }
    }
  return map;
}

export type PdfContent = {
  pages: string[];
  /** The embedded fonts' names, e.g. "BZZZZZ+NotoSansSC-Regular" (subset prefix included). */
  fonts: string[];
};

/** The pages' text (text objects on separate lines) and the embedded fonts of a PDF. */
export function readPdf(pdf: Buffer): PdfContent {
  const all = objects(pdf);
  const ref = (dict: string, key: string) => Number(new RegExp(`/${key} (\\d+) 0 R`).exec(dict)?.[1]);
  const fonts: string[] = [];
  const cmaps = new Map<number, Map<string, string>>();
  for (const [id, obj] of all)
    if (/\/Type \/Font\b/.test(obj.dict) && /\/Subtype \/Type0/.test(obj.dict)) {
      fonts.push(/\/BaseFont \/(\S+)/.exec(obj.dict)?.[1] ?? "?");
      const unicode = all.get(ref(obj.dict, "ToUnicode"));
      cmaps.set(id, toUnicode(unicode?.stream?.toString("latin1") ?? ""));
    }
  const catalog = [...all.values()].find((o) => /\/Type \/Catalog/.test(o.dict))!;
  const pagesRoot = all.get(ref(catalog.dict, "Pages"))!;
  const kids = [.../\/Kids \[([^\]]*)\]/.exec(pagesRoot.dict)![1]!.matchAll(/(\d+) 0 R/g)].map((k) =>
    Number(k[1]),
  );
  const pages = kids.map((pageId) => {
    const page = all.get(pageId)!;
    const resources = all.get(ref(page.dict, "Resources"))?.dict ?? "";
    const fontsBlock = /\/Font <<([\s\S]*?)>>/.exec(resources)?.[1] ?? "";
    const byName = new Map([...fontsBlock.matchAll(/\/(\S+) (\d+) 0 R/g)].map((f) => [f[1]!, Number(f[2])]));
    const content = all.get(ref(page.dict, "Contents"))?.stream?.toString("latin1") ?? "";
    let cmap = new Map<string, string>();
    // pdfkit places each word on its own (BT … Tm … TJ … ET): words at one height make a line.
    const lines: string[] = [];
    let line = "";
    let y = "";
    const show = (hex: string) => {
      for (const glyph of hex.toLowerCase().match(/.{4}/g) ?? []) line += cmap.get(glyph) ?? "";
    };
    const ops = /\S+ \S+ \S+ \S+ \S+ (\S+) Tm|\/(\S+) [\d.]+ Tf|<([0-9a-fA-F]*)> Tj|\[([^\]]*)\] TJ/g;
    for (const op of content.matchAll(ops)) {
      if (op[1] !== undefined) {
        if (op[1] !== y && line) lines.push(line.trim());
        if (op[1] !== y) line = "";
        y = op[1];
      } else if (op[2]) cmap = cmaps.get(byName.get(op[2])!) ?? new Map();
      else if (op[3] !== undefined) show(op[3]);
      else for (const s of op[4]!.matchAll(/<([0-9a-fA-F]*)>/g)) show(s[1]!);
    }
    if (line) lines.push(line.trim());
    return lines.join("\n");
  });
  return { pages, fonts };
}
