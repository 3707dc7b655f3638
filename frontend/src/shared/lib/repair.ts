/**
 * A repair-shop appointment as the guest puts it together (vehicle, services, shop or home),
 * shared by the event page that builds it (features/guest) and the checkout that books it
 * (features/checkout): pure logic — how many bay-slots the work takes, which start times have
 * enough consecutive free slots, the running total, the service-area check — and the order
 * kept in sessionStorage under its hold id between the two pages.
 */
import { latinDigits } from "../../i18n/digits";
import { toCents } from "./money";

export type Location = "shop" | "home";

/** What a slot must say for the start-time search (a Slot of the availability answer). */
export interface SlotLike {
  id: number;
  resource: number;
  starts_at: string;
  ends_at: string;
}

/** The total work time: the services' minutes, plus the travel time of a home visit. */
export function workMinutes(durations: readonly number[], location: Location, travelMinutes: number): number {
  const services = durations.reduce((sum, minutes) => sum + Math.max(0, minutes), 0);
  return services + (location === "home" && services > 0 ? Math.max(0, travelMinutes) : 0);
}

/** How many slots of `slotMinutes` cover `minutes` (at least one when there is work). */
export function slotsNeeded(minutes: number, slotMinutes: number): number {
  if (minutes <= 0 || slotMinutes <= 0) return 0;
  return Math.ceil(minutes / slotMinutes);
}

/** A slot's length in minutes. */
export function slotMinutesOf(slot: Pick<SlotLike, "starts_at" | "ends_at">): number {
  return Math.round((Date.parse(slot.ends_at) - Date.parse(slot.starts_at)) / 60_000);
}

export interface StartOption {
  /** The first slot: its start is the appointment's. */
  start: SlotLike;
  /** The consecutive slots to hold, first to last. */
  slots: number[];
  ends_at: string;
}

/**
 * The start times a day offers: from each slot not yet started, `count` back-to-back slots of
 * the same resource (each one starting where the one before ends), every one with a bay free.
 * Sorted by start time, one option per start time (the first resource that fits).
 */
export function startOptions(
  slots: readonly SlotLike[],
  count: number,
  isFree: (slot: number) => boolean,
  now: number,
): StartOption[] {
  if (count <= 0) return [];
  const byResource = new Map<number, SlotLike[]>();
  for (const slot of slots) {
    const lane = byResource.get(slot.resource) ?? [];
    lane.push(slot);
    byResource.set(slot.resource, lane);
  }
  const options = new Map<string, StartOption>();
  for (const lane of byResource.values()) {
    lane.sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at));
    for (let i = 0; i + count <= lane.length; i += 1) {
      if (Date.parse(lane[i].starts_at) <= now) continue;
      const run = lane.slice(i, i + count);
      const joined = run.every(
        (slot, k) => k === 0 || Date.parse(run[k - 1].ends_at) === Date.parse(slot.starts_at),
      );
      if (!joined || !run.every((slot) => isFree(slot.id))) continue;
      const key = String(Date.parse(run[0].starts_at));
      if (!options.has(key))
        options.set(key, { start: run[0], slots: run.map((slot) => slot.id), ends_at: run[count - 1].ends_at });
    }
  }
  return [...options.values()].sort((a, b) => Date.parse(a.start.starts_at) - Date.parse(b.start.starts_at));
}

/** The running total in cents: the chosen services' prices for this model, plus a home visit's fee. */
export function totalCents(
  prices: readonly { id: number; price: string }[],
  chosen: readonly number[],
  homeFee: string | null | undefined,
  location: Location,
): number {
  const picked = new Set(chosen);
  const services = prices.filter((service) => picked.has(service.id)).reduce((sum, s) => sum + toCents(s.price), 0);
  return services + (location === "home" && homeFee != null ? toCents(homeFee) : 0);
}

/** Case, spaces and punctuation ignored, as the server compares them. */
function plain(text: string): string {
  return latinDigits(text).normalize("NFKC").toLowerCase().replace(/[\s\-.,]/g, "");
}

export type AreaCheck = "empty" | "inside" | "outside";

/**
 * Whether a home address is in the shop's service area (a list of cities and postcodes): the
 * city or the postcode must be on it. An empty list serves everywhere.
 */
