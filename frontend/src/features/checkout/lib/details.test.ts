import { describe, expect, it } from "vitest";
import type { HoldItem } from "../../../api/schema";
import { bookingBody, digitsOnly, initialDetails, placeServerErrors, postcodeOnly, validateDetails } from "./details";
import type { DetailsForm } from "./details";
import { flattenFieldErrors } from "./fieldErrors";

const item = (slot: number, resource: number, quantity: number, name = `R${resource}`): HoldItem => ({
  slot,
  resource,
  resource_name: name,
  quantity,
  unit_price: "10.00",
  starts_at: "2026-12-05T14:00:00Z",
  ends_at: "2026-12-05T23:00:00Z",
});

describe("festival details", () => {
  const items = [item(9, 19, 1, "Early Bird"), item(4, 18, 2, "General Admission")];

  it("asks one holder per ticket, in slot order, the first prefilled", () => {
    const form = initialDetails("festival", items, [], { name: "Sara" });
    expect(form.kind === "festival" && form.holders).toEqual([
      { slot: 4, resourceName: "General Admission", number: 1, name: "Sara" },
      { slot: 4, resourceName: "General Admission", number: 2, name: "" },
      { slot: 9, resourceName: "Early Bird", number: 1, name: "" },
    ]);
    expect(validateDetails(form)).toEqual({
      "holders.1": { key: "checkout.err.nameRequired" },
      "holders.2": { key: "checkout.err.nameRequired" },
    });
  });

  it("sends details.holders", () => {
    const form = initialDetails("festival", items, [], {}) as Extract<DetailsForm, { kind: "festival" }>;
    form.holders.forEach((holder, index) => (holder.name = ` H${index} `));
    expect(validateDetails(form)).toEqual({});
    expect(bookingBody(form)).toEqual({ details: { holders: ["H0", "H1", "H2"] } });
  });

  it("places the server's errors on the holders", () => {
    const form = initialDetails("festival", items, []);
    const flat = flattenFieldErrors({ details: { holders: { "1": ["This field may not be blank."] } } });
    expect(placeServerErrors(form, flat)).toEqual({
      fields: { "holders.1": "This field may not be blank." },
      general: [],
    });
    expect(placeServerErrors(form, flattenFieldErrors({ details: ["Give one holder name per ticket (3)."] })))
      .toEqual({ fields: {}, general: ["Give one holder name per ticket (3)."] });
  });
});

describe("stay details", () => {
  const items = [item(1, 2, 1, "Sea View 1"), item(2, 2, 1, "Sea View 1"), item(3, 5, 1, "Cottage")];
  const resources = [
    { id: 2, guest_capacity: 2 },
    { id: 5, guest_capacity: 3 },
  ];

  it("has a party per held room", () => {
    const form = initialDetails("stays", items, resources, { name: "Asha" });
    expect(form.kind === "stays" && form.rooms.map((r) => [r.room, r.name, r.capacity, r.guests])).toEqual([
      [2, "Sea View 1", 2, [{ name: "Asha", age: "" }]],
      [5, "Cottage", 3, [{ name: "", age: "" }]],
    ]);
  });

  it("starts with the party chosen before holding, spread over the rooms", () => {
    const form = initialDetails("stays", items, resources, { name: "Asha" }, null, [], 4);
    expect(form.kind === "stays" && form.rooms.map((r) => r.guests)).toEqual([
      [
        { name: "Asha", age: "" },
        { name: "", age: "" },
      ],
      [
        { name: "", age: "" },
        { name: "", age: "" },
      ],
    ]);
  });

  it("needs names, ages, an adult per room and no more than the room takes", () => {
    const form: DetailsForm = {
      kind: "stays",
      contactEmail: "",
      specialRequests: "",
      rooms: [
        { room: 2, name: "A", capacity: 2, guests: [{ name: "Asha", age: "34" }, { name: "Kid", age: "٧" }] },
        { room: 5, name: "B", capacity: 1, guests: [{ name: "Kid", age: "9" }] },
      ],
    };
    expect(validateDetails(form)).toEqual({ "rooms.1": { key: "checkout.err.adult", vars: { age: 18 } } });
    form.rooms[1].guests.push({ name: "", age: "abc" });
    expect(validateDetails(form)).toEqual({
      "rooms.1": { key: "checkout.err.roomFull", vars: { max: 1 } },
      "rooms.1.guests.1.name": { key: "checkout.err.nameRequired" },
      "rooms.1.guests.1.age": { key: "checkout.err.age" },
    });
  });

  it("sends guests with their room, ages in Latin digits", () => {
    const form: DetailsForm = {
      kind: "stays",
      contactEmail: "",
      specialRequests: " Late arrival ",
      rooms: [{ room: 2, name: "A", capacity: 2, guests: [{ name: "Asha", age: "٣٤" }] }],
    };
    expect(bookingBody(form)).toEqual({
      guests: [{ name: "Asha", age: 34, room: 2 }],
      details: { special_requests: "Late arrival" },
    });
  });

  it("maps the server's per-guest errors back to the room", () => {
    const form: DetailsForm = {
      kind: "stays",
      contactEmail: "",
      specialRequests: "",
      rooms: [
        { room: 2, name: "A", capacity: 2, guests: [{ name: "Asha", age: "34" }] },
        { room: 5, name: "B", capacity: 3, guests: [{ name: "Ravi", age: "36" }, { name: "x", age: "1" }] },
      ],
    };
    const flat = flattenFieldErrors({ guests: { guests: [{}, {}, { name: ["Too long."] }] } });
    expect(placeServerErrors(form, flat).fields).toEqual({ "rooms.1.guests.1.name": "Too long." });
  });
});

