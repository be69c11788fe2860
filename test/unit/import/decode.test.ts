import { describe, expect, it } from "vitest";
import { parseCsv, toCsv } from "@/lib/import/csv";
import { decodeText } from "@/lib/import/decode";

// "客户名称,预计金额,阶段,负责人\r\n华为技术,"￥1,200.50",谈判,张伟\r\n" as Chinese Excel saves it (GBK).
const GBK = Buffer.from(
  "bfcdbba7c3fbb3c62cd4a4bcc6bdf0b6ee2cbdd7b6ce2cb8bad4f0c8cb0d0abbaaceaabcbccaf52c22a3a4312c3230302e3530222cccb8c5d02cd5c5ceb00d0a",
  "hex",
);

describe("decodeText", () => {
  it("should read a GBK file as GB18030 and parse it into the same cells", () => {
    const { text, encoding } = decodeText(GBK);
    expect(encoding).toBe("gb18030");
    const sheet = parseCsv(text);
    expect(sheet.headers).toEqual(["客户名称", "预计金额", "阶段", "负责人"]);
    expect(sheet.rows).toEqual([{ n: 2, cells: ["华为技术", "￥1,200.50", "谈判", "张伟"] }]);
  });

  it("should read UTF-8 with and without a byte-order mark", () => {
    const plain = new TextEncoder().encode("名称,金额\n华为,1\n");
    expect(decodeText(plain)).toEqual({ text: "名称,金额\n华为,1\n", encoding: "utf-8" });
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...plain]);
    expect(decodeText(bom)).toEqual({ text: "名称,金额\n华为,1\n", encoding: "utf-8-bom" });
  });

  it("should read UTF-16 with its mark (Excel's Unicode text)", () => {
    const body = Buffer.from("名称\t金额\r\n", "utf16le");
    expect(decodeText(new Uint8Array([0xff, 0xfe, ...body]))).toEqual({
      text: "名称\t金额\r\n",
      encoding: "utf-16le",
    });
  });
});

describe("parseCsv", () => {
  it("should keep the spreadsheet's row numbers when blank lines are skipped", () => {
    const sheet = parseCsv("\nA,B\n1,2\n,\n\n3,4\n");
    expect(sheet.headers).toEqual(["A", "B"]);
    expect(sheet.rows.map((r) => r.n)).toEqual([3, 6]);
  });

  it("should detect semicolons and tabs", () => {
    expect(parseCsv("a;b\n1;2").rows[0]!.cells).toEqual(["1", "2"]);
    expect(parseCsv("a\tb\n1\t2").rows[0]!.cells).toEqual(["1", "2"]);
  });

  it("should read quoted cells with commas and line breaks", () => {
    const sheet = parseCsv('name,note\n"Acme, Inc.","two\nlines"\n');
    expect(sheet.rows[0]!.cells).toEqual(["Acme, Inc.", "two\nlines"]);
  });
});

describe("toCsv", () => {
  it("should start with a byte-order mark so Excel reads Chinese, and quote what needs it", () => {
    const csv = toCsv(["客户", "备注"], [["华为", 'say "hi", ok']]);
    expect(csv.startsWith("\uFEFF客户,备注\r\n")).toBe(true);
    expect(csv).toContain('华为,"say ""hi"", ok"');
    expect(parseCsv(decodeText(new TextEncoder().encode(csv)).text).rows[0]!.cells).toEqual([
      "华为",
      'say "hi", ok',
    ]);
  });
});
