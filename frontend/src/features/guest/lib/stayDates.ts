/** A stay's dates kept sensible while the guest edits them. */
import type { IsoDate } from "./dates";
import { addDays, daysBetween } from "./dates";
import { MAX_NIGHTS } from "./events";

export interface StayChoice {
  checkIn: IsoDate;
  checkOut: IsoDate;
  guests: number;
}

export type StayField = "checkIn" | "checkOut" | "guests";

/**
 * After one field changed: check-in not before `min`, check-out after check-in and at most
 * MAX_NIGHTS later. The field just changed wins; the other date moves.
 */
export function adjustStay(next: StayChoice, changed: StayField, min: IsoDate): StayChoice {
  let { checkIn, checkOut } = next;
  if (checkIn < min) checkIn = min;
  if (changed === "checkOut" && checkOut > min) {
    const nights = daysBetween(checkIn, checkOut);
    if (nights < 1) checkIn = addDays(checkOut, -1);
    else if (nights > MAX_NIGHTS) checkIn = addDays(checkOut, -MAX_NIGHTS);
  } else {
    const nights = daysBetween(checkIn, checkOut);
    if (nights < 1) checkOut = addDays(checkIn, 1);
    else if (nights > MAX_NIGHTS) checkOut = addDays(checkIn, MAX_NIGHTS);
  }
  return { ...next, checkIn, checkOut };
}
