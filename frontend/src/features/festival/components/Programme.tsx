/** The programme: one festival day at a time (day buttons), its sets in a column per stage. */
import { useState } from "react";
import { useI18n } from "../../../i18n";
import { formatDay, formatTime } from "../../../shared/lib/zone";
import type { MapStage, Performance } from "../api";
import { groupByDay, groupByStage, initialDay, localized, phaseOf } from "../lib/programme";
import { SetNote, SetStatusBadge } from "./SetStatus";

export function Programme({
  items,
  now,
  timeZone,
  stages,
  changed,
}: {
  items: Performance[];
  now: number;
  timeZone: string;
  stages: MapStage[];
  changed: ReadonlySet<number>;
}) {
  const { t, lang } = useI18n();
  const days = groupByDay(items, timeZone);
  const [chosen, setChosen] = useState<string | null>(null);
  if (days.length === 0) return <p className="empty-state festival-empty">{t("festival.programme.empty")}</p>;
  const current = days.find((day) => day.date === chosen) ?? days.find((day) => day.date === initialDay(days, now, timeZone))!;
  const columns = groupByStage(current.items, stages);
  const time = (iso: string) => formatTime(lang, iso, timeZone);
  return (
    <div className="festival-programme" data-testid="programme">
      {days.length > 1 && (
        <div className="festival-days" role="group" aria-label={t("festival.programme.days")}>
          {days.map((day) => (
            <button
              key={day.date}
              type="button"
              className="festival-day"
              aria-pressed={day.date === current.date}
              data-day={day.date}
              onClick={() => setChosen(day.date)}
            >
              {formatDay(lang, day.date)}
            </button>
          ))}
        </div>
      )}
      {days.length === 1 && <p className="festival-one-day">{formatDay(lang, current.date, { weekday: "long", month: "long" })}</p>}
      <div className="festival-stages" style={{ ["--stages" as string]: String(Math.min(columns.length, 4)) }}>
        {columns.map(({ stage, items: sets }) => (
          <section key={stage.id} className="festival-stage" aria-labelledby={`stage-${stage.id}-title`} data-stage={stage.id}>
            <h3 id={`stage-${stage.id}-title`} className="festival-h3 festival-stage-title">
              {localized(lang, stage.name, stage.name_ar)}
            </h3>
            <ol className="festival-sets">
              {sets.map((item) => {
                const phase = phaseOf(item, now);
                const live = phase === "live" && item.status !== "cancelled";
                return (
                  <li
                    key={item.id}
                    className={`festival-set is-${phase} is-${item.status}${changed.has(item.id) ? " is-changed" : ""}`}
                    data-testid={`set-${item.id}`}
                    data-status={item.status}
                  >
                    <p className="festival-set-time">
                      <time dateTime={item.starts_at}>{time(item.starts_at)}</time>
                      {"–"}
                      <time dateTime={item.ends_at}>{time(item.ends_at)}</time>
                      {live && (
                        <span className="festival-on-now">
                          <span className="festival-live-dot" aria-hidden="true" /> {t("festival.programme.onNow")}
                        </span>
                      )}
                    </p>
                    <p className="festival-set-title" lang={lang === "ar" && item.title_ar ? "ar" : "en"}>
                      {localized(lang, item.title, item.title_ar)}
                    </p>
                    {item.performers.length > 0 && (
                      <p className="festival-set-performers muted">
                        {item.performers.map((name, index) => (
                          <span key={index}>
                            {index > 0 && t("festival.comma")}
                            <bdi>{name}</bdi>
                          </span>
                        ))}
                      </p>
                    )}
                    {item.status !== "scheduled" && (
                      <div className="festival-set-status">
                        <SetStatusBadge item={item} />
                      </div>
                    )}
                    <SetNote item={item} />
                  </li>
                );
              })}
            </ol>
          </section>
        ))}
      </div>
    </div>
  );
}
