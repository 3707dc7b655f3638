/**
 * What visitors wrote through the contact form, newest first and paged: open ones by
 * default; "Mark handled" once answered (by e-mail, from the staff member's own mailbox).
 */
import { useId, useState } from "react";
import { ErrorNotice, Loading } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import { loadMessages, markHandled } from "../api/content";
import type { ContactMessage, MessageFilter } from "../api/content";
import { useStaffEvent } from "../hooks/useStaffEvent";
import { useVenueTime } from "./parts";
import { StatusLine, useAction, useStaffLoad } from "./ContentParts";

export default function ContentMessages() {
  const { t, formatNumber } = useI18n();
  const event = useStaffEvent();
  const id = useId();
  const { dateTime } = useVenueTime(event.venue?.time_zone);
  const [filter, setFilter] = useState<MessageFilter>("open");
  const [page, setPage] = useState(1);
  const { data, setData, error, reload } = useStaffLoad(
    (signal) => loadMessages(event.slug, filter, page, signal),
    `${event.slug}|${filter}|${page}`,
  );
  const { busy, error: actionError, done, run } = useAction();

  function handle(message: ContactMessage) {
    return run(`handle-${message.id}`, async () => {
      const answer = await markHandled(message.id);
      setData((old) => (old ? { ...old, results: old.results.map((row) => (row.id === message.id ? { ...row, handled_at: answer.handled_at } : row)) } : old));
      return t("content.messages.handledDone", { name: message.name });
    });
  }

  const filters: { value: MessageFilter; label: string }[] = [
    { value: "open", label: t("content.messages.open") },
    { value: "handled", label: t("content.messages.handled") },
    { value: "all", label: t("content.messages.all") },
  ];

  return (
    <section className="stack" aria-labelledby={`${id}-title`}>
      <div className="content-messages-head">
        <h2 id={`${id}-title`} className="staff-card-title staff-flush">
          {t("content.messages.title")}
          {data && <span className="muted"> ({formatNumber(data.count)})</span>}
        </h2>
        <div className="content-segmented" role="group" aria-label={t("content.messages.show")}>
          {filters.map((option) => (
            <button
              key={option.value}
              type="button"
              aria-pressed={filter === option.value}
              onClick={() => {
                setFilter(option.value);
                setPage(1);
              }}
            >
              {option.label}
            </button>
          ))}
        </div>
      </div>
      {error ? <ErrorNotice error={error} onRetry={reload} /> : null}
      {!data && !error && <Loading />}
      {data && data.results.length === 0 && <p className="card muted">{t("content.messages.none")}</p>}
      {data && data.results.length > 0 && (
        <ul className="content-messages staff-plain-list" data-testid="messages-list">
          {data.results.map((message) => (
            <li key={message.id} className={`card content-message${message.handled_at ? " is-handled" : ""}`} data-testid={`message-${message.id}`}>
              <div className="content-message-head">
                <div>
                  <p className="staff-strong staff-flush">
                    <bdi>{message.name}</bdi>
                  </p>
                  <a href={`mailto:${message.email}${message.subject ? `?subject=${encodeURIComponent(`Re: ${message.subject}`)}` : ""}`} dir="ltr">
                    {message.email}
                  </a>
                </div>
                <time className="muted small" dateTime={message.received_at}>
                  {dateTime(message.received_at)}
                </time>
              </div>
              {message.subject && (
                <p className="staff-strong staff-flush" dir="auto">
                  {message.subject}
                </p>
              )}
              <p className="content-message-body" dir="auto">
                {message.message}
              </p>
              <div className="content-message-foot">
                {message.handled_at ? (
                  <span className="staff-status staff-status-confirmed">
                    <span aria-hidden="true">✓</span> {t("content.messages.handledAt", { time: dateTime(message.handled_at) })}
                  </span>
                ) : (
                  <button
                    type="button"
                    className="btn btn-small"
                    disabled={busy !== null}
                    onClick={() => void handle(message)}
                    aria-label={t("content.messages.markLabel", { name: message.name })}
                  >
                    {busy === `handle-${message.id}` ? t("staff.busy") : t("content.messages.mark")}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <StatusLine done={done} error={actionError} testId="messages-status" />
      {data && data.pages > 1 && (
        <nav className="row content-pager" aria-label={t("content.messages.pages")}>
          <button type="button" className="btn btn-secondary btn-small" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            {t("content.messages.previous")}
          </button>
          <span className="muted">{t("content.messages.page", { page: formatNumber(page), pages: formatNumber(data.pages) })}</span>
          <button type="button" className="btn btn-secondary btn-small" disabled={page >= data.pages} onClick={() => setPage(page + 1)}>
            {t("content.messages.next")}
          </button>
        </nav>
      )}
    </section>
  );
}
