import type { Content, ContentTable, TableCell, TDocumentDefinitions } from "pdfmake/interfaces";
import { markdownToPdf } from "@/lib/server/pdf/markdown";
import type { LoadedRulebook } from "./load";

/*
 * The rulebook as a PDF to hand out: the content model the print view renders (buildRulebook),
 * laid out for A4 — a running header naming the company, pipeline, version and date, page N of
 * M at the foot, numbered sections, stages as label/value tables, the fields as a table whose
 * header row repeats across pages. Pure: it says what goes where; lib/server/pdf renders it.
 */

const INK = "#111827";
const MUTED = "#667085";
const ACCENT = "#1f5fbf";
const RULE = "#dfe3ea";
const SHADE = "#f4f6f9";
const MARGIN = { x: 56, top: 72, bottom: 60 };

/** Thin horizontal rules between rows, none at the sides: how the print view's tables look. */
const rows = {
  hLineWidth: (i: number, node: ContentTable) => (i === 0 || i === node.table.body.length ? 0 : 0.6),
  vLineWidth: () => 0,
  hLineColor: () => RULE,
  paddingLeft: (i: number) => (i === 0 ? 0 : 6),
  paddingRight: (i: number, node: ContentTable) => (i === node.table.widths!.length - 1 ? 0 : 6),
  paddingTop: () => 4,
  paddingBottom: () => 4,
};

/** A box around a stage: a shaded title row, then its label/value rows. */
const boxed = {
  hLineWidth: () => 0.6,
  vLineWidth: () => 0.6,
  hLineColor: () => RULE,
  vLineColor: () => RULE,
  fillColor: (i: number) => (i === 0 ? SHADE : null),
  paddingLeft: () => 8,
  paddingRight: () => 8,
  paddingTop: () => 5,
  paddingBottom: () => 5,
};

const list = (items: string[], none: string): Content =>
  items.length ? { ul: items, markerColor: MUTED } : { text: none, color: MUTED };

/** "新客户 商机管理制度 v3.pdf" / "New business Opportunity management rules v3.pdf". */
export const rulebookFileName = ({ book, pipeline, number }: LoadedRulebook) =>
  `${pipeline} ${book.labels.docTitle} v${number}.pdf`.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, "_");

