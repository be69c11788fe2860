import { route } from "@/lib/server/api-v1/http";
import { applyDealAction } from "@/lib/server/api-v1/operations";

export const POST = route(applyDealAction);
