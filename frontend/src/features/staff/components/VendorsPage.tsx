/**
 * /staff/vendors — the festival's vendor applications: filtered by status (in the address),
 * each with what they sell, who applied and when; approve, reject with a reason, or revoke an
 * approved vendor with a reason (the vendor is e-mailed it). A table on a laptop, cards on a
 * phone. No topic carries applications: the list asks again every 30 s while visible.
 */
import { useCallback, useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { isApiError } from "../../../api/client";
import { ErrorNotice, Loading, PageTitle, useErrorText } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import { categoryLabel } from "../../../shared/lib/vendorCategories";
import type { MessageKey } from "../../../i18n";
import { ltr } from "../../../shared/lib/bidi";
import { approveVendor, listVendors, rejectVendor, revokeVendor } from "../api/vendors";
import type { StaffVendor } from "../api/vendors";
import { useMediaQuery, WIDE } from "../hooks/useMediaQuery";
import { useStaffEvent } from "../hooks/useStaffEvent";
import { filterFromParam, VENDOR_FILTERS, vendorActions } from "../lib/vendors";
import type { VendorAction, VendorFilter } from "../lib/vendors";
import { useVenueTime } from "./parts";
import { ReasonDialog } from "./VendorsDecision";
import { VendorStatus } from "./VendorsParts";
import "./VendorsBooths.css";

const REFRESH_MS = 30_000;

function useVendors(event: string) {
  const [vendors, setVendors] = useState<StaffVendor[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const load = useCallback(
    async (signal?: AbortSignal) => {
      setLoading(true);
      try {
        setVendors(await listVendors(event, "", signal));
        setError(null);
      } catch (failure) {
        if (!signal?.aborted) setError(failure);
      } finally {
        setLoading(false);
      }
    },
    [event],
  );
  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    const timer = setInterval(() => document.visibilityState === "visible" && void load(), REFRESH_MS);
    return () => {
      controller.abort();
      clearInterval(timer);
    };
  }, [load]);
  const replace = (vendor: StaffVendor) =>
    setVendors((list) => (list ? list.map((old) => (old.id === vendor.id ? vendor : old)) : list));
  return { vendors, error, loading, reload: () => void load(), replace };
}

function Actions({
  vendor,
  busy,
  onAct,
}: {
  vendor: StaffVendor;
  busy: string | null;
  onAct: (vendor: StaffVendor, action: VendorAction) => void;
}) {
  const { t } = useI18n();
  const actions = vendorActions(vendor.status);
  if (actions.length === 0) return <span className="muted">—</span>;
  return (
    <div className="staff-actions" role="group" aria-label={t("vendor.staff.actionsFor", { name: vendor.name })}>
      {actions.map((action) => (
        <button
          key={action}
          type="button"
          className={`btn btn-small ${action === "approve" ? "" : "btn-secondary staff-btn-danger-text"}`}
          data-action={action}
          disabled={busy !== null}
          onClick={() => onAct(vendor, action)}
        >
          {busy === `${vendor.id}:${action}` ? t("staff.busy") : t(`vendor.staff.action.${action}` as MessageKey)}
        </button>
      ))}
    </div>
  );
}

