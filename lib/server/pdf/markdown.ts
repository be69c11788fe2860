import type { Content, ContentText } from "pdfmake/interfaces";

/*
 * The Markdown a trainer writes in the editor (stage guidance) as PDF content: paragraphs,
 * headings, bullet and numbered lists, bold, links as their text, code as text. It is the subset
 * the editor's guidance uses; anything else shows as the text it is, never as lost words.
 */

type Inline = string | ContentText;

const INLINE = /(\*\*|__)(.+?)\1|`([^`]+)`|\[([^\]]+)\]\([^)]*\)|(\*|_)([^*_\s](?:.*?[^*_\s])?)\5/g;

/** One line's inline marks as text runs. */
function inline(text: string): Inline[] {
  const runs: Inline[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) runs.push(text.slice(last, m.index));
    if (m[2] !== undefined) runs.push({ text: m[2], bold: true });
    else if (m[3] !== undefined) runs.push(m[3]);
    else if (m[4] !== undefined) runs.push(m[4]);
    else runs.push(m[6]!);
    last = m.index + m[0].length;
  }
  if (last < text.length) runs.push(text.slice(last));
  return runs;
}

const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*\d+[.)]\s+(.*)$/;
const HEADING = /^\s*#{1,6}\s+(.*)$/;

/** Markdown as pdfmake blocks (paragraphs and lists), in reading order. */
export function markdownToPdf(markdown: string): Content[] {
  const blocks: Content[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: Inline[][] } | null = null;
  const flush = () => {
    if (paragraph.length) {
      blocks.push({ text: paragraph.flatMap((line, i) => [...(i ? ["\n"] : []), ...inline(line)]) });
      paragraph = [];
    }
    if (list) {
      const items = list.items.map((runs) => ({ text: runs }));
      blocks.push(list.ordered ? { ol: items } : { ul: items });
      list = null;
    }
  };
  for (const raw of markdown.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.trimEnd();
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    const heading = HEADING.exec(line);
    if (!line.trim()) flush();
    else if (bullet || numbered) {
      const ordered = !!numbered;
      if (paragraph.length || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push(inline((bullet ?? numbered)![1]!));
    } else if (heading) {
      flush();
      blocks.push({ text: inline(heading[1]!), bold: true });
    } else if (list && /^\s+/.test(raw)) {
      // An indented line goes on with the list item above it.
      list.items[list.items.length - 1]!.push(" ", ...inline(line.trim()));
    } else {
      if (list) flush();
      paragraph.push(line.replace(/^\s*>\s?/, ""));
    }
  }
  flush();
  return blocks;
}
