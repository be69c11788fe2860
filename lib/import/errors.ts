/**
 * Why a cell or a row cannot be imported: a catalogue key under `imports.errors` and its values,
 * translated where it is shown (the wizard, the error report), so one error reads in zh-CN and en.
 */
export const IMPORT_ERROR_CODES = [
  "dateInvalid",
  "dateNoSuchDay",
  "amountInvalid",
  "amountNegative",
  "amountTooLarge",
  "numberInvalid",
  "numberBelowMin",
  "numberAboveMax",
  "booleanInvalid",
  "textTooLong",
  "currencyUnknown",
  "currencyConflict",
  "valueUnmapped",
  "required",
  "closedAtRequired",
  "createdAfterClosed",
  "createdInFuture",
  "closedInFuture",
  "duplicateExternalId",
  "externalIdTooLong",
  "externalIdOtherPipeline",
  "externalIdHidden",
  "externalIdTaken",
  "stageDiffers",
  "ownerNotAllowed",
  "engine",
  "unexpected",
] as const;
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

/** A value of a message: names of fields and stages travel in both languages, the reader's is shown. */
export type ErrorValue = string | number | { zh: string; en: string };
export type ErrorValues = Record<string, ErrorValue>;

/** A problem found in one cell (or in the row as a whole when `column` is null). */
export type CellError = { code: ImportErrorCode; values?: ErrorValues };

/** A row that cannot be imported, and where: row number, column (index and header), message. */
export type RowError = CellError & {
  row: number;
  column: number | null;
  header: string | null;
  /** The cell as it was in the file. */
  value: string;
};

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: CellError };

export const parsed = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const failed = <T = never>(code: ImportErrorCode, values?: ErrorValues): Parsed<T> => ({
  ok: false,
  error: values ? { code, values } : { code },
});