/** What the applicant sells and how to reach them, folded away until asked for. */
function Details({ vendor }: { vendor: StaffVendor }) {
  const { t } = useI18n();
  return (
    <details className="vb-details">
      <summary>{t("vendor.staff.details")}</summary>
      {vendor.description && (
        <p className="vb-description" dir="auto">
          {vendor.description}
        </p>
      )}
      <p className="muted vb-contact">
        <span dir="ltr">{vendor.contact_email}</span>
        {vendor.contact_phone && <> · {ltr(vendor.contact_phone)}</>}
        {vendor.website && (
          <>
            {" · "}
            <a href={vendor.website} target="_blank" rel="noopener noreferrer" dir="ltr">
              {vendor.website.replace(/^https?:\/\//, "").replace(/\/$/, "")}
            </a>
          </>
        )}
      </p>
      {vendor.reason && (
        <p className="vb-reason">
          <strong>{t("vendor.staff.reasonGiven")}</strong> <bdi>{vendor.reason}</bdi>
        </p>
      )}
    </details>
  );
}

function VendorName({ vendor }: { vendor: StaffVendor }) {
  const { t } = useI18n();
  return (
    <span className="vb-vendor">
      {vendor.logo ? (
        <img className="vb-logo" src={vendor.logo} alt="" width={40} height={40} />
      ) : (
        <span className="vb-logo vb-logo-empty" aria-hidden="true">
          {vendor.name.slice(0, 1)}
        </span>
      )}
      <span className="vb-vendor-text">
        <span className="staff-strong">
          <bdi>{vendor.name}</bdi>
        </span>
        <span className="muted">{categoryLabel(t, vendor.category)}</span>
      </span>
    </span>
  );
}

function Applicant({ vendor }: { vendor: StaffVendor }) {
  return (
    <>
      <span className="staff-strong">{vendor.user.name || "—"}</span>
      <br />
      <span className="muted staff-ltr">{vendor.user.phone || vendor.user.email}</span>
    </>
  );
}

function BoothLine({ vendor }: { vendor: StaffVendor }) {
  const { t } = useI18n();
  if (vendor.status !== "approved") return null;
  return (
    <span className="muted vb-booth-line">
      {vendor.booth ? t("vendor.staff.inBooth", { booth: ltr(vendor.booth.code) }) : t("vendor.staff.noBooth")}
    </span>
  );
}

export default function VendorsPage() {
  const event = useStaffEvent();
  const { t, formatNumber } = useI18n();
  const errorText = useErrorText();
  const { dateTime } = useVenueTime(event.venue?.time_zone);
  const wide = useMediaQuery(WIDE);
  const [params, setParams] = useSearchParams();
  const filter = filterFromParam(params.get("status"));
  const { vendors, error, loading, reload, replace } = useVendors(event.slug);
  const [busy, setBusy] = useState<string | null>(null);
  const [asking, setAsking] = useState<{ vendor: StaffVendor; action: "reject" | "revoke" } | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [notice, setNotice] = useState("");

  const counts = Object.fromEntries(
    VENDOR_FILTERS.map((status) => [status, vendors ? vendors.filter((v) => !status || v.status === status).length : 0]),
  ) as Record<VendorFilter, number>;
  const shown = vendors?.filter((vendor) => !filter || vendor.status === filter) ?? [];

  async function act(vendor: StaffVendor, action: VendorAction, reason = "") {
    setBusy(`${vendor.id}:${action}`);
    setActionError(null);
    setNotice("");
    try {
      const updated =
        action === "approve"
          ? await approveVendor(vendor.id)
          : action === "reject"
            ? await rejectVendor(vendor.id, reason)
            : await revokeVendor(vendor.id, reason);
      replace(updated);
      setAsking(null);
      setNotice(t(`vendor.staff.done.${action}` as MessageKey, { name: updated.name }));
    } catch (failure) {
      // Someone else decided first: show the list as it is now, and why.
      if (isApiError(failure, undefined, 409)) {
        setAsking(null);
        setNotice(errorText(failure));
        reload();
      } else setActionError(failure);
    } finally {
      setBusy(null);
    }
  }

  const onAct = (vendor: StaffVendor, action: VendorAction) => {
    setActionError(null);
    if (action === "approve") void act(vendor, action);
    else setAsking({ vendor, action });
  };

  const title = t("vendor.staff.vendors.title");
  return (
    <main id="main" className="page staff-page vb-page">
      <div className="staff-page-head">
        <PageTitle title={`${title} · ${event.name}`}>{title}</PageTitle>
        <div className="row">
          <Link className="btn btn-secondary btn-small" to="/staff/booths">
            {t("vendor.staff.booths.title")}
          </Link>
          <button type="button" className="btn btn-secondary btn-small" onClick={reload}>
            {t("staff.bookings.refresh")}
          </button>
        </div>
      </div>
      <nav className="vb-filters" aria-label={t("vendor.staff.filter")}>
        {VENDOR_FILTERS.map((status) => (
          <button
            key={status || "all"}
            type="button"
            className="vb-filter"
            aria-pressed={filter === status}
            data-filter={status || "all"}
            onClick={() => {
              setNotice("");
              setParams(status ? { status } : {}, { replace: true });
            }}
          >
            {status ? t(`vendor.status.${status}` as MessageKey) : t("vendor.staff.all")}
            <span className="vb-count">{formatNumber(counts[status])}</span>
          </button>
        ))}
      </nav>
      <p role="status" className="staff-notice-line" data-testid="vendors-notice">
        {notice}
      </p>
      <ErrorNotice error={error} onRetry={reload} />
      {!asking && <ErrorNotice error={actionError} />}
      {!vendors && !error && <Loading />}
      {vendors && shown.length === 0 && (
        <div className="card staff-empty">
          <p>{filter ? t("vendor.staff.noneFiltered") : t("vendor.staff.none")}</p>
        </div>
      )}
      {shown.length > 0 && (
        <div aria-busy={loading}>
          {wide ? (
            <div className="card staff-table-wrap">
              <table className="staff-table" data-testid="vendors-table">
                <caption className="visually-hidden">{t("vendor.staff.caption", { event: event.name })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("vendor.staff.vendor")}</th>
                    <th scope="col">{t("vendor.staff.applicant")}</th>
                    <th scope="col">{t("vendor.staff.applied")}</th>
                    <th scope="col">{t("vendor.status")}</th>
                    <th scope="col">{t("staff.bookings.actions")}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((vendor) => (
                    <tr key={vendor.id} data-testid={`vendor-${vendor.id}`} data-name={vendor.name}>
                      <th scope="row">
                        <VendorName vendor={vendor} />
                        <Details vendor={vendor} />
                      </th>
                      <td>
                        <Applicant vendor={vendor} />
                      </td>
                      <td>{dateTime(vendor.applied_at)}</td>
                      <td>
                        <VendorStatus status={vendor.status} />
                        <br />
                        <BoothLine vendor={vendor} />
                      </td>
                      <td>
                        <Actions vendor={vendor} busy={busy} onAct={onAct} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <ul className="staff-cards staff-plain-list" data-testid="vendors-cards">
              {shown.map((vendor) => (
                <li key={vendor.id} className="card vb-card" data-testid={`vendor-${vendor.id}`} data-name={vendor.name}>
                  <div className="staff-booking-card-head">
                    <VendorName vendor={vendor} />
                    <VendorStatus status={vendor.status} />
                  </div>
                  <p className="vb-card-line">
                    <Applicant vendor={vendor} />
                  </p>
                  <p className="muted vb-card-line">
                    {t("vendor.staff.appliedAt", { time: dateTime(vendor.applied_at) })} <BoothLine vendor={vendor} />
                  </p>
                  <Details vendor={vendor} />
                  <Actions vendor={vendor} busy={busy} onAct={onAct} />
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {asking && (
        <ReasonDialog
          vendor={asking.vendor}
          action={asking.action}
          busy={busy !== null}
          error={actionError}
          onConfirm={(reason) => void act(asking.vendor, asking.action, reason)}
          onClose={() => setAsking(null)}
        />
      )}
    </main>
  );
}
