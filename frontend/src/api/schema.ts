/**
 * The server's shapes under short names: aliases of the types openapi-typescript generates
 * from the backend's OpenAPI schema (./types.ts: `npm run api:types`, never edited by hand;
 * tests/frontend/test_api_types.py keeps it in step with the backend). Code that reads or
 * sends what the REST API defines uses these, not interfaces of its own.
 *
 * Where the schema says less than the server sends, a narrow type is written here by hand,
 * naming its endpoint, until the schema says it ("Narrowed by hand" below). Websocket frames
 * are not in the OpenAPI schema: their readers keep their own types (src/realtime, and the
 * features that parse `snapshot` and `data`).
 */
import type { components } from "./types";

type Schemas = components["schemas"];

// --- events and availability ------------------------------------------------------------

export type Venue = Schemas["VenueOutput"];
export type Resource = Schemas["ResourceOutput"];
/** A picture of a venue, an event or a resource: its widest URL, srcset, alt in both languages. */
export type Picture = Schemas["PictureOutput"];
/** An amenity from the vocabulary (icon, English and Arabic label). */
export type Amenity = Schemas["AmenityOutput"];
/** A seated event's section (GET /api/events/{slug}/ `sections`): tier, rank, place, aisles. */
export type SeatSectionInfo = Schemas["SeatSectionOutput"];
/** A slot as GET /api/events/{slug}/availability/ lists it. */
export type Slot = Schemas["SlotOutput"];
export type Availability = Schemas["AvailabilityOutput"];
/** GET /api/events/{slug}/gates/ */
export type GateList = Schemas["GateListOutput"];
export type Gate = Schemas["GateOutput"];
/** What a scan can answer (tickets and vendors' setup codes). */
export type ScanStatus = Schemas["ScanOutputStatusEnum"];

// --- stays -----------------------------------------------------------------------------------

export type StaySearch = Schemas["StaySearchOutput"];
export type StayVenue = Schemas["StayVenueOutput"];
export type StayRoom = Schemas["StayRoomOutput"];
export type StayNight = Schemas["StayNightOutput"];
/** GET /api/search/stays/suggestions/?q= */
export type StaySuggestions = Schemas["StaySuggestionsOutput"];
export type StaySuggestion = Schemas["StaySuggestionOutput"];

// --- the repair shop: catalog and venue page ------------------------------------------

export type VehicleType = Schemas["VehicleTypeOutput"];
export type VehicleBrand = Schemas["VehicleBrandOutput"];
export type VehicleModel = Schemas["VehicleModelOutput"];
export type ServiceCategory = Schemas["ServiceCategoryOutput"];
/** GET /api/catalog/services/ */
export type CatalogService = Schemas["ServiceOutput"];
export type ServicePage = Schemas["ServicePage"];
/** GET /api/catalog/pricing/ */
export type Pricing = Schemas["PricingOutput"];
export type PricedService = Schemas["PricedServiceOutput"];
/** GET /api/venues/{id}/ */
export type VenuePage = Schemas["VenueDetailOutput"];
export type OpeningHours = Schemas["OpeningHoursOutput"];
/** A service booking's priced line. */
export type BookingLine = Schemas["BookingLineOutput"];

// --- holds -----------------------------------------------------------------------------------

export type Hold = Schemas["HoldOutput"];
export type HoldItem = Schemas["HoldItemOutput"];
export type HoldStatus = Schemas["HoldOutputStatusEnum"];
/** GET /api/holds/?event= : the caller's running holds. */
export type MyHolds = Schemas["MyHoldsOutput"];
/** POST /api/holds/ */
export type HoldRequest = Schemas["HoldInputRequest"];
export type HoldItemRequest = Schemas["ItemInputRequest"];
/** POST /api/events/{slug}/best-available/ */
export type BestAvailableRequest = Schemas["BestAvailableInputRequest"];

// --- the waiting room and waitlists (docs/waiting-room.md) -------------------------------

/** POST /api/events/{slug}/queue/ and GET …/queue/{token}/ */
export type QueueAnswer = Schemas["QueueOutput"];
/** GET/PATCH /api/staff/events/{slug}/waiting-room/ */
export type WaitingRoomSettings = Schemas["RoomOutput"];
export type WaitingRoomMode = Schemas["WaitingRoomModeEnum"];
/** POST /api/events/{slug}/waitlist/, GET /api/waitlist/{id}/ */
export type WaitlistAnswer = Schemas["WaitlistOutput"];
/** GET /api/waitlist/ */
export type WaitlistPage = Schemas["WaitlistPageOutput"];

