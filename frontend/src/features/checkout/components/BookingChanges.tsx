/**
 * On a booking of My bookings: the event's cancellation and change policy in words, Cancel
 * (a confirmation that says what comes back) and Change time (a day, then one of the free
 * starts that day), each disabled with the reason when the policy does not allow it now. The
 * server decides; the page shows what it answered and reloads.
 */
import { useCallback, useEffect, useId, useState } from "react";
import { useI18n } from "../../../i18n";
import type { Booking, BookingChanges as Changes } from "../../../api/schema";
import { ApiError } from "../../../api/client";
import { DateInput } from "../../../components/DateInput";
import { isolate, ltr } from "../../../shared/lib/bidi";
import { bookings as bookingsApi, events as eventsApi } from "../api";
import { addDays, dayIn, daysCovered, formatPercent, moveStarts, policyWords, reasonKey } from "../lib/changes";
import type { Say } from "./Transfers";

type Open = "none" | "cancel" | "move";

export function BookingChanges({
  booking,
  timeZone,
  onChanged,
}: {
  booking: Booking;
  timeZone?: string;
  onChanged(say: Say): void;
}) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [changes, setChanges] = useState<Changes | null>(null);
  const [open, setOpen] = useState<Open>("none");
  const id = useId();

  useEffect(() => {
    let live = true;
    bookingsApi
      .changes(booking.id)
      .then((answer) => live && setChanges(answer))
      .catch(() => live && setChanges(null));
    return () => {
      live = false;
    };
  }, [booking.id, booking.status, booking.starts_at]);

  if (!changes) return null;
  const { cancel, reschedule, policy } = changes;
  const reason = (code: string) => {
    const key = reasonKey(code);
    return key ? t(key) : "";
  };
  const stay = booking.nights > 0;
  // Refused by the policy itself: its own sentence says why (no second paragraph saying it).
  const byPolicy = { cancel: cancel.reason === "not_cancellable", move: reschedule.reason === "not_reschedulable" };
  const sentenceIds: Record<string, string> = {
    "changes.policy.noCancel": `${id}-no-cancel`,
    "changes.policy.noMove": `${id}-no-move`,
  };
  const cancelWhy = byPolicy.cancel ? `${id}-no-cancel` : `${id}-cancel-why`;
  const moveWhy = byPolicy.move ? `${id}-no-move` : `${id}-move-why`;

  return (
    <section className="co-changes" aria-labelledby={`${id}-policy`} data-testid="booking-changes">
      <h3 className="co-h3 co-small" id={`${id}-policy`}>
        {t("changes.policy.title")}
      </h3>
      <ul className="co-policy muted co-small" data-testid="booking-policy">
        {policyWords(policy, lang).map((words) => (
          <li key={words.key} id={sentenceIds[words.key]}>
            {t(words.key, words.vars)}
          </li>
        ))}
      </ul>
      <div className="row co-change-actions">
        <button
          type="button"
          className="btn btn-secondary btn-small"
          disabled={!cancel.allowed}
          aria-describedby={cancel.allowed ? undefined : cancelWhy}
          aria-expanded={open === "cancel"}
          onClick={() => setOpen(open === "cancel" ? "none" : "cancel")}
        >
          {t("changes.cancel")}
        </button>
        <button
          type="button"
          className="btn btn-secondary btn-small"
          disabled={!reschedule.allowed}
          aria-describedby={
            reschedule.allowed ? undefined : !byPolicy.move && reschedule.reason === cancel.reason ? cancelWhy : moveWhy
          }
          aria-expanded={open === "move"}
          onClick={() => setOpen(open === "move" ? "none" : "move")}
        >
          {stay ? t("changes.move.stay") : t("changes.move")}
        </button>
      </div>
      {!cancel.allowed && !byPolicy.cancel && (
        <p className="muted co-small" id={cancelWhy} data-testid="cancel-why">
          {reason(cancel.reason)}
        </p>
      )}
      {!reschedule.allowed && !byPolicy.move && reschedule.reason !== cancel.reason && (
        <p className="muted co-small" id={moveWhy} data-testid="move-why">
          {reason(reschedule.reason)}
        </p>
      )}
      {open === "cancel" && (
        <CancelConfirm
          booking={booking}
          refund={cancel.refund_amount}
          currency={cancel.currency}
          percent={formatPercent(cancel.refund_percent, lang)}
          onClose={() => setOpen("none")}
          onDone={onChanged}
        />
      )}
      {open === "move" && (
        <MovePicker booking={booking} timeZone={timeZone} onClose={() => setOpen("none")} onDone={onChanged} />
      )}
    </section>
  );
}

function errorText(error: unknown, t: ReturnType<typeof useI18n>["t"]): string {
  if (error instanceof ApiError) {
    const key = reasonKey(error.code);
    return key ? t(key) : error.message;
  }
  return t("common.error");
}

