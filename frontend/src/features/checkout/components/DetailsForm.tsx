/** The guest details of each kind of event: holders, the party per room, a head count, contact. */
import { useEffect, useRef } from "react";
import { useI18n } from "../../../i18n";
import { isolate } from "../../../shared/lib/bidi";
import { ADULT_AGE, digitsOnly, postcodeOnly } from "../lib/details";
import type { DetailsForm as Form, StayRoom } from "../lib/details";
import { TextAreaField, TextField } from "../../../components/Field";
import { Icon } from "../../../components/Icon";

/** The id of the input at a form path ("holders.0" → "co-holders-0"). */
export function fieldId(path: string): string {
  return `co-${path.replace(/\./g, "-")}`;
}

interface Props {
  form: Form;
  onChange(form: Form): void;
  /** Form path → the message to show there. */
  errors: Record<string, string>;
}

export function DetailsFields({ form, onChange, errors }: Props) {
  const { t } = useI18n();
  if (form.kind === "service") return <ServiceFields form={form} onChange={onChange} errors={errors} />;
  return (
    <>
      <KindFields form={form} onChange={onChange} errors={errors} />
      <TextField
        id={fieldId("contactEmail")}
        label={t("checkout.details.contactEmail")}
        hint={t("checkout.details.contactEmailHint")}
        error={errors.contactEmail}
        type="email"
        inputMode="email"
        autoComplete="email"
        dir="ltr"
        maxLength={254}
        value={form.contactEmail}
        onChange={(e) => onChange({ ...form, contactEmail: e.target.value })}
      />
    </>
  );
}

function KindFields({ form, onChange, errors }: Props) {
  switch (form.kind) {
    case "festival":
      return <FestivalFields form={form} onChange={onChange} errors={errors} />;
    case "stays":
      return <StayFields form={form} onChange={onChange} errors={errors} />;
    case "rooms":
      return <RoomFields form={form} onChange={onChange} errors={errors} />;
    case "service":
      return <ServiceFields form={form} onChange={onChange} errors={errors} />;
    case "vip":
      return <VipFields form={form} onChange={onChange} errors={errors} />;
  }
}

type Of<K extends Form["kind"]> = Extract<Form, { kind: K }>;
interface KindProps<K extends Form["kind"]> {
  form: Of<K>;
  onChange(form: Form): void;
  errors: Record<string, string>;
}

function FestivalFields({ form, onChange, errors }: KindProps<"festival">) {
  const { t, formatNumber } = useI18n();
  return (
    <fieldset className="co-fieldset">
      <legend className="co-legend">{t("checkout.details.festival.intro")}</legend>
      <div className="co-holders">
        {form.holders.map((holder, index) => (
          <TextField
            key={`${holder.slot}-${holder.number}`}
            id={fieldId(`holders.${index}`)}
            label={
              <>
                {t("checkout.details.holder", { n: formatNumber(index + 1) })}{" "}
                <span className="co-label-note">{holder.resourceName}</span>
              </>
            }
            error={errors[`holders.${index}`]}
            autoComplete={index === 0 ? "name" : "off"}
            maxLength={150}
            value={holder.name}
            onChange={(e) => {
              const holders = form.holders.map((h, i) => (i === index ? { ...h, name: e.target.value } : h));
              onChange({ ...form, holders });
            }}
          />
        ))}
      </div>
    </fieldset>
  );
}

function StayFields({ form, onChange, errors }: KindProps<"stays">) {
  const { t, formatNumber } = useI18n();
  const setRoom = (index: number, room: StayRoom) =>
    onChange({ ...form, rooms: form.rooms.map((r, i) => (i === index ? room : r)) });
  return (
    <div className="stack">
      <p className="co-lead">{t("checkout.details.stays.intro", { age: formatNumber(ADULT_AGE) })}</p>
      {form.rooms.map((room, r) => (
        <RoomParty key={room.room} room={room} index={r} errors={errors} onChange={(next) => setRoom(r, next)} />
      ))}
      <TextAreaField
        id={fieldId("specialRequests")}
        label={t("checkout.details.specialRequests")}
        maxLength={1000}
        value={form.specialRequests}
        onChange={(e) => onChange({ ...form, specialRequests: e.target.value })}
      />
    </div>
  );
}

