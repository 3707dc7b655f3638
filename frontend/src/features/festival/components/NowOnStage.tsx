/** Per stage: the set on now and the next one, by the clock and the live schedule. */
import { useI18n } from "../../../i18n";
import { festivalDay, formatDay, formatTime } from "../../../shared/lib/zone";
import type { MapStage, Performance } from "../api";
import { localized, nowAndNext } from "../lib/programme";
import { SetNote, SetStatusBadge } from "./SetStatus";

export function NowOnStage({
  items,
  now,
  timeZone,
  stages,
}: {
  items: Performance[];
  now: number;
  timeZone: string;
  stages: MapStage[];
}) {
  const { t, lang } = useI18n();
  const perStage = nowAndNext(items, now, stages);
  if (perStage.length === 0) return null;
  const today = festivalDay(now, timeZone);
  const when = (item: Performance) => {
    const time = formatTime(lang, item.starts_at, timeZone);
    const day = festivalDay(item.starts_at, timeZone);
    return day === today ? time : `${formatDay(lang, day)}${t("festival.comma")}${time}`;
  };
  const title = (item: Performance) => localized(lang, item.title, item.title_ar);
  // Before the doors open (or between days) no stage is live: say what comes first instead.
  const live = perStage.some((stage) => stage.now !== null);
  return (
    <div className="festival-now" aria-labelledby="festival-now-title" role="region" data-testid="now-on-stage">
      <h3 id="festival-now-title" className="festival-h3">
        {live ? t("festival.now.title") : t("festival.now.comingUp")}
      </h3>
      <ul className="festival-now-list">
        {perStage.map(({ stage, now: current, next }) => (
          <li key={stage.id} className="festival-now-card" data-stage={stage.id}>
            <p className="festival-now-stage">{localized(lang, stage.name, stage.name_ar)}</p>
            {live && (
              <div className="festival-now-row" data-testid="now">
                <span className={`festival-now-label${current ? " is-live" : ""}`}>
                  {current && <span className="festival-live-dot" aria-hidden="true" />}
                  {t("festival.now.now")}
                </span>
                {current ? (
                  <span className="festival-now-what">
                    <strong>{title(current)}</strong>{" "}
                    <span className="muted">
                      {t("festival.now.until", { time: formatTime(lang, current.ends_at, timeZone) })}
                    </span>{" "}
                    <SetStatusBadge item={current} />
                  </span>
                ) : (
                  <span className="muted">{t("festival.now.nothing")}</span>
                )}
              </div>
            )}
            <div className="festival-now-row" data-testid="next">
              <span className="festival-now-label">{t("festival.now.next")}</span>
              {next ? (
                <span className="festival-now-what">
                  <strong>{title(next)}</strong>{" "}
                  <span className="muted">{t("festival.now.at", { time: when(next) })}</span>{" "}
                  <SetStatusBadge item={next} />
                  <SetNote item={next} />
                </span>
              ) : (
                <span className="muted">{t("festival.now.none")}</span>
              )}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
