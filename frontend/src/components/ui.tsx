/** Small pieces every page uses: loading and error states, titles, the not-found page. */
import { useEffect } from "react";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { ApiError } from "../api/client";
import { useI18n } from "../i18n";

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t("common.loading")}
    </div>
  );
}

/** The message to show for a failed call: the server's own text, or a network notice. */
export function useErrorText(): (error: unknown) => string {
  const { t } = useI18n();
  return (error) => {
    if (error instanceof ApiError) {
      if (error.code === "rate_limited" && error.retryAfter)
        return t("common.retryAfter", { seconds: Math.ceil(error.retryAfter) });
      return error.message || t("common.error");
    }
    if (error instanceof TypeError) return t("common.networkError");
    return t("common.error");
  };
}

export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const text = useErrorText();
  if (!error) return null;
  return (
    <div className="notice notice-error" role="alert">
      <span>{text(error)}</span>
      {onRetry && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          {t("common.retry")}
        </button>
      )}
    </div>
  );
}

/** Sets the document title and renders the page's one h1. */
export function PageTitle({ children, title }: { children: ReactNode; title: string }) {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${title} · ${t("app.name")}`;
  }, [title, t]);
  return <h1 className="page-title">{children}</h1>;
}

export function NotFound() {
  const { t } = useI18n();
  return (
    <main className="page narrow" id="main">
      <PageTitle title={t("common.notFound")}>{t("common.notFound")}</PageTitle>
      <Link className="btn" to="/">
        {t("common.home")}
      </Link>
    </main>
  );
}
