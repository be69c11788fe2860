import "server-only";
import { createRequire } from "node:module";
import pdfmake from "pdfmake";
import type { TDocumentDefinitions } from "pdfmake/interfaces";

/*
 * PDF documents made on the server (pdfmake over pdfkit). Every document is set in Noto Sans SC
 * from an npm package, so Chinese renders on a fresh machine with only Node, whatever fonts the
 * system has; its Latin letters serve English documents and the Chinese names in them alike.
 * pdfmake embeds only the glyphs a document uses (fontkit subsets the font), so a document is
 * tens of kilobytes, not the font's ten megabytes.
 */

/** The font family every document uses (`defaultStyle.font`). */
export const PDF_FONT = "NotoSansSC";

const require = createRequire(import.meta.url);
const FONT_FILES = {
  normal: require.resolve("@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf"),
  bold: require.resolve("@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf"),
};

let ready = false;
function setUp() {
  if (ready) return;
  // No italic cut exists for Chinese: italics fall back to the upright faces.
  pdfmake.setFonts({
    [PDF_FONT]: {
      normal: FONT_FILES.normal,
      bold: FONT_FILES.bold,
      italics: FONT_FILES.normal,
      bolditalics: FONT_FILES.bold,
    },
  });
  // Documents hold user text only: they may read our two font files and nothing else, local or remote.
  const allowed = new Set(Object.values(FONT_FILES));
  pdfmake.setLocalAccessPolicy((path) => allowed.has(path));
  pdfmake.setUrlAccessPolicy(() => false);
  ready = true;
}

/** A document as PDF bytes, set in Noto Sans SC unless its default style names another family. */
export async function renderPdf(definition: TDocumentDefinitions): Promise<Buffer> {
  setUp();
  return pdfmake
    .createPdf({ ...definition, defaultStyle: { font: PDF_FONT, ...definition.defaultStyle } })
    .getBuffer();
}
