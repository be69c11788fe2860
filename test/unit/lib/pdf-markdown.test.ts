import { describe, expect, it } from "vitest";
import { markdownToPdf } from "@/lib/server/pdf/markdown";

describe("guidance Markdown in the rulebook PDF", () => {
  it("should keep plain guidance as one paragraph", () => {
    expect(markdownToPdf("24 小时内首次联系。")).toEqual([{ text: ["24 小时内首次联系。"] }]);
  });

  it("should turn bullet and numbered lists into lists, and bold into bold runs", () => {
    const blocks = markdownToPdf(
      "Before you move on:\n\n- **Budget** confirmed\n- a [decision maker](https://example.com) met\n\n1. call\n2. visit",
    );
    expect(blocks).toEqual([
      { text: ["Before you move on:"] },
      {
        ul: [
          { text: [{ text: "Budget", bold: true }, " confirmed"] },
          { text: ["a ", "decision maker", " met"] },
        ],
      },
      { ol: [{ text: ["call"] }, { text: ["visit"] }] },
    ]);
  });

  it("should keep headings bold and lines of a paragraph on their own lines", () => {
    expect(markdownToPdf("## 要点\n第一行\n第二行")).toEqual([
      { text: ["要点"], bold: true },
      { text: ["第一行", "\n", "第二行"] },
    ]);
  });

  it("should never lose words it does not understand", () => {
    const text = JSON.stringify(markdownToPdf("| a | b |\n~~struck~~ <b>x</b> 5 * 3 = 15"));
    for (const word of ["a", "b", "struck", "x", "5 * 3 = 15"]) expect(text).toContain(word);
  });
});
