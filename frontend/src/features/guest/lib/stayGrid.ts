/**
 * The room-nights grid of a resort: its rooms as rows, the nights of the stay as columns,
 * each cell the night slot of that room (a night is dated by its evening, in the venue's zone).
 */
import type { Resource, Slot } from "../../../api/schema";
import { dateInZone } from "./dates";
import type { IsoDate } from "./dates";

export interface StayRow {
  room: Resource;
  /** Night slot per date; missing where the room is not on sale that night. */
  nights: ReadonlyMap<IsoDate, Slot>;
}

export function buildStayGrid(
  rooms: readonly Resource[],
  slots: readonly Slot[],
  nights: readonly IsoDate[],
  timeZone: string,
): StayRow[] {
  const wanted = new Set(nights);
  const byRoom = new Map<number, Map<IsoDate, Slot>>();
  for (const slot of slots) {
    const night = dateInZone(slot.starts_at, timeZone);
    if (!wanted.has(night)) continue;
    let row = byRoom.get(slot.resource);
    if (!row) byRoom.set(slot.resource, (row = new Map()));
    if (!row.has(night)) row.set(night, slot);
  }
  return rooms
    .filter((room) => room.kind === "room")
    .map((room) => ({ room, nights: byRoom.get(room.id) ?? new Map() }));
}

/** The room's slots for every night of the stay, or null when a night is missing or taken. */
export function bookableNights(
  row: StayRow,
  nights: readonly IsoDate[],
  availableOf: (slot: number) => number,
): number[] | null {
  if (nights.length === 0) return null;
  const slots: number[] = [];
  for (const night of nights) {
    const slot = row.nights.get(night);
    if (!slot || availableOf(slot.id) < 1) return null;
    slots.push(slot.id);
  }
  return slots;
}

/** Rooms (resource ids) whose slot is picked for every night of the stay. */
export function selectedRooms(
  rows: readonly StayRow[],
  nights: readonly IsoDate[],
  selected: ReadonlySet<number>,
): number[] {
  if (nights.length === 0) return [];
  return rows
    .filter((row) =>
      nights.every((night) => {
        const slot = row.nights.get(night);
        return slot !== undefined && selected.has(slot.id);
      }),
    )
    .map((row) => row.room.id);
}

/** The room type a resort groups rooms by ("Sea View Deluxe"), if it names one. */
export function roomType(room: Resource): string | null {
  const value = room.attributes?.room_type;
  return typeof value === "string" && value ? value : null;
}
