/**
 * /staff/booths — the festival's booths on its map (free green, taken red and dashed) or as a
 * list; a booth opens a dialog to put an approved vendor without a booth in it, or to empty it.
 * Two staff assigning the same booth: the server lets one win and answers the other 409
 * `booth_taken`; the page then says who got it and shows the booths as they are now.
 */
import { useCallback, useEffect, useId, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { isApiError } from "../../../api/client";
import { ErrorNotice, Loading, PageTitle, useErrorText } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import { categoryLabel } from "../../../shared/lib/vendorCategories";
import type { MessageKey } from "../../../i18n";
import { BoothMap, BoothSwatch } from "../../../shared/booths/BoothMap";
import type { MapBooth } from "../../../shared/booths/BoothMap";
import { isPlaced, sortBooths } from "../../../shared/booths/map";
import { ltr } from "../../../shared/lib/bidi";
import { PaymentStatusBadge } from "../../../shared/repair/JobCard";
import "../../../shared/repair/repair.css";
import { assignBooth, listBooths, listVendors, mapImage, unassignBooth } from "../api/vendors";
import type { StaffBooth, StaffVendor } from "../api/vendors";
import { useMediaQuery, WIDE } from "../hooks/useMediaQuery";
import { useStaffEvent } from "../hooks/useStaffEvent";
import { assignRefusal, boothTone, countBooths, replaceBooth, vendorsWithoutBooth } from "../lib/vendors";
import { Modal, StatusBadge } from "./parts";
import "./VendorsBooths.css";

function useBooths(event: string) {
  const [booths, setBooths] = useState<StaffBooth[] | null>(null);
  const [vendors, setVendors] = useState<StaffVendor[]>([]);
  const [image, setImage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(
    async (signal?: AbortSignal) => {
      try {
        const [booths, vendors] = await Promise.all([
          listBooths(event, signal),
          listVendors(event, "approved", signal),
        ]);
        setBooths(sortBooths(booths));
        setVendors(vendors);
        setError(null);
      } catch (failure) {
        if (!signal?.aborted) setError(failure);
      }
    },
    [event],
  );
  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    mapImage(event, controller.signal).then(setImage);
    return () => controller.abort();
  }, [event, load]);
  return { booths, setBooths, vendors, image, error, reload: load };
}

function useSizeWord() {
  const { t } = useI18n();
  return (size: string) =>
    ["small", "medium", "large"].includes(size) ? t(`vendor.booth.size.${size}` as MessageKey) : size;
}

function FeeLine({ booth }: { booth: StaffBooth }) {
  const { t, formatMoney } = useI18n();
  if (Number(booth.price) <= 0) return <span className="muted">{t("vendor.fee.state.free")}</span>;
  return (
    <span className="vb-fee">
      <span>{formatMoney(booth.price, booth.currency)}</span>
      {booth.fee &&
        (booth.fee.status === "cancelled" ? (
          <StatusBadge status="cancelled" />
        ) : (
          <PaymentStatusBadge status={booth.fee.payment_status} />
        ))}
    </span>
  );
}