export function areaCheck(area: readonly string[] | null | undefined, city: string, postcode: string): AreaCheck {
  if (!city.trim() && !postcode.trim()) return "empty";
  if (!area || area.length === 0) return "inside";
  const served = new Set(area.map(plain));
  if ((city.trim() && served.has(plain(city))) || (postcode.trim() && served.has(plain(postcode)))) return "inside";
  return "outside";
}

/** What the event page hands to the checkout, stored under the hold's id. */
export interface RepairOrder {
  event: string;
  vehicleModel: number;
  /** "Scooter · Honda Activa 6G", for the summary. */
  vehicleLabel: string;
  services: { id: number; name: string; price: string }[];
  location: Location;
  city: string;
  postcode: string;
  homeFee: string | null;
  currency: string;
}

const key = (hold: string) => `gh.repair.${hold}`;

export function saveOrder(storage: Storage, hold: string, order: RepairOrder): void {
  storage.setItem(key(hold), JSON.stringify(order));
}

export function loadOrder(storage: Storage, hold: string): RepairOrder | null {
  try {
    const order = JSON.parse(storage.getItem(key(hold)) ?? "null") as RepairOrder | null;
    return order && typeof order.vehicleModel === "number" && Array.isArray(order.services) ? order : null;
  } catch {
    return null;
  }
}

export function forgetOrder(storage: Storage, hold: string): void {
  storage.removeItem(key(hold));
}

/**
 * A service event's terms as GET /api/events/{slug}/ gives them. Read optionally: the fields
 * are new in the schema (absent: no paying at the venue, no home visits).
 */
export interface ServiceTerms {
  payAtVenue: boolean;
  /** null: no home visits. */
  homeVisitFee: string | null;
  travelMinutes: number;
  serviceArea: string[];
  venueId: number | null;
}

export function serviceTermsOf(event: object): ServiceTerms {
  const e = event as {
    pay_at_venue?: unknown;
    home_visit_fee?: unknown;
    home_visit_travel_minutes?: unknown;
    service_area?: unknown;
    venue?: { id?: unknown } | null;
    venue_id?: unknown;
  };
  const fee = e.home_visit_fee;
  const venueId = typeof e.venue?.id === "number" ? e.venue.id : typeof e.venue_id === "number" ? e.venue_id : null;
  return {
    payAtVenue: e.pay_at_venue === true,
    homeVisitFee: typeof fee === "string" || typeof fee === "number" ? String(fee) : null,
    travelMinutes: typeof e.home_visit_travel_minutes === "number" ? e.home_visit_travel_minutes : 0,
    serviceArea: Array.isArray(e.service_area) ? e.service_area.filter((x): x is string => typeof x === "string") : [],
    venueId,
  };
}

export interface JobLine {
  id: number | string;
  kind: string;
  service: number | null;
  name: string;
  amount: string;
}

/** What a job card shows, read from a booking (its new fields read optionally). */
export interface Job {
  vehicle: string;
  location: Location | "";
  address: string;
  city: string;
  postcode: string;
  notes: string;
  lines: JobLine[];
  paymentStatus: string;
}

const text = (value: unknown) => (typeof value === "string" ? value : typeof value === "number" ? String(value) : "");

export function jobOf(booking: { details?: Record<string, unknown> | null; [key: string]: unknown }): Job {
  const details = (booking.details ?? {}) as Record<string, unknown>;
  const vehicle = details.vehicle;
  const v = vehicle && typeof vehicle === "object" ? (vehicle as Record<string, unknown>) : null;
  const vehicleText = v
    ? [text(v.type), [text(v.brand), text(v.model)].filter(Boolean).join(" ")].filter(Boolean).join(" · ")
    : text(vehicle);
  const rawLines = Array.isArray(booking.lines) ? (booking.lines as Record<string, unknown>[]) : [];
  const location = details.location === "home" || details.location === "shop" ? details.location : "";
  return {
    vehicle: vehicleText,
    location,
    address: text(details.address),
    city: text(details.city),
    postcode: text(details.postcode),
    notes: text(details.notes),
    lines: rawLines.map((line, index) => ({
      id: typeof line.id === "number" || typeof line.id === "string" ? line.id : index,
      kind: text(line.kind),
      service: typeof line.service === "number" ? line.service : null,
      name: text(line.name),
      amount: text(line.amount) || "0",
    })),
    paymentStatus: text(booking.payment_status),
  };
}