// --- bookings and payments -------------------------------------------------------------

export type Booking = Schemas["BookingOutput"];
export type BookingItem = Schemas["BookingItemOutput"];
export type BookingStatus = Schemas["BookingOutputStatusEnum"];
/** GET /api/bookings/ and /api/staff/bookings/ */
export type BookingPage = Schemas["BookingPageOutput"];
/** GET /api/bookings/{id}/changes/: the event's policy and what the guest may change now. */
export type BookingChanges = Schemas["ChangesOutput"];
/** POST /api/bookings/{id}/reschedule/ */
export type RescheduleRequest = Schemas["RescheduleInputRequest"];
/** POST /api/bookings/ */
export type BookingRequest = Schemas["BookingInputRequest"];
/** PATCH /api/staff/bookings/{id}/status/ */
export type StatusRequest = Schemas["PatchedStatusInputRequest"];
/** POST /api/staff/bookings/{id}/cancel/ */
export type CancelRequest = Schemas["CancelInputRequest"];

/** Every booking status, in the order the app lists them (a status the schema adds fails tsc here). */
const STATUS_ORDER: Record<BookingStatus, true> = {
  pending_payment: true,
  confirmed: true,
  in_progress: true,
  completed: true,
  cancelled: true,
  expired: true,
  refunded: true,
  no_show: true,
};
export const BOOKING_STATUSES: readonly BookingStatus[] = Object.keys(STATUS_ORDER) as BookingStatus[];

/** POST /api/bookings/{id}/pay/ */
export type PayRequest = Schemas["PayInputRequest"];
export type PayAnswer = Schemas["PayOutput"];
export type PaymentState = Schemas["PaymentStateOutput"];
/** GET /api/payments/providers/ */
export type Providers = Schemas["ProvidersOutput"];
/** POST /api/payments/razorpay/verify/ */
export type RazorpayVerifyRequest = Schemas["RazorpayVerifyInputRequest"];
export type RazorpayVerifyAnswer = Schemas["RazorpayVerifyOutput"];

// --- tickets and transfers -------------------------------------------------------------

export type Ticket = Schemas["TicketOutput"];
export type TicketStatus = Schemas["TicketOutputStatusEnum"];
/** GET /api/tickets/ */
export type TicketPage = Schemas["TicketPageOutput"];
/** GET /api/tickets/links/{token}/ */
export type TicketLink = Schemas["TicketLinkOutput"];
export type TicketLinkEvent = Schemas["TicketLinkEventOutput"];
export type Transfer = Schemas["TransferOutput"];
export type TransferStatus = Schemas["TransferOutputStatusEnum"];
/** GET /api/tickets/transfers/ */
export type TransferPage = Schemas["TransferPageOutput"];
/** POST /api/tickets/transfers/ */
export type TransferRequest = Schemas["TransferInputRequest"];

// --- invoices and wallet passes -------------------------------------------------------

/** GET /api/bookings/{id}/invoices/ */
export type Invoice = Schemas["InvoiceOutput"];
export type InvoiceKind = Schemas["InvoiceOutputKindEnum"];
export type InvoiceLine = Schemas["InvoiceLineOutput"];
/** POST /api/bookings/{id}/invoices/resend/ */
export type InvoicesQueued = Schemas["InvoicesQueuedOutput"];
/** GET /api/wallet/ */
export type Wallets = Schemas["WalletsOutput"];
/** GET /api/tickets/{id}/wallet/google/ and /api/tickets/links/{token}/{id}/wallet/google/ */
export type GoogleSave = Schemas["GoogleSaveOutput"];

// --- accounts --------------------------------------------------------------------------

