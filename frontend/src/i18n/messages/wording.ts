import { defineMessages } from "./define";

/**
 * What a guest holds, in the words of each business (see src/shared/lib/wording.ts; the
 * backend keeps the same words in backend/inventory/wording.py): a festival's tickets shown at
 * the gate, a stay's reservation at reception, a room booking at the front desk, a repair
 * appointment at the shop, the VIP evening's invitation pass at the entrance.
 */
export default defineMessages(
  {
    "wording.festival.document": "Ticket {reference}",
    "wording.festival.booking": "Booking {reference}",
    "wording.festival.yours": "Your tickets",
    "wording.festival.confirmed": "Your booking is confirmed. Show a ticket's QR code at the gate — on your phone or printed.",
    "wording.festival.holder": "Holder",
    "wording.festival.loading": "Issuing your tickets…",
    "wording.festival.none": "No tickets yet.",
    "wording.festival.void": "Void — this ticket no longer admits anyone.",

    "wording.stays.document": "Reservation {reference}",
    "wording.stays.booking": "Reservation {reference}",
    "wording.stays.yours": "Your reservation",
    "wording.stays.confirmed": "Your reservation is confirmed. Show it at reception when you arrive — on your phone or printed.",
    "wording.stays.holder": "Guest",
    "wording.stays.loading": "Preparing your reservation…",
    "wording.stays.none": "Your reservation is not ready yet.",
    "wording.stays.void": "Void — this reservation is no longer valid.",

    "wording.rooms.document": "Room booking {reference}",
    "wording.rooms.booking": "Room booking {reference}",
    "wording.rooms.yours": "Your room booking",
    "wording.rooms.confirmed": "Your room booking is confirmed. Show it at the front desk — on your phone or printed.",
    "wording.rooms.holder": "Booked by",
    "wording.rooms.loading": "Preparing your room booking…",
    "wording.rooms.none": "Your room booking is not ready yet.",
    "wording.rooms.void": "Void — this room booking is no longer valid.",

    "wording.service.document": "Appointment {reference}",
    "wording.service.booking": "Appointment {reference}",
    "wording.service.yours": "Your appointment",
    "wording.service.confirmed": "Your appointment is confirmed. Show it at the shop when you arrive.",
    "wording.service.holder": "Customer",
    "wording.service.loading": "Preparing your appointment…",
    "wording.service.none": "Your appointment is not ready yet.",
    "wording.service.void": "Void — this appointment is no longer valid.",

    "wording.vip.document": "Invitation pass {reference}",
    "wording.vip.booking": "Invitation {reference}",
    "wording.vip.yours": "Your invitation pass",
    "wording.vip.confirmed": "Your invitation is confirmed. Show your pass at the entrance — on your phone or printed.",
    "wording.vip.holder": "Guest",
    "wording.vip.loading": "Preparing your pass…",
    "wording.vip.none": "Your pass is not ready yet.",
    "wording.vip.void": "Void — this pass no longer admits anyone.",
  },
  {
    "wording.festival.document": "التذكرة {reference}",
    "wording.festival.booking": "الحجز {reference}",
    "wording.festival.yours": "تذاكرك",
    "wording.festival.confirmed": "تم تأكيد حجزك. أظهر رمز QR للتذكرة عند البوابة، على هاتفك أو مطبوعًا.",
    "wording.festival.holder": "حامل التذكرة",
    "wording.festival.loading": "جارٍ إصدار تذاكرك…",
    "wording.festival.none": "لا توجد تذاكر بعد.",
    "wording.festival.void": "ملغاة — لم تعد هذه التذكرة صالحة للدخول.",

    "wording.stays.document": "حجز الإقامة {reference}",
    "wording.stays.booking": "حجز الإقامة {reference}",
    "wording.stays.yours": "حجز إقامتك",
    "wording.stays.confirmed": "تم تأكيد حجز إقامتك. أظهره في الاستقبال عند وصولك، على هاتفك أو مطبوعًا.",
    "wording.stays.holder": "الضيف",
    "wording.stays.loading": "جارٍ تجهيز حجز إقامتك…",
    "wording.stays.none": "حجز إقامتك ليس جاهزًا بعد.",
    "wording.stays.void": "ملغى — لم يعد حجز الإقامة هذا صالحًا.",

    "wording.rooms.document": "حجز القاعة {reference}",
    "wording.rooms.booking": "حجز القاعة {reference}",
    "wording.rooms.yours": "حجز قاعتك",
    "wording.rooms.confirmed": "تم تأكيد حجز القاعة. أظهره في مكتب الاستقبال، على هاتفك أو مطبوعًا.",
    "wording.rooms.holder": "باسم",
    "wording.rooms.loading": "جارٍ تجهيز حجز القاعة…",
    "wording.rooms.none": "حجز القاعة ليس جاهزًا بعد.",
    "wording.rooms.void": "ملغى — لم يعد حجز القاعة هذا صالحًا.",

    "wording.service.document": "الموعد {reference}",
    "wording.service.booking": "الموعد {reference}",
    "wording.service.yours": "موعدك",
    "wording.service.confirmed": "تم تأكيد موعدك. أظهره في الورشة عند وصولك.",
    "wording.service.holder": "العميل",
    "wording.service.loading": "جارٍ تجهيز موعدك…",
    "wording.service.none": "موعدك ليس جاهزًا بعد.",
    "wording.service.void": "ملغى — لم يعد هذا الموعد صالحًا.",

    "wording.vip.document": "بطاقة الدعوة {reference}",
    "wording.vip.booking": "الدعوة {reference}",
    "wording.vip.yours": "بطاقة دعوتك",
    "wording.vip.confirmed": "تم تأكيد دعوتك. أظهر بطاقتك عند المدخل، على هاتفك أو مطبوعة.",
    "wording.vip.holder": "الضيف",
    "wording.vip.loading": "جارٍ تجهيز بطاقتك…",
    "wording.vip.none": "بطاقتك ليست جاهزة بعد.",
    "wording.vip.void": "ملغاة — لم تعد هذه البطاقة صالحة للدخول.",
  },
);