/** The rulebook as a pdfmake document (lib/server/pdf renders it). */
export function rulebookPdf(loaded: LoadedRulebook, now: Date): TDocumentDefinitions {
  const { book, lang, company } = loaded;
  const L = book.labels;
  const [version, , date] = book.meta;
  const h2 = (text: string): Content => ({ text, style: "h2", headlineLevel: 1 });
  const h3 = (text: string): Content => ({ text, style: "h3", headlineLevel: 2 });
  const label = (text: string): TableCell => ({ text, color: MUTED });

  const stages: Content[] = book.stages.map((s, i) => {
    const title: TableCell = {
      colSpan: 2,
      columns: [
        { text: `${i + 1}. ${s.name}`, bold: true, fontSize: 11.5, width: "*" },
        {
          text:
            s.outcome === "open"
              ? `${L.probability} ${s.probability}`
              : `${s.outcome === "won" ? L.won : L.lost} · ${L.probability} ${s.probability}`,
          color: MUTED,
          alignment: "right",
          width: "auto",
          margin: [0, 1.5, 0, 0],
        },
      ],
    };
    const body: TableCell[][] = [[title, {}]];
    if (s.outcome === "open")
      body.push(
        [
          label(L.purpose),
          { stack: s.guidance ? markdownToPdf(s.guidance) : [{ text: L.noGuidance, color: MUTED }] },
        ],
        [label(L.exit), list(s.exit, L.none)],
        [label(L.owner), s.owner ?? L.none],
        [label(L.timeLimit), s.timeLimit ?? { text: L.none, color: MUTED }],
        [label(L.actions), list(s.actions, L.none)],
      );
    return {
      table: {
        widths: [lang === "zh" ? 72 : 96, "*"],
        body,
        dontBreakRows: true,
        headerRows: 1,
        keepWithHeaderRows: 1,
      },
      layout: boxed,
      margin: [0, 0, 0, 10],
    };
  });

  const scoring: Content[] = book.scoring
    ? [
        {
          table: {
            widths: ["auto", "*", "auto"],
            body: book.scoring.criteria.map((c) => [
              { text: c.label, bold: true },
              { text: c.when, color: MUTED },
              { text: `+${c.points}`, alignment: "right" },
            ]),
            dontBreakRows: true,
          },
          layout: rows,
        },
        { text: book.scoring.thresholds, margin: [0, 6, 0, 0] },
      ]
    : [{ text: L.noScoring, color: MUTED }];

  const approvals: Content[] = book.approvals.length
    ? book.approvals.map((a): Content => ({
        table: {
          widths: [lang === "zh" ? 72 : 96, "*"],
          body: [
            [{ text: a.name, bold: true, colSpan: 2 }, {} as TableCell],
            [label(L.approver), a.approver],
            [label(L.enteredBy), list(a.entry, L.none)],
            [label(L.outcomes), list(a.outcomes, L.none)],
          ],
          dontBreakRows: true,
          headerRows: 1,
          keepWithHeaderRows: 1,
        },
        layout: boxed,
        margin: [0, 0, 0, 10],
        unbreakable: true,
      }))
    : [{ text: L.noApprovals, color: MUTED }];

  const decisions: Content[] = book.decisions.length
    ? book.decisions.map((d) => ({
        stack: [
          { text: d.name, bold: true },
          { ul: d.branches, markerColor: MUTED, margin: [0, 2, 0, 0] },
        ],
        unbreakable: true,
        margin: [0, 0, 0, 8],
      }))
    : [{ text: L.noDecisions, color: MUTED }];

  const fields: Content = {
    table: {
      headerRows: 1,
      keepWithHeaderRows: 1,
      dontBreakRows: true,
      widths: lang === "zh" ? [96, 56, "*", 64] : [110, 72, "*", 72],
      body: [
        [L.field, L.type, L.options, L.requiredAtCreation].map((text) => ({
          text,
          color: MUTED,
          bold: true,
        })),
        ...book.fields.map((f) => [
          { text: f.name, bold: true },
          f.type,
          { text: f.options ?? "—", color: MUTED },
          { text: f.requiredAtCreation ? L.yes : "", alignment: "center" as const },
        ]),
      ],
    },
    layout: rows,
  };

  return {
    pageSize: "A4",
    pageMargins: [MARGIN.x, MARGIN.top, MARGIN.x, MARGIN.bottom],
    language: lang === "zh" ? "zh-CN" : "en",
    info: {
      title: book.title,
      subject: `${book.title} ${version?.value ?? ""}`.trim(),
      author: company,
      creator: "Pipewright",
      creationDate: now,
    },
    header: (page) =>
      page === 1
        ? null
        : {
            margin: [MARGIN.x, 30, MARGIN.x, 0],
            stack: [
              {
                columns: [
                  { text: [company, loaded.pipeline].filter(Boolean).join(" · "), width: "*" },
                  { text: `${L.docTitle} ${version?.value ?? ""} · ${date?.value ?? ""}`, width: "auto" },
                ],
                fontSize: 8,
                color: MUTED,
              },
              {
                canvas: [
                  {
                    type: "line",
                    x1: 0,
                    y1: 5,
                    x2: 595.28 - 2 * MARGIN.x,
                    y2: 5,
                    lineWidth: 0.6,
                    lineColor: RULE,
                  },
                ],
              },
            ],
          },
    footer: (page, pages) => ({
      text: L.pageOf.replace("{page}", String(page)).replace("{pages}", String(pages)),
      alignment: "center",
      fontSize: 8,
      color: MUTED,
      margin: [0, 24, 0, 0],
    }),
    // A heading never ends a page: it moves to the next one with what it heads — when nothing but
    // headings follows it there, or when it starts in the page's last lines (a table kept with its
    // header row still counts as starting on the page it left).
    pageBreakBefore: (node, nodes) =>
      !!node.headlineLevel &&
      (node.startPosition.verticalRatio > 0.85 ||
        nodes.getFollowingNodesOnPage().every((n) => n.headlineLevel)),
    // Noto Sans SC sets quotation marks full-width, as Chinese wants; English wants them proportional.
    defaultStyle: {
      fontSize: 9.5,
      lineHeight: 1.35,
      color: INK,
      ...(lang === "en" ? { fontFeatures: ["pwid"] } : {}),
    },
    styles: {
      title: { fontSize: 20, bold: true, lineHeight: 1.2 },
      h2: { fontSize: 13.5, bold: true, color: ACCENT, margin: [0, 18, 0, 8] },
      h3: { fontSize: 10.5, bold: true, margin: [0, 8, 0, 4] },
    },
    content: [
      ...(company ? [{ text: company, color: MUTED, fontSize: 9, margin: [0, 0, 0, 4] } as Content] : []),
      { text: book.title, style: "title" },
      {
        margin: [0, 10, 0, 0],
        columns: book.meta.map((m) => ({
          width: "auto",
          text: [
            { text: `${m.label}  `, color: MUTED },
            { text: m.value, bold: true },
          ],
        })),
        columnGap: 28,
      },
      ...(book.changeNote
        ? [
            {
              text: [{ text: `${book.changeNote.label}${L.colon}`, color: MUTED }, book.changeNote.text],
              margin: [0, 6, 0, 0],
            } as Content,
          ]
        : []),
      {
        canvas: [
          { type: "line", x1: 0, y1: 12, x2: 595.28 - 2 * MARGIN.x, y2: 12, lineWidth: 1, lineColor: INK },
        ],
        margin: [0, 0, 0, 4],
      },

      h2(book.headings.stages),
      { text: book.headings.stagesIntro, color: MUTED, margin: [0, 0, 0, 10] },
      ...stages,

      h2(book.headings.qualification),
      h3(L.namedRules),
      book.rules.length
        ? {
            table: {
              widths: [lang === "zh" ? 96 : 120, "*"],
              body: book.rules.map((r) => [{ text: r.name, bold: true }, r.text]),
              dontBreakRows: true,
            },
            layout: rows,
          }
        : { text: L.noRules, color: MUTED },
      h3(L.scoring),
      ...scoring,
      ...(book.assignment ? [h3(L.assignment), { text: book.assignment }] : []),

      h2(book.headings.approvals),
      ...approvals,

      h2(book.headings.decisions),
      ...decisions,

      h2(book.headings.fields),
      fields,

      h2(book.headings.changes),
      ...(book.changes.previous !== null
        ? [
            {
              text: `${L.comparedWith} v${book.changes.previous}`,
              color: MUTED,
              margin: [0, 0, 0, 4],
            } as Content,
          ]
        : []),
      book.changes.lines.length
        ? { ul: book.changes.lines, markerColor: MUTED }
        : { text: book.changes.empty },
    ],
  };
}
