import { describe, expect, it } from "vitest";
import { bookableNights, buildStayGrid, roomType, selectedRooms } from "./stayGrid";
import { resource, slot } from "./fixtures";

// Nights start at 15:00 in Kolkata (09:30Z) and end at 11:00 the next morning.
const night = (id: number, room: number, date: string, available = 1) => {
  const next = new Date(Date.parse(`${date}T05:30:00Z`) + 86_400_000).toISOString();
  return slot({ id, resource: room, starts_at: `${date}T09:30:00Z`, ends_at: next, available });
};

const rooms = [
  resource({ id: 1, kind: "room", name: "Sea View 1", attributes: { room_type: "Sea View" } }),
  resource({ id: 2, kind: "room", name: "Cottage 1" }),
];
const slots = [
  night(11, 1, "2026-11-24"), // the night before check-in overlaps the range: left out
  night(12, 1, "2026-11-25"),
  night(13, 1, "2026-11-26"),
  night(22, 2, "2026-11-25"),
  night(23, 2, "2026-11-26", 0),
];
const nights = ["2026-11-25", "2026-11-26"];

describe("the room-nights grid", () => {
  const grid = buildStayGrid(rooms, slots, nights, "Asia/Kolkata");

  it("puts each room's night slots under their dates", () => {
    expect(grid.map((row) => row.room.id)).toEqual([1, 2]);
    expect([...grid[0].nights.keys()]).toEqual(nights);
    expect(grid[0].nights.get("2026-11-25")?.id).toBe(12);
  });

  it("offers a room only when every night is free", () => {
    const available = (id: number) => slots.find((item) => item.id === id)?.available ?? 0;
    expect(bookableNights(grid[0], nights, available)).toEqual([12, 13]);
    expect(bookableNights(grid[1], nights, available)).toBeNull();
    expect(bookableNights(grid[0], [...nights, "2026-11-27"], available)).toBeNull();
  });

  it("finds the rooms a selection covers", () => {
    expect(selectedRooms(grid, nights, new Set([12, 13, 22]))).toEqual([1]);
    expect(selectedRooms(grid, [], new Set([12]))).toEqual([]);
  });

  it("reads the room type", () => {
    expect(roomType(rooms[0])).toBe("Sea View");
    expect(roomType(rooms[1])).toBeNull();
  });
});
