import "server-only";
import path from "node:path";
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

// The files are read by path from the app's node_modules. Not through require.resolve: the bundler
// would take the specifiers for modules and fail on a .ttf. Whole literal paths, so the build's
// file tracing copies these two files and not the package's other seven weights.
const FONT_FILES = {
  normal: path.join(
    process.cwd(),
    "node_modules/@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf",
  ),
  bold: path.join(
    process.cwd(),
    "node_modules/@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf",
  ),
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
