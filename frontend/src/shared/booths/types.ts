/**
 * A booth and its fee as the vendors API sends them inside other answers, where the schema
 * types them as any object: the vendor's profile and dashboard, the staff desk's vendors and
 * booths (backend/vendors/selectors.py booth_place, backend/vendors/api/output.py fee).
 */
import type { components } from "../../api/types";

/** A booth's place on the map (percent of the map image) and what it is: no vendor, no money. */
export type Booth = Omit<components["schemas"]["BoothOnMapOutput"], "vendor">;

/** The booth fee: an ordinary booking, paid like any other. */
export interface BoothFee {
  booking: string;
  amount: string;
  currency: string;
  status: string;
  payment_status: string;
}
