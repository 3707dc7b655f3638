/** What the staff layout hands its pages: the chosen event. */
import { useOutletContext } from "react-router";
import type { StaffEvent } from "./types";

export interface StaffContext {
  event: StaffEvent;
}

export function useStaffEvent(): StaffEvent {
  return useOutletContext<StaffContext>().event;
}
