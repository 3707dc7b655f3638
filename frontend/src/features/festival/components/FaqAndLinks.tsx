/** Questions people ask (each opens on a tap) and the festival's links. */
import { useI18n } from "../../../i18n";
import type { ContentLink, FaqEntry } from "../api";
import { localized } from "../lib/programme";
import { safeUrl } from "../lib/sponsors";

export function FaqAndLinks({ faq, links }: { faq: FaqEntry[]; links: ContentLink[] }) {
  const { t, lang } = useI18n();
  const usable = links.filter((link) => safeUrl(link.url));
  return (
    <section id="festival-faq" className="festival-section festival-faq-links" aria-labelledby="festival-faq-title">
      <div className="festival-faq">
        <h2 id="festival-faq-title">{t("festival.faq.title")}</h2>
        {faq.length === 0 && <p className="muted">{t("festival.faq.none")}</p>}
        {faq.map((entry) => (
          <details key={entry.id} className="festival-question" data-testid={`faq-${entry.id}`}>
            <summary lang={lang === "ar" && entry.question_ar ? "ar" : "en"}>
              {localized(lang, entry.question, entry.question_ar)}
            </summary>
            <div className="festival-answer" lang={lang === "ar" && entry.answer_ar ? "ar" : "en"}>
              {localized(lang, entry.answer, entry.answer_ar)
                .split(/\n{2,}/)
                .map((paragraph, index) => (
                  <p key={index}>{paragraph}</p>
                ))}
            </div>
          </details>
        ))}
      </div>
      {usable.length > 0 && (
        <div className="festival-links">
          <h2 className="festival-links-title">{t("festival.links.title")}</h2>
          <ul>
            {usable.map((link) => (
              <li key={link.id}>
                <a href={safeUrl(link.url)!} target="_blank" rel="noopener">
                  {localized(lang, link.label, link.label_ar)}
                  <span aria-hidden="true" className="festival-external">
                    ↗
                  </span>
                  <span className="visually-hidden">{t("festival.newTab")}</span>
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
