/**
 * The guest details a booking needs, per kind of event (docs/payments.md,
 * backend/bookings/services/details.py): the form's shape, its first values, the checks made
 * before sending, the request body, and the server's field errors placed back on the form.
 */
import { latinDigits } from "../../../i18n/digits";
import type { BookingRequest, EventKind, HoldItem, Resource } from "../../../api/schema";
import { spreadParty } from "../../../shared/lib/party";
import { areaCheck } from "../../../shared/lib/repair";
import type { RepairOrder } from "../../../shared/lib/repair";
import type { FlatErrors } from "./fieldErrors";
import type { CheckoutKey } from "./keys";

export const ADULT_AGE = 18;
export const NAME_MAX = 150;
const MAX_AGE = 120;

export interface HolderEntry {
  slot: number;
  resourceName: string;
  /** 1-based among the tickets of the same kind. */
  number: number;
  name: string;
}

export interface StayGuest {
  name: string;
  age: string;
}

export interface StayRoom {
  room: number;
  name: string;
  capacity: number;
  guests: StayGuest[];
}

export type Location = "shop" | "home";

/** Where the confirmation e-mail goes (optional: it is texted to the signed-in phone too). */
interface Contact {
  contactEmail: string;
}

export type DetailsForm =
  | ({ kind: "festival"; holders: HolderEntry[] } & Contact)
  | ({ kind: "stays"; rooms: StayRoom[]; specialRequests: string } & Contact)
  | ({ kind: "rooms"; guestCount: string; maxGuests: number; specialRequests: string } & Contact)
  | {
      kind: "service";
      customerName: string;
      phone: string;
      email: string;
      location: Location;
      address: string;
      city: string;
      postcode: string;
      vehicle: string;
      /** From the order chosen on the event page (null: none found). */
      vehicleModel: number | null;
      services: number[];
      /** The shop's service area (cities and postcodes), for the check before sending. */
      area: string[];
      notes: string;
    }
  | ({ kind: "vip"; name: string } & Contact);

export interface Person {
  name?: string | null;
  phone?: string | null;
  email?: string | null;
  /** Only an address the account proved is offered as the contact e-mail. */
  email_verified?: boolean;
}

export interface Problem {
  key: CheckoutKey;
  vars?: Record<string, string | number>;
}

/** Form paths ("holders.0", "rooms.1.guests.0.age", "email") → what is wrong there. */
export type Problems = Record<string, Problem>;

function bySlot(items: readonly HoldItem[]): HoldItem[] {
  return [...items].sort((a, b) => a.slot - b.slot);
}

/** The held rooms (resources), in the order they first appear. */
function heldResources(items: readonly HoldItem[]): { id: number; name: string }[] {
  const seen = new Map<number, string>();
  for (const item of bySlot(items)) if (!seen.has(item.resource)) seen.set(item.resource, item.resource_name);
  return [...seen].map(([id, name]) => ({ id, name }));
}

export function initialDetails(
  kind: EventKind,
  items: readonly HoldItem[],
  resources: readonly Pick<Resource, "id" | "guest_capacity">[],
  person: Person = {},
  order: RepairOrder | null = null,
  area: readonly string[] = [],
  /** The party size chosen before holding (a stay's "Guests"): that many people to name. */
  party: number | null = null,
): DetailsForm {
  const name = person.name?.trim() ?? "";
  const contactEmail = person.email_verified ? (person.email ?? "") : "";
  const capacity = (id: number) =>
    Math.max(1, resources.find((resource) => resource.id === id)?.guest_capacity ?? 1);
  switch (kind) {
    case "festival": {
      const holders: HolderEntry[] = [];
      const counts = new Map<number, number>();
      for (const item of bySlot(items)) {
        for (let unit = 0; unit < item.quantity; unit += 1) {
          const number = (counts.get(item.resource) ?? 0) + 1;
          counts.set(item.resource, number);
          holders.push({ slot: item.slot, resourceName: item.resource_name, number, name: "" });
        }
      }
      if (holders.length) holders[0].name = name;
      return { kind, holders, contactEmail };
    }
    case "stays": {
      const rooms = heldResources(items);
      const sizes = spreadParty(party, rooms.map((room) => capacity(room.id)));
      return {
        kind,
        rooms: rooms.map((room, index) => ({
          room: room.id,
          name: room.name,
          capacity: capacity(room.id),
          guests: Array.from({ length: sizes[index] }, (_, g) => ({
            name: index === 0 && g === 0 ? name : "",
            age: "",
          })),
        })),
        specialRequests: "",
        contactEmail,
      };
    }
    case "rooms": {
      const maxGuests = Math.max(1, ...heldResources(items).map((room) => capacity(room.id)));
      return { kind, guestCount: "", maxGuests, specialRequests: "", contactEmail };
    }
    case "service":
      return {
        kind,
        customerName: name,
        phone: person.phone ?? "",
        email: person.email ?? "",
        location: order?.location ?? "shop",
        address: "",
        city: order?.city ?? "",
        postcode: order?.postcode ?? "",
        vehicle: order?.vehicleLabel ?? "",
        vehicleModel: order?.vehicleModel ?? null,
        services: order?.services.map((service) => service.id) ?? [],
        area: [...area],
        notes: "",
      };
    case "vip":
    default:
      return { kind: "vip", name, contactEmail };
  }
}