function CancelConfirm({
  booking,
  refund,
  currency,
  percent,
  onClose,
  onDone,
}: {
  booking: Booking;
  refund: string;
  currency: string;
  percent: string;
  onClose(): void;
  onDone(say: Say): void;
}) {
  const { t, formatMoney } = useI18n();
  const money = isolate(formatMoney(refund, currency));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const titleId = useId();
  const something = Number(refund) > 0;
  const confirm = async () => {
    setBusy(true);
    setError("");
    try {
      await bookingsApi.cancel(booking.id);
      onClose();
      onDone((tools) =>
        something
          ? tools.t("changes.cancel.done", {
              reference: ltr(booking.reference),
              amount: isolate(tools.formatMoney(refund, currency)),
            })
          : tools.t("changes.cancel.doneNoRefund", { reference: ltr(booking.reference) }),
      );
    } catch (failure) {
      setError(errorText(failure, t));
      setBusy(false);
    }
  };
  return (
    <div className="card co-change-panel" role="group" aria-labelledby={titleId} data-testid="cancel-confirm">
      <strong id={titleId}>{t("changes.cancel.title", { reference: ltr(booking.reference) })}</strong>
      <p data-testid="cancel-refund">
        {something ? t("changes.cancel.refund", { amount: money, percent }) : t("changes.cancel.refundNone")}
      </p>
      <p className="muted co-small">{t("changes.cancel.places")}</p>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <div className="row">
        <button type="button" className="btn btn-danger btn-small" disabled={busy} onClick={() => void confirm()}>
          {busy ? t("changes.cancel.busy") : t("changes.cancel.confirm")}
        </button>
        <button type="button" className="btn btn-secondary btn-small" disabled={busy} onClick={onClose}>
          {t("changes.cancel.keep")}
        </button>
      </div>
    </div>
  );
}

function MovePicker({
  booking,
  timeZone,
  onClose,
  onDone,
}: {
  booking: Booking;
  timeZone?: string;
  onClose(): void;
  onDone(say: Say): void;
}) {
  const { t, lang, formatDateTime } = useI18n();
  const [day, setDay] = useState(() => (booking.starts_at ? dayIn(booking.starts_at, timeZone) : ""));
  const [starts, setStarts] = useState<string[] | null>(null);
  const [chosen, setChosen] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const id = useId();
  const stay = booking.nights > 0;

  const load = useCallback(
    async (wanted: string) => {
      setStarts(null);
      setChosen("");
      if (!wanted) return setStarts([]);
      try {
        const answer = await eventsApi.availability(booking.event, wanted, addDays(wanted, daysCovered(booking)));
        setStarts(moveStarts(booking, answer.slots, wanted, timeZone));
      } catch (failure) {
        setError(errorText(failure, t));
        setStarts([]);
      }
    },
    [booking, timeZone, t],
  );

  useEffect(() => {
    void load(day);
  }, [day, load]);

  const when = (iso: string) =>
    stay
      ? formatDateTime(iso, { dateStyle: "full", timeStyle: undefined }, timeZone)
      : formatDateTime(iso, { dateStyle: undefined, timeStyle: "short" }, timeZone);

  const move = async () => {
    setBusy(true);
    setError("");
    try {
      await bookingsApi.reschedule(booking.id, chosen);
      onClose();
      onDone((tools) =>
        tools.t("changes.move.done", {
          reference: ltr(booking.reference),
          when: tools.formatDateTime(chosen, undefined, timeZone),
        }),
      );
    } catch (failure) {
      setError(errorText(failure, t));
      setBusy(false);
      void load(day);
    }
  };

  return (
    <div className="card co-change-panel" role="group" aria-labelledby={`${id}-title`} data-testid="move-picker">
      <strong id={`${id}-title`}>{t("changes.move.title", { reference: ltr(booking.reference) })}</strong>
      <div className="field">
        <label htmlFor={`${id}-day`}>{stay ? t("changes.move.checkIn") : t("changes.move.day")}</label>
        <DateInput id={`${id}-day`} value={day} onChange={(event) => setDay(event.target.value)} />
      </div>
      <fieldset className="co-move-times">
        <legend className="co-small">{t("changes.move.times")}</legend>
        {starts === null ? (
          <p className="muted co-small" role="status">
            {t("changes.move.loading")}
          </p>
        ) : starts.length === 0 ? (
          <p className="muted co-small" role="status">
            {t("changes.move.none")}
          </p>
        ) : (
          <div className="co-move-options">
            {starts.map((start) => (
              <label key={start} className={`co-move-option${chosen === start ? " co-move-chosen" : ""}`}>
                <input
                  type="radio"
                  name={`${id}-start`}
                  value={start}
                  checked={chosen === start}
                  onChange={() => setChosen(start)}
                />
                <span lang={lang}>{when(start)}</span>
              </label>
            ))}
          </div>
        )}
      </fieldset>
      <p className="muted co-small">{t("changes.move.same")}</p>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <div className="row">
        <button type="button" className="btn btn-small" disabled={!chosen || busy} onClick={() => void move()}>
          {busy ? t("changes.move.busy") : chosen ? t("changes.move.at", { when: when(chosen) }) : t("changes.move")}
        </button>
        <button type="button" className="btn btn-secondary btn-small" disabled={busy} onClick={onClose}>
          {t("changes.move.close")}
        </button>
      </div>
    </div>
  );
}
