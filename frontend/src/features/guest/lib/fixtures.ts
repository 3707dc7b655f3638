/** Test data shaped like the API's answers. */
import type { Resource, Slot } from "../../../api/schema";

export function resource(overrides: Partial<Resource> & { id: number }): Resource {
  return {
    kind: "seat",
    name: `Resource ${overrides.id}`,
    description: "",
    price: "10.00",
    section: "",
    row: "",
    number: null,
    guest_capacity: 1,
    units: 1,
    attributes: {},
    images: [],
    amenities: [],
    ...overrides,
  };
}

export function slot(overrides: Partial<Slot> & { id: number; resource: number; starts_at: string; ends_at: string }): Slot {
  return { capacity: 1, available: 1, version: 0, price: "10.00", ...overrides };
}