describe("meeting room details", () => {
  it("needs a guest count the rooms take", () => {
    const form = initialDetails("rooms", [item(1, 30, 1), item(2, 30, 1)], [{ id: 30, guest_capacity: 8 }]);
    expect(form).toMatchObject({ kind: "rooms", maxGuests: 8 });
    expect(validateDetails(form)).toEqual({ guestCount: { key: "checkout.err.guestCount", vars: { max: 8 } } });
    const nine = { ...form, guestCount: "9" } as DetailsForm;
    expect(validateDetails(nine)).toEqual({ guestCount: { key: "checkout.err.guestCountMax", vars: { max: 8 } } });
    const six = { ...form, guestCount: "٦", specialRequests: "Projector" } as DetailsForm;
    expect(validateDetails(six)).toEqual({});
    expect(bookingBody(six)).toEqual({ details: { guest_count: 6, special_requests: "Projector" } });
  });
});

describe("service details", () => {
  const base = initialDetails("service", [item(1, 40, 1)], [], {
    name: "Kiran",
    phone: "+919999988888",
    email: null,
  }) as Extract<DetailsForm, { kind: "service" }>;

  it("prefills who is signed in and needs an e-mail", () => {
    expect(base).toMatchObject({ customerName: "Kiran", phone: "+919999988888", location: "shop" });
    expect(validateDetails(base)).toEqual({ email: { key: "checkout.err.emailRequired" } });
  });

  it("needs an address at home", () => {
    const home: DetailsForm = { ...base, email: "k@example.com", location: "home" };
    expect(validateDetails(home)).toEqual({
      address: { key: "checkout.err.addressRequired" },
      city: { key: "checkout.err.cityRequired" },
      postcode: { key: "checkout.err.postcodeRequired" },
    });
    const bad: DetailsForm = { ...base, email: "nope", phone: "12" };
    expect(validateDetails(bad)).toEqual({
      email: { key: "checkout.err.email" },
      phone: { key: "checkout.err.phone" },
    });
  });

  it("sends the address only for home visits, and optional fields when given", () => {
    const shop: DetailsForm = { ...base, email: "k@example.com", address: "ignored", vehicle: " Activa " };
    expect(bookingBody(shop)).toEqual({
      details: {
        customer_name: "Kiran",
        phone: "+919999988888",
        email: "k@example.com",
        location: "shop",
        vehicle: "Activa",
      },
    });
    const home: DetailsForm = { ...base, email: "k@example.com", location: "home", address: "12 MG Road" };
    expect(bookingBody(home).details).toMatchObject({ location: "home", address: "12 MG Road" });
  });

  it("checks the service area and sends the chosen model and services", () => {
    const order = {
      event: "repair-shop",
      vehicleModel: 7,
      vehicleLabel: "Bajaj Pulsar 150",
      services: [{ id: 1, name: "General service", price: "749.00" }],
      location: "home" as const,
      city: "Mysuru",
      postcode: "570001",
      homeFee: "199.00",
      currency: "INR",
    };
    const form = initialDetails("service", [item(1, 40, 1)], [], { name: "Kiran", phone: "+919999988888" }, order, [
      "Bengaluru",
      "560038",
    ]) as Extract<DetailsForm, { kind: "service" }>;
    const away: DetailsForm = { ...form, email: "k@example.com", address: "1 Palace Rd" };
    expect(validateDetails(away)).toEqual({ city: { key: "checkout.err.outsideArea" } });
    const near: DetailsForm = { ...away, city: "Bengaluru", postcode: "٥٦٠٠٣٨" };
    expect(validateDetails(near)).toEqual({});
    expect(bookingBody(near).details).toEqual({
      customer_name: "Kiran",
      phone: "+919999988888",
      email: "k@example.com",
      location: "home",
      address: "1 Palace Rd",
      city: "Bengaluru",
      postcode: "560038",
      vehicle_model: 7,
      services: [1],
    });
    const flat = flattenFieldErrors({ details: { vehicle_model: ["Unknown model."], postcode: ["Outside the area."] } });
    expect(placeServerErrors(near, flat).fields).toEqual({ vehicleModel: "Unknown model.", postcode: "Outside the area." });
  });

  it("places the server's errors by field", () => {
    const flat = flattenFieldErrors({ details: { address: ["An address is needed at home."] } });
    expect(placeServerErrors(base, flat).fields).toEqual({ address: "An address is needed at home." });
  });
});