/** One booth: who is in it, and assigning or emptying it. */
function BoothDialog({
  booth,
  free,
  race,
  onAssign,
  onUnassign,
  onClose,
  busy,
  error,
}: {
  booth: StaffBooth;
  free: StaffVendor[];
  race: string;
  onAssign: (vendor: number) => void;
  onUnassign: () => void;
  onClose: () => void;
  busy: boolean;
  error: unknown;
}) {
  const { t, formatNumber } = useI18n();
  const sizeWord = useSizeWord();
  const id = useId();
  const [chosen, setChosen] = useState<string>("");
  const [confirming, setConfirming] = useState(false);
  // A vendor chosen before a refresh that seated them elsewhere is no longer offered.
  const stillFree = free.some((vendor) => String(vendor.id) === chosen);
  return (
    <Modal open onClose={onClose} labelledBy={`${id}-title`}>
      <div className="stack" data-testid="booth-dialog" data-booth={booth.code}>
        <h2 id={`${id}-title`} className="staff-modal-title">
          {t("vendor.staff.booth.title", { booth: ltr(booth.code) })}
        </h2>
        <dl className="staff-dl">
          <div className="staff-dl-row">
            <dt>{t("vendor.booth.zone")}</dt>
            <dd>
              <bdi>{booth.zone}</bdi>
            </dd>
          </div>
          <div className="staff-dl-row">
            <dt>{t("vendor.booth.size")}</dt>
            <dd>{sizeWord(booth.size)}</dd>
          </div>
          <div className="staff-dl-row">
            <dt>{t("vendor.fee.title")}</dt>
            <dd>
              <FeeLine booth={booth} />
            </dd>
          </div>
        </dl>
        {race && (
          <p className="notice notice-warn" role="alert" data-testid="booth-race">
            {race}
          </p>
        )}
        <ErrorNotice error={error} />
        {booth.vendor ? (
          <>
            <p className="vb-booth-vendor">
              {t("vendor.staff.booth.taken", { name: booth.vendor.name })}{" "}
              <span className="muted">({categoryLabel(t, booth.vendor.category)})</span>
            </p>
            {confirming ? (
              <div className="notice notice-warn stack vb-unassign-confirm">
                <span>
                  {booth.fee && booth.fee.payment_status === "paid"
                    ? t("vendor.staff.booth.unassignPaid", { name: booth.vendor.name })
                    : t("vendor.staff.booth.unassignBody", { name: booth.vendor.name })}
                </span>
                <div className="row">
                  <button type="button" className="btn btn-danger btn-small" disabled={busy} onClick={onUnassign}>
                    {busy ? t("staff.busy") : t("vendor.staff.booth.unassignGo")}
                  </button>
                  <button type="button" className="btn btn-secondary btn-small" onClick={() => setConfirming(false)}>
                    {t("staff.confirm.back")}
                  </button>
                </div>
              </div>
            ) : (
              <div className="row staff-modal-buttons">
                <button type="button" className="btn btn-secondary" onClick={onClose} autoFocus>
                  {t("common.close")}
                </button>
                <button type="button" className="btn btn-secondary staff-btn-danger-text" onClick={() => setConfirming(true)}>
                  {t("vendor.staff.booth.unassign")}
                </button>
              </div>
            )}
          </>
        ) : (
          <form
            className="stack"
            onSubmit={(event) => {
              event.preventDefault();
              if (stillFree) onAssign(Number(chosen));
            }}
          >
            <p className="muted">{t("vendor.staff.booth.free")}</p>
            {free.length === 0 ? (
              <p className="notice notice-warn">
                {t("vendor.staff.booth.nobody")} <Link to="/staff/vendors?status=pending">{t("vendor.staff.booth.toVendors")}</Link>
              </p>
            ) : (
              <div className="field">
                <label htmlFor={`${id}-vendor`}>{t("vendor.staff.booth.choose")}</label>
                <span className="hint" id={`${id}-hint`}>
                  {t("vendor.staff.booth.chooseHint", { count: formatNumber(free.length) })}
                </span>
                <select
                  id={`${id}-vendor`}
                  value={stillFree ? chosen : ""}
                  aria-describedby={`${id}-hint`}
                  autoFocus
                  onChange={(event) => setChosen(event.target.value)}
                >
                  <option value="">{t("vendor.form.categoryChoose")}</option>
                  {free.map((vendor) => (
                    <option key={vendor.id} value={vendor.id}>
                      {vendor.name} · {categoryLabel(t, vendor.category)}
                    </option>
                  ))}
                </select>
              </div>
            )}
            <div className="row staff-modal-buttons">
              <button type="button" className="btn btn-secondary" onClick={onClose}>
                {t("common.close")}
              </button>
              {free.length > 0 && (
                <button type="submit" className="btn" disabled={busy || !stillFree}>
                  {busy ? t("staff.busy") : t("vendor.staff.booth.assign")}
                </button>
              )}
            </div>
          </form>
        )}
      </div>
    </Modal>
  );
}