function RoomParty({
  room,
  index,
  errors,
  onChange,
}: {
  room: StayRoom;
  index: number;
  errors: Record<string, string>;
  onChange(room: StayRoom): void;
}) {
  const { t, formatNumber } = useI18n();
  const roomError = errors[`rooms.${index}`];
  const setGuest = (g: number, patch: Partial<StayRoom["guests"][number]>) =>
    onChange({ ...room, guests: room.guests.map((guest, i) => (i === g ? { ...guest, ...patch } : guest)) });
  // Adding a guest moves to their name; removing one (whose button goes away) to the room.
  const focusNext = useRef<string | null>(null);
  useEffect(() => {
    if (!focusNext.current) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  });
  const addGuest = () => {
    focusNext.current = fieldId(`rooms.${index}.guests.${room.guests.length}.name`);
    onChange({ ...room, guests: [...room.guests, { name: "", age: "" }] });
  };
  const removeGuest = (g: number) => {
    focusNext.current = fieldId(`rooms.${index}`);
    onChange({ ...room, guests: room.guests.filter((_, i) => i !== g) });
  };
  return (
    <fieldset
      className="co-fieldset co-room"
      id={fieldId(`rooms.${index}`)}
      tabIndex={-1}
      aria-describedby={roomError ? `${fieldId(`rooms.${index}`)}-error` : undefined}
    >
      <legend className="co-legend">
        {t("checkout.details.room", { room: isolate(room.name) })}{" "}
        <span className="muted co-legend-note">
          {t("checkout.details.roomCapacity", { max: formatNumber(room.capacity) })}
        </span>
      </legend>
      {room.guests.map((guest, g) => {
        const base = `rooms.${index}.guests.${g}`;
        const n = formatNumber(g + 1);
        return (
          <div className="co-guest" key={g}>
            <TextField
              id={fieldId(`${base}.name`)}
              label={t("checkout.details.guestName", { n })}
              error={errors[`${base}.name`]}
              autoComplete={index === 0 && g === 0 ? "name" : "off"}
              maxLength={150}
              value={guest.name}
              onChange={(e) => setGuest(g, { name: e.target.value })}
            />
            <TextField
              id={fieldId(`${base}.age`)}
              label={
                <>
                  <span className="visually-hidden">{t("checkout.details.guestN", { n })} </span>
                  {t("checkout.details.age")}
                </>
              }
              error={errors[`${base}.age`]}
              inputMode="numeric"
              className="co-age-input"
              maxLength={3}
              value={guest.age}
              pattern="[0-9\u0660-\u0669\u06F0-\u06F9]*"
              onChange={(e) => setGuest(g, { age: digitsOnly(e.target.value) })}
            />
            {room.guests.length > 1 && (
              <button
                type="button"
                className="btn btn-ghost btn-small co-remove"
                onClick={() => removeGuest(g)}
              >
                <Icon name="cross" size={16} />
                <span className="visually-hidden">{t("checkout.details.removeGuest", { n })}</span>
              </button>
            )}
          </div>
        );
      })}
      {roomError && (
        <p className="field-error co-room-error" id={`${fieldId(`rooms.${index}`)}-error`}>
          {roomError}
        </p>
      )}
      {room.guests.length < room.capacity && (
        <button
          type="button"
          className="btn btn-secondary btn-small"
          onClick={addGuest}
        >
          <Icon name="plus" size={16} /> {t("checkout.details.addGuest")}
        </button>
      )}
    </fieldset>
  );
}

function RoomFields({ form, onChange, errors }: KindProps<"rooms">) {
  const { t, formatNumber } = useI18n();
  return (
    <div className="stack">
      <p className="co-lead">{t("checkout.details.rooms.intro")}</p>
      <TextField
        id={fieldId("guestCount")}
        label={t("checkout.details.guestCount")}
        hint={t("checkout.details.guestCountHint", { max: formatNumber(form.maxGuests) })}
        error={errors.guestCount}
        inputMode="numeric"
        className="co-age-input"
        maxLength={4}
        value={form.guestCount}
        pattern="[0-9\u0660-\u0669\u06F0-\u06F9]*"
        onChange={(e) => onChange({ ...form, guestCount: digitsOnly(e.target.value) })}
      />
      <TextAreaField
        id={fieldId("specialRequests")}
        label={t("checkout.details.specialRequests")}
        error={errors.specialRequests}
        maxLength={1000}
        value={form.specialRequests}
        onChange={(e) => onChange({ ...form, specialRequests: e.target.value })}
      />
    </div>
  );
}

