/** A set's status when it is not plainly scheduled: a word and a symbol (never colour alone), and its note. */
import { useI18n } from "../../../i18n";
import type { Performance } from "../api";
import { localized } from "../lib/programme";

export function SetStatusBadge({ item }: { item: Performance }) {
  const { t } = useI18n();
  if (item.status === "delayed") {
    return (
      <span className="festival-status festival-status-delayed" data-status="delayed">
        <span aria-hidden="true">⏱</span> {t("festival.status.delayed")}
      </span>
    );
  }
  if (item.status === "cancelled") {
    return (
      <span className="festival-status festival-status-cancelled" data-status="cancelled">
        <span aria-hidden="true">✕</span> {t("festival.status.cancelled")}
      </span>
    );
  }
  return null;
}

export function SetNote({ item }: { item: Performance }) {
  const { lang } = useI18n();
  const note = localized(lang, item.note, item.note_ar);
  if (!note) return null;
  return (
    <p className="festival-set-note" lang={lang === "ar" && item.note_ar ? "ar" : "en"}>
      {note}
    </p>
  );
}