function BoothList({ booths, onOpen }: { booths: StaffBooth[]; onOpen: (id: number) => void }) {
  const { t } = useI18n();
  const sizeWord = useSizeWord();
  const wide = useMediaQuery(WIDE);
  const vendorCell = (booth: StaffBooth) =>
    booth.vendor ? (
      <bdi className="staff-strong">{booth.vendor.name}</bdi>
    ) : (
      <span className="vb-free-word">{t("vendor.staff.free")}</span>
    );
  const open = (booth: StaffBooth) => (
    <button
      type="button"
      className="btn btn-small btn-secondary"
      onClick={() => onOpen(booth.id)}
      aria-label={t("vendor.staff.booth.open", { booth: ltr(booth.code) })}
    >
      {booth.vendor ? t("vendor.staff.booth.manage") : t("vendor.staff.booth.assign")}
    </button>
  );
  if (!wide)
    return (
      <ul className="staff-cards staff-plain-list" data-testid="booths-cards">
        {booths.map((booth) => (
          <li key={booth.id} className={`card vb-card vb-booth-${boothTone(booth)}`} data-booth={booth.code}>
            <div className="staff-booking-card-head">
              <span className="staff-strong vb-code">{ltr(booth.code)}</span>
              {vendorCell(booth)}
            </div>
            <p className="muted vb-card-line">
              <bdi>{booth.zone}</bdi> · {sizeWord(booth.size)}
            </p>
            <p className="vb-card-line">
              <FeeLine booth={booth} />
            </p>
            {open(booth)}
          </li>
        ))}
      </ul>
    );
  return (
    <div className="card staff-table-wrap">
      <table className="staff-table" data-testid="booths-table">
        <caption className="visually-hidden">{t("vendor.staff.booths.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("vendor.booth.code")}</th>
            <th scope="col">{t("vendor.booth.zone")}</th>
            <th scope="col">{t("vendor.booth.size")}</th>
            <th scope="col">{t("vendor.staff.vendor")}</th>
            <th scope="col">{t("vendor.fee.title")}</th>
            <th scope="col">{t("staff.bookings.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {booths.map((booth) => (
            <tr key={booth.id} className={`vb-booth-${boothTone(booth)}`} data-booth={booth.code}>
              <th scope="row" className="vb-code">
                {ltr(booth.code)}
              </th>
              <td>
                <bdi>{booth.zone}</bdi>
              </td>
              <td>{sizeWord(booth.size)}</td>
              <td>{vendorCell(booth)}</td>
              <td>
                <FeeLine booth={booth} />
              </td>
              <td>{open(booth)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function BoothsPage() {
  const event = useStaffEvent();
  const { t, formatNumber } = useI18n();
  const errorText = useErrorText();
  const { booths, setBooths, vendors, image, error, reload } = useBooths(event.slug);
  const [params, setParams] = useSearchParams();
  const view = params.get("view") === "list" ? "list" : "map";
  const [open, setOpen] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const [race, setRace] = useState("");
  const [notice, setNotice] = useState("");

  const free = vendorsWithoutBooth(vendors, booths ?? []);
  const counts = countBooths(booths ?? []);
  const current = booths?.find((booth) => booth.id === open) ?? null;

  const openBooth = (id: number) => {
    setActionError(null);
    setRace("");
    setOpen(id);
  };

  async function assign(booth: StaffBooth, vendor: number) {
    const name = vendors.find((v) => v.id === vendor)?.name ?? "";
    setBusy(true);
    setActionError(null);
    setRace("");
    try {
      const updated = await assignBooth(booth.id, vendor);
      setBooths((list) => (list ? replaceBooth(list, updated) : list));
      setOpen(null);
      setNotice(t("vendor.staff.booth.assigned", { name: updated.vendor?.name ?? name, booth: ltr(updated.code) }));
      void reload();
    } catch (failure) {
      const refusal = assignRefusal(failure);
      if (refusal.kind === "other") setActionError(failure);
      else {
        // Someone else changed it a moment ago: show it as it is now.
        setRace(
          refusal.kind === "booth_taken"
            ? refusal.by
              ? t("vendor.staff.race.taken", { booth: ltr(booth.code), name: refusal.by })
              : t("vendor.staff.race.takenAnon", { booth: ltr(booth.code) })
            : refusal.kind === "vendor_has_booth"
              ? t("vendor.staff.race.hasBooth", { name })
              : t("vendor.staff.race.notApproved", { name }),
        );
        await reload();
      }
    } finally {
      setBusy(false);
    }
  }

  async function unassign(booth: StaffBooth) {
    setBusy(true);
    setActionError(null);
    try {
      const updated = await unassignBooth(booth.id);
      setBooths((list) => (list ? replaceBooth(list, updated) : list));
      setOpen(null);
      setNotice(t("vendor.staff.booth.emptied", { booth: ltr(updated.code) }));
      void reload();
    } catch (failure) {
      if (isApiError(failure, undefined, 409)) {
        setRace(errorText(failure));
        await reload();
      } else setActionError(failure);
    } finally {
      setBusy(false);
    }
  }

  const mapBooths: MapBooth[] = (booths ?? []).filter(isPlaced).map((booth) => ({
    ...booth,
    tone: boothTone(booth),
    name: booth.vendor
      ? t("vendor.staff.booth.nameTaken", { booth: ltr(booth.code), name: booth.vendor.name })
      : t("vendor.staff.booth.nameFree", { booth: ltr(booth.code) }),
  }));
  const unplaced = (booths ?? []).filter((booth) => !isPlaced(booth));

  const title = t("vendor.staff.booths.title");
  return (
    <main id="main" className="page staff-page vb-page">
      <div className="staff-page-head">
        <PageTitle title={`${title} · ${event.name}`}>{title}</PageTitle>
        <div className="row">
          <Link className="btn btn-secondary btn-small" to="/staff/vendors">
            {t("vendor.staff.vendors.title")}
          </Link>
          <button type="button" className="btn btn-secondary btn-small" onClick={() => void reload()}>
            {t("staff.bookings.refresh")}
          </button>
        </div>
      </div>
      <div className="vb-toolbar">
        <p className="muted" data-testid="booth-counts">
          {booths
            ? t("vendor.staff.booths.counts", {
                free: formatNumber(counts.free),
                taken: formatNumber(counts.taken),
                waiting: formatNumber(free.length),
              })
            : ""}
        </p>
        <div className="vb-filters" role="group" aria-label={t("vendor.staff.booths.view")}>
          {(["map", "list"] as const).map((name) => (
            <button
              key={name}
              type="button"
              className="vb-filter"
              aria-pressed={view === name}
              onClick={() => setParams(name === "list" ? { view: "list" } : {}, { replace: true })}
            >
              {t(`vendor.staff.booths.${name}` as MessageKey)}
            </button>
          ))}
        </div>
      </div>
      <p role="status" className="staff-notice-line" data-testid="booths-notice">
        {notice}
      </p>
      {/* A race reported while no dialog is open (the dialog shows its own). */}
      {!current && race && <p className="notice notice-warn">{race}</p>}
      <ErrorNotice error={error} onRetry={() => void reload()} />
      {!booths && !error && <Loading />}
      {booths && booths.length === 0 && (
        <div className="card staff-empty">
          <p>{t("vendor.staff.booths.none")}</p>
        </div>
      )}
      {booths && booths.length > 0 && view === "map" && (
        <section className="card vb-map-card" aria-label={t("vendor.staff.booths.map")}>
          <BoothMap
            image={image}
            booths={mapBooths}
            selected={open}
            onSelect={openBooth}
            minWidth={720}
            label={t("vendor.staff.booths.mapLabel", { event: event.name })}
            imageAlt={t("vendor.staff.booths.mapAlt", { event: event.name })}
          >
            <BoothSwatch tone="free">{t("vendor.staff.free")}</BoothSwatch>
            <BoothSwatch tone="taken">{t("vendor.staff.taken")}</BoothSwatch>
            {!image && <span>{t("vendor.staff.booths.noImage")}</span>}
          </BoothMap>
          {unplaced.length > 0 && (
            <p className="muted co-small">
              {t("vendor.staff.booths.unplaced", { codes: unplaced.map((booth) => booth.code).join(", ") })}
            </p>
          )}
        </section>
      )}
      {booths && booths.length > 0 && view === "list" && <BoothList booths={booths} onOpen={openBooth} />}
      {current && (
        <BoothDialog
          key={current.id}
          booth={current}
          free={free}
          race={race}
          busy={busy}
          error={actionError}
          onAssign={(vendor) => void assign(current, vendor)}
          onUnassign={() => void unassign(current)}
          onClose={() => {
            setOpen(null);
            setRace("");
          }}
        />
      )}
    </main>
  );
}
