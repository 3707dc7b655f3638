/**
 * "Sold out? Join the waitlist" under an event's booking part: the sold-out slots of what is
 * shown (not single seats), a quantity, and POST /api/events/{slug}/waitlist/. Someone not
 * signed in goes to sign in and back.
 */
import { useMemo, useState } from "react";
import { Link, useLocation, useNavigate } from "react-router";
import { ApiError } from "../../../api/client";
import { ErrorNotice } from "../../../components/ui";
import { useSession } from "../../../components/SiteHeader";
import { signInPath } from "../../../shared/auth/nextPath";
import { useI18n } from "../../../i18n";
import type { EventDetail, Slot } from "../../../api/schema";
import { joinWaitlist } from "../api/waitingRoom";
import type { WaitlistEntry } from "../lib/waitingRoom";

const MAX_QUANTITY = 10;

export function JoinWaitlist({
  event,
  slots,
  availableOf,
}: {
  event: EventDetail;
  slots: Slot[] | null;
  availableOf: (slot: number) => number;
}) {
  const { t, formatNumber, formatDateTime } = useI18n();
  const user = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const resources = useMemo(() => new Map(event.resources.map((resource) => [resource.id, resource])), [event.resources]);
  const soldOut = useMemo(
    () =>
      (slots ?? []).filter((slot) => resources.get(slot.resource)?.kind !== "seat" && slot.capacity > 0 && availableOf(slot.id) === 0),
    [slots, resources, availableOf],
  );
  const [choice, setChoice] = useState<number | null>(null);
  const [quantity, setQuantity] = useState(1);
  const [busy, setBusy] = useState(false);
  const [joined, setJoined] = useState<WaitlistEntry | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notSoldOut, setNotSoldOut] = useState(false);

  if (event.status !== "on_sale" || soldOut.length === 0) return null;
  const slot = soldOut.find((candidate) => candidate.id === choice) ?? soldOut[0];
  const labelOf = (candidate: Slot) => {
    const name = resources.get(candidate.resource)?.name ?? "";
    if (event.kind === "festival") return name;
    const when = formatDateTime(candidate.starts_at, { dateStyle: "medium", timeStyle: "short" }, event.venue.time_zone);
    return name ? `${name} · ${when}` : when;
  };

  async function join() {
    if (!user) {
      navigate(signInPath(location.pathname + location.search));
      return;
    }
    setBusy(true);
    setError(null);
    setNotSoldOut(false);
    try {
      setJoined(await joinWaitlist(event.slug, slot.id, quantity));
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === "not_sold_out") setNotSoldOut(true);
      else setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card waitlist-join" aria-labelledby="waitlist-join-title" data-testid="waitlist-join">
      <h2 id="waitlist-join-title">{t("waitlist.join.title")}</h2>
      <p className="muted">{t("waitlist.join.text")}</p>
      {joined ? (
        <p className="notice notice-ok" role="status" data-testid="waitlist-joined">
          {t("waitlist.join.done", { position: formatNumber(joined.position ?? 1) })}{" "}
          <Link to={`/waitlist/${encodeURIComponent(joined.id)}`}>{t("waitlist.join.view")}</Link>
        </p>
      ) : (
        <div className="waitlist-form">
          <label className="field">
            <span>{t("waitlist.join.slot")}</span>
            <select value={slot.id} onChange={(change) => setChoice(Number(change.target.value))} data-testid="waitlist-slot">
              {soldOut.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {labelOf(candidate)}
                </option>
              ))}
            </select>
          </label>
          <label className="field waitlist-quantity">
            <span>{t("waitlist.join.quantity")}</span>
            <input
              type="number"
              inputMode="numeric"
              min={1}
              max={Math.min(MAX_QUANTITY, slot.capacity)}
              value={quantity}
              onChange={(change) =>
                setQuantity(Math.max(1, Math.min(MAX_QUANTITY, slot.capacity, Number(change.target.value) || 1)))
              }
              data-testid="waitlist-quantity"
            />
          </label>
          <button type="button" className="btn" onClick={() => void join()} disabled={busy} data-testid="waitlist-join-button">
            {busy ? t("waitlist.join.busy") : t("waitlist.join.action")}
          </button>
        </div>
      )}
      {notSoldOut && <p className="notice notice-warn">{t("waitlist.join.notSoldOut")}</p>}
      <ErrorNotice error={error} />
    </section>
  );
}
