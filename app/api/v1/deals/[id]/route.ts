import { route } from "@/lib/server/api-v1/http";
import { getDeal, updateDeal } from "@/lib/server/api-v1/operations";

export const GET = route(getDeal);
export const PATCH = route(updateDeal);
