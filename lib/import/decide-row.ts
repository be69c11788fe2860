import type { LocalizedText } from "@/workflows/definition/schema";
import type { SheetRow } from "./cells";
import {
  checkNewDeal,
  convertRow,
  type ConvertContext,
  type ConvertedRow,
  type NewDealContext,
} from "./convert-row";
import type { CellError, RowError } from "./errors";

/** A deal already in the company with an external id the file names. */
export type ExistingDeal = {
  id: string;
  externalId: string;
  pipelineId: string;
  stage: string;
  version: number;
  /** Whether the importing member may see it (a manager sees their teams' deals only). */
  visible: boolean;
};

export type RowDecision =
  | { kind: "error"; errors: RowError[] }
  | { kind: "create"; row: ConvertedRow }
  | { kind: "update"; row: ConvertedRow; deal: ExistingDeal };

export type DecideContext = {
  convert: ConvertContext;
  newDeal: NewDealContext;
  pipelineId: string;
  /** Names of the company's pipelines, for "this id belongs to a deal of 续约". */
  pipelineNames: Map<string, LocalizedText>;
  /** Who the importer may make owner; null: anyone in the company (an admin). */
  owners: Set<string> | null;
};

/**
 * What one row will do — create a deal, update the deal its external id names, or fail and why —
 * decided the same way by the dry run and by the import itself. Pure, given the deals the file's
 * external ids already name and the rows that repeat an earlier row's id.
 */
export function decideRow(
  sheetRow: SheetRow,
  ctx: DecideContext,
  existing: Map<string, ExistingDeal>,
  repeats: Map<number, number>,
): RowDecision {
  const { row, errors } = convertRow(sheetRow, ctx.convert);
  const at = (target: string, error: CellError, value = ""): RowError => {
    const column = ctx.convert.columns.indexOf(target);
    return {
      ...error,
      row: sheetRow.n,
      column: column >= 0 ? column : null,
      header: column >= 0 ? (ctx.convert.headers[column] ?? null) : null,
      value,
    };
  };
  const first = repeats.get(sheetRow.n);
  if (first !== undefined) {
    const id = row?.externalId ?? "";
    errors.push(at("@externalId", { code: "duplicateExternalId", values: { row: first } }, id));
  }
  if (errors.length || !row) return { kind: "error", errors };
  if (row.ownerId && ctx.owners && !ctx.owners.has(row.ownerId))
    return { kind: "error", errors: [at("@owner", { code: "ownerNotAllowed" })] };

  const deal = row.externalId ? existing.get(row.externalId) : undefined;
  if (deal) {
    const id = row.externalId!;
    if (!deal.visible)
      return { kind: "error", errors: [at("@externalId", { code: "externalIdHidden" }, id)] };
    if (deal.pipelineId !== ctx.pipelineId) {
      const pipeline = ctx.pipelineNames.get(deal.pipelineId) ?? { zh: "?", en: "?" };
      return {
        kind: "error",
        errors: [at("@externalId", { code: "externalIdOtherPipeline", values: { pipeline } }, id)],
      };
    }
    if (row.stage && row.stage !== deal.stage) {
      const name = (key: string) => ctx.newDeal.stages.get(key)?.name ?? { zh: key, en: key };
      return {
        kind: "error",
        errors: [
          at("@stage", {
            code: "stageDiffers",
            values: { current: name(deal.stage), stage: name(row.stage) },
          }),
        ],
      };
    }
    return { kind: "update", row, deal };
  }
  const problems = checkNewDeal(row, ctx.newDeal);
  return problems.length ? { kind: "error", errors: problems } : { kind: "create", row };
}