function ServiceFields({ form, onChange, errors }: KindProps<"service">) {
  const { t } = useI18n();
  const set = (patch: Partial<Of<"service">>) => onChange({ ...form, ...patch });
  return (
    <div className="stack">
      <p className="co-lead">{t("checkout.details.service.intro")}</p>
      <TextField
        id={fieldId("customerName")}
        label={t("checkout.details.customerName")}
        error={errors.customerName}
        autoComplete="name"
        maxLength={150}
        value={form.customerName}
        onChange={(e) => set({ customerName: e.target.value })}
      />
      <div className="co-two">
        <TextField
          id={fieldId("phone")}
          label={t("checkout.details.phone")}
          error={errors.phone}
          type="tel"
          autoComplete="tel"
          dir="ltr"
          maxLength={32}
          value={form.phone}
          onChange={(e) => set({ phone: e.target.value })}
        />
        <TextField
          id={fieldId("email")}
          label={t("checkout.details.email")}
          error={errors.email}
          type="email"
          autoComplete="email"
          dir="ltr"
          maxLength={254}
          value={form.email}
          onChange={(e) => set({ email: e.target.value })}
        />
      </div>
      {(errors.vehicleModel || errors.services || errors.location) && (
        <div className="notice notice-error" role="alert" id={fieldId("services")}>
          {[errors.vehicleModel, errors.services, errors.location].filter(Boolean).map((message) => (
            <span key={message}>{message}</span>
          ))}
        </div>
      )}
      {form.vehicleModel === null && (
        <fieldset className="co-fieldset co-choice" id={fieldId("location")}>
          <legend className="co-legend">{t("checkout.details.location")}</legend>
          {(["shop", "home"] as const).map((place) => (
            <label key={place} className="co-radio">
              <input
                type="radio"
                name="location"
                value={place}
                checked={form.location === place}
                onChange={() => set({ location: place })}
              />
              <span>{t(`checkout.details.location.${place}`)}</span>
            </label>
          ))}
        </fieldset>
      )}
      {form.location === "home" && (
        <>
          <TextAreaField
            id={fieldId("address")}
            label={t("checkout.details.address")}
            error={errors.address}
            autoComplete="street-address"
            dir="auto"
            maxLength={500}
            value={form.address}
            onChange={(e) => set({ address: e.target.value })}
          />
          <div className="co-two">
            <TextField
              id={fieldId("city")}
              label={t("checkout.details.city")}
              error={errors.city}
              autoComplete="address-level2"
              dir="auto"
              maxLength={100}
              value={form.city}
              onChange={(e) => set({ city: e.target.value })}
            />
            <TextField
              id={fieldId("postcode")}
              label={t("checkout.details.postcode")}
              error={errors.postcode}
              autoComplete="postal-code"
              inputMode="numeric"
              dir="ltr"
              maxLength={12}
              value={form.postcode}
              onChange={(e) => set({ postcode: postcodeOnly(e.target.value) })}
            />
          </div>
        </>
      )}
      {form.vehicleModel === null && (
        <TextField
          id={fieldId("vehicle")}
          label={t("checkout.details.vehicle")}
          hint={t("checkout.details.vehicleHint")}
          error={errors.vehicle}
          maxLength={150}
          value={form.vehicle}
          onChange={(e) => set({ vehicle: e.target.value })}
        />
      )}
      <TextAreaField
        id={fieldId("notes")}
        label={t("checkout.details.notes")}
        error={errors.notes}
        maxLength={1000}
        value={form.notes}
        onChange={(e) => set({ notes: e.target.value })}
      />
    </div>
  );
}

function VipFields({ form, onChange, errors }: KindProps<"vip">) {
  const { t } = useI18n();
  return (
    <div className="stack">
      <p className="co-lead">{t("checkout.details.vip.intro")}</p>
      <TextField
        id={fieldId("name")}
        label={t("checkout.details.name")}
        error={errors.name}
        autoComplete="name"
        maxLength={150}
        value={form.name}
        onChange={(e) => onChange({ ...form, name: e.target.value })}
      />
    </div>
  );
}
