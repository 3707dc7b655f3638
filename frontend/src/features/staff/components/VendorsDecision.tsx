/** Rejecting an application or revoking a vendor: the reason the vendor is e-mailed. */
import { useId, useState } from "react";
import { ErrorNotice } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import type { StaffVendor } from "../api/vendors";
import { REASON_MAX, reasonProblem } from "../lib/vendors";
import { Modal } from "./parts";

export function ReasonDialog({
  vendor,
  action,
  busy,
  error,
  onConfirm,
  onClose,
}: {
  vendor: StaffVendor;
  action: "reject" | "revoke";
  busy: boolean;
  error: unknown;
  onConfirm: (reason: string) => void;
  onClose: () => void;
}) {
  const { t, formatNumber } = useI18n();
  const id = useId();
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<"required" | "tooLong" | null>(null);
  const texts =
    action === "reject"
      ? {
          title: t("vendor.staff.reject.title", { name: vendor.name }),
          body: t("vendor.staff.reject.body"),
          go: t("vendor.staff.reject.go"),
        }
      : {
          title: t("vendor.staff.revoke.title", { name: vendor.name }),
          body: t("vendor.staff.revoke.body"),
          go: t("vendor.staff.revoke.go"),
        };
  return (
    <Modal open onClose={onClose} labelledBy={`${id}-title`}>
      <form
        className="stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const found = reasonProblem(reason);
          setProblem(found);
          if (!found) onConfirm(reason.trim());
        }}
      >
        <h2 id={`${id}-title`} className="staff-modal-title">
          {texts.title}
        </h2>
        <p>{texts.body}</p>
        <div className="field">
          <label htmlFor={`${id}-reason`}>{t("vendor.staff.reason")}</label>
          <span className="hint" id={`${id}-hint`}>
            {t("vendor.staff.reasonHint", { max: formatNumber(REASON_MAX) })}
          </span>
          <textarea
            id={`${id}-reason`}
            rows={4}
            dir="auto"
            value={reason}
            autoFocus
            aria-invalid={problem ? true : undefined}
            aria-describedby={`${id}-hint${problem ? ` ${id}-error` : ""}`}
            onChange={(event) => {
              setReason(event.target.value);
              if (problem) setProblem(null);
            }}
          />
          {problem && (
            <span className="field-error" id={`${id}-error`}>
              {problem === "required" ? t("vendor.staff.reasonRequired") : t("vendor.staff.reasonTooLong", { max: formatNumber(REASON_MAX) })}
            </span>
          )}
        </div>
        <ErrorNotice error={error} />
        <div className="row staff-modal-buttons">
          <button type="button" className="btn btn-secondary" onClick={onClose}>
            {t("staff.confirm.back")}
          </button>
          <button type="submit" className="btn btn-danger" disabled={busy}>
            {busy ? t("staff.busy") : texts.go}
          </button>
        </div>
      </form>
    </Modal>
  );
}