/** Only the digits of what was typed (Latin, Arabic-Indic or Persian): a numeric field's
 * letters, signs and spaces are refused as they are typed or pasted. */
export function digitsOnly(text: string): string {
  return text.replace(/[^0-9\u0660-\u0669\u06F0-\u06F9]/g, "");
}

/** A postcode as typed: digits in any script, and the space or hyphen some codes carry. */
export function postcodeOnly(text: string): string {
  return text.replace(/[^0-9\u0660-\u0669\u06F0-\u06F9 -]/g, "");
}

/** A whole number typed in any digits, or null. */
export function wholeNumber(text: string): number | null {
  const plain = latinDigits(text).trim();
  return /^\d{1,4}$/.test(plain) ? Number(plain) : null;
}

function checkName(problems: Problems, path: string, value: string, required = true): void {
  const trimmed = value.trim();
  if (!trimmed) {
    if (required) problems[path] = { key: "checkout.err.nameRequired" };
  } else if (trimmed.length > NAME_MAX) {
    problems[path] = { key: "checkout.err.tooLong", vars: { max: NAME_MAX } };
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Digits in a phone as typed (any script); a real number has 7 to 15. */
function phoneDigits(text: string): number {
  return latinDigits(text).replace(/\D/g, "").length;
}

export function validateDetails(form: DetailsForm): Problems {
  const problems: Problems = {};
  switch (form.kind) {
    case "festival":
      form.holders.forEach((holder, index) => checkName(problems, `holders.${index}`, holder.name));
      break;
    case "stays":
      form.rooms.forEach((room, r) => {
        if (room.guests.length === 0) problems[`rooms.${r}`] = { key: "checkout.err.roomEmpty" };
        else if (room.guests.length > room.capacity)
          problems[`rooms.${r}`] = { key: "checkout.err.roomFull", vars: { max: room.capacity } };
        let adults = 0;
        room.guests.forEach((guest, g) => {
          checkName(problems, `rooms.${r}.guests.${g}.name`, guest.name);
          const age = wholeNumber(guest.age);
          if (age === null || age > MAX_AGE)
            problems[`rooms.${r}.guests.${g}.age`] = { key: "checkout.err.age" };
          else if (age >= ADULT_AGE) adults += 1;
        });
        if (room.guests.length > 0 && adults === 0 && !problems[`rooms.${r}`]) {
          const agesGiven = room.guests.every((_, g) => !problems[`rooms.${r}.guests.${g}.age`]);
          if (agesGiven) problems[`rooms.${r}`] = { key: "checkout.err.adult", vars: { age: ADULT_AGE } };
        }
      });
      break;
    case "rooms": {
      const count = wholeNumber(form.guestCount);
      if (count === null || count < 1)
        problems.guestCount = { key: "checkout.err.guestCount", vars: { max: form.maxGuests } };
      else if (count > form.maxGuests)
        problems.guestCount = { key: "checkout.err.guestCountMax", vars: { max: form.maxGuests } };
      break;
    }
    case "service":
      checkName(problems, "customerName", form.customerName);
      if (!form.phone.trim()) problems.phone = { key: "checkout.err.phoneRequired" };
      else if (phoneDigits(form.phone) < 7 || phoneDigits(form.phone) > 15)
        problems.phone = { key: "checkout.err.phone" };
      if (!form.email.trim()) problems.email = { key: "checkout.err.emailRequired" };
      else if (!EMAIL.test(form.email.trim())) problems.email = { key: "checkout.err.email" };
      if (form.location === "home") {
        if (!form.address.trim()) problems.address = { key: "checkout.err.addressRequired" };
        if (!form.city.trim()) problems.city = { key: "checkout.err.cityRequired" };
        if (!form.postcode.trim()) problems.postcode = { key: "checkout.err.postcodeRequired" };
        if (form.city.trim() && form.postcode.trim() && areaCheck(form.area, form.city, form.postcode) === "outside")
          problems.city = { key: "checkout.err.outsideArea" };
      }
      break;
    case "vip":
      checkName(problems, "name", form.name, false);
      break;
  }
  if (form.kind !== "service" && form.contactEmail.trim() && !EMAIL.test(form.contactEmail.trim()))
    problems.contactEmail = { key: "checkout.err.email" };
  return problems;
}

/**
 * The `guests` and `details` of POST /api/bookings/. Narrowed by hand: the schema's
 * BookingInputRequest types both as `unknown` (their shape depends on the event's kind).
 */
export interface BookingBody extends Omit<BookingRequest, "hold" | "guests" | "details"> {
  guests?: { name: string; age: number; room: number }[];
  details?: Record<string, unknown>;
  contact_email?: string;
}

function optional(details: Record<string, unknown>, key: string, value: string): void {
  const trimmed = value.trim();
  if (trimmed) details[key] = trimmed;
}

/** The body of `POST /api/bookings/` but its hold (call after validateDetails passed). */
export function bookingBody(form: DetailsForm): BookingBody {
  const body = detailsBody(form);
  const email = form.kind === "service" ? "" : form.contactEmail.trim();
  return email ? { ...body, contact_email: email } : body;
}

function detailsBody(form: DetailsForm): BookingBody {
  switch (form.kind) {
    case "festival":
      return { details: { holders: form.holders.map((holder) => holder.name.trim()) } };
    case "stays": {
      const details: Record<string, unknown> = {};
      optional(details, "special_requests", form.specialRequests);
      return {
        guests: form.rooms.flatMap((room) =>
          room.guests.map((guest) => ({
            name: guest.name.trim(),
            age: wholeNumber(guest.age) ?? 0,
            room: room.room,
          })),
        ),
        ...(Object.keys(details).length ? { details } : {}),
      };
    }
    case "rooms": {
      const details: Record<string, unknown> = { guest_count: wholeNumber(form.guestCount) ?? 0 };
      optional(details, "special_requests", form.specialRequests);
      return { details };
    }
    case "service": {
      const details: Record<string, unknown> = {
        customer_name: form.customerName.trim(),
        phone: latinDigits(form.phone).trim(),
        email: form.email.trim(),
        location: form.location,
      };
      if (form.location === "home") {
        details.address = form.address.trim();
        details.city = form.city.trim();
        details.postcode = latinDigits(form.postcode).trim();
      }
      if (form.vehicleModel !== null) {
        details.vehicle_model = form.vehicleModel;
        details.services = form.services;
      } else optional(details, "vehicle", form.vehicle);
      optional(details, "notes", form.notes);
      return { details };
    }
    case "vip": {
      const details: Record<string, unknown> = {};
      optional(details, "name", form.name);
      return { details };
    }
  }
}

const SERVICE_FIELDS: Record<string, string> = {
  customer_name: "customerName",
  phone: "phone",
  email: "email",
  location: "location",
  address: "address",
  city: "city",
  postcode: "postcode",
  vehicle: "vehicle",
  vehicle_model: "vehicleModel",
  services: "services",
  notes: "notes",
};

/**
 * The server's field errors (flattened) on the form's paths; what has no place on the form
 * (a count of holders, a room nobody stays in) is general.
 */
export function placeServerErrors(
  form: DetailsForm,
  flat: FlatErrors,
): { fields: Record<string, string>; general: string[] } {
  const fields: Record<string, string> = {};
  const general: string[] = [];
  const stayGuestPath = (index: number): string | null => {
    if (form.kind !== "stays") return null;
    let seen = 0;
    for (let r = 0; r < form.rooms.length; r += 1) {
      const count = form.rooms[r].guests.length;
      if (index < seen + count) return `rooms.${r}.guests.${index - seen}`;
      seen += count;
    }
    return null;
  };
  for (const [path, message] of Object.entries(flat)) {
    const parts = path.split(".");
    let target: string | null = null;
    if (form.kind === "festival" && parts[0] === "details" && parts[1] === "holders" && parts[2])
      target = `holders.${parts[2]}`;
    else if (form.kind === "service" && parts[0] === "details" && parts[1] && SERVICE_FIELDS[parts[1]])
      target = SERVICE_FIELDS[parts[1]];
    else if (form.kind === "rooms" && parts[0] === "details" && parts[1] === "guest_count")
      target = "guestCount";
    else if (form.kind === "rooms" && parts[0] === "details" && parts[1] === "special_requests")
      target = "specialRequests";
    else if (form.kind === "vip" && parts[0] === "details" && parts[1] === "name") target = "name";
    else if (form.kind !== "service" && parts[0] === "contact_email") target = "contactEmail";
    else if (form.kind === "stays" && parts[0] === "guests" && parts[1] === "guests" && parts[2]) {
      const guest = stayGuestPath(Number(parts[2]));
      if (guest && (parts[3] === "name" || parts[3] === "age")) target = `${guest}.${parts[3]}`;
    }
    if (target && !(target in fields)) fields[target] = message;
    else if (!general.includes(message)) general.push(message);
  }
  return { fields, general };
}

/** How many guests a form names (for the summary line). */
export function guestCountOf(form: DetailsForm): number {
  switch (form.kind) {
    case "festival":
      return form.holders.length;
    case "stays":
      return form.rooms.reduce((sum, room) => sum + room.guests.length, 0);
    case "rooms":
      return wholeNumber(form.guestCount) ?? 0;
    default:
      return 1;
  }
}
