/**
 * Write to the organisers: checks before sending (the server checks again), the server's
 * objections under their fields, a thank-you once sent, and a rate limit's wait counted
 * down. The "website" field is a honeypot: off-screen, hidden from assistive technology and
 * out of the tab order, so only a bot fills it (and the server refuses what it sends).
 */
import { useEffect, useId, useRef, useState } from "react";
import type { FormEvent } from "react";
import { TextAreaField, TextField } from "../../../components/Field";
import { useI18n } from "../../../i18n";
import type { MessageKey } from "../../../i18n";
import { formatClock, localDigits, secondsUntil } from "../../../shared/lib/clock";
import { sendContact } from "../api";
import { checkContact, CONTACT_LIMITS, contactBody, contactRefusal, EMPTY_CONTACT } from "../lib/contact";
import type { ContactField, ContactForm as Form, ContactProblem } from "../lib/contact";

const PROBLEMS: Record<ContactField, Partial<Record<ContactProblem, MessageKey>>> = {
  name: { required: "festival.contact.nameRequired", tooLong: "festival.contact.tooLong" },
  email: { required: "festival.contact.emailRequired", email: "festival.contact.emailInvalid" },
  subject: { tooLong: "festival.contact.tooLong" },
  message: {
    required: "festival.contact.messageRequired",
    tooShort: "festival.contact.messageShort",
    tooLong: "festival.contact.tooLong",
  },
};

const ORDER: ContactField[] = ["name", "email", "subject", "message"];

export function ContactForm({ slug, eventName }: { slug: string; eventName: string }) {
  const { t, lang } = useI18n();
  const id = useId();
  const [form, setForm] = useState<Form>(EMPTY_CONTACT);
  const [errors, setErrors] = useState<Partial<Record<ContactField, string>>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const [waitUntil, setWaitUntil] = useState<number | null>(null);
  const [, tick] = useState(0);
  const doneRef = useRef<HTMLHeadingElement>(null);

  const waiting = waitUntil !== null ? secondsUntil(waitUntil) : 0;
  useEffect(() => {
    if (waitUntil === null) return;
    const timer = setInterval(() => {
      if (secondsUntil(waitUntil) <= 0) setWaitUntil(null);
      tick((value) => value + 1);
    }, 1000);
    return () => clearInterval(timer);
  }, [waitUntil]);

  useEffect(() => {
    if (sent) doneRef.current?.focus();
  }, [sent]);

  const set = (field: keyof Form) => (value: string) => {
    setForm((old) => ({ ...old, [field]: value }));
    if (field !== "website") setErrors((old) => ({ ...old, [field]: undefined }));
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setGeneral(null);
    const problems = checkContact(form);
    const shown: Partial<Record<ContactField, string>> = {};
    for (const field of ORDER) {
      const problem = problems[field];
      const key = problem && PROBLEMS[field][problem];
      if (key) shown[field] = t(key, { max: CONTACT_LIMITS[field] });
    }
    setErrors(shown);
    const first = ORDER.find((field) => shown[field]);
    if (first) {
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      await sendContact(slug, contactBody(form));
      setSent(true);
      setForm(EMPTY_CONTACT);
    } catch (error) {
      const refusal = contactRefusal(error);
      if (refusal.kind === "fields") {
        setErrors(refusal.fields);
        if (refusal.other) setGeneral(refusal.other);
        const firstServer = ORDER.find((field) => refusal.fields[field]);
        if (firstServer) document.getElementById(`${id}-${firstServer}`)?.focus();
      } else if (refusal.kind === "rateLimited") {
        setWaitUntil(Date.now() + (refusal.retryAfter ?? 60) * 1000);
      } else if (refusal.kind === "spam") {
        setGeneral(t("festival.contact.spam"));
      } else {
        setGeneral(error instanceof TypeError ? t("common.networkError") : t("festival.contact.failed"));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <section id="festival-contact" className="festival-section" aria-labelledby="festival-contact-title">
      <h2 id="festival-contact-title">{t("festival.contact.title")}</h2>
      {sent ? (
        <div className="card festival-contact-done" data-testid="contact-sent">
          <h3 className="festival-h3" tabIndex={-1} ref={doneRef}>
            <span aria-hidden="true">✓</span> {t("festival.contact.sentTitle")}
          </h3>
          <p>{t("festival.contact.sentBody", { event: eventName })}</p>
          <button type="button" className="btn btn-secondary" onClick={() => setSent(false)}>
            {t("festival.contact.another")}
          </button>
        </div>
      ) : (
        <form className="card festival-contact" onSubmit={submit} noValidate data-testid="contact-form">
          <p className="muted festival-contact-intro">{t("festival.contact.intro")}</p>
          <div className="festival-contact-grid">
            <TextField
              id={`${id}-name`}
              label={t("festival.contact.name")}
              value={form.name}
              onChange={(change) => set("name")(change.target.value)}
              autoComplete="name"
              maxLength={CONTACT_LIMITS.name}
              required
              error={errors.name}
              dir="auto"
            />
            <TextField
              id={`${id}-email`}
              label={t("festival.contact.email")}
              type="email"
              value={form.email}
              onChange={(change) => set("email")(change.target.value)}
              autoComplete="email"
              maxLength={CONTACT_LIMITS.email}
              required
              error={errors.email}
              dir="ltr"
            />
          </div>
          <TextField
            id={`${id}-subject`}
            label={
              <>
                {t("festival.contact.subject")} <span className="muted">{t("festival.contact.optional")}</span>
              </>
            }
            value={form.subject}
            onChange={(change) => set("subject")(change.target.value)}
            maxLength={CONTACT_LIMITS.subject}
            error={errors.subject}
            dir="auto"
          />
          <TextAreaField
            id={`${id}-message`}
            label={t("festival.contact.message")}
            value={form.message}
            rows={5}
            onChange={(change) => set("message")(change.target.value)}
            maxLength={CONTACT_LIMITS.message}
            required
            error={errors.message}
            dir="auto"
          />
          <div className="festival-hp" aria-hidden="true">
            <label htmlFor={`${id}-website`}>{t("festival.contact.website")}</label>
            <input
              id={`${id}-website`}
              name="website"
              type="text"
              tabIndex={-1}
              autoComplete="off"
              value={form.website}
              onChange={(change) => set("website")(change.target.value)}
              data-testid="contact-website"
            />
          </div>
          {general && (
            <div className="notice notice-error" role="alert" data-testid="contact-error">
              {general}
            </div>
          )}
          {waiting > 0 && (
            <div className="notice notice-warn" role="status" data-testid="contact-wait">
              {t("festival.contact.rateLimited", { time: formatClock(waiting, localDigits(lang)) })}
            </div>
          )}
          <div>
            <button type="submit" className="btn" disabled={busy || waiting > 0}>
              {busy ? t("festival.contact.sending") : t("festival.contact.send")}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
