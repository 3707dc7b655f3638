/** What the staff layout hands its pages: the chosen event. */
import { useOutletContext } from "react-router";
import type { EventSummary } from "../../../api/schema";

export interface StaffContext {
  event: EventSummary;
}

export function useStaffEvent(): EventSummary {
  return useOutletContext<StaffContext>().event;
}