describe("vip details", () => {
  it("has an optional name", () => {
    const form = initialDetails("vip", [item(1, 1, 1)], [], {});
    expect(validateDetails(form)).toEqual({});
    expect(bookingBody(form)).toEqual({ details: {} });
    expect(bookingBody({ kind: "vip", name: " Noura ", contactEmail: "" })).toEqual({ details: { name: "Noura" } });
  });
});

describe("contact e-mail", () => {
  it("is offered only when the account proved its address", () => {
    const proved = initialDetails("festival", [item(1, 1, 1)], [], { email: "a@example.com", email_verified: true });
    const unproved = initialDetails("festival", [item(1, 1, 1)], [], { email: "b@example.com" });
    expect(proved.kind !== "service" && proved.contactEmail).toBe("a@example.com");
    expect(unproved.kind !== "service" && unproved.contactEmail).toBe("");
  });

  it("is sent when given, checked when typed, and the server's error lands on the field", () => {
    const form: DetailsForm = { kind: "vip", name: "", contactEmail: " sara@example.com " };
    expect(bookingBody(form)).toEqual({ details: {}, contact_email: "sara@example.com" });
    expect(validateDetails({ ...form, contactEmail: "not an address" })).toEqual({
      contactEmail: { key: "checkout.err.email" },
    });
    expect(validateDetails({ ...form, contactEmail: "" })).toEqual({});
    expect(placeServerErrors(form, { contact_email: "Enter a valid email address." }).fields).toEqual({
      contactEmail: "Enter a valid email address.",
    });
  });
});

describe("flattenFieldErrors", () => {
  it("flattens nested objects and lists", () => {
    expect(
      flattenFieldErrors({
        phone: ["Bad.", "Second."],
        details: { holders: { "0": ["Blank."] }, non_field_errors: ["Whole."] },
        guests: [{}, { age: ["Too old."] }],
      }),
    ).toEqual({
      phone: "Bad.",
      "details.holders.0": "Blank.",
      details: "Whole.",
      "guests.1.age": "Too old.",
    });
    expect(flattenFieldErrors(undefined)).toEqual({});
  });
});

describe("numeric fields", () => {
  it("keep only digits, in any script", () => {
    expect(digitsOnly("3a4")).toBe("34");
    expect(digitsOnly("٣٤ years")).toBe("٣٤");
    expect(digitsOnly("۱۲")).toBe("۱۲");
    expect(digitsOnly("-1.5e2")).toBe("152");
    expect(postcodeOnly("403 515x")).toBe("403 515");
    expect(postcodeOnly("12345-678")).toBe("12345-678");
  });
});
