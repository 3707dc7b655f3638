/** The paged lists of the API (`{count, page, page_size, pages, results}`), read whole. */
import { api } from "./client";

/** What every page answer has (BookingPage, TicketPage, TransferPage…). */
export interface PageOf<T> {
  pages: number;
  results: T[];
}

/**
 * Every page of a list, 100 at a time (bounded: a guest has far fewer than this). `P` is the
 * list's page type from ./schema: `allPages<TicketPage>("/api/tickets/")` gives Ticket[].
 */
export async function allPages<P extends PageOf<unknown>>(
  path: string,
  { maxPages = 10, signal }: { maxPages?: number; signal?: AbortSignal } = {},
): Promise<P["results"]> {
  const results: P["results"] = [];
  for (let page = 1; page <= maxPages; page += 1) {
    const joiner = path.includes("?") ? "&" : "?";
    const answer = await api<P>(`${path}${joiner}page=${page}&page_size=100`, { signal });
    results.push(...answer.results);
    if (page >= answer.pages) break;
  }
  return results;
}