/** GET /api/auth/me/ */
export type Me = Schemas["MeOutput"];
/** POST /api/auth/otp/verify/, /api/auth/login/, /api/auth/token/refresh/ */
export type TokenAnswer = Schemas["TokenOutput"];
/** GET /api/auth/csrf/ */
export type CsrfAnswer = Schemas["CsrfOutput"];
/** POST /api/auth/otp/request/ */
export type OtpRequest = Schemas["OtpRequestInputRequest"];
export type OtpSent = Schemas["OtpRequestOutput"];
/** POST /api/auth/otp/verify/ */
export type OtpVerifyRequest = Schemas["OtpVerifyInputRequest"];
/** POST /api/auth/login/ */
export type LoginRequest = Schemas["LoginInputRequest"];
/** POST /api/auth/password/reset/ and …/reset/confirm/ */
export type PasswordResetRequest = Schemas["PasswordResetInputRequest"];
export type PasswordResetConfirmRequest = Schemas["PasswordResetConfirmInputRequest"];
export type Ok = Schemas["OkOutput"];

// --- scanning stations -----------------------------------------------------------------

/** A gate a station is bound to (PUT /api/staff/devices/{id}/gates/ answers with these). */
export type DeviceGate = Schemas["DeviceGateOutput"];
export type DeviceGates = Schemas["DeviceGatesOutput"];
/** POST /api/staff/devices/ */
export type DeviceRequest = Schemas["DeviceInputRequest"];
/** PUT /api/staff/devices/{id}/gates/ */
export type DeviceGatesRequest = Schemas["DeviceGatesInputRequest"];
/** POST /api/scan/commit/ and /api/scan/validate/ */
export type ScanRequest = Schemas["ScanInputRequest"];
export type ScanDirection = Schemas["ScanInputDirectionEnum"];
export type ScanAnswer = Schemas["ScanOutput"];
/** GET /api/scan/gates/{gate_id}/offline-bundle/ (narrowed by hand where the station reads it) */
export type BundleAnswer = Schemas["BundleOutput"];
/** POST /api/scan/sync/ */
export type SyncRequest = Schemas["SyncInputRequest"];
export type SyncAnswer = Schemas["SyncOutput"];

// --- Narrowed by hand ------------------------------------------------------------------

/**
 * The kinds of event the backend has (Event.Kind). The schema's EventOutput.kind is any
 * string (a CharField in backend/inventory/api/events.py); GET /api/events/ and
 * /api/events/{slug}/ only ever send these.
 */
export type EventKind = "festival" | "stays" | "rooms" | "service" | "vip";

/** An event as GET /api/events/ lists it, `kind` narrowed (see EventKind). */
export type EventSummary = Omit<Schemas["EventOutput"], "kind"> & { kind: EventKind };

/** GET /api/events/{slug}/, `kind` narrowed (see EventKind). */
export type EventDetail = Omit<Schemas["EventDetailOutput"], "kind"> & { kind: EventKind };

/**
 * GET /api/events/: the schema says a bare array of EventOutput; the server answers
 * `{ok, events: [...]}`.
 */
export interface EventList {
  ok: boolean;
  events: EventSummary[];
}

/**
 * A scanning station as GET /api/staff/devices/, POST /api/staff/devices/,
 * POST /api/staff/devices/{id}/revoke/ and GET /api/devices/me/ answer: the schema's
 * DeviceOutput.gates is a list of any objects; the server sends `{id, name}` for each.
 */
export type Device = Omit<Schemas["DeviceOutput"], "gates"> & { gates: DeviceGate[] };

/** POST /api/staff/devices/: the station and its token, shown this once (gates as in Device). */
export type CreatedDevice = Omit<Schemas["DeviceCreatedOutput"], "gates"> & { gates: DeviceGate[] };

/**
 * GET /api/staff/devices/: the schema says a bare array of DeviceOutput; the server answers
 * `{ok, devices: [...]}`.
 */
export interface DeviceList {
  ok: boolean;
  devices: Device[];
}

// --- staff API keys ----------------------------------------------------------------------

/** A program's API key as GET /api/staff/api-keys/ lists it (never the key itself). */
export type ApiKey = Schemas["ApiKeyOutput"];
export type ApiKeyList = Schemas["ApiKeyListOutput"];
export type ApiKeyRequest = Schemas["ApiKeyInputRequest"];
/** POST /api/staff/api-keys/: the key, shown this once. */
export type CreatedApiKey = Schemas["ApiKeyCreatedOutput"];
export type RevokedApiKey = Schemas["ApiKeyAnswerOutput"];
