/**
 * The page's words in English and Arabic: tagline, description, the FAQ and the links.
 * One Save sends them all (the FAQ and links replace the old lists whole, in this order);
 * the server's objections land under their fields, row by row.
 */
import { useId, useState } from "react";
import type { FormEvent } from "react";
import { TextField } from "../../../components/Field";
import { ErrorNotice } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import { loadContent, saveContent } from "../api/content";
import type { Faq, Link, StaffContent } from "../api/content";
import { useStaffEvent } from "../hooks/useStaffEvent";
import { move } from "../lib/content";
import { BilingualField, fieldErrorsOf, StatusLine, useLangTags, useStaffLoad, Waiting } from "./ContentParts";

interface Texts {
  tagline: string;
  tagline_ar: string;
  description: string;
  description_ar: string;
  faq: Faq[];
  links: Link[];
}

/** A row's key in the page: server rows keep their id, new ones get a local one. */
type Keyed<T> = T & { key: string };

let counter = 0;
const newKey = () => `new-${(counter += 1)}`;

function textsOf(content: StaffContent): { texts: Texts; faqKeys: string[]; linkKeys: string[] } {
  return {
    texts: {
      tagline: content.tagline,
      tagline_ar: content.tagline_ar,
      description: content.description,
      description_ar: content.description_ar,
      faq: content.faq.map(({ question, question_ar, answer, answer_ar }) => ({ question, question_ar, answer, answer_ar })),
      links: content.links.map(({ label, label_ar, url }) => ({ label, label_ar, url })),
    },
    faqKeys: content.faq.map((entry) => `faq-${entry.id}`),
    linkKeys: content.links.map((link) => `link-${link.id}`),
  };
}

export default function ContentTexts() {
  const event = useStaffEvent();
  const content = useStaffLoad((signal) => loadContent(event.slug, signal), event.slug);
  if (!content.data) return <Waiting loads={[content]} />;
  return <TextsForm key={content.data.updated_at ?? "new"} content={content.data} />;
}

