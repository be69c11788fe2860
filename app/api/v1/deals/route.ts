import { route } from "@/lib/server/api-v1/http";
import { createDeal, listDeals } from "@/lib/server/api-v1/operations";

export const GET = route(listDeals);
export const POST = route(createDeal);
