import { defineMessages } from "./define";

/** Pictures, amenities and stay times of venues, events and rooms; Add to calendar. */
export default defineMessages(
  {
    "media.amenities": "Amenities",
    "media.checkIn": "Check-in from {time}",
    "media.checkOut": "Check-out by {time}",
    "media.stayTimes": "Check-in and check-out",
    "media.pictures": "Pictures of {name}",
    "media.rooms": "The rooms",
    "media.spaces": "The meeting rooms",
    "calendar.title": "Add to calendar",
    "calendar.ics": "Download",
    "calendar.icsHint": "Apple Calendar, Outlook and most calendar apps",
    "calendar.google": "Google Calendar",
    "calendar.newTab": "(opens in a new tab)",
    "calendar.reference": "Booking reference: {reference}",
    "calendar.open": "Your booking: {url}",
  },
  {
    "media.amenities": "المرافق",
    "media.checkIn": "تسجيل الوصول من {time}",
    "media.checkOut": "تسجيل المغادرة حتى {time}",
    "media.stayTimes": "الوصول والمغادرة",
    "media.pictures": "صور {name}",
    "media.rooms": "الغرف",
    "media.spaces": "قاعات الاجتماعات",
    "calendar.title": "أضف إلى التقويم",
    "calendar.ics": "تنزيل ملف التقويم",
    "calendar.icsHint": "تقويم Apple وOutlook ومعظم تطبيقات التقويم",
    "calendar.google": "تقويم Google",
    "calendar.newTab": "(يفتح في علامة تبويب جديدة)",
    "calendar.reference": "رقم الحجز: {reference}",
    "calendar.open": "حجزك: {url}",
  },
);