function TextsForm({ content }: { content: StaffContent }) {
  const { t, formatDateTime, formatNumber } = useI18n();
  const event = useStaffEvent();
  const id = useId();
  const tags = useLangTags();
  const initial = textsOf(content);
  const [saved, setSaved] = useState<Texts>(initial.texts);
  const [texts, setTexts] = useState<Texts>(initial.texts);
  const [faqKeys, setFaqKeys] = useState<string[]>(initial.faqKeys);
  const [linkKeys, setLinkKeys] = useState<string[]>(initial.linkKeys);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const errors = fieldErrorsOf(error);
  const dirty = JSON.stringify(saved) !== JSON.stringify(texts);

  const set = (field: "tagline" | "tagline_ar" | "description" | "description_ar", value: string) => {
    setTexts((old) => ({ ...old, [field]: value }));
    setDone(null);
  };
  const setRow = <K extends "faq" | "links">(list: K, index: number, patch: Partial<Texts[K][number]>) => {
    setTexts((old) => ({ ...old, [list]: old[list].map((row, at) => (at === index ? { ...row, ...patch } : row)) }));
    setDone(null);
  };
  const faq: Keyed<Faq>[] = texts.faq.map((row, index) => ({ ...row, key: faqKeys[index] }));
  const links: Keyed<Link>[] = texts.links.map((row, index) => ({ ...row, key: linkKeys[index] }));

  function moveRow(list: "faq" | "links", index: number, step: -1 | 1) {
    setTexts((old) => ({ ...old, [list]: move(old[list] as unknown[], index, step) }));
    if (list === "faq") setFaqKeys((keys) => move(keys, index, step));
    else setLinkKeys((keys) => move(keys, index, step));
    setDone(null);
  }
  function removeRow(list: "faq" | "links", index: number) {
    setTexts((old) => ({ ...old, [list]: (old[list] as unknown[]).filter((_, at) => at !== index) }));
    if (list === "faq") setFaqKeys((keys) => keys.filter((_, at) => at !== index));
    else setLinkKeys((keys) => keys.filter((_, at) => at !== index));
    setDone(null);
  }
  function addFaq() {
    setTexts((old) => ({ ...old, faq: [...old.faq, { question: "", question_ar: "", answer: "", answer_ar: "" }] }));
    const key = newKey();
    setFaqKeys((keys) => [...keys, key]);
    setTimeout(() => document.getElementById(`${id}-${key}-question`)?.focus());
  }
  function addLink() {
    setTexts((old) => ({ ...old, links: [...old.links, { label: "", label_ar: "", url: "" }] }));
    const key = newKey();
    setLinkKeys((keys) => [...keys, key]);
    setTimeout(() => document.getElementById(`${id}-${key}-label`)?.focus());
  }

  async function submit(form: FormEvent) {
    form.preventDefault();
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const answer = await saveContent(event.slug, {
        tagline: texts.tagline.trim(),
        tagline_ar: texts.tagline_ar.trim(),
        description: texts.description.trim(),
        description_ar: texts.description_ar.trim(),
        faq: texts.faq.map((row) => ({ ...row, question: row.question.trim(), answer: row.answer.trim() })),
        links: texts.links.map((row) => ({ ...row, label: row.label.trim(), url: row.url.trim() })),
      });
      const next = textsOf(answer);
      setSaved(next.texts);
      setTexts(next.texts);
      setFaqKeys(next.faqKeys);
      setLinkKeys(next.linkKeys);
      setDone(t("content.saved", { time: formatDateTime(answer.updated_at ?? new Date().toISOString(), { dateStyle: undefined, timeStyle: "short" }) }));
    } catch (caught) {
      setError(caught);
      const first = document.querySelector<HTMLElement>(".content-texts [aria-invalid='true']");
      setTimeout(() => (document.querySelector<HTMLElement>(".content-texts [aria-invalid='true']") ?? first)?.focus());
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="content-texts stack" onSubmit={submit} noValidate data-testid="content-texts">
      <section className="card stack" aria-labelledby={`${id}-page`}>
        <h2 id={`${id}-page`} className="staff-card-title">
          {t("content.texts.page")}
        </h2>
        <BilingualField
          id={`${id}-tagline`}
          label={t("content.texts.tagline")}
          en={texts.tagline}
          ar={texts.tagline_ar}
          onEn={(value) => set("tagline", value)}
          onAr={(value) => set("tagline_ar", value)}
          error={errors.tagline}
          errorAr={errors.tagline_ar}
          maxLength={200}
        />
        <BilingualField
          id={`${id}-description`}
          label={t("content.texts.description")}
          en={texts.description}
          ar={texts.description_ar}
          onEn={(value) => set("description", value)}
          onAr={(value) => set("description_ar", value)}
          error={errors.description}
          errorAr={errors.description_ar}
          hint={t("content.texts.paragraphs")}
          hintAr={t("content.texts.arabicHint")}
          maxLength={10000}
          textarea
          rows={7}
        />
      </section>

      <section className="card stack" aria-labelledby={`${id}-faq`}>
        <h2 id={`${id}-faq`} className="staff-card-title">
          {t("content.texts.faq")}
        </h2>
        {faq.length === 0 && <p className="muted staff-flush">{t("content.texts.noFaq")}</p>}
        <ol className="content-rows">
          {faq.map((row, index) => (
            <li key={row.key} className="content-row" data-testid={`faq-row-${index}`}>
              <fieldset>
                <legend>{t("content.texts.question", { n: formatNumber(index + 1) })}</legend>
                <BilingualField
                  id={`${id}-${row.key}-question`}
                  label={t("content.texts.questionLabel")}
                  en={row.question}
                  ar={row.question_ar}
                  onEn={(value) => setRow("faq", index, { question: value })}
                  onAr={(value) => setRow("faq", index, { question_ar: value })}
                  error={errors[`faq.${index}.question`]}
                  errorAr={errors[`faq.${index}.question_ar`]}
                  maxLength={300}
                />
                <BilingualField
                  id={`${id}-${row.key}-answer`}
                  label={t("content.texts.answer")}
                  en={row.answer}
                  ar={row.answer_ar}
                  onEn={(value) => setRow("faq", index, { answer: value })}
                  onAr={(value) => setRow("faq", index, { answer_ar: value })}
                  error={errors[`faq.${index}.answer`]}
                  errorAr={errors[`faq.${index}.answer_ar`]}
                  maxLength={4000}
                  textarea
                />
                <RowButtons
                  index={index}
                  count={faq.length}
                  name={row.question || t("content.texts.question", { n: formatNumber(index + 1) })}
                  onMove={(step) => moveRow("faq", index, step)}
                  onRemove={() => removeRow("faq", index)}
                />
              </fieldset>
            </li>
          ))}
        </ol>
        <div>
          <button type="button" className="btn btn-secondary" onClick={addFaq}>
            {t("content.texts.addFaq")}
          </button>
        </div>
      </section>

      <section className="card stack" aria-labelledby={`${id}-links`}>
        <h2 id={`${id}-links`} className="staff-card-title">
          {t("content.texts.links")}
        </h2>
        {links.length === 0 && <p className="muted staff-flush">{t("content.texts.noLinks")}</p>}
        <ol className="content-rows">
          {links.map((row, index) => (
            <li key={row.key} className="content-row" data-testid={`link-row-${index}`}>
              <fieldset>
                <legend>{t("content.texts.link", { n: formatNumber(index + 1) })}</legend>
                <div className="content-link-fields">
                  <TextField
                    id={`${id}-${row.key}-label`}
                    label={`${t("content.texts.linkLabel")} ${tags.en}`}
                    value={row.label}
                    maxLength={100}
                    onChange={(change) => setRow("links", index, { label: change.target.value })}
                    error={errors[`links.${index}.label`]}
                    dir="ltr"
                  />
                  <TextField
                    id={`${id}-${row.key}-label-ar`}
                    label={`${t("content.texts.linkLabel")} ${tags.ar}`}
                    value={row.label_ar}
                    maxLength={100}
                    onChange={(change) => setRow("links", index, { label_ar: change.target.value })}
                    error={errors[`links.${index}.label_ar`]}
                    dir="rtl"
                    lang="ar"
                  />
                  <TextField
                    id={`${id}-${row.key}-url`}
                    label={t("content.texts.url")}
                    type="url"
                    inputMode="url"
                    placeholder="https://"
                    value={row.url}
                    maxLength={500}
                    onChange={(change) => setRow("links", index, { url: change.target.value })}
                    error={errors[`links.${index}.url`]}
                    dir="ltr"
                  />
                </div>
                <RowButtons
                  index={index}
                  count={links.length}
                  name={row.label || t("content.texts.link", { n: formatNumber(index + 1) })}
                  onMove={(step) => moveRow("links", index, step)}
                  onRemove={() => removeRow("links", index)}
                />
              </fieldset>
            </li>
          ))}
        </ol>
        <div>
          <button type="button" className="btn btn-secondary" onClick={addLink}>
            {t("content.texts.addLink")}
          </button>
        </div>
      </section>

      <div className="content-savebar">
        <button type="submit" className="btn" disabled={busy || !dirty}>
          {busy ? t("staff.busy") : t("content.save")}
        </button>
        {dirty && !busy && <span className="muted small">{t("content.unsaved")}</span>}
        {error !== null && Object.keys(errors).length > 0 ? (
          <p className="content-status" role="alert">
            <span className="content-status-error">{t("content.fixFields")}</span>
          </p>
        ) : (
          <StatusLine done={done} error={error} testId="texts-status" />
        )}
      </div>
      {error !== null && Object.keys(errors).length === 0 && <ErrorNotice error={error} />}
    </form>
  );
}

function RowButtons({
  index,
  count,
  name,
  onMove,
  onRemove,
}: {
  index: number;
  count: number;
  name: string;
  onMove: (step: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { t } = useI18n();
  return (
    <div className="row content-row-buttons">
      <button
        type="button"
        className="btn btn-secondary btn-small"
        disabled={index === 0}
        onClick={() => onMove(-1)}
        aria-label={t("content.moveUpLabel", { name })}
      >
        <span aria-hidden="true">↑</span> {t("content.moveUp")}
      </button>
      <button
        type="button"
        className="btn btn-secondary btn-small"
        disabled={index === count - 1}
        onClick={() => onMove(1)}
        aria-label={t("content.moveDownLabel", { name })}
      >
        <span aria-hidden="true">↓</span> {t("content.moveDown")}
      </button>
      <button
        type="button"
        className="btn btn-secondary btn-small staff-btn-danger-text"
        onClick={onRemove}
        aria-label={t("content.removeLabel", { name })}
      >
        {t("content.remove")}
      </button>
    </div>
  );
}
