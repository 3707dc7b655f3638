/** Pieces the VIP pages share: the ornament, the invitation card, the evening's facts. */
import type { ReactNode } from "react";
import { useI18n } from "../../../i18n";
import { isolate } from "../../../shared/lib/bidi";
import type { EventSummary } from "../../../api/schema";
import { useProblemText, useTimes } from "../hooks/common";
import { generalProblem } from "../lib/problems";
import type { Problem } from "../lib/problems";

/** An eight-pointed star: two squares turned on each other. */
export function Ornament({ size = 40 }: { size?: number }) {
  return (
    <svg
      className="vip-ornament"
      width={size}
      height={size}
      viewBox="0 0 40 40"
      aria-hidden="true"
      focusable="false"
    >
      <g fill="none" stroke="currentColor" strokeWidth="1.6">
        <rect x="8" y="8" width="24" height="24" />
        <rect x="8" y="8" width="24" height="24" transform="rotate(45 20 20)" />
        <circle cx="20" cy="20" r="4.5" />
      </g>
    </svg>
  );
}

/** A thin rule with the star in its middle. */
export function Divider() {
  return (
    <div className="vip-divider" aria-hidden="true">
      <span />
      <Ornament size={22} />
      <span />
    </div>
  );
}

/** The page: one invitation card, centred. */
export function VipPage({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  return (
    <main id="main" className={`page vip-page${wide ? " vip-page-wide" : ""}`}>
      <article className="vip-card">{children}</article>
    </main>
  );
}

/** Date, hours and venue of the evening, in the venue's time zone. */
export function EventFacts({ event }: { event: EventSummary }) {
  const { t } = useI18n();
  const times = useTimes(event.venue.time_zone);
  const where = [event.venue.name, event.venue.city].filter(Boolean);
  return (
    <dl className="vip-facts">
      <div>
        <dt>{t("vip.event.date")}</dt>
        <dd>{times.date(event.starts_at)}</dd>
      </div>
      <div>
        <dt>{t("vip.event.time")}</dt>
        <dd>{times.hours(event.starts_at, event.ends_at)}</dd>
      </div>
      {where.length > 0 && (
        <div>
          <dt>{t("vip.event.place")}</dt>
          <dd>
            <VenueText venue={event.venue} />
          </dd>
        </div>
      )}
    </dl>
  );
}

/** An event's name in its own language (read with the right voice inside a page in the other). */
export function EventName({ name, language }: { name: string; language?: string }) {
  return <bdi lang={language || undefined}>{name}</bdi>;
}

/** "Venue, City" (either may be missing), each kept whole whatever its script. */
export function VenueText({ venue }: { venue: EventSummary["venue"] }) {
  const { t } = useI18n();
  if (venue.name && venue.city)
    return (
      <>
        {t("vip.event.where", { venue: isolate(venue.name), city: isolate(venue.city) })}
      </>
    );
  return <>{venue.name || venue.city}</>;
}

/** A problem said in the page's language, announced as an alert. */
export function ProblemNotice({
  problem,
  children,
}: {
  problem: Problem | null;
  children?: ReactNode;
}) {
  const text = useProblemText();
  if (!problem) return null;
  return (
    <div className="notice notice-error vip-notice" role="alert">
      <span>{text(problem)}</span>
      {children}
    </div>
  );
}

/** A failed call in the page's language, with a way to try again when there is one. */
export function VipErrorNotice({
  error,
  onRetry,
  describe = generalProblem,
}: {
  error: unknown;
  onRetry?: () => void;
  describe?: (error: unknown) => Problem;
}) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <ProblemNotice problem={describe(error)}>
      {onRetry && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          {t("common.retry")}
        </button>
      )}
    </ProblemNotice>
  );
}
